"""Gap-free serial numbers per agency and year (letter numbers, 索引号), safe under concurrent writers."""

from __future__ import annotations

from typing import Any


def next_serial(counter_model: Any, *, agency: Any, year: int) -> int:
    """Lock the agency's counter row for ``year`` and take the next number; call inside the caller's transaction."""
    counter, _ = counter_model.objects.get_or_create(agency=agency, year=year)
    counter = counter_model.objects.select_for_update().get(pk=counter.pk)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial
