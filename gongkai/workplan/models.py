"""The yearly 政务公开工作要点 of an agency: its tasks with lead and cooperating departments, their timings, the dated
instances `gongkai tick` creates from them, progress notes and evidence.

A plan is read from its own document (gongkai.law.workplan) and stays a proposal (``confirmed_at`` empty) until an
agency admin has reviewed it and mapped every department name; only then are its tasks created. Names are kept as
written beside the departments they were mapped to, so nothing the document says is lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.agencies.models import Agency, Department
from gongkai.core.files import StoredFile, stored_file_path
from gongkai.law.duties import DueRule, Recurrence
from gongkai.law.workplan import chinese_numeral, describe_rule


class WorkPlan(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    source_document = models.FileField(upload_to="workplan/%Y/%m/", blank=True)
    source_name = models.CharField(_("source document"), max_length=200, blank=True)
    source_type = models.CharField(max_length=100, blank=True)
    source_text = models.TextField()
    # written name → department name it was mapped to by the admin ("" = kept as text, no department)
    name_map = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "agency"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="workplan_agency_year_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_proposal(self) -> bool:
        return self.confirmed_at is None


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("work plan task", "In progress")
    DONE = "done", _("Done")


# The words of the annual report's section 六 (a Chinese document whatever the interface language).
STATUS_REPORT_LABELS = {TaskStatus.NOT_STARTED: "未启动", TaskStatus.IN_PROGRESS: "推进中", TaskStatus.DONE: "已完成"}


class Task(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    group_number = models.PositiveSmallIntegerField(default=0)
    group_heading = models.CharField(max_length=200, blank=True)
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=20)
    heading = models.CharField(_("heading"), max_length=300)
    text = models.TextField(_("text"))
    responsibility = models.CharField(_("responsibility as written"), max_length=1000, blank=True)
    # one entry per note: {"note", "text", "leads": [names], "cooperating": [names]}, names as written
    parts = models.JSONField(default=list, blank=True)
    lead_names = models.JSONField(default=list, blank=True)
    cooperating_names = models.JSONField(default=list, blank=True)
    unmapped_names = models.JSONField(default=list, blank=True)
    leads = models.ManyToManyField(
        Department, verbose_name=_("lead departments"), blank=True, related_name="workplan_lead_tasks"
    )
    cooperating = models.ManyToManyField(
        Department, verbose_name=_("cooperating departments"), blank=True, related_name="workplan_cooperating_tasks"
    )
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="workplan_task_position_unique")]

    def __str__(self) -> str:
        return f"{self.label}{self.heading}"

    @property
    def group_title(self) -> str:
        """ "二、做好民政重点业务工作公开" (empty for a plan without groups)."""
        return f"{chinese_numeral(self.group_number)}、{self.group_heading}" if self.group_number else ""


RECURRENCE_CHOICES = [(r.value, r.value) for r in Recurrence]


class TaskTiming(models.Model):
    """When a task is due: a recurrence (gongkai.law.duties.DueRule's fields) or one fixed date."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="timings")
    position = models.PositiveSmallIntegerField(default=0)
    phrase = models.CharField(_("as written"), max_length=300)
    recurrence = models.CharField(max_length=20, blank=True, choices=RECURRENCE_CHOICES)
    months_after = models.PositiveSmallIntegerField(default=0)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["task", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recurrence="") & Q(due_on__isnull=False)) | (~Q(recurrence="") & Q(due_on__isnull=True)),
                name="workplan_timing_date_or_recurrence",
            )
        ]

    def __str__(self) -> str:
        return self.phrase

    def describe(self) -> str:
        """ "每季度，下一季度第2个月底前" or "5月31日前" (the plan's own kind of words)."""
        if not self.recurrence:
            return f"{self.due_on.month}月{self.due_on.day}日前" if self.due_on else ""
        return describe_rule(self.rule())

    def rule(self) -> DueRule:
        return DueRule(Recurrence(self.recurrence), months_after=self.months_after, day=self.day, month=self.month)


class TaskInstance(models.Model):
    """One period (or the one date) of a task's timing; overdue when past due and not done."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="instances")
    timing = models.ForeignKey(TaskTiming, on_delete=models.CASCADE, related_name="instances")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    period_label = models.CharField(max_length=40)
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)
    evidence = models.ForeignKey(
        "disclosure.CatalogItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["timing", "period_start"], name="workplan_instance_unique"),
        ]
        indexes = [models.Index(fields=["agency", "done_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.task} {self.period_label}"

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today


class TaskNote(models.Model):
    """A progress note, with the status the task had after it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"), blank=True)
    status = models.CharField(max_length=20, choices=TaskStatus.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task}: {self.text[:40]}"


class TaskEvidence(StoredFile):
    """A published catalog item or an uploaded file showing the work was done: a link to an item has no file (its
    name and type are empty, its size 0)."""

    upload_dir = "workplan/evidence"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    item = models.ForeignKey(
        "disclosure.CatalogItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=stored_file_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name or str(self.item or "")
