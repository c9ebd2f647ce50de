"""Import and export of engagement records: all rows or none with every bad row named, the export's columns are the
import's so a year round-trips, and the ``gongkai engagement`` command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from gongkai.audit.models import AuditEntry
from gongkai.core.tabular import ImportRejected
from gongkai.engagement import tables
from gongkai.engagement.models import Consultation, OpinionEvent, PressEvent, Proposal
from gongkai.law.identifiers import make_uscc
from tests.engagement.conftest import TODAY

D = dt.date
MODELS = {"consultations": Consultation, "proposals": Proposal, "opinion": OpinionEvent, "press": PressEvent}
COMPARED = {
    "consultations": ("channel", "asked_on", "topic", "answered", "answered_on"),
    "proposals": tuple(f for f in tables.KINDS["proposals"].editable),
    "opinion": tables.KINDS["opinion"].editable,
    "press": tables.KINDS["press"].editable,
}


def _xlsx(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _import(agency, records, source):
    return tables.import_records(actor=None, agency=agency, kind=records, source=source, today=TODAY)


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_row(civil):
    source = _xlsx(
        [
            ["渠道", "咨询日期", "咨询事项", "是否答复", "答复日期"],
            ["电话", D(2026, 3, 2), "低保申请条件", "是", D(2026, 3, 2)],
            ["传真", D(2026, 3, 3), "养老补贴", "", ""],
            ["网上", "2026-02-30", "婚姻登记", "", ""],
            ["现场", D(2026, 3, 4), "", "否", ""],
            ["信函", D(2026, 3, 5), "殡葬补贴", "不知道", ""],
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(civil, "consultations", source)
    lines = {error.line: error.message for error in rejected.value.errors}
    assert set(lines) == {3, 4, 5, 6}
    assert "渠道“传真”无法识别（电话 / 网上 / 现场 / 信函）" in lines[3]
    assert "咨询日期" in lines[4] and "请填写咨询事项" in lines[5] and "是否答复“不知道”无法识别" in lines[6]
    assert "第 3 行" in str(rejected.value)
    assert not Consultation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="engagement.").exists()


def test_an_import_is_one_audit_entry_naming_the_rows(civil):
    source = _xlsx(
        [["类型", "日期", "主题"], ["新闻发布会", D(2026, 2, 20), "一季度"], ["在线访谈", D(2026, 7, 8), "访谈"]]
    )
    created = _import(civil, "press", source)
    entry = AuditEntry.objects.get(action="engagement.press.import")
    assert entry.agency_id == civil.pk and entry.changes == {"rows": 2, "ids": [obj.pk for obj in created]}


def test_proposals_import_reads_departments_by_alias_items_by_index_number_and_refuses_duplicates(
    civil, published_item
):
    published_item(civil, "X/A01-2026-00001")
    header = ["类型", "编号", "标题", "主办科室", "交办日期", "答复期限", "答复日期", "答复全文公开", "公开索引号"]
    good = ["人大代表建议", "001", "低保标准", "社救办", "2026-03-10", "", "2026-05-01", "", "x/a01-2026-00001"]
    created = _import(civil, "proposals", _xlsx([header, good]))
    proposal = created[0]
    assert proposal.lead_department.name == "社会救助科" and proposal.reply_item.index_number == "X/A01-2026-00001"
    assert proposal.reply_published and proposal.due_on == D(2026, 6, 10)
    rows = [
        header,
        ["政协委员提案", "7", "养老", "", "2026-03-10", "", "", "", ""],
        ["政协委员提案", "7", "养老（重复）", "", "2026-04-10", "", "", "", ""],
        ["人大代表建议", "001", "已登记", "", "2026-03-11", "", "", "", ""],
        ["人大代表建议", "002", "科室", "财务科", "2026-03-11", "", "", "", ""],
        ["人大代表建议", "003", "索引号", "", "2026-03-11", "", "2026-04-01", "是", "NOPE"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        _import(civil, "proposals", _xlsx(rows))
    lines = {error.line: error.message for error in rejected.value.errors}
    assert lines == {
        3: "编号“7”与第 2 行重复。",
        4: "本机关 2026 年已登记编号为“001”的人大代表建议。",
        5: "本机关没有名为“财务科”的科室。",
        6: "本机关没有索引号为“NOPE”的已发布信息。",
    }
    assert Proposal.objects.count() == 1


def test_csv_in_gbk_and_unknown_columns(civil):
    csv = "级别,发现日期,回应日期,来源,概要\n重大,2026/4/1,2026年4月2日,微博,养老院服务问题\n".encode("gbk")
    [event] = _import(civil, "opinion", io.BytesIO(csv))
    assert (event.level, event.first_seen, event.responded_on) == ("major", D(2026, 4, 1), D(2026, 4, 2))
    with pytest.raises(ImportRejected, match="无法识别的列：咨询人"):
        _import(civil, "consultations", io.BytesIO("渠道,咨询日期,咨询事项,咨询人\n".encode()))
    with pytest.raises(ImportRejected, match="文件中没有数据行"):
        _import(civil, "press", io.BytesIO("类型,日期,主题\n".encode()))


@pytest.mark.parametrize("records", list(MODELS))
def test_round_trip_export_then_import_gives_the_same_records(civil, county, make, published_item, records):
    item = published_item(civil, "X/A01-2026-00001")
    variants = {
        "consultations": [
            {"channel": "online", "answered": True, "answered_on": D(2026, 3, 4), "asker_name": "张三"},
            {"channel": "letter", "topic": "=SUM(A1:A2)"},  # stays text, never a formula
        ],
        "proposals": [
            {"lead_department": civil.departments.get(name="养老服务科"), "replied_on": D(2026, 5, 6)},
            {
                "number": "2026-002",
                "kind": "cppcc",
                "due_on": D(2026, 8, 1),
                "replied_on": D(2026, 5, 6),
                "reply_item": item,
            },
        ],
        "opinion": [{"level": "major", "responded_on": D(2026, 4, 2), "channel": "微博"}, {"summary": "第二件"}],
        "press": [{"speakers": "局长", "link": "https://www.example.cn/fbh/1.html"}, {"kind": "interview"}],
    }[records]
    for fields in variants:
        make(records, **fields)
    make(
        records,
        **{
            "consultations": {"asked_on": D(2025, 5, 1)},
            "proposals": {"received_on": D(2025, 5, 1)},
            "opinion": {"first_seen": D(2025, 5, 1)},
            "press": {"held_on": D(2025, 5, 1)},
        }[records],
    )
    model = MODELS[records]

    def snapshot():
        return sorted(model.objects.filter(agency=civil).values_list(*COMPARED[records]), key=str)

    this_year = sorted(
        model.objects.filter(agency=civil, **{f"{tables.KINDS[records].date_field}__year": 2026}).values_list(
            *COMPARED[records]
        ),
        key=str,
    )
    data = tables.export_xlsx(civil, records, 2026)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == [column.header for column in tables.COLUMNS[records]]
    assert sheet.max_row == 3  # last year's record is not in this year's export
    model.objects.all().delete()
    _import(civil, records, io.BytesIO(data))
    assert snapshot() == this_year


def test_the_export_leaves_out_the_name_of_the_person_asking(civil, make):
    make("consultations", asker_name="张三")
    data = tables.export_xlsx(civil, "consultations", 2026)
    cells = str([c.value for row in load_workbook(io.BytesIO(data)).active for c in row])
    assert "低保申请条件" in cells  # the record is exported …
    assert "张三" not in cells  # … without the name


def test_command_imports_and_exports(civil, tmp_path, make):
    make("press")
    out = tmp_path / "press.xlsx"
    stdout = io.StringIO()
    call_command(
        "engagement", "export", "press", "--agency", civil.credit_code, "--year", "2026", "-o", str(out), stdout=stdout
    )
    assert "已导出 江源市民政局 2026 年的 1 条新闻发布记录" in stdout.getvalue()
    PressEvent.objects.all().delete()
    call_command("engagement", "import", "press", str(out), "--agency", civil.credit_code, stdout=stdout)
    assert "已导入 1 条新闻发布记录到 江源市民政局" in stdout.getvalue()
    assert PressEvent.objects.get().topic == "第一季度例行新闻发布会"


def test_command_refusals_exit_with_chinese_messages(civil, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("类型,日期,主题\n演讲,2026-01-01,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行：类型“演讲”无法识别"):
        call_command("engagement", "import", "press", str(bad), "--agency", civil.credit_code)
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("engagement", "import", "press", str(tmp_path / "none.csv"), "--agency", civil.credit_code)
    with pytest.raises(CommandError, match="找不到统一社会信用代码"):
        call_command("engagement", "import", "press", str(bad), "--agency", make_uscc("91110000MA0000000"))
    assert not PressEvent.objects.exists()
