"""The calendar every deadline in gongkai is computed with: the library's official data plus our overrides."""

from __future__ import annotations

from gongkai.law.calendar import WorkCalendar
from gongkai.workcalendar.models import CalendarNotice, CalendarOverride


def working_calendar() -> WorkCalendar:
    """Two small queries; the overrides table holds a few dozen rows a year at most."""
    overrides = dict(CalendarOverride.objects.values_list("date", "is_workday"))
    years = CalendarNotice.objects.values_list("year", flat=True)
    return WorkCalendar(overrides=overrides, official_years=list(years))
