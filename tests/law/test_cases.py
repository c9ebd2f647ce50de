"""gongkai.law.cases: the respondent's deadlines (行政复议法 2023 第四十八条、第六十二条、第八十八条; 行政诉讼法 第六十七条;
民事诉讼法 第八十五条) and 表四 of the annual report (国办公开办函〔2021〕30号; 国办公开办函〔2016〕201号), table-driven.
Expected dates were counted by hand on the 2025 holiday notice (国庆 10-1…10-8 with 9-28 and 10-11 worked; 劳动节
5-1…5-5; 端午 5-31…6-2)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law import cases as law
from gongkai.law.calendar import WorkCalendar
from gongkai.law.outcomes import SECTION4_COLUMNS, SECTION4_GROUPS

D = dt.date
CAL = WorkCalendar()
REC, DIRECT, AFTER = law.RECONSIDERATION, law.LITIGATION_DIRECT, law.LITIGATION_AFTER_RECONSIDERATION


def test_statutory_periods():
    # 行政复议法（2023）第四十八条（十日，第八十八条：工作日）、第六十二条（六十日，延长至多三十日）；行政诉讼法 第六十七条（十五日）.
    assert (law.RECONSIDERATION_REPLY_DAYS, law.RECONSIDERATION_REPLY_IN_WORKDAYS) == (10, True)
    assert (law.DECISION_DAYS, law.DECISION_EXTENSION_MAX_DAYS) == (60, 30)
    assert law.LITIGATION_DEFENCE_DAYS == 15


# (kind, copy received on, reply due)
REPLY_TABLE = [
    # 行政复议法 第四十八条 + 第八十八条: 10 working days, the day of receipt not counted.
    (REC, D(2025, 3, 3), D(2025, 3, 17)),
    # …across 国庆: 9-28 (Sunday, worked) and 10-11 (Saturday, worked) count, 10-1…10-8 do not.
    (REC, D(2025, 9, 26), D(2025, 10, 16)),
    # 行政诉讼法 第六十七条: 15 calendar days …
    (DIRECT, D(2025, 3, 3), D(2025, 3, 18)),
    (AFTER, D(2025, 3, 3), D(2025, 3, 18)),
    # … ending on a Saturday → the Monday (民事诉讼法 第八十五条: 末日为法定休假日的顺延).
    (DIRECT, D(2025, 3, 7), D(2025, 3, 24)),
    # … ending on 10-1 → the first working day after the holiday, 10-9.
    (DIRECT, D(2025, 9, 16), D(2025, 10, 9)),
    # … ending on a Sunday that is a 调休 working day: not a rest day, no roll-over.
    (AFTER, D(2025, 9, 13), D(2025, 9, 28)),
]


@pytest.mark.parametrize(("kind", "received", "due"), REPLY_TABLE)
def test_reply_due_articles_48_88_and_67(kind, received, due):
    deadlines = law.case_deadlines(kind, filed_on=received - dt.timedelta(days=7), received_on=received, calendar=CAL)
    assert deadlines.reply_due == due
    assert deadlines.provisional is False


def test_no_reply_due_before_the_copy_is_served():
    deadlines = law.case_deadlines(DIRECT, filed_on=D(2025, 3, 1), received_on=None, calendar=CAL)
    assert deadlines == law.CaseDeadlines(None)


# (accepted on, extension days, decision due) — 行政复议法 第六十二条, calendar days, 末日顺延.
DECISION_TABLE = [
    (D(2025, 3, 3), 0, D(2025, 5, 6)),  # 60 days → 5-2, in 劳动节 (5-1…5-5) → 5-6
    (D(2025, 3, 3), 30, D(2025, 6, 3)),  # 90 days → 6-1, in 端午 (5-31…6-2) → 6-3
    (D(2025, 9, 26), 0, D(2025, 11, 25)),
    (D(2025, 9, 26), 10, D(2025, 12, 5)),
]


@pytest.mark.parametrize(("accepted", "extension", "due"), DECISION_TABLE)
def test_decision_due_article_62(accepted, extension, due):
    deadlines = law.case_deadlines(
        REC, filed_on=accepted, received_on=None, accepted_on=accepted, extension_days=extension, calendar=CAL
    )
    assert deadlines.decision_due == due
    assert deadlines.decision_estimated is False


# (filed on, simplified, deemed accepted, decision due) — 行政复议法 第三十条第三款: without a recorded acceptance
# the application counts as accepted when the 5-day review ends (五日 = working days, 第八十八条第二款); the decision
# period (第六十二条: 60 days, simplified 30 days, calendar days) runs from then.
DEEMED_ACCEPTANCE_TABLE = [
    (D(2025, 3, 3), False, D(2025, 3, 10), D(2025, 5, 9)),  # Mon → review ends Mon 3-10; +60 → Fri 5-9
    (D(2025, 3, 3), True, D(2025, 3, 10), D(2025, 4, 9)),  # … +30 → Wed 4-9 (第六十二条第二款)
    # filed on a Friday: the review's 5 working days skip the weekend
    (D(2025, 3, 7), True, D(2025, 3, 14), D(2025, 4, 14)),  # +30 → Sun 4-13 → Mon 4-14 (民事诉讼法 第八十五条)
    # filed on a Saturday (online): the review counts the 9-28 调休 Sunday and skips 国庆 (10-1…10-8)
    (D(2025, 9, 27), True, D(2025, 10, 10), D(2025, 11, 10)),  # 9-28, 9-29, 9-30, 10-9, 10-10; +30 → Sun 11-9 → 11-10
]


@pytest.mark.parametrize(("filed", "simplified", "deemed", "due"), DEEMED_ACCEPTANCE_TABLE)
def test_acceptance_deemed_when_the_five_day_review_ends_article_30(filed, simplified, deemed, due):
    deadlines = law.case_deadlines(REC, filed_on=filed, received_on=None, simplified=simplified, calendar=CAL)
    assert (deadlines.deemed_accepted_on, deadlines.decision_due, deadlines.decision_estimated) == (deemed, due, True)


def test_a_recorded_acceptance_date_wins_over_the_deemed_one_article_30():
    deadlines = law.case_deadlines(
        REC, filed_on=D(2025, 3, 3), received_on=None, accepted_on=D(2025, 3, 4), simplified=True, calendar=CAL
    )
    assert (deadlines.deemed_accepted_on, deadlines.decision_due, deadlines.decision_estimated) == (
        None,
        D(2025, 4, 3),
        False,
    )


# (copy received on, simplified reply due) — 行政复议法 第五十四条: 五日 after receipt of the copy, working days
# (第八十八条第二款), the day of receipt not counted.
SIMPLIFIED_REPLY_TABLE = [
    (D(2025, 3, 3), D(2025, 3, 10)),  # Mon → next Mon
    (D(2025, 3, 8), D(2025, 3, 14)),  # received on a Saturday: Mon…Fri
    (D(2025, 9, 26), D(2025, 10, 10)),  # 9-28 (Sunday, 调休 worked), 9-29, 9-30, 10-9, 10-10 (国庆 10-1…10-8 not)
    (D(2025, 9, 28), D(2025, 10, 11)),  # received on the 调休 Sunday: 9-29, 9-30, 10-9, 10-10, 10-11 (Saturday, worked)
]


@pytest.mark.parametrize(("received", "due"), SIMPLIFIED_REPLY_TABLE)
def test_simplified_procedure_reply_in_five_working_days_articles_53_54_88(received, due):
    deadlines = law.case_deadlines(REC, filed_on=D(2025, 3, 1), received_on=received, simplified=True, calendar=CAL)
    assert deadlines.reply_due == due
    ordinary = law.case_deadlines(REC, filed_on=D(2025, 3, 1), received_on=received, calendar=CAL)
    assert ordinary.reply_due > due  # 第四十八条: ten working days


# (accepted on, simplified decision due) — 行政复议法 第六十二条第二款: 三十日 after acceptance, calendar days, 末日顺延.
SIMPLIFIED_DECISION_TABLE = [
    (D(2025, 3, 3), D(2025, 4, 2)),
    (D(2025, 4, 1), D(2025, 5, 6)),  # 5-1 in 劳动节 (5-1…5-5) → 5-6
    (D(2025, 9, 1), D(2025, 10, 9)),  # 10-1 in 国庆 → 10-9
    (D(2025, 8, 29), D(2025, 9, 28)),  # 9-28 is a 调休 working Sunday: no roll-over
]


@pytest.mark.parametrize(("accepted", "due"), SIMPLIFIED_DECISION_TABLE)
def test_simplified_procedure_decision_in_thirty_days_article_62_2(accepted, due):
    deadlines = law.case_deadlines(
        REC, filed_on=accepted, received_on=None, accepted_on=accepted, simplified=True, calendar=CAL
    )
    assert deadlines.decision_due == due


def test_simplified_procedure_has_no_extension_article_62_2_and_55():
    with pytest.raises(ValueError, match="第五十五条"):
        law.case_deadlines(
            REC, filed_on=D(2025, 3, 3), received_on=None, extension_days=10, simplified=True, calendar=CAL
        )


@pytest.mark.parametrize("kind", [DIRECT, AFTER])
def test_simplified_procedure_is_for_reconsideration_only_article_53(kind):
    with pytest.raises(ValueError, match="第五十三条"):
        law.case_deadlines(kind, filed_on=D(2025, 3, 3), received_on=None, simplified=True, calendar=CAL)


def test_statutory_periods_of_the_simplified_procedure():
    # 行政复议法（2023）第五十四条（五日）、第六十二条第二款（三十日）、第三十条（五日审查），第八十八条（工作日）.
    assert (law.SIMPLIFIED_REPLY_WORKDAYS, law.SIMPLIFIED_DECISION_DAYS, law.ACCEPTANCE_REVIEW_WORKDAYS) == (5, 30, 5)


def test_litigation_has_no_decision_due():
    assert (
        law.case_deadlines(DIRECT, filed_on=D(2025, 3, 3), received_on=D(2025, 3, 3), calendar=CAL).decision_due is None
    )


@pytest.mark.parametrize("extension", [-1, 31])
def test_extension_beyond_thirty_days_is_refused_article_62(extension):
    with pytest.raises(ValueError, match="30"):
        law.case_deadlines(REC, filed_on=D(2025, 3, 3), received_on=None, extension_days=extension, calendar=CAL)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="未知的案件类型"):
        law.case_deadlines("petition", filed_on=D(2025, 3, 3), received_on=None, calendar=CAL)


def test_dates_in_a_year_without_official_notice_are_provisional():
    year = CAL.last_official_year + 1
    deadlines = law.case_deadlines(REC, filed_on=D(year, 3, 2), received_on=D(year, 3, 2), calendar=CAL)
    assert deadlines.provisional is True


TODAY = D(2025, 6, 10)
# (received, replied, concluded, reply due, decision due) → status on TODAY
STATUS_TABLE = [
    (None, None, None, None, None, law.AWAITING_SERVICE),
    (D(2025, 6, 1), None, None, D(2025, 6, 16), None, law.REPLY_DUE),
    (D(2025, 6, 1), None, None, TODAY, None, law.REPLY_DUE),  # due today is not late
    (D(2025, 5, 1), None, None, D(2025, 6, 9), None, law.REPLY_OVERDUE),
    (D(2025, 5, 1), D(2025, 5, 8), None, D(2025, 5, 15), D(2025, 7, 1), law.AWAITING_DECISION),
    (D(2025, 3, 1), D(2025, 3, 8), None, D(2025, 3, 15), D(2025, 6, 9), law.DECISION_OVERDUE),
    (D(2025, 3, 1), D(2025, 3, 8), None, D(2025, 3, 15), None, law.AWAITING_DECISION),  # lawsuits: no decision due
    (D(2025, 3, 1), None, D(2025, 5, 1), D(2025, 3, 15), D(2025, 5, 30), law.CONCLUDED),
]


@pytest.mark.parametrize(("received", "replied", "concluded", "reply_due", "decision_due", "status"), STATUS_TABLE)
def test_case_status(received, replied, concluded, reply_due, decision_due, status):
    assert (
        law.case_status(
            received_on=received,
            replied_on=replied,
            concluded_on=concluded,
            reply_due=reply_due,
            decision_due=decision_due,
            today=TODAY,
        )
        == status
    )


# 表四 for 2025: (kind, filed, concluded, result, joint defendant) → the cell it lands in, or None.
SECTION4_TABLE = [
    (REC, D(2025, 2, 1), D(2025, 4, 1), "upheld", False, (REC, "upheld")),  # filed and concluded in Y: by result
    (REC, D(2024, 11, 1), D(2025, 1, 20), "corrected", False, (REC, "corrected")),  # filed Y-1, concluded in Y
    (DIRECT, D(2025, 3, 1), None, "", False, (DIRECT, "pending")),  # open at the year end: 尚未审结
    (DIRECT, D(2025, 12, 30), D(2026, 2, 1), "upheld", False, (DIRECT, "pending")),  # concluded only after Y
    (AFTER, D(2023, 5, 1), None, "", False, (AFTER, "pending")),  # pending for years: 尚未审结 every year
    (AFTER, D(2025, 6, 1), D(2025, 9, 1), "other", False, (AFTER, "other")),
    (REC, D(2024, 3, 1), D(2024, 12, 31), "upheld", False, None),  # concluded before Y
    (DIRECT, D(2026, 1, 2), None, "", False, None),  # filed after Y
    (AFTER, D(2025, 6, 1), D(2025, 9, 1), "upheld", True, None),  # 复议机关作共同被告: 国办公开办函〔2016〕201号
    (AFTER, D(2025, 6, 1), None, "", True, None),
    (REC, D(2025, 12, 31), D(2025, 12, 31), "other", False, (REC, "other")),  # the last day belongs to Y
    (REC, D(2024, 1, 1), D(2025, 1, 1), "upheld", False, (REC, "upheld")),  # the first day too
]


@pytest.mark.parametrize(("kind", "filed", "concluded", "result", "joint", "cell"), SECTION4_TABLE)
def test_section4_counts_each_case_in_one_cell(kind, filed, concluded, result, joint, cell):
    record = law.CaseRecord("案号", kind, filed, concluded, result, joint)
    table = law.section4([record], 2025)
    counted = [(group, col) for group, cells in table.items() for col, n in cells.items() if n and col != "total"]
    assert counted == ([cell] if cell else [])
    if cell:
        assert table[cell[0]]["total"] == 1


def test_section4_keys_are_the_template_keys_and_totals_add_up():
    records = [
        law.CaseRecord(f"r{i}", kind, filed, concluded, result, joint)
        for i, (kind, filed, concluded, result, joint, _) in enumerate(SECTION4_TABLE)
    ]
    table = law.section4(records, 2025)
    assert set(table) == set(SECTION4_GROUPS)
    for cells in table.values():
        assert set(cells) == set(SECTION4_COLUMNS)
        assert cells["total"] == cells["upheld"] + cells["corrected"] + cells["other"] + cells["pending"]
    assert table[REC] == {"upheld": 2, "corrected": 1, "other": 1, "pending": 0, "total": 4}
    assert table[DIRECT] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 2, "total": 2}
    assert table[AFTER] == {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2}


def test_a_pending_case_counts_by_its_result_in_the_year_it_is_concluded():
    record = law.CaseRecord("（2025）行初1号", DIRECT, D(2025, 11, 1), D(2026, 3, 1), "corrected")
    assert law.section4([record], 2025)[DIRECT]["pending"] == 1
    assert law.section4([record], 2026)[DIRECT] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert law.section4([record], 2027)[DIRECT]["total"] == 0


def test_a_concluded_case_without_result_is_named():
    records = [law.CaseRecord("江府复〔2025〕7号", REC, D(2025, 1, 1), D(2025, 3, 1), "")]
    with pytest.raises(law.UnclassifiedCase, match="江府复〔2025〕7号") as exc:
        law.section4(records, 2025)
    assert exc.value.refs == ["江府复〔2025〕7号"]


def test_an_unknown_kind_is_named():
    with pytest.raises(law.UnclassifiedCase, match="X1"):
        law.section4([law.CaseRecord("X1", "petition", D(2025, 1, 1))], 2025)


def test_empty_section4_is_all_zeros():
    # Exact shape, not all() over what could be an empty dict: three groups of 表四, five columns each, all 0.
    zeros = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    assert law.empty_section4() == {REC: zeros, DIRECT: zeros, AFTER: zeros}
