"""The calendar every deadline in gongkai is computed with: the library's official data plus our overrides."""

from __future__ import annotations

from gongkai.law.calendar import WorkCalendar
from gongkai.workcalendar.models import CalendarNotice, CalendarOverride


def working_calendar() -> WorkCalendar:
    """Two small queries; the overrides table holds a few dozen rows a year at most."""
    rows = list(CalendarOverride.objects.values_list("date", "is_workday", "name"))
    years = CalendarNotice.objects.values_list("year", flat=True)
    return WorkCalendar(
        overrides={day: workday for day, workday, _ in rows},
        official_years=list(years),
        override_names={day: name for day, _, name in rows if name},
    )
