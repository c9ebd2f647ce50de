"""Loading a year's State Council holiday notice into the override table (all rows or none)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.db import transaction

from gongkai.audit.services import record
from gongkai.core.logs import service
from gongkai.core.tabular import ImportRejected, RowError, read_csv_rows
from gongkai.law.calendar import CalendarImportError, parse_override_rows
from gongkai.workcalendar.models import CalendarNotice, CalendarOverride

_ALIASES = {"date": "date", "日期": "date", "kind": "kind", "类型": "kind", "name": "name", "名称": "name"}


@service(atomic=False)
def import_calendar_notice(*, actor: Any, source: str | Path | IO[bytes], document: str) -> CalendarNotice | None:
    """Replace the overrides of the years the file covers and mark those years as official.

    The file lists every day of the notice that differs from an ordinary week: holidays falling on weekdays
    and make-up working days falling on weekends (columns 日期, 类型 = 休/班, 名称).
    """
    rows = read_csv_rows(source, _ALIASES)
    # line numbers in parse_override_rows count the header as line 1, as read_csv_rows does
    try:
        parsed = parse_override_rows(row for _, row in rows)
    except CalendarImportError as exc:
        line = rows[exc.line_no - 2][0] if 2 <= exc.line_no <= len(rows) + 1 else exc.line_no
        raise ImportRejected([RowError(line, exc.message)]) from exc
    if not parsed:
        raise ImportRejected([RowError(2, "文件中没有日期行")])
    years = sorted({day.year for day, _, _ in parsed})
    with transaction.atomic():
        CalendarOverride.objects.filter(date__year__in=years).delete()
        notice = None
        for year in years:
            notice, _ = CalendarNotice.objects.update_or_create(year=year, defaults={"document": document})
        CalendarOverride.objects.bulk_create(
            CalendarOverride(date=day, is_workday=workday, name=name, notice=notice) for day, workday, name in parsed
        )
        record(
            action="calendar.import",
            actor=actor,
            changes={
                "years": years,
                "document": document,
                "days": len(parsed),
            },
        )
    return notice


@service
def override_save(*, actor: Any, override: CalendarOverride) -> CalendarOverride:
    created = override.pk is None
    override.full_clean()
    override.save()
    record(
        action="calendar.override.create" if created else "calendar.override.update",
        actor=actor,
        obj=override,
        changes={"date": override.date, "is_workday": override.is_workday, "name": override.name},
    )
    return override


@service
def override_delete(*, actor: Any, override: CalendarOverride) -> None:
    record(
        action="calendar.override.delete",
        actor=actor,
        obj=override,
        changes={"date": override.date, "is_workday": override.is_workday},
    )
    override.delete()
