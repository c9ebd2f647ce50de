"""年报体检: the annual reports of a region a supervisor gathered, each reading the checker made of them (history:
a re-check adds a reading, the old ones stay) and the supervisor's decision on each finding."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.files import StoredFile


class MatchedBy(models.TextChoices):
    EXACT = "exact", _("Exact name")
    NORMALISED = "normalised", _("Normalised name")
    MANUAL = "manual", _("Assigned by hand")
    UNMATCHED = "unmatched", _("Not matched")


class AuditedReport(StoredFile):
    """One published annual report of an agency in the region, as the supervisor received it (file kept)."""

    upload_dir = "regionaudit"

    region = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audited_reports")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    matched_by = models.CharField(max_length=12, choices=MatchedBy.choices, default=MatchedBy.UNMATCHED)
    year = models.PositiveIntegerField(null=True, blank=True)
    source_name = models.CharField(max_length=300)
    source_address = models.URLField(max_length=500, blank=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "sha256"], name="regionaudit_report_unique_content")]
        ordering = ["-year", "source_name", "id"]

    def __str__(self) -> str:
        return self.source_name


class ReportReading(models.Model):
    """What one version of the checker read from a report and found in it."""

    report = models.ForeignKey(AuditedReport, on_delete=models.CASCADE, related_name="readings")
    checker_version = models.CharField(max_length=40)
    checked_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # {"agency", "year", "format", "published_on", "metrics", "tables"}
    reading = models.JSONField(default=dict)
    findings = models.JSONField(default=list)  # [{"code", "severity", "message", "where"}]

    class Meta:
        ordering = ["-checked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} @ {self.checked_at:%Y-%m-%d %H:%M}"


class ReviewStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class FindingReview(models.Model):
    """A supervisor's decision on one finding of a reading (by its index in the reading's findings)."""

    reading = models.ForeignKey(ReportReading, on_delete=models.CASCADE, related_name="reviews")
    index = models.PositiveIntegerField()
    code = models.CharField(max_length=80)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reading", "index"], name="regionaudit_review_unique_finding")]

    def __str__(self) -> str:
        return f"{self.code}: {self.status}"
