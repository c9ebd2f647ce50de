"""Gap-free serial numbers per agency, kind and year (letter numbers, 索引号), safe under concurrent writers."""

from __future__ import annotations

from typing import Any

from gongkai.core.models import SerialCounter


def next_serial(*, agency: Any, kind: str, year: int) -> int:
    """Lock the agency's counter row of ``kind`` for ``year`` and take the next number; call inside the caller's
    transaction (the row stays locked until it ends, so concurrent callers wait and no number is taken twice)."""
    counter, _ = SerialCounter.objects.get_or_create(agency=agency, kind=kind, year=year)
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial
