"""The benchmark's derived rates (gongkai.law.report_rates): real figures and hand-made tables of both formats."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.law.report_rates import RATE_CODES, percent, rates_of

TRUTH = Path(__file__).resolve().parents[1] / "checker" / "real" / "truth"


def _row(total=None, **cells):
    row = dict.fromkeys(
        ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org"), None
    )
    row.update({"legal_service_org": None, "other_org": None, "total": total})
    row.update(cells)
    return row


def _s4(upheld=0, corrected=0, other=0, pending=0):
    return {
        "upheld": upheld,
        "corrected": corrected,
        "other": other,
        "pending": pending,
        "total": upheld + corrected + other + pending,
    }


def test_shanghai_2019_real_figures():
    """上海市人民政府办公厅 on 2019 (2019 format, all three tables as printed): 表三 予以公开 258+12+1+1, 部分公开 3,
    总计 805; 本机关不掌握 252+12+1, 不予处理 信访 148+1 and 重复 5+4; 表四 复议 维持 5 (2 pending), 诉讼 维持 8."""
    tables = json.loads((TRUTH / "2019-2019-shanghai-general-office.html.json").read_text(encoding="utf-8"))["tables"]
    rates = rates_of(tables)
    assert rates.disclosure == Decimal(275) / Decimal(805)
    assert rates.substantive == Decimal(275) / Decimal(805 - 265 - 158)
    assert rates.on_time is None
    assert rates.reconsideration_corrected == 0
    assert rates.litigation_lost == 0
    assert [percent(rates.get(c)) for c in RATE_CODES] == ["34.2%", "72.0%", "—", "0.0%", "0.0%"]


CASES = [
    pytest.param(  # 2021 format: the three （六） rows are taken out of the substantive denominator
        {
            "section3": {
                "disclosed": _row(40),
                "partly_disclosed": _row(10),
                "unavailable_not_held": _row(20),
                "unavailable_needs_creation": _row(5),
                "not_processed_repeat": _row(5),
                "other_no_correction": _row(4),
                "other_fee_unpaid": _row(1),
                "other_other": _row(5),
                "results_total": _row(100),
            },
            "section4": {
                "reconsideration": _s4(upheld=6, corrected=3, other=1, pending=4),
                "litigation_direct": _s4(upheld=3, corrected=1),
                "litigation_after_reconsideration": _s4(upheld=2, corrected=1, other=1, pending=9),
            },
        },
        {
            "disclosure": "50.0%",
            "substantive": "76.9%",
            "reconsideration_corrected": "30.0%",
            "litigation_lost": "25.0%",
        },
        id="2021-format",
    ),
    pytest.param(  # 2019 format: a single （六）其他处理 row; blank 总计 summed from the applicant cells
        {
            "section3": {
                "disclosed": _row(None, natural_person=7, commercial_enterprise=1),
                "partly_disclosed": _row(None),
                "other": _row(2),
                "results_total": _row(10),
            },
            "section4": {
                "reconsideration": _s4(pending=3),
                "litigation_direct": _s4(),
                "litigation_after_reconsideration": _s4(),
            },
        },
        {"disclosure": "80.0%", "substantive": "100.0%", "reconsideration_corrected": "—", "litigation_lost": "—"},
        id="2019-format-nothing-decided",
    ),
    pytest.param(  # the checker reads a blank 总计 as 0: the applicant cells are summed
        {
            "section3": {
                "disclosed": _row(0, natural_person=3, other_org=1),
                "results_total": _row(8),
            },
        },
        {"disclosure": "50.0%", "substantive": "50.0%", "reconsideration_corrected": "—", "litigation_lost": "—"},
        id="total-read-as-0",
    ),
    pytest.param(
        {"section2": {"rules": {"issued": 1}}},
        {"disclosure": "—", "substantive": "—", "reconsideration_corrected": "—", "litigation_lost": "—"},
        id="tables-missing",
    ),
    pytest.param(
        None,
        {"disclosure": "—", "substantive": "—", "reconsideration_corrected": "—", "litigation_lost": "—"},
        id="no-tables",
    ),
    pytest.param(
        {"section3": {"results_total": _row(0)}},
        {"disclosure": "—", "substantive": "—", "reconsideration_corrected": "—", "litigation_lost": "—"},
        id="no-requests",
    ),
]


@pytest.mark.parametrize(("tables", "expected"), CASES)
def test_rates_table(tables, expected):
    rates = rates_of(tables)
    assert {code: percent(rates.get(code)) for code in expected} == expected
    assert rates.on_time is None  # never guessed


def test_percent_rounds_half_up():
    assert percent(Decimal("0.12345")) == "12.3%"
    assert percent(Decimal("0.00125")) == "0.1%"
    assert percent(Decimal(1)) == "100.0%"
    assert percent(None) == "—"
