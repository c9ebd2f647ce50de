"""The annual report's counting rules (国办公开办函〔2021〕30号 表二、表三; 条例 第四十九条、第五十条), table-driven."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from gongkai.law import report as law
from gongkai.law.outcomes import RESULT_ROWS, SECTION3_COLUMNS, SECTION3_ROW_KEYS
from gongkai.law.versions import NotInForce

D = dt.date


# Which 条例 sets the deadline is decided by the last day of the year reported on (gongkai.law.versions).
@pytest.mark.parametrize(
    ("kind", "year", "deadline"),
    [
        # 条例（2019年修订）第四十九条, in force 2019-05-15: departments by 1-31, governments by 3-31 of the next year.
        ("department", 2025, D(2026, 1, 31)),
        ("government", 2025, D(2026, 3, 31)),
        ("department", 2020, D(2021, 1, 31)),
        ("department", 2019, D(2020, 1, 31)),  # the first report under the revision (2019-12-31 ≥ 2019-05-15)
        ("government", 2019, D(2020, 3, 31)),
        # 条例（2007年，国务院令第492号）第三十一条, in force 2008-05-01: every agency by 3-31.
        ("department", 2018, D(2019, 3, 31)),  # the last report under the old 条例
        ("government", 2012, D(2013, 3, 31)),
        ("department", 2008, D(2009, 3, 31)),  # the first report of all
    ],
)
def test_deadline_article_49_and_old_article_31(kind, year, deadline):
    assert law.deadline_for(kind, year) == deadline


def test_no_deadline_before_the_first_regulation():
    with pytest.raises(NotInForce, match="2008年5月1日"):
        law.deadline_for("department", 2007)


@pytest.mark.parametrize(
    ("published_on", "today", "late", "days_left"),
    [
        (D(2026, 1, 31), D(2026, 6, 1), False, None),  # on the last day: in time
        (D(2026, 2, 1), D(2026, 6, 1), True, None),
        (None, D(2026, 1, 31), False, 0),
        (None, D(2026, 2, 1), True, -1),  # unpublished after the deadline: late already
        (None, D(2026, 1, 1), False, 30),
    ],
)
def test_publication_status_of_a_department_report_on_2025(published_on, today, late, days_left):
    status = law.publication_status("department", 2025, published_on=published_on, today=today)
    assert (status.deadline, status.late, status.days_left) == (D(2026, 1, 31), late, days_left)


# 表三: one row per case — (received, closed, outcome) → where the request is counted in 2025.
R25 = [
    # received in 2025 and answered in 2025: 新收 + its result row
    (D(2025, 3, 3), D(2025, 3, 20), "disclosed", {"new_this_year": 1, "disclosed": 1, "results_total": 1}),
    # received in 2025, still open at year end: 新收 + 结转下年度
    (D(2025, 12, 20), None, "", {"new_this_year": 1, "carried_to_next_year": 1}),
    # received in 2025, answered in January 2026: 新收 + 结转下年度 in 2025 (its result counts in 2026)
    (D(2025, 12, 29), D(2026, 1, 15), "partly_disclosed", {"new_this_year": 1, "carried_to_next_year": 1}),
    # received in 2024, answered in 2025: 上年结转 + its result row
    (
        D(2024, 12, 30),
        D(2025, 1, 8),
        "unavailable_not_held",
        {"carried_from_last_year": 1, "unavailable_not_held": 1, "results_total": 1},
    ),
    # received in 2024, still open through 2025: 上年结转 + 结转下年度
    (D(2024, 11, 1), None, "", {"carried_from_last_year": 1, "carried_to_next_year": 1}),
    # received and answered in 2024: not counted in 2025 at all
    (D(2024, 5, 1), D(2024, 5, 20), "disclosed", {}),
    # received in 2026: not counted in 2025
    (D(2026, 1, 5), None, "", {}),
    # answered on 12-31 counts in the year; received on 1-1 is new
    (
        D(2025, 1, 1),
        D(2025, 12, 31),
        "other_fee_unpaid",
        {"new_this_year": 1, "other_fee_unpaid": 1, "results_total": 1},
    ),
]


@pytest.mark.parametrize(("received", "closed", "outcome", "expected"), R25)
def test_section3_counts_one_request_where_the_format_says(received, closed, outcome, expected):
    record = law.RequestRecord("X", "natural_person", received, closed, outcome)
    table = law.section3([record], 2025)
    for row in SECTION3_ROW_KEYS:
        assert table[row]["natural_person"] == expected.get(row, 0), row
        assert table[row]["total"] == expected.get(row, 0), row
    assert law.check_tables({"section3": table}) == []


def test_section3_columns_by_applicant_kind_and_balance_by_construction():
    records = [
        law.RequestRecord(str(i), kind, received, closed, outcome)
        for i, (kind, (received, closed, outcome, _)) in enumerate(
            zip(["natural_person", "commercial_enterprise", "legal_service_org", "other_org"] * 2, R25, strict=True)
        )
    ]
    table = law.section3(records, 2025)
    assert table["new_this_year"]["natural_person"] == 1
    assert table["new_this_year"]["commercial_enterprise"] == 1
    assert table["carried_from_last_year"]["other_org"] == 1
    assert table["new_this_year"]["total"] == 4
    for col in SECTION3_COLUMNS:
        inflow = table["new_this_year"][col] + table["carried_from_last_year"][col]
        assert inflow == table["results_total"][col] + table["carried_to_next_year"][col]


def test_a_closed_request_without_a_result_is_named_not_counted():
    records = [law.RequestRecord("GK-1", "natural_person", D(2025, 2, 1), D(2025, 2, 10), "")]
    with pytest.raises(law.UnclassifiedRequest) as caught:
        law.section3(records, 2025)
    assert "GK-1" in str(caught.value)
    with pytest.raises(law.UnclassifiedRequest):
        law.section3([law.RequestRecord("GK-2", "alien", D(2025, 2, 1))], 2025)


# 表二 第二十条第（一）项: issued / repealed in the year, in force at its end.
@pytest.mark.parametrize(
    ("issued", "repealed", "expected_2025"),
    [
        (D(2025, 4, 1), None, {"issued": 1, "repealed": 0, "in_force": 1}),
        (D(2023, 4, 1), None, {"issued": 0, "repealed": 0, "in_force": 1}),
        (D(2023, 4, 1), D(2025, 6, 30), {"issued": 0, "repealed": 1, "in_force": 0}),
        (D(2025, 2, 1), D(2025, 11, 1), {"issued": 1, "repealed": 1, "in_force": 0}),
        (D(2023, 4, 1), D(2026, 1, 1), {"issued": 0, "repealed": 0, "in_force": 1}),
        (D(2022, 4, 1), D(2024, 1, 1), {"issued": 0, "repealed": 0, "in_force": 0}),
        (D(2026, 1, 2), None, {"issued": 0, "repealed": 0, "in_force": 0}),
    ],
)
def test_section2_normative_documents(issued, repealed, expected_2025):
    table = law.section2_normative([law.NormativeRecord("normative_document", issued, repealed)], 2025)
    assert table["normative_documents"] == expected_2025
    assert table["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_in_force_carries_over_by_construction():
    records = [
        law.NormativeRecord("rule", D(2023, 1, 1)),
        law.NormativeRecord("rule", D(2024, 3, 1), D(2025, 3, 1)),
        law.NormativeRecord("normative_document", D(2025, 5, 1)),
        law.NormativeRecord("normative_document", D(2024, 5, 1), D(2024, 9, 1)),
    ]
    before = {"section2": law.section2_normative(records, 2024)}
    now = {"section2": law.section2_normative(records, 2025)}
    assert law.check_carry_over(before, now) == []
    broken = copy.deepcopy(now)
    broken["section2"]["rules"]["in_force"] += 1
    [failure] = law.check_carry_over(before, broken)
    assert failure.code == "carry.normative" and failure.cell == "section2.rules.in_force"


def _consistent():
    records = [law.RequestRecord(str(i), "natural_person", r, c, o) for i, (r, c, o, _) in enumerate(R25)]
    return {"section3": law.section3(records, 2025), "section4": {}, "section2": {}}


@pytest.mark.parametrize(
    ("row", "col", "code", "cell"),
    [
        ("disclosed", "total", "arith.row_total", "section3.disclosed.total"),
        ("disclosed", "natural_person", "arith.row_total", "section3.disclosed.total"),
        ("results_total", "natural_person", "arith.results_total", "section3.results_total.natural_person"),
        ("new_this_year", "natural_person", "arith.balance", "section3.carried_to_next_year.natural_person"),
    ],
)
def test_check_tables_names_the_failing_cell(row, col, code, cell):
    tables = _consistent()
    tables["section3"][row][col] += 1
    failures = law.check_tables(tables)
    assert code in [f.code for f in failures]
    assert cell in [f.cell for f in failures if f.code == code]
    assert all(f.message for f in failures)


def test_check_section4_total():
    tables = _consistent()
    tables["section4"] = {"reconsideration": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 2}}
    [failure] = law.check_tables(tables)
    assert (failure.code, failure.cell, failure.expected, failure.found) == (
        "arith.section4_total",
        "section4.reconsideration.total",
        3,
        2,
    )


def test_carry_over_of_requests_across_years():
    records = [law.RequestRecord(str(i), "natural_person", r, c, o) for i, (r, c, o, _) in enumerate(R25)]
    y24 = {"section3": law.section3(records, 2024)}
    y25 = {"section3": law.section3(records, 2025)}
    assert law.check_carry_over(y24, y25) == []
    y24["section3"]["carried_to_next_year"]["natural_person"] += 1
    codes = {(f.code, f.cell) for f in law.check_carry_over(y24, y25)}
    assert ("carry.requests", "section3.carried_from_last_year.natural_person") in codes


def test_result_rows_are_the_21_of_the_format():
    assert len(RESULT_ROWS) == 21


# The format a report follows, by the instrument in force at the end of its year (shared/reference/regulation.md, B).
@pytest.mark.parametrize(
    ("year", "key", "source"),
    [
        (2008, "legacy", "国务院令第492号"),  # the first report under the 条例 (in force 2008-05-01)
        (2018, "legacy", "国务院令第492号"),
        (2019, "2019", "国办公开办函〔2019〕60号"),  # issued 2019-11-27, before the year's end
        (2020, "2019", "国办公开办函〔2019〕60号"),
        (2021, "2021", "国办公开办函〔2021〕30号"),  # issued 2021-09-26
        (2025, "2021", "国办公开办函〔2021〕30号"),
    ],
)
def test_the_format_in_force_for_the_report_on_a_year(year, key, source):
    version = law.report_format(year)
    assert version.value.key == key and source in version.source
    assert version.value.tables is (key != "legacy")


def test_no_report_format_before_2008():
    with pytest.raises(NotInForce):
        law.report_format(2007)
