"""Tables shared by the domain apps. Core knows no domain app: the agency is a string reference."""

from __future__ import annotations

from django.db import models


class SerialCounter(models.Model):
    """The last serial number taken per agency, kind of number and year (letter numbers, 索引号 …): one row each,
    locked while the next number is taken (see gongkai.core.serials)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="serial_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind} {self.year}: {self.last_serial}"
