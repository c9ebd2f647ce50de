"""Yearly figures (entered or imported) and the case import: all rows or none, every bad row named in Chinese;
`gongkai import figures|cases` next to the unchanged `gongkai import requests`."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.agencies.demo import CITY_CIVIL, COUNTY_CIVIL
from gongkai.audit.models import AuditEntry
from gongkai.cases import figures
from gongkai.cases.importing import import_cases, import_figures
from gongkai.cases.models import Case, YearFigures
from gongkai.core.tabular import ImportRejected

from .conftest import TODAY

D = dt.date
FIGURES_HEADER = "统一社会信用代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,来源"


def _csv(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))


def _values(licensing=1, penalty=0, coercion=0, fees="0"):
    return {
        "licensing": {"decisions": licensing},
        "penalty": {"decisions": penalty},
        "coercion": {"decisions": coercion},
        "fees": {"amount_10k_yuan": fees},
    }


FIGURE_REFUSALS = [
    ("2007", {}, "figures.year", "year"),
    ("2027", {}, "figures.year", "year"),
    ("明年", {}, "figures.year", "year"),
    ("2025", {"licensing": "-1"}, "figures.count", "licensing.decisions"),
    ("2025", {"penalty": "3.5"}, "figures.count", "penalty.decisions"),
    ("2025", {"fees": "-0.1"}, "figures.fees", "fees.amount_10k_yuan"),
    ("2025", {"fees": "一万"}, "figures.fees", "fees.amount_10k_yuan"),
    ("2025", {"fees": "1.23456"}, "figures.fees_places", "fees.amount_10k_yuan"),
    ("2025", {"fees": "NaN"}, "figures.fees", "fees.amount_10k_yuan"),
]


@pytest.mark.parametrize(("year", "overrides", "code", "field"), FIGURE_REFUSALS)
def test_bad_figures_are_refused_and_change_nothing(civil, year, overrides, code, field):
    with pytest.raises(ValidationError) as exc:
        figures.figures_save(actor=None, agency=civil, year=year, values=_values(**overrides), today=TODAY)
    assert list(exc.value.error_dict) == [field]
    assert exc.value.error_dict[field][0].code == code
    assert not YearFigures.objects.exists()


def test_figures_are_replaced_per_year_and_each_change_audited(civil):
    figures.figures_save(actor=None, agency=civil, year=2025, values=_values(licensing=5, fees="0.12"), today=TODAY)
    figures.figures_save(
        actor=None,
        agency=civil,
        year=2025,
        values=_values(licensing=6, fees="0.1200"),
        sources={"licensing": "审批系统"},
        today=TODAY,
    )
    row = YearFigures.objects.get()
    assert (row.value("licensing", "decisions"), row.value("fees", "amount_10k_yuan"), row.source("licensing")) == (
        6,
        Decimal("0.1200"),
        "审批系统",
    )
    last = AuditEntry.objects.filter(action="cases.figures.save").order_by("seq").last()
    assert last.changes == {"year": 2025, "licensing.decisions": [5, 6], "licensing.source": ["", "审批系统"]}


def test_import_figures_for_several_agencies(civil):
    rows = import_figures(
        actor=None,
        source=_csv(
            FIGURES_HEADER,
            f"{CITY_CIVIL},2025,12,3,0,1.2345,市政务服务中心审批系统",
            f"{COUNTY_CIVIL.lower()},2025年,4,0,1,0,县统计台账",
        ),
        today=TODAY,
    )
    assert len(rows) == 2
    county = YearFigures.objects.get(agency__credit_code=COUNTY_CIVIL)
    assert (county.value("coercion", "decisions"), county.source("fees"), county.source("penalty")) == (
        1,
        "县统计台账",
        "县统计台账",
    )
    assert YearFigures.objects.get(agency=civil).value("fees", "amount_10k_yuan") == Decimal("1.2345")


def test_import_figures_names_every_bad_row_and_writes_nothing(civil):
    with pytest.raises(ImportRejected) as exc:
        import_figures(
            actor=None,
            source=_csv(
                FIGURES_HEADER,
                f"{CITY_CIVIL},2025,12,3,0,1.2,来源",
                "91990100MA0000009,2025,1,1,1,0,无此机关",
                f"{CITY_CIVIL},2025,1,1,1,0,重复",
                f"{COUNTY_CIVIL},2025,-2,0,0,0.123456,错误",
                f"{COUNTY_CIVIL},,1,0,0,0,缺年度",
            ),
            today=TODAY,
        )
    lines = {e.line: e.message for e in exc.value.errors}
    assert set(lines) == {3, 4, 5, 6}
    assert "统一社会信用代码" in lines[3] or "机关" in lines[3]
    assert "第 2 行重复" in lines[4]
    assert "行政许可" in lines[5]
    assert "年度" in lines[6]
    assert not YearFigures.objects.exists()


def test_import_figures_from_xlsx_via_the_cli(civil, tmp_path, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(FIGURES_HEADER.split(","))
    sheet.append([CITY_CIVIL, 2025, 7, 2, 0, 0.5, "统计年报"])
    path = tmp_path / "figures.xlsx"
    workbook.save(path)
    call_command("import", "figures", str(path))
    assert "已导入 1 条年度统计数据" in capsys.readouterr().out
    row = YearFigures.objects.get(agency=civil, year=2025)
    assert (row.value("licensing", "decisions"), row.value("penalty", "decisions")) == (7, 2)
    assert row.value("fees", "amount_10k_yuan") == Decimal("0.5000")


def test_cli_figures_refusal_exits_with_the_rows(tmp_path, jurisdiction):
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES_HEADER + "\n" + f"{CITY_CIVIL},2025,x,0,0,0,来源\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行"):
        call_command("import", "figures", str(path))
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import", "figures", str(tmp_path / "missing.csv"))


CASES_HEADER = "类型,案号,申请人（原告）,申请（起诉）日期,收到副本日期,受理日期,答复（答辩）日期,复议机关（法院）,审结日期,结果,关联申请,备注"


def test_import_cases(civil, info_request):
    created = import_cases(
        actor=None,
        agency=civil,
        source=_csv(
            CASES_HEADER,
            f"行政复议,江府复〔2025〕3号,张三,2025-03-03,2025-03-10,2025-03-05,2025-03-20,江源市人民政府,2025-05-06,维持,{info_request.tracking_code},",
            "直接起诉,（2025）江0102行初9号,李四,2025/06/02,2025/06/09,,2025/06/20,江城区人民法院,,,,一审审理中",
            "复议后起诉,（2025）江01行初2号,王五,2025年9月1日,,,,江源市中级人民法院,2025年12月1日,纠正,,",
        ),
        today=TODAY,
    )
    assert [c.kind for c in created] == ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
    first = Case.objects.get(number="江府复〔2025〕3号")
    assert (first.result, first.concluded_on, first.info_request) == ("upheld", D(2025, 5, 6), info_request)
    assert first.reply_due_on == D(2025, 3, 24)  # 10 working days after 03-10
    assert Case.objects.get(number="（2025）江0102行初9号").reply_due_on == D(2025, 6, 24)  # 15 days after 06-09
    assert Case.objects.get(number="（2025）江01行初2号").result == "corrected"


def test_import_cases_names_every_bad_row_and_writes_nothing(civil):
    with pytest.raises(ImportRejected) as exc:
        import_cases(
            actor=None,
            agency=civil,
            source=_csv(
                CASES_HEADER,
                "行政复议,A1,张三,2025-03-03,,,,,,,,",
                "信访,A2,张三,2025-03-03,,,,,,,,",
                "行政复议,A1,张三,2025-03-03,,,,,,,,",
                "直接起诉,A3,张三,2025-03-03,2025-03-01,,,,,,,",
                "直接起诉,A4,张三,2025-03-03,,,,,2025-04-01,,,",
                "直接起诉,A5,张三,2025-13-03,,,,,,,,",
                "直接起诉,A6,张三,2025-03-03,,,,,,,GK2025-ZZZZZZ,",
                "直接起诉,A7,张三,2025-03-03,,,,,2025-04-01,驳回,,",
            ),
            today=TODAY,
        )
    lines = {e.line: e.message for e in exc.value.errors}
    assert set(lines) == {3, 4, 5, 6, 7, 8, 9}
    assert "类型" in lines[3] and "与第 2 行重复" in lines[4] and "收到副本" in lines[5]
    assert "同时填写" in lines[6] and "日期" in lines[7] and "GK2025-ZZZZZZ" in lines[8] and "结果" in lines[9]
    assert not Case.objects.exists()


def test_cli_import_cases_and_the_requests_subcommand_is_unchanged(civil, tmp_path, capsys):
    path = tmp_path / "cases.csv"
    path.write_text(CASES_HEADER + "\n" + "直接起诉,（2025）江0102行初1号,张三,2025-03-03,,,,,,,,\n", encoding="utf-8")
    call_command("import", "cases", str(path), "--agency", CITY_CIVIL)
    assert "已导入 1 件案件（其中尚未审结 1 件）到 江源市民政局" in capsys.readouterr().out
    with pytest.raises(CommandError, match="统一社会信用代码"):
        call_command("import", "cases", str(path), "--agency", "123")
    register = tmp_path / "register.csv"
    register.write_text(
        "收到日期,申请方式,申请人类型,申请人,申请内容\n2026-01-05,当面,自然人,张三,低保名单\n", encoding="utf-8"
    )
    call_command("import", "requests", str(register), "--agency", CITY_CIVIL)
    assert "已导入 1 件申请" in capsys.readouterr().out
