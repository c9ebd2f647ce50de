"""`gongkai import requests FILE --agency USCC`: a register in CSV or XLSX, all rows or none, every bad row named."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.tabular import ImportRejected
from gongkai.foi.importing import import_register
from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.selectors import year_counts
from gongkai.law.identifiers import make_resident_id, make_uscc

HEADER = [
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "申请内容",
    "补正通知日期",
    "补正收到日期",
    "延期工作日",
    "答复日期",
    "办理结果",
    "备注",
]
PERSON = make_resident_id("99010219700101001")
COMPANY = make_uscc("91990100MA0000001")
TODAY = dt.date(2026, 3, 31)

# A register over two years with carry-over, and what a person counts by hand from it (2021 template, section 三):
ROWS = [
    # 2025: five requests received
    [
        "2025-03-03",
        "网上",
        "自然人",
        "张三",
        PERSON,
        "13900000001",
        "低保名单",
        "",
        "",
        "",
        "2025-03-20",
        "予以公开",
        "",
    ],
    [
        "2025-06-10",
        "信函",
        "商业企业",
        "恒达公司",
        COMPANY,
        "0999-1",
        "养老机构许可",
        "",
        "",
        "",
        "2025-07-01",
        "部分公开",
        "",
    ],
    ["2025-09-01", "当面", "自然人", "李四", "", "", "某会议记录", "", "", "", "2025-09-15", "属于四类过程性信息", ""],
    [
        "2025-12-22",
        "网上",
        "自然人",
        "王五",
        "",
        "",
        "临时救助名单",
        "",
        "",
        "10",
        "2026-01-29",
        "本机关不掌握相关政府信息",
        "跨年办结",
    ],
    [
        "2025-12-29",
        "电子邮件",
        "法律服务机构",
        "正义律所",
        make_uscc("31990100MD0000002"),
        "",
        "行政处罚案卷",
        "",
        "",
        "",
        "",
        "",
        "结转至今",
    ],
    # 2026: three requests received
    [
        "2026-01-05",
        "网上",
        "自然人",
        "赵六",
        "",
        "",
        "殡葬收费标准",
        "2026-01-07",
        "2026-01-12",
        "",
        "2026-02-10",
        "予以公开",
        "",
    ],
    [
        "2026-02-02",
        "网上",
        "科研机构",
        "江源大学",
        make_uscc("12990100MB0000003"),
        "",
        "统计数据",
        "2026-02-04",
        "",
        "",
        "",
        "",
        "未补正",
    ],
    ["2026-03-02", "信函", "自然人", "钱七", "", "", "重复的申请", "", "", "", "2026-03-10", "重复申请", ""],
]


def _csv(rows, header=HEADER) -> io.BytesIO:
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))


def test_register_import_gives_the_hand_counted_figures(jurisdiction):
    civil = jurisdiction["civil"]
    created = import_register(actor=None, agency=civil, source=_csv(ROWS), today=TODAY)
    assert len(created) == 8
    by_name = {r.applicant.name: r for r in InfoRequest.objects.select_related("applicant")}
    assert by_name["正义律所"].state == "open"
    # 条例 第三十条: corrected on 1/12 → the clock restarts: 20 working days → 2/9; answered 2/10, a day late
    assert by_name["赵六"].state == "answered" and by_name["赵六"].due_on == dt.date(2026, 2, 9)
    # no correction within the default 15 working days after 2/4 → closed as （六）1
    assert (
        by_name["江源大学"].outcome == "other_no_correction" and by_name["江源大学"].state == "abandoned_no_correction"
    )
    assert by_name["王五"].outcome == "unavailable_not_held" and by_name["王五"].closed_on == dt.date(2026, 1, 29)
    assert RequestEvent.objects.filter(request=by_name["王五"], type="extension").get().data == {"workdays": 10}
    # 2025: new 5, carried in 0, closed 3, carried out 2 (王五 and 正义律所)
    assert year_counts(civil.pk, 2025) == (5, 0, 3, 2)
    # 2026: new 3, carried in 2, closed 4 (王五, 赵六, 江源大学, 钱七), carried out 1 (正义律所)
    assert year_counts(civil.pk, 2026) == (3, 2, 4, 1)


def test_one_bad_row_imports_nothing_and_names_it(jurisdiction):
    bad = [*ROWS[:3], ["2025-10-10", "飞鸽传书", "自然人", "孙八", "", "", "x", "", "", "", "", "", ""], *ROWS[3:]]
    with pytest.raises(ImportRejected) as caught:
        import_register(actor=None, agency=jurisdiction["civil"], source=_csv(bad), today=TODAY)
    assert [(e.line, "申请方式" in e.message) for e in caught.value.errors] == [(5, True)]
    assert not InfoRequest.objects.exists()


@pytest.mark.parametrize(
    ("row_patch", "message"),
    [
        ({0: "2025-02-30"}, "不是有效日期"),
        ({2: "外星人"}, "申请人类型"),
        ({4: PERSON[:-1] + ("0" if PERSON[-1] != "0" else "1")}, "校验"),
        ({11: "差不多公开"}, "办理结果"),
        ({11: ""}, "却没有办理结果"),
        ({10: "2025-02-01"}, "早于收到申请"),
        ({9: "25"}, "累计不得超过20个工作日"),
        ({7: "", 8: "2025-03-05"}, "没有补正通知日期"),
    ],
)
def test_each_kind_of_bad_row_has_a_clear_message(jurisdiction, row_patch, message):
    row = list(ROWS[0])
    for index, value in row_patch.items():
        row[index] = value
    with pytest.raises(ImportRejected) as caught:
        import_register(actor=None, agency=jurisdiction["civil"], source=_csv([ROWS[1], row]), today=TODAY)
    assert caught.value.errors[0].line == 3
    assert message in caught.value.errors[0].message, caught.value.errors[0].message
    assert not InfoRequest.objects.exists()


def test_xlsx_register_with_real_dates(jurisdiction, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in ROWS[:3]:
        sheet.append(
            [dt.date.fromisoformat(row[0]), *row[1:10], dt.date.fromisoformat(row[10]) if row[10] else None, *row[11:]]
        )
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    out = io.StringIO()
    call_command(
        "import", "requests", str(path), "--agency", jurisdiction["civil"].credit_code, stdout=out, stderr=io.StringIO()
    )
    assert "已导入 3 件申请" in out.getvalue()
    assert InfoRequest.objects.filter(received_on=dt.date(2025, 6, 10), outcome="partly_disclosed").exists()


def test_command_refuses_unknown_agency_and_bad_file(jurisdiction, tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(
        _csv(
            [
                ["2025-03-03", "网上", "自然人", "张三", "", "", "x", "", "", "", "", "", ""],
                ["2025-03-03", "网上", "自然人", "", "", "", "x", "", "", "", "", "", ""],
            ]
        ).read()
    )
    with pytest.raises(CommandError, match="第 3 行：缺少申请人"):
        call_command("import", "requests", str(path), "--agency", jurisdiction["civil"].credit_code)
    with pytest.raises(CommandError, match="找不到"):
        call_command("import", "requests", str(path), "--agency", make_uscc("11990100MB0000077"))
    assert not InfoRequest.objects.exists()
