"""Reconsideration and litigation cases about disclosure, their documents, and the yearly figures the platform
cannot compute (许可、处罚、强制 decisions and 行政事业性收费) for 表二 of the annual report.

The applicant's or plaintiff's name is personal data: shown to the agency's case officers and admins and to its
supervisors only, never on the portal. The deadline columns are stored (recomputed by the services through
:mod:`gongkai.law.cases`) so the list can filter overdue cases in the database.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.files import StoredFile
from gongkai.law import cases as law_cases
from gongkai.law.report import SECTION2_ROWS, is_amount

KIND_CHOICES = [(kind, law_cases.KIND_LABELS[kind]) for kind in law_cases.KINDS]
RESULT_CHOICES = [(result, law_cases.RESULT_LABELS[result]) for result in law_cases.RESULTS]
AMOUNT_CELLS = {(row.key, col) for row in SECTION2_ROWS for col, label in row.columns if is_amount(label)}


class Case(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(_("kind"), max_length=40, choices=KIND_CHOICES)
    info_request = models.ForeignKey(
        "foi.InfoRequest",
        verbose_name=_("request concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    number = models.CharField(_("case number"), max_length=80)
    party_name = models.CharField(_("applicant or plaintiff"), max_length=200)
    filed_on = models.DateField(_("filed on"))
    received_on = models.DateField(_("copy received on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    decision_extension_days = models.PositiveSmallIntegerField(
        _("decision period extended by (days)"),
        default=0,
        validators=[MaxValueValidator(law_cases.DECISION_EXTENSION_MAX_DAYS)],
    )
    # 行政复议法 第五十三条: disclosure cases may be heard under the simplified procedure (reply in 5 working days,
    # decision in 30 days: 第五十四条、第六十二条第二款).
    simplified_procedure = models.BooleanField(_("heard under the simplified procedure"), default=False)
    replied_on = models.DateField(_("reply or defence submitted on"), null=True, blank=True)
    deciding_body = models.CharField(_("reconsideration body or court"), max_length=200, blank=True)
    joint_defendant = models.BooleanField(_("co-defendant only as the reconsideration body"), default=False)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=RESULT_CHOICES, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    reply_due_on = models.DateField(null=True, blank=True)
    decision_due_on = models.DateField(null=True, blank=True)
    decision_due_estimated = models.BooleanField(default=False)
    due_provisional = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reconsideration or litigation case")
        verbose_name_plural = _("reconsideration and litigation cases")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="case_number_unique"),
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True, result="")
                | models.Q(concluded_on__isnull=False, result__in=list(law_cases.RESULTS)),
                name="case_result_iff_concluded",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "filed_on"]),
            models.Index(fields=["agency", "concluded_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_reconsideration(self) -> bool:
        return self.kind == law_cases.RECONSIDERATION

    def status(self, today) -> str:
        return law_cases.case_status(
            received_on=self.received_on,
            replied_on=self.replied_on,
            concluded_on=self.concluded_on,
            reply_due=self.reply_due_on,
            decision_due=self.decision_due_on,
            today=today,
        )


class CaseDocument(StoredFile):
    """An uploaded document (application copy, reply, decision, judgment), recognised by content, stored privately."""

    upload_dir = "cases"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        ordering = ["uploaded_at", "id"]


class YearFigures(models.Model):
    """表二 figures kept outside this platform (every row of ``law.report.ENTERED_ROWS``), entered per agency and
    year with where each came from: ``values`` is ``{row: {column: number}}`` (amounts as decimal text),
    ``sources`` is ``{row: text}``."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="year_figures")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2008), MaxValueValidator(2100)])
    values = models.JSONField(_("figures"), default=dict, blank=True)
    sources = models.JSONField(_("sources"), default=dict, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="year_figures_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def value(self, row: str, column: str) -> int | Decimal:
        """One cell (zero when not entered); an amount (law.report.is_amount) as a Decimal, a count as an int."""
        raw = (self.values.get(row) or {}).get(column, 0)
        return Decimal(str(raw)) if (row, column) in AMOUNT_CELLS or isinstance(raw, str) else int(raw)

    def source(self, row: str) -> str:
        return self.sources.get(row, "")
