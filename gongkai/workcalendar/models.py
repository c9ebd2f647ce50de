"""Overrides of the working-day calendar for State Council notices the ``holidays`` library does not know yet.

The rules live in :mod:`gongkai.law.calendar`; this table only feeds it data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarNotice(models.Model):
    """A year whose official holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) is loaded here in full."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    document = models.CharField(_("notice"), max_length=200, help_text=_("e.g. 国办发明电〔2025〕7号"))
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.document}"


class CalendarOverride(models.Model):
    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    notice = models.ForeignKey(
        CalendarNotice,
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="overrides",
    )

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'班' if self.is_workday else '休'} {self.name}"
