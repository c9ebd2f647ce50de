"""The official working-day calendar (法定工作日历).

Built on the ``holidays`` package's China calendar, which carries the State Council's yearly
holiday notices (国务院办公厅关于部分节假日安排的通知) including 调休 make-up working days.
A notice the library does not know yet is passed in as *overrides* (the Django side keeps
them in a table).  Every result derived from a year that no official notice covers is
flagged ``provisional``.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import cache
from typing import Literal, NamedTuple

import holidays

__all__ = [
    "FIRST_OFFICIAL_YEAR",
    "CalendarImportError",
    "CountReckoning",
    "DateReckoning",
    "DayInfo",
    "WorkCalendar",
    "add_workdays",
    "day_info",
    "default_calendar",
    "is_workday",
    "parse_override_rows",
    "workdays_between",
]

# The library has checked its China data against the official notices from 2001 onwards
# (holidays.countries.china.China docstring, "Limitations").
FIRST_OFFICIAL_YEAR = 2001

# Name shown for a weekend day the library lists as a make-up working day.
MAKEUP_WORKDAY_NAME = "调休上班"

Source = Literal["override", "library", "weekday", "weekend"]


class DateReckoning(NamedTuple):
    """A computed date; ``provisional`` when any day examined lies outside the official years."""

    date: date
    provisional: bool


class CountReckoning(NamedTuple):
    """A computed number of working days; ``provisional`` as for :class:`DateReckoning`."""

    days: int
    provisional: bool


@dataclass(frozen=True, slots=True)
class DayInfo:
    """What the calendar knows about one day."""

    date: date
    workday: bool
    name: str | None
    source: Source
    provisional: bool


class _Year(NamedTuple):
    """Precomputed working days of one calendar year, as sorted ordinals and as a set."""

    ordinals: tuple[int, ...]
    members: frozenset[int]


def _as_date(d: date) -> date:
    """Accept a ``datetime`` where a ``date`` is expected."""
    return d.date() if isinstance(d, datetime) else d


def _is_weekend(d: date) -> bool:
    # 《国务院关于职工工作时间的规定》第七条：国家机关、事业单位实行统一的工作时间，
    # 星期六和星期日为周休息日。
    return d.weekday() >= 5


class WorkCalendar:
    """Working days of state organs: statutory holidays, 调休 and local overrides."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        official_years: Iterable[int] = (),
        *,
        override_names: Mapping[date, str] | None = None,
    ) -> None:
        """``overrides`` maps a date to True (working day) / False (day off) and wins over the
        library; ``official_years`` are years whose official notice was loaded via overrides;
        ``override_names`` optionally names override days (shown by :meth:`day_info`)."""
        self._overrides: dict[date, bool] = {_as_date(k): bool(v) for k, v in (overrides or {}).items()}
        self._override_names: dict[date, str] = {_as_date(k): v for k, v in (override_names or {}).items() if v}
        self._extra_official_years: frozenset[int] = frozenset(int(y) for y in official_years)
        # expand=True (the default) makes the library populate any year on first lookup.
        self._lib = holidays.China(language="zh_CN")
        self._lock = threading.RLock()
        self._years: dict[int, _Year] = {}
        last = self._library_last_official_year()
        while last + 1 in self._extra_official_years:
            last += 1
        self._last_official_year = last

    # -- official coverage ------------------------------------------------------------------

    def _library_last_official_year(self) -> int:
        """The last year for which the library carries a State Council notice."""
        # 国务院办公厅每年发布下一年度部分节假日安排的通知；the library records each notice's
        # 调休 entries keyed by year, so the largest key is the last notice it knows.
        keys: set[int] = set()
        for attr in ("special_public_holidays", "substituted_holidays"):
            keys.update(getattr(self._lib, attr, None) or {})
        return max(keys) if keys else FIRST_OFFICIAL_YEAR - 1

    @property
    def first_official_year(self) -> int:
        """The first year whose official notice the library has been checked against."""
        return FIRST_OFFICIAL_YEAR

    @property
    def last_official_year(self) -> int:
        """The last year covered by an official notice (library data plus consecutive
        ``official_years``)."""
        return self._last_official_year

    def _is_official_year(self, year: int) -> bool:
        return FIRST_OFFICIAL_YEAR <= year <= self._last_official_year or year in self._extra_official_years

    def is_official(self, d: date) -> bool:
        """Whether ``d``'s year is covered by an official holiday notice."""
        return self._is_official_year(_as_date(d).year)

    def _span_official(self, first_year: int, last_year: int) -> bool:
        """Whether every year in ``first_year..last_year`` is official."""
        if first_year >= FIRST_OFFICIAL_YEAR and last_year <= self._last_official_year:
            return True
        return all(self._is_official_year(y) for y in range(first_year, last_year + 1))

    # -- per-year data ----------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        """Working days of ``year``, computed once per calendar."""
        data = self._years.get(year)
        if data is None:
            with self._lock:
                data = self._years.get(year)
                if data is None:
                    data = self._build_year(year)
                    self._years[year] = data
        return data

    def _build_year(self, year: int) -> _Year:
        lib = self._lib
        first = date(year, 1, 1)
        _ = first in lib  # populates the year (expand=True), incl. its weekend_workdays
        weekend_workdays = lib.weekend_workdays
        ordinals: list[int] = []
        day = first
        one = timedelta(days=1)
        while day.year == year:
            if self._workday_uncached(day, lib, weekend_workdays):
                ordinals.append(day.toordinal())
            if day.month == 12 and day.day == 31:
                break
            day += one
        return _Year(tuple(ordinals), frozenset(ordinals))

    def _workday_uncached(self, d: date, lib: holidays.HolidayBase, weekend_workdays: set[date]) -> bool:
        override = self._overrides.get(d)
        if override is not None:
            return override
        if _is_weekend(d):
            # 国务院办公厅年度放假安排通知：调休上班的周六、周日为工作日。
            return d in weekend_workdays
        # 《全国年节及纪念日放假办法》第二条（法定节日）、第六条（逢周六、周日在工作日补假）。
        return d not in lib

    # -- queries ----------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day: override first, else the library and the weekend rule."""
        d = _as_date(d)
        return d.toordinal() in self._year(d.year).members

    def day_info(self, d: date) -> DayInfo:
        """Explain ``d``: working day or not, holiday name and where the answer comes from."""
        d = _as_date(d)
        workday = self.is_workday(d)
        lib_name: str | None = self._lib.get(d)
        source: Source
        if d in self._overrides:
            source = "override"
            name = self._override_names.get(d) or (None if workday else lib_name)
        elif lib_name is not None:
            source, name = "library", lib_name
        elif _is_weekend(d) and workday:
            source, name = "library", MAKEUP_WORKDAY_NAME
        else:
            source, name = ("weekend" if _is_weekend(d) else "weekday"), None
        return DayInfo(d, workday, name, source, not self.is_official(d))

    def add_workdays(self, d: date, n: int) -> DateReckoning:
        """The ``n``-th working day after ``d`` (before ``d`` when ``n`` < 0); ``d`` itself is
        never counted and ``n`` = 0 returns ``d``."""
        # 条例 第三十三条：“自收到申请之日起20个工作日内予以答复”；
        # 《民法典》第二百零一条：按日计算期间的，开始的当日不计入，自下一日开始计算。
        d = _as_date(d)
        if n == 0:
            return DateReckoning(d, not self.is_official(d))
        o = d.toordinal()
        year = d.year
        days = self._year(year).ordinals
        remaining = abs(n)
        if n > 0:
            i = bisect_right(days, o)  # first working day strictly after d
            while remaining > len(days) - i:
                remaining -= len(days) - i
                year += 1
                if year > MAXYEAR:
                    raise OverflowError("日期超出可计算范围")
                days, i = self._year(year).ordinals, 0
            result = date.fromordinal(days[i + remaining - 1])
            first_year, last_year = date.fromordinal(o + 1).year, result.year
        else:
            i = bisect_left(days, o)  # number of working days strictly before d
            while remaining > i:
                remaining -= i
                year -= 1
                if year < MINYEAR:
                    raise OverflowError("日期超出可计算范围")
                days = self._year(year).ordinals
                i = len(days)
            result = date.fromordinal(days[i - remaining])
            first_year, last_year = result.year, date.fromordinal(o - 1).year
        return DateReckoning(result, not self._span_official(first_year, last_year))

    def workdays_between(self, a: date, b: date) -> CountReckoning:
        """Working days in (a, b]; negative (the count in (b, a] negated) when b < a."""
        # 条例 第三十三条 counted as in add_workdays: the start day is not counted.
        a, b = _as_date(a), _as_date(b)
        if a == b:
            return CountReckoning(0, not self.is_official(a))
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = bisect_right(self._year(b.year).ordinals, b.toordinal())
        count -= bisect_right(self._year(a.year).ordinals, a.toordinal())
        for year in range(a.year, b.year):
            count += len(self._year(year).ordinals)
        first_year = date.fromordinal(a.toordinal() + 1).year
        return CountReckoning(sign * count, not self._span_official(first_year, b.year))


# -- module-level convenience -----------------------------------------------------------------


@cache
def default_calendar() -> WorkCalendar:
    """A shared calendar with no overrides."""
    return WorkCalendar()


def is_workday(d: date) -> bool:
    """:meth:`WorkCalendar.is_workday` on the default calendar."""
    return default_calendar().is_workday(d)


def day_info(d: date) -> DayInfo:
    """:meth:`WorkCalendar.day_info` on the default calendar."""
    return default_calendar().day_info(d)


def add_workdays(d: date, n: int) -> DateReckoning:
    """:meth:`WorkCalendar.add_workdays` on the default calendar."""
    return default_calendar().add_workdays(d, n)


def workdays_between(a: date, b: date) -> CountReckoning:
    """:meth:`WorkCalendar.workdays_between` on the default calendar."""
    return default_calendar().workdays_between(a, b)


# -- CSV import of a State Council notice -----------------------------------------------------


class CalendarImportError(ValueError):
    """A bad row in an override CSV; ``line_no`` counts the header as line 1."""

    def __init__(self, line_no: int, message: str) -> None:
        super().__init__(f"第{line_no}行：{message}")
        self.line_no = line_no
        self.message = message


_DATE_COLUMNS = ("date", "日期")
_KIND_COLUMNS = ("kind", "类型")
_NAME_COLUMNS = ("name", "名称")
_KINDS: dict[str, bool] = {
    "workday": True,
    "班": True,
    "上班": True,
    "holiday": False,
    "休": False,
    "放假": False,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _clean_row(row: Mapping[str, str]) -> dict[str, str]:
    """Strip header BOMs/whitespace and cell whitespace; drop csv.DictReader's overflow key."""
    clean: dict[str, str] = {}
    for key, value in row.items():
        if not isinstance(key, str):
            continue
        clean[key.lstrip("\ufeff").strip().lower()] = value.strip() if isinstance(value, str) else ""
    return clean


def _pick(row: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in row:
            return row[name]
    return None


def parse_override_rows(rows: Iterable[Mapping[str, str]]) -> list[tuple[date, bool, str]]:
    """Parse CSV rows (e.g. from ``csv.DictReader``) into ``(date, is_workday, name)``.

    Columns: ``date``/``日期`` (YYYY-MM-DD), ``kind``/``类型`` (workday/班/上班 or
    holiday/休/放假), optional ``name``/``名称``.  Raises :class:`CalendarImportError`.
    """
    result: list[tuple[date, bool, str]] = []
    seen: dict[date, int] = {}
    for line_no, raw in enumerate(rows, start=2):
        row = _clean_row(raw)
        if not any(row.values()):
            continue  # blank line
        text = _pick(row, _DATE_COLUMNS)
        if not text:
            raise CalendarImportError(line_no, "缺少日期（列名应为 date 或 日期）")
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise CalendarImportError(line_no, f"日期“{text}”无效，应为YYYY-MM-DD格式") from None
        kind = _pick(row, _KIND_COLUMNS)
        if not kind:
            raise CalendarImportError(line_no, "缺少类型（列名应为 kind 或 类型）")
        workday = _KINDS.get(kind.lower())
        if workday is None:
            raise CalendarImportError(line_no, f"类型“{kind}”无法识别，应为 workday/班/上班 或 holiday/休/放假")
        if day in seen:
            raise CalendarImportError(line_no, f"日期 {day.isoformat()} 重复（第{seen[day]}行已出现）")
        seen[day] = line_no
        result.append((day, workday, _pick(row, _NAME_COLUMNS) or ""))
    return result
