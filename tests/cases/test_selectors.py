"""What the annual report reads (section4, section2_figures: one query each, whatever the number of cases) and the
case list's filters, which select the same cases 表四 counts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from gongkai.cases import figures, selectors, services
from gongkai.law import cases as law_cases
from gongkai.law.outcomes import SECTION4_COLUMNS, SECTION4_GROUPS

from .conftest import TODAY

D = dt.date
REC, DIRECT, AFTER = law_cases.RECONSIDERATION, law_cases.LITIGATION_DIRECT, law_cases.LITIGATION_AFTER_RECONSIDERATION


def _concluded(make_case, on, result, **fields):
    case = make_case(**fields)
    return services.case_conclude(actor=None, case=case, concluded_on=on, result=result, today=TODAY)


def _register(make_case):
    """A register over 2025 and 2026 and what a person counts from it by hand for 2025."""
    _concluded(make_case, D(2025, 4, 1), "upheld", filed_on=D(2025, 2, 3), received_on=D(2025, 2, 10))
    _concluded(make_case, D(2025, 6, 1), "corrected", filed_on=D(2025, 3, 3), received_on=None)
    _concluded(make_case, D(2026, 1, 20), "upheld", filed_on=D(2025, 11, 3), received_on=None)  # pending in 2025
    make_case(kind=DIRECT, filed_on=D(2025, 5, 6), received_on=D(2025, 5, 12))  # pending
    _concluded(make_case, D(2025, 10, 9), "other", kind=DIRECT, filed_on=D(2025, 7, 1), received_on=None)
    _concluded(make_case, D(2025, 12, 1), "upheld", kind=AFTER, filed_on=D(2025, 9, 1), received_on=None)
    _concluded(make_case, D(2025, 12, 2), "upheld", kind=AFTER, filed_on=D(2025, 9, 2), joint_defendant=True)
    _concluded(make_case, D(2024, 12, 30), "upheld", filed_on=D(2024, 10, 8), received_on=None)  # before 2025
    make_case(kind=AFTER, filed_on=D(2026, 1, 5), received_on=None)  # after 2025


HAND_COUNTED_2025 = {
    REC: {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
    DIRECT: {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
    AFTER: {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
}


def test_section4_gives_the_hand_counted_table_in_one_query(make_case, civil, django_assert_num_queries):
    _register(make_case)
    with django_assert_num_queries(1):
        table = selectors.section4(civil.pk, 2025)
    assert table == HAND_COUNTED_2025
    assert set(table) == set(SECTION4_GROUPS) and all(set(c) == set(SECTION4_COLUMNS) for c in table.values())
    json.dumps(table)  # plain ints: the `gongkai report tables` JSON


def test_section4_query_count_does_not_grow(make_case, civil, django_assert_num_queries):
    for n in range(40):
        make_case(filed_on=D(2025, 1, 2) + dt.timedelta(days=n), received_on=None)
    with django_assert_num_queries(1):
        assert selectors.section4(civil.pk, 2025)[REC]["pending"] == 40


def test_section4_of_another_agency_is_empty(make_case, jurisdiction):
    _register(make_case)
    assert selectors.section4(jurisdiction["county_civil"].pk, 2025)[REC]["total"] == 0


def test_section2_figures(civil, django_assert_num_queries):
    with django_assert_num_queries(1):
        empty = selectors.section2_figures(civil.pk, 2025)
    assert empty == {
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 0},
        "coercion": {"decisions": 0},
        "fees": {"amount_10k_yuan": Decimal(0)},
    }
    values = {
        "licensing": {"decisions": 12},
        "penalty": {"decisions": 3},
        "coercion": {"decisions": 1},
        "fees": {"amount_10k_yuan": "1.5"},
    }
    figures.figures_save(actor=None, agency=civil, year=2025, values=values, today=TODAY)
    with django_assert_num_queries(1):
        filled = selectors.section2_figures(civil.pk, 2025)
    assert filled["licensing"] == {"decisions": 12} and filled["coercion"] == {"decisions": 1}
    assert filled["fees"]["amount_10k_yuan"] == Decimal("1.5000")
    assert str(filled["fees"]["amount_10k_yuan"]) == "1.5000"  # stored to the yuan


def test_list_year_and_result_filters_select_what_section4_counts(make_case, civil, make_user):
    from gongkai.agencies.models import Role

    _register(make_case)
    officer = make_user(Role.CASE_OFFICER, civil)
    in_2025 = selectors.case_list(officer, selectors.CaseFilter(year=2025), today=TODAY)
    counted = sum(c["total"] for c in HAND_COUNTED_2025.values()) + 1  # + the co-defendant case, listed not counted
    assert in_2025.count() == counted
    pending = selectors.case_list(officer, selectors.CaseFilter(year=2025, result="pending"), today=TODAY)
    assert pending.count() == 2
    upheld = selectors.case_list(officer, selectors.CaseFilter(year=2025, result="upheld", kind=REC), today=TODAY)
    assert upheld.count() == 1
    assert selectors.case_list(officer, selectors.CaseFilter(result="pending"), today=TODAY).count() == 2


def test_overdue_filter(make_case, civil, make_user):
    from gongkai.agencies.models import Role

    late_reply = make_case(received_on=D(2026, 3, 2))  # due 03-16, not replied
    make_case(received_on=D(2026, 3, 25))  # due in April
    replied = make_case(received_on=D(2026, 3, 2), replied_on=D(2026, 3, 10))  # decision due in May
    late_decision = make_case(filed_on=D(2025, 12, 1), received_on=D(2025, 12, 8), replied_on=D(2025, 12, 15))
    officer = make_user(Role.CASE_OFFICER, civil)
    overdue = selectors.case_list(officer, selectors.CaseFilter(overdue=True), today=TODAY)
    assert set(overdue) == {late_reply, late_decision}
    assert replied.status(TODAY) == law_cases.AWAITING_DECISION
    assert late_decision.status(TODAY) == law_cases.DECISION_OVERDUE
