"""Tests for gongkai.law.calendar, with expected values taken from the State Council notices.

Sources (国务院办公厅关于……部分节假日安排的通知):
- 2024: 国办发明电〔2023〕7号
- 2025: 国办发明电〔2024〕12号
- 2026: the notice published 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知)
The expected values below are written from those notices, not read back from the library.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta

import pytest

from gongkai.law import calendar as cal_mod
from gongkai.law.calendar import (
    CalendarImportError,
    CountReckoning,
    DateReckoning,
    WorkCalendar,
    parse_override_rows,
)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def d(text: str) -> date:
    return date.fromisoformat(text)


def expand(table: list[tuple[str, str, bool, str]]) -> list[tuple[date, bool, str]]:
    """Expand (first, last, workday, label) ranges into one case per day."""
    cases = []
    for first, last, workday, label in table:
        day = d(first)
        while day <= d(last):
            cases.append((day, workday, label))
            day += timedelta(days=1)
    return cases


# -- is_workday around the holiday periods -----------------------------------------------------

# 国办发明电〔2023〕7号（2024年）
TABLE_2024 = [
    ("2024-01-01", "2024-01-01", False, "元旦"),
    ("2024-01-02", "2024-01-02", True, "元旦后"),
    ("2024-02-04", "2024-02-04", True, "春节调休上班（周日）"),
    ("2024-02-09", "2024-02-09", True, "除夕（2024年不放假，周五上班）"),
    ("2024-02-10", "2024-02-17", False, "春节 2月10日至17日"),
    ("2024-02-18", "2024-02-18", True, "春节调休上班（周日）"),
    ("2024-02-19", "2024-02-19", True, "春节后"),
    ("2024-04-03", "2024-04-03", True, "清明前"),
    ("2024-04-04", "2024-04-06", False, "清明 4月4日至6日"),
    ("2024-04-07", "2024-04-07", True, "清明调休上班（周日）"),
    ("2024-04-28", "2024-04-28", True, "劳动节调休上班（周日）"),
    ("2024-04-30", "2024-04-30", True, "劳动节前"),
    ("2024-05-01", "2024-05-05", False, "劳动节 5月1日至5日"),
    ("2024-05-06", "2024-05-06", True, "劳动节后"),
    ("2024-05-11", "2024-05-11", True, "劳动节调休上班（周六）"),
    ("2024-05-12", "2024-05-12", False, "普通周日"),
    ("2024-06-10", "2024-06-10", False, "端午"),
    ("2024-06-11", "2024-06-11", True, "端午后"),
    ("2024-09-14", "2024-09-14", True, "中秋调休上班（周六）"),
    ("2024-09-15", "2024-09-17", False, "中秋 9月15日至17日"),
    ("2024-09-18", "2024-09-18", True, "中秋后"),
    ("2024-09-29", "2024-09-29", True, "国庆调休上班（周日）"),
    ("2024-09-30", "2024-09-30", True, "国庆前"),
    ("2024-10-01", "2024-10-07", False, "国庆 10月1日至7日"),
    ("2024-10-08", "2024-10-08", True, "国庆后"),
    ("2024-10-12", "2024-10-12", True, "国庆调休上班（周六）"),
    ("2024-10-13", "2024-10-13", False, "普通周日"),
]

# 国办发明电〔2024〕12号（2025年）
TABLE_2025 = [
    ("2025-01-01", "2025-01-01", False, "元旦"),
    ("2025-01-02", "2025-01-02", True, "元旦后"),
    ("2025-01-26", "2025-01-26", True, "春节调休上班（周日）"),
    ("2025-01-27", "2025-01-27", True, "春节前"),
    ("2025-01-28", "2025-02-04", False, "春节 1月28日至2月4日"),
    ("2025-02-05", "2025-02-05", True, "春节后"),
    ("2025-02-08", "2025-02-08", True, "春节调休上班（周六）"),
    ("2025-02-09", "2025-02-09", False, "普通周日"),
    ("2025-04-03", "2025-04-03", True, "清明前"),
    ("2025-04-04", "2025-04-06", False, "清明 4月4日至6日"),
    ("2025-04-07", "2025-04-07", True, "清明后"),
    ("2025-04-27", "2025-04-27", True, "劳动节调休上班（周日）"),
    ("2025-04-30", "2025-04-30", True, "劳动节前"),
    ("2025-05-01", "2025-05-05", False, "劳动节 5月1日至5日"),
    ("2025-05-06", "2025-05-06", True, "劳动节后"),
    ("2025-05-31", "2025-06-02", False, "端午 5月31日至6月2日"),
    ("2025-06-03", "2025-06-03", True, "端午后"),
    ("2025-09-28", "2025-09-28", True, "国庆调休上班（周日）"),
    ("2025-09-30", "2025-09-30", True, "国庆前"),
    ("2025-10-01", "2025-10-08", False, "国庆、中秋 10月1日至8日"),
    ("2025-10-09", "2025-10-09", True, "国庆后"),
    ("2025-10-11", "2025-10-11", True, "国庆调休上班（周六）"),
    ("2025-10-12", "2025-10-12", False, "普通周日"),
]

# 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）
TABLE_2026 = [
    ("2025-12-31", "2025-12-31", True, "元旦前"),
    ("2026-01-01", "2026-01-03", False, "元旦 1月1日至3日"),
    ("2026-01-04", "2026-01-04", True, "元旦调休上班（周日）"),
    ("2026-02-13", "2026-02-13", True, "春节前"),
    ("2026-02-14", "2026-02-14", True, "春节调休上班（周六）"),
    ("2026-02-15", "2026-02-23", False, "春节 2月15日至23日"),
    ("2026-02-24", "2026-02-24", True, "春节后"),
    ("2026-02-28", "2026-02-28", True, "春节调休上班（周六）"),
    ("2026-03-01", "2026-03-01", False, "普通周日"),
    ("2026-04-03", "2026-04-03", True, "清明前"),
    ("2026-04-04", "2026-04-06", False, "清明 4月4日至6日"),
    ("2026-04-07", "2026-04-07", True, "清明后"),
    ("2026-04-30", "2026-04-30", True, "劳动节前"),
    ("2026-05-01", "2026-05-05", False, "劳动节 5月1日至5日"),
    ("2026-05-06", "2026-05-06", True, "劳动节后"),
    ("2026-05-09", "2026-05-09", True, "劳动节调休上班（周六）"),
    ("2026-05-10", "2026-05-10", False, "普通周日"),
    ("2026-06-18", "2026-06-18", True, "端午前"),
    ("2026-06-19", "2026-06-21", False, "端午 6月19日至21日"),
    ("2026-06-22", "2026-06-22", True, "端午后"),
    ("2026-09-20", "2026-09-20", True, "国庆调休上班（周日）"),
    ("2026-09-24", "2026-09-24", True, "中秋前"),
    ("2026-09-25", "2026-09-27", False, "中秋 9月25日至27日"),
    ("2026-09-28", "2026-09-28", True, "中秋后"),
    ("2026-09-30", "2026-09-30", True, "国庆前"),
    ("2026-10-01", "2026-10-07", False, "国庆 10月1日至7日"),
    ("2026-10-08", "2026-10-08", True, "国庆后"),
    ("2026-10-10", "2026-10-10", True, "国庆调休上班（周六）"),
    ("2026-10-11", "2026-10-11", False, "普通周日"),
]


@pytest.mark.parametrize(("day", "workday", "label"), expand(TABLE_2024 + TABLE_2025 + TABLE_2026))
def test_is_workday_official_notices(cal: WorkCalendar, day: date, workday: bool, label: str) -> None:
    assert cal.is_workday(day) is workday, f"{day} {label}"
    assert cal_mod.is_workday(day) is workday


# Working days per year, derived from the notices: weekdays − weekdays off + 调休上班 weekend days.
# 2024: 262 weekdays − 19 (1/1, 2/12–16, 4/4–5, 5/1–3, 6/10, 9/16–17, 10/1–4, 10/7) + 8 = 251.
# 2025: 261 − 18 (1/1, 1/28–31, 2/3–4, 4/4, 5/1–2, 5/5, 6/2, 10/1–3, 10/6–8) + 5 = 248.
# 2026: 261 − 19 (1/1–2, 2/16–20, 2/23, 4/6, 5/1, 5/4–5, 6/19, 9/25, 10/1–2, 10/5–7) + 6 = 248.
@pytest.mark.parametrize(("year", "count"), [(2024, 251), (2025, 248), (2026, 248)])
def test_working_days_per_year(cal: WorkCalendar, year: int, count: int) -> None:
    assert cal.workdays_between(date(year - 1, 12, 31), date(year, 12, 31)) == (count, False)


# -- add_workdays ----------------------------------------------------------------------------

# 条例 第三十三条：自收到申请之日起20个工作日内答复 — the start day itself is never counted.
ADD_CASES = [
    # 2026-09-25 (Fri, 中秋): 9/28–30 = 3; 10/1–7 off; 10/8, 10/9 = 5; 10/10 (Sat, 调休上班) = 6;
    # 10/12–16 = 11; 10/19–23 = 16; 10/26, 27, 28, 29 = 20.
    ("2026-09-25", 20, "2026-10-29"),
    # 2026-02-13 (Fri): 2/14 (Sat, 调休上班) = 1; 2/15–23 off; 2/24–27 = 5; 2/28 (Sat, 调休上班) = 6;
    # 3/2–6 = 11; 3/9–13 = 16; 3/16, 17, 18, 19 = 20.
    ("2026-02-13", 20, "2026-03-19"),
    # 2025-09-26 (Fri): 9/28 (Sun, 调休上班) = 1; 9/29, 9/30 = 3; 10/1–8 off; 10/9, 10/10 = 5;
    # 10/11 (Sat, 调休上班) = 6; 10/13–17 = 11; 10/20–24 = 16; 10/27, 28, 29, 30 = 20.
    ("2025-09-26", 20, "2025-10-30"),
    # 2024-02-02 (Fri): 2/4 (Sun) = 1; 2/5–9 = 6; 2/10–17 off; 2/18 (Sun) = 7; 2/19–23 = 12;
    # 2/26–3/1 = 17; 3/4, 5, 6 = 20.
    ("2024-02-02", 20, "2024-03-06"),
    # 2024-04-26 (Fri): 4/28 (Sun) = 1; 4/29, 4/30 = 3; 5/1–5 off; 5/6, 5/7 = 5.
    ("2024-04-26", 5, "2024-05-07"),
    # 2024-09-27 (Fri): 9/29 (Sun) = 1; 9/30 = 2; 10/1–7 off; 10/8–11 = 6; 10/12 (Sat) = 7; 10/14–16 = 10.
    ("2024-09-27", 10, "2024-10-16"),
    # 2025-01-24 (Fri): 1/26 (Sun) = 1; 1/27 = 2; 1/28–2/4 off; 2/5–7 = 5; 2/8 (Sat) = 6;
    # 2/10–14 = 11; 2/17–21 = 16; 2/24–27 = 20.
    ("2025-01-24", 20, "2025-02-27"),
    ("2025-04-25", 3, "2025-04-29"),  # 4/27 (Sun, 调休上班), 4/28, 4/29
    ("2025-04-25", 5, "2025-05-06"),  # … 4/30; 5/1–5 off; 5/6
    ("2026-04-29", 5, "2026-05-09"),  # 4/30; 5/1–5 off; 5/6, 7, 8; 5/9 (Sat, 调休上班)
    ("2025-12-31", 1, "2026-01-04"),  # 1/1–3 off; 1/4 (Sun, 调休上班)
    ("2025-12-31", 2, "2026-01-05"),
    ("2026-10-01", 1, "2026-10-08"),  # the start day is a holiday: still not counted
    ("2026-10-10", 1, "2026-10-12"),  # the start day is a working Saturday: not counted
    # n = 0 returns the day itself, working day or not.
    ("2026-10-01", 0, "2026-10-01"),
    ("2026-10-08", 0, "2026-10-08"),
    # Negative n: the n-th working day before.
    ("2024-02-18", -1, "2024-02-09"),  # 2/10–17 off; 2/9 (除夕, Fri) was a working day in 2024
    ("2026-10-08", -1, "2026-09-30"),
    ("2026-01-04", -1, "2025-12-31"),  # across the year boundary
    # 10/28 … 9/28 are the 19 working days before 10/29; 9/25 is 中秋, so the 20th is 9/24.
    ("2026-10-29", -20, "2026-09-24"),
    ("2025-02-05", -2, "2025-01-26"),  # 1/28–2/4 off; 1/27 = 1; 1/26 (Sun, 调休上班) = 2
]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_CASES)
def test_add_workdays(cal: WorkCalendar, start: str, n: int, expected: str) -> None:
    assert cal.add_workdays(d(start), n) == DateReckoning(d(expected), False)
    assert cal_mod.add_workdays(d(start), n) == (d(expected), False)


def test_add_workdays_accepts_datetime(cal: WorkCalendar) -> None:
    assert cal.add_workdays(datetime(2026, 9, 25, 16, 30), 20).date == date(2026, 10, 29)


def test_add_workdays_out_of_range(cal: WorkCalendar) -> None:
    with pytest.raises(OverflowError):
        cal.add_workdays(date.max, 1)
    with pytest.raises(OverflowError):
        cal.add_workdays(date.min, -1)


# -- workdays_between ------------------------------------------------------------------------

BETWEEN_CASES = [
    ("2026-09-25", "2026-10-29", 20),
    ("2026-10-29", "2026-09-25", -20),  # counts (b, a] negated
    ("2024-09-30", "2024-10-08", 1),  # 10/1–7 off; only 10/8
    ("2025-01-27", "2025-02-05", 1),  # 1/28–2/4 off; only 2/5
    ("2026-02-14", "2026-02-23", 0),  # the whole 春节 break
    ("2026-02-13", "2026-02-14", 1),  # the working Saturday counts
    ("2024-02-03", "2024-02-04", 1),  # the working Sunday counts
    ("2026-10-08", "2026-10-08", 0),
    ("2025-12-31", "2026-01-05", 2),  # 1/4 (Sun, 调休上班), 1/5
]


@pytest.mark.parametrize(("a", "b", "expected"), BETWEEN_CASES)
def test_workdays_between(cal: WorkCalendar, a: str, b: str, expected: int) -> None:
    assert cal.workdays_between(d(a), d(b)) == CountReckoning(expected, False)
    assert cal_mod.workdays_between(d(a), d(b)) == (expected, False)


def _slow_add(cal: WorkCalendar, start: date, n: int) -> date:
    """Reference implementation: walk day by day."""
    step = timedelta(days=1 if n > 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if cal.is_workday(day):
            left -= 1
    return day


def test_invariant_between_after_add(cal: WorkCalendar) -> None:
    """workdays_between(d, add_workdays(d, n).date) == n for n ≥ 1, over many dates and n."""
    rng = random.Random(20260925)
    last = cal.last_official_year
    starts = [
        date(2023, 12, 1) + timedelta(days=k) for k in range(0, (date(last + 1, 12, 31) - date(2023, 12, 1)).days, 3)
    ]
    starts += [date(rng.randint(2001, last + 3), 1, 1) + timedelta(days=rng.randint(0, 364)) for _ in range(200)]
    for start in starts:
        for n in (1, 2, 5, 10, 15, 20, 40, 60, rng.randint(1, 300)):
            end = cal.add_workdays(start, n).date
            assert end > start
            assert cal.is_workday(end)
            assert cal.workdays_between(start, end).days == n, (start, n)
            assert cal.workdays_between(end, start).days == -n, (start, n)
    for start in starts[::5]:
        for n in (1, 7, 20, 45):
            assert cal.add_workdays(start, n).date == _slow_add(cal, start, n)
            assert cal.add_workdays(start, -n).date == _slow_add(cal, start, -n)


def test_invariant_negative_round_trip(cal: WorkCalendar) -> None:
    """From a working day, n back then n forward returns to it."""
    day = date(2024, 1, 1)
    while day < date(2027, 1, 1):
        if cal.is_workday(day):
            for n in (1, 3, 20):
                back = cal.add_workdays(day, -n).date
                assert cal.add_workdays(back, n).date == day
                assert cal.workdays_between(back, day).days == n
        day += timedelta(days=5)


# -- day_info --------------------------------------------------------------------------------


def test_day_info(cal: WorkCalendar) -> None:
    info = cal.day_info(date(2025, 1, 29))
    assert (info.workday, info.name, info.source, info.provisional) == (False, "春节", "library", False)
    info = cal.day_info(date(2024, 2, 4))
    assert (info.workday, info.source, info.name) == (True, "library", cal_mod.MAKEUP_WORKDAY_NAME)
    assert cal.day_info(date(2026, 3, 3)).source == "weekday"
    info = cal.day_info(date(2026, 3, 7))
    assert (info.workday, info.source, info.name) == (False, "weekend", None)
    assert cal.day_info(date(cal.last_official_year + 1, 3, 3)).provisional is True
    assert cal_mod.day_info(date(2025, 1, 29)).name == "春节"


# -- overrides and provisional results -------------------------------------------------------


def _made_up_notice(year: int) -> tuple[date, date]:
    """A made-up notice for ``year``: a Tuesday in March off, the following Saturday worked."""
    tuesday = date(year, 3, 8)
    tuesday += timedelta(days=(1 - tuesday.weekday()) % 7)
    return tuesday, tuesday + timedelta(days=4)


def test_overrides_change_results(cal: WorkCalendar) -> None:
    year = cal.last_official_year + 1
    tuesday, saturday = _made_up_notice(year)
    monday = tuesday - timedelta(days=1)
    overridden = WorkCalendar(overrides={tuesday: False, saturday: True}, override_names={tuesday: "某临时假日"})
    assert cal.is_workday(tuesday) and not cal.is_workday(saturday)
    assert not overridden.is_workday(tuesday) and overridden.is_workday(saturday)
    # Mon + 4: base Tue, Wed, Thu, Fri → Friday; overridden Wed, Thu, Fri, Sat → Saturday.
    assert cal.add_workdays(monday, 4).date == saturday - timedelta(days=1)
    assert overridden.add_workdays(monday, 4).date == saturday
    assert cal.workdays_between(monday, saturday).days == 4
    assert overridden.workdays_between(monday, saturday).days == 4
    assert overridden.workdays_between(monday, saturday - timedelta(days=1)).days == 3
    info = overridden.day_info(tuesday)
    assert (info.workday, info.source, info.name) == (False, "override", "某临时假日")
    assert overridden.day_info(saturday).source == "override"
    # An override also wins over the library inside an official year.
    assert WorkCalendar(overrides={date(2026, 10, 1): True}).is_workday(date(2026, 10, 1))


def test_provisional_outside_official_years(cal: WorkCalendar) -> None:
    last = cal.last_official_year
    assert last >= 2026  # the 2026 notice is in the library
    assert cal.first_official_year == 2001
    assert cal.is_official(date(last, 12, 31)) and not cal.is_official(date(last + 1, 1, 1))
    assert not cal.is_official(date(2000, 6, 1))
    assert cal.add_workdays(date(last, 6, 1), 20).provisional is False
    assert cal.add_workdays(date(last, 12, 1), 60).provisional is True  # crosses into last + 1
    assert cal.add_workdays(date(last, 12, 31), 0).provisional is False
    assert cal.add_workdays(date(last + 1, 1, 10), -20).provisional is True
    assert cal.add_workdays(date(last + 1, 6, 1), 0).provisional is True
    assert cal.workdays_between(date(last, 12, 1), date(last, 12, 31)).provisional is False
    assert cal.workdays_between(date(last, 12, 1), date(last + 1, 1, 31)).provisional is True
    assert cal.workdays_between(date(last + 1, 1, 31), date(last, 12, 1)).provisional is True
    assert cal.add_workdays(date(2000, 12, 1), 20).provisional is True


def test_official_years_with_overrides(cal: WorkCalendar) -> None:
    last = cal.last_official_year
    tuesday, saturday = _made_up_notice(last + 1)
    loaded = WorkCalendar(overrides={tuesday: False, saturday: True}, official_years=[last + 1])
    assert loaded.last_official_year == last + 1
    assert loaded.add_workdays(date(last, 12, 1), 60).provisional is False
    assert loaded.add_workdays(date(last + 1, 12, 1), 60).provisional is True
    # A non-consecutive year is official on its own but does not extend last_official_year.
    gap = WorkCalendar(official_years=[last + 2])
    assert gap.last_official_year == last
    assert gap.is_official(date(last + 2, 5, 1)) and not gap.is_official(date(last + 1, 5, 1))


def test_default_calendar_is_cached() -> None:
    assert cal_mod.default_calendar() is cal_mod.default_calendar()


def test_far_years_work(cal: WorkCalendar) -> None:
    # The library expands lazily; years without any data fall back to the weekend rule.
    assert cal.is_workday(date(2150, 6, 2)) is True  # a Tuesday
    assert cal.is_workday(date(1900, 1, 6)) is False  # a Saturday
    assert cal.add_workdays(date(9999, 12, 30), -3).date == date(9999, 12, 27)


# -- CSV import ------------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_parse_override_rows_good() -> None:
    text = "date,kind,name\n2027-02-06,workday,春节调休\n2027-02-11,holiday,春节\n\n2027-05-06,班,\n"
    assert parse_override_rows(_rows(text)) == [
        (date(2027, 2, 6), True, "春节调休"),
        (date(2027, 2, 11), False, "春节"),
        (date(2027, 5, 6), True, ""),
    ]
    text = "\ufeff日期,类型,名称\n2027-10-09, 上班 ,国庆调休\n2027-10-06,放假,国庆节\n2027-10-07,休,\n"
    assert parse_override_rows(_rows(text)) == [
        (date(2027, 10, 9), True, "国庆调休"),
        (date(2027, 10, 6), False, "国庆节"),
        (date(2027, 10, 7), False, ""),
    ]
    assert parse_override_rows([{"Date": "2027-01-01", "KIND": "Holiday"}]) == [(date(2027, 1, 1), False, "")]


BAD_ROWS = [
    ("date,kind\n2027-01-01,holiday\n2027-01-02,补班\n", 3, "补班"),
    ("date,kind\n2027/01/01,holiday\n", 2, "2027/01/01"),
    ("date,kind\n2027-02-30,holiday\n", 2, "2027-02-30"),
    ("date,kind\n2027-01-01,holiday\n2027-01-02,holiday\n2027-01-01,workday\n", 4, "第2行"),
    ("date,kind\n,holiday\n", 2, "缺少日期"),
    ("日期,类型\n2027-01-01,\n", 2, "缺少类型"),
]


@pytest.mark.parametrize(("text", "line_no", "fragment"), BAD_ROWS)
def test_parse_override_rows_bad(text: str, line_no: int, fragment: str) -> None:
    with pytest.raises(CalendarImportError) as exc:
        parse_override_rows(_rows(text))
    assert exc.value.line_no == line_no
    assert fragment in exc.value.message
    assert str(exc.value).startswith(f"第{line_no}行：")


def test_parsed_rows_feed_a_calendar(cal: WorkCalendar) -> None:
    year = cal.last_official_year + 1
    tuesday, saturday = _made_up_notice(year)
    text = f"date,kind,name\n{tuesday},holiday,临时假日\n{saturday},workday,调休上班\n"
    rows = parse_override_rows(_rows(text))
    loaded = WorkCalendar(
        overrides={day: workday for day, workday, _ in rows},
        official_years=[year],
        override_names={day: name for day, _, name in rows},
    )
    assert not loaded.is_workday(tuesday) and loaded.is_workday(saturday)
    assert loaded.day_info(tuesday).name == "临时假日"
    assert loaded.day_info(tuesday).provisional is False
