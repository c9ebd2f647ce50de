"""The annual report (政府信息公开工作年度报告): one row per version; a published version is a frozen snapshot.

draft ──check──► checked ──approve──► approved ──publish──► published ──correct──► (new draft version)
  ▲                 │                      │                                             │
  └──── edit ───────┴──────────────────────┘                 published ◄── superseded ◄──┘ (when it publishes)
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.agencies.models import Agency


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", pgettext_lazy("annual report", "Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")


# The narrative sections (一, 五, 六) the agency writes; 二—四 are the computed tables.
NARRATIVE_SECTIONS = ("overview", "problems", "other")


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    tables = models.JSONField(_("tables"), default=dict)
    narrative = models.JSONField(_("narrative"), default=dict)
    generated = models.JSONField(default=dict)  # the narrative as last generated, to tell edits apart
    figures = models.JSONField(default=dict)  # the facts the narrative is drafted from (counts, rates, fees)
    failures = models.JSONField(default=list)  # the last check's results
    computed_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("corrects")
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["agency", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="annual_report_version_unique"),
        ]
        indexes = [models.Index(fields=["agency", "year", "state"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告 v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.CHECKED, ReportState.APPROVED)

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"
