"""Recurring disclosure duties and their due dates.

The kinds of rule are those the seeds and the law use:

- monthly: e.g. the 低保 list of a month by the 10th of the next month;
- quarterly: e.g. assistance statistics "在下一季度第2月底前公开上一季度有关情况" (seed 002, 第（六）项);
- half-yearly: e.g. 灾情 "分别于8月底前和下一年度2月底前公开半年和全年有关情况" (seed 002);
- yearly: e.g. 部门预算 by 5月31日, 部门决算 by 9月30日 (seed 002, 第（八）项);
- per item: 条例 第二十六条 — within 20 working days of the information being formed or changed.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.law.calendar import WorkCalendar

# 条例 第二十六条
PER_ITEM_WORKDAYS = 20


class Recurrence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


RECURRENCE_LABELS = {
    Recurrence.MONTHLY: "每月",
    Recurrence.QUARTERLY: "每季度",
    Recurrence.HALF_YEARLY: "每半年",
    Recurrence.YEARLY: "每年",
}


@dataclass(frozen=True)
class DueRule:
    """When a period's information is due.

    ``months_after``: how many months after the period's last month the due date falls (0 = within that month);
    ``day``: the day of that month, or None for its last day. For yearly duties ``month``/``day`` name a fixed date
    in the same year (预算 5-31).
    """

    recurrence: Recurrence
    months_after: int = 1
    day: int | None = None
    month: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError("日期应在 1 到 31 之间")
        if self.recurrence == Recurrence.YEARLY and self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("月份应在 1 到 12 之间")
        if self.months_after < 0:
            raise ValueError("月数不能为负")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str
    due: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _due_after(end: dt.date, rule: DueRule) -> dt.date:
    year, month = _shift(end.year, end.month, rule.months_after)
    last = _month_end(year, month)
    return last if rule.day is None else last.replace(day=min(rule.day, last.day))


_SPAN = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.HALF_YEARLY: 6, Recurrence.YEARLY: 12}


def _label(recurrence: Recurrence, start: dt.date) -> str:
    if recurrence == Recurrence.MONTHLY:
        return f"{start.year}年{start.month}月"
    if recurrence == Recurrence.QUARTERLY:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    if recurrence == Recurrence.HALF_YEARLY:
        return f"{start.year}年{'上' if start.month == 1 else '下'}半年"
    return f"{start.year}年度"


def periods_in_year(rule: DueRule, year: int) -> list[Period]:
    """Every period of ``year`` with its due date (which may fall in the next year)."""
    span = _SPAN[rule.recurrence]
    result = []
    for first_month in range(1, 13, span):
        start = dt.date(year, first_month, 1)
        end = _month_end(*_shift(year, first_month, span - 1))
        if rule.recurrence == Recurrence.YEARLY and rule.month is not None:
            last = _month_end(year, rule.month)
            due = last if rule.day is None else last.replace(day=min(rule.day, last.day))
        else:
            due = _due_after(end, rule)
        result.append(Period(start, end, _label(rule.recurrence, start), due))
    return result


def periods_due_by(rule: DueRule, *, since: dt.date, today: dt.date, horizon_days: int = 45) -> list[Period]:
    """Periods that started on or after ``since`` and are due by ``today`` + horizon (so upcoming ones show)."""
    limit = today + dt.timedelta(days=horizon_days)
    found = []
    for year in range(since.year - 1, today.year + 2):
        for period in periods_in_year(rule, year):
            if period.end >= since and period.due <= limit and period.start <= today:
                found.append(period)
    return found


def per_item_due(formed_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """条例 第二十六条: within 20 working days of the information being formed or changed."""
    return calendar.add_workdays(formed_on, PER_ITEM_WORKDAYS).date
