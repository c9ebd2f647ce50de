"""Due dates of recurring disclosure duties across month ends and year ends (seed 002's timings; 条例 第二十六条)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law.calendar import WorkCalendar
from gongkai.law.duties import DueRule, Recurrence, per_item_due, periods_due_by, periods_in_year

D = dt.date

MONTHLY_BY_10TH = DueRule(Recurrence.MONTHLY, months_after=1, day=10)  # 低保名单: by the 10th of the next month
QUARTERLY_2ND_MONTH_END = DueRule(Recurrence.QUARTERLY, months_after=2)  # "下一季度第2月底前"
HALF_YEARLY_2ND_MONTH_END = DueRule(Recurrence.HALF_YEARLY, months_after=2)  # "8月底前和下一年度2月底前"
BUDGET_BY_MAY_31 = DueRule(Recurrence.YEARLY, month=5, day=31)  # 预算: "5月31日前"
ACCOUNTS_BY_SEP_30 = DueRule(Recurrence.YEARLY, months_after=9, day=30)  # 决算 of the year: 次年9月30日前
MONTHLY_BY_31ST = DueRule(Recurrence.MONTHLY, months_after=1, day=31)  # clipped to short months

TABLE = [
    # (rule, year, period index, label, start, end, due)
    (MONTHLY_BY_10TH, 2026, 0, "2026年1月", D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 10)),
    (MONTHLY_BY_10TH, 2026, 11, "2026年12月", D(2026, 12, 1), D(2026, 12, 31), D(2027, 1, 10)),  # year end
    (MONTHLY_BY_31ST, 2026, 0, "2026年1月", D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 28)),  # February is short
    (MONTHLY_BY_31ST, 2028, 0, "2028年1月", D(2028, 1, 1), D(2028, 1, 31), D(2028, 2, 29)),  # leap year
    (QUARTERLY_2ND_MONTH_END, 2026, 0, "2026年第1季度", D(2026, 1, 1), D(2026, 3, 31), D(2026, 5, 31)),
    (QUARTERLY_2ND_MONTH_END, 2026, 1, "2026年第2季度", D(2026, 4, 1), D(2026, 6, 30), D(2026, 8, 31)),
    (QUARTERLY_2ND_MONTH_END, 2026, 2, "2026年第3季度", D(2026, 7, 1), D(2026, 9, 30), D(2026, 11, 30)),
    (QUARTERLY_2ND_MONTH_END, 2026, 3, "2026年第4季度", D(2026, 10, 1), D(2026, 12, 31), D(2027, 2, 28)),
    (QUARTERLY_2ND_MONTH_END, 2027, 3, "2027年第4季度", D(2027, 10, 1), D(2027, 12, 31), D(2028, 2, 29)),
    (HALF_YEARLY_2ND_MONTH_END, 2026, 0, "2026年上半年", D(2026, 1, 1), D(2026, 6, 30), D(2026, 8, 31)),
    (HALF_YEARLY_2ND_MONTH_END, 2026, 1, "2026年下半年", D(2026, 7, 1), D(2026, 12, 31), D(2027, 2, 28)),
    (BUDGET_BY_MAY_31, 2026, 0, "2026年度", D(2026, 1, 1), D(2026, 12, 31), D(2026, 5, 31)),
    (ACCOUNTS_BY_SEP_30, 2025, 0, "2025年度", D(2025, 1, 1), D(2025, 12, 31), D(2026, 9, 30)),
]


@pytest.mark.parametrize(
    ("rule", "year", "index", "label", "start", "end", "due"),
    TABLE,
    ids=[f"{r.recurrence}-{y}-{i}" for r, y, i, *_ in TABLE],
)
def test_due_dates(rule, year, index, label, start, end, due):
    period = periods_in_year(rule, year)[index]
    assert (period.label, period.start, period.end, period.due) == (label, start, end, due)


def test_period_counts():
    assert [len(periods_in_year(DueRule(r), 2026)) for r in Recurrence] == [12, 4, 2, 1]


def test_periods_due_by_today_include_upcoming_ones():
    found = periods_due_by(QUARTERLY_2ND_MONTH_END, since=D(2026, 1, 1), today=D(2026, 11, 23))
    assert [p.label for p in found] == ["2026年第1季度", "2026年第2季度", "2026年第3季度"]  # Q4 starts later


@pytest.mark.parametrize(
    ("formed", "due"),
    [
        # 条例 第二十六条: 20 working days; over 国庆 2026 (10/1–7 off, 9/20 and 10/10 working) → 10/29
        (D(2026, 9, 24), D(2026, 10, 29)),
        # over Spring Festival 2026 (2/15–23 off, 2/14 and 2/28 working) → 3/12
        (D(2026, 2, 6), D(2026, 3, 12)),
    ],
)
def test_per_item_duty_is_20_working_days(formed, due):
    assert per_item_due(formed, WorkCalendar()) == due


def test_bad_rules_are_refused():
    with pytest.raises(ValueError, match="1 到 31"):
        DueRule(Recurrence.MONTHLY, day=32)
    with pytest.raises(ValueError, match="月份"):
        DueRule(Recurrence.YEARLY, month=13)
