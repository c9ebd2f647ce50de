"""Writes for work plans: a document proposed, reviewed and confirmed (all tasks or none), progress, evidence, and the
dated instances `gongkai tick` creates. Each write runs in one transaction with its audit entry; a plan document
is read, and an upload judged, before that transaction opens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import user_or_none
from gongkai.core.files import (
    DOCUMENT_EXTENSIONS,
    accept_document,
    delete_after_commit,
    original_name,
    save_with_file,
)
from gongkai.core.logs import service
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.law.duties import periods_due_by
from gongkai.workplan.documents import EXTENSIONS, read_plan_document
from gongkai.workplan.errors import WorkplanError
from gongkai.workplan.models import Task, TaskEvidence, TaskInstance, TaskNote, TaskStatus, TaskTiming, WorkPlan
from gongkai.workplan.proposal import Proposal, build_proposal, kept_names

FIRST_YEAR = 2008  # 条例 in force since 2008-05-01
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_EVIDENCE = 20
HORIZON_DAYS = 45  # instances appear this long before they fall due


def _check_year(year: int, today: dt.date) -> None:
    if not FIRST_YEAR <= year <= today.year + 1:
        raise WorkplanError.YEAR.refuse("year", first=FIRST_YEAR, last=today.year + 1)


# --- plans ------------------------------------------------------------------------------------------------------


@service(atomic=False)
def plan_propose(
    *, actor: Any, agency: Agency, year: int, data: bytes, filename: str = "", today: dt.date | None = None
) -> WorkPlan:
    """Store a plan document as a proposal for the admin to review; replaces an earlier unconfirmed proposal of the
    same year. Nothing is created from it until :func:`plan_confirm`. The document is read before the transaction
    that stores it."""
    today = today or timezone.localdate()
    _check_year(year, today)
    content_type, text = read_plan_document(data)
    proposal = build_proposal(agency, text, year)
    with transaction.atomic():
        return _propose(
            actor=actor, agency=agency, year=year, data=data, filename=filename, read=(content_type, text, proposal)
        )


def _propose(
    *, actor: Any, agency: Agency, year: int, data: bytes, filename: str, read: tuple[str, str, Proposal]
) -> WorkPlan:
    """The write of :func:`plan_propose`, from the document already read: (content type, text, proposal)."""
    content_type, text, proposal = read
    parsed = proposal.plan
    if not parsed.tasks:
        raise WorkplanError.NO_TASKS.refuse("file")
    existing = WorkPlan.objects.select_for_update().filter(agency=agency, year=year).first()
    if existing is not None and not existing.is_proposal:
        raise WorkplanError.DUPLICATE.refuse("year", agency=agency.display_name, year=year)
    if existing is not None:
        delete_after_commit(existing.source_document)
        existing.delete()
    plan = WorkPlan(
        agency=agency,
        year=year,
        title=(parsed.title or f"{year}年政务公开工作要点")[: WorkPlan._meta.get_field("title").max_length],
        source_name=original_name(filename, default=f"工作要点{EXTENSIONS[content_type]}"),
        source_type=content_type,
        source_text=text,
        created_by=user_or_none(actor),
    )
    save_with_file(
        plan,
        plan.source_document,
        data,
        extension=EXTENSIONS[content_type],
        then=lambda: record(
            action="workplan.plan.propose",
            actor=actor,
            obj=plan,
            changes={"year": year, "title": plan.title, "source": plan.source_name, "tasks": len(parsed.tasks)},
        ),
    )
    return plan


def _unmapped_refusal(proposal: Proposal):
    names = pgettext("between the names of a list", ", ").join(proposal.unmapped)
    return WorkplanError.UNMAPPED.refuse("mapping", names=names)


def _create_tasks(plan: WorkPlan, proposal: Proposal) -> int:
    timings = 0
    for position, parsed in enumerate(proposal.plan.tasks, start=1):
        task = Task.objects.create(
            plan=plan,
            agency_id=plan.agency_id,
            position=position,
            group_number=parsed.group,
            group_heading=proposal.plan.group_heading(parsed.group),
            number=parsed.number,
            label=parsed.label[:20],
            heading=parsed.heading or parsed.text[:300],
            text=parsed.text,
            responsibility=parsed.responsibility_note[:1000],
            parts=[
                {"note": r.note, "text": r.text, "leads": list(r.leads), "cooperating": list(r.cooperating)}
                for r in parsed.responsibilities
            ],
            lead_names=list(parsed.leads),
            cooperating_names=list(parsed.cooperating),
            unmapped_names=kept_names(parsed, proposal),
        )
        leads = proposal.departments_for(parsed.leads)
        task.leads.set(leads)
        lead_ids = {d.pk for d in leads}
        task.cooperating.set([d for d in proposal.departments_for(parsed.cooperating) if d.pk not in lead_ids])
        for index, timing in enumerate(parsed.timings):
            rule = timing.rule
            TaskTiming.objects.create(
                task=task,
                position=index,
                phrase=timing.phrase[:300],
                recurrence=rule.recurrence.value if rule else "",
                months_after=rule.months_after if rule else 0,
                day=rule.day if rule else None,
                month=rule.month if rule else None,
                due_on=timing.due_on,
            )
            timings += 1
    return timings


@service
def plan_confirm(
    *, actor: Any, plan: WorkPlan, mapping: Mapping[str, str] | None = None, today: dt.date | None = None
) -> WorkPlan:
    """Create the proposal's tasks, all or none: refused while any department name is unmapped."""
    plan = WorkPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    if not plan.is_proposal:
        raise WorkplanError.CONFIRMED.refuse()
    proposal = build_proposal(plan.agency, plan.source_text, plan.year, mapping)
    if proposal.unmapped:
        raise _unmapped_refusal(proposal)
    timings = _create_tasks(plan, proposal)
    plan.confirmed_at = timezone.now()
    plan.name_map = proposal.name_map()
    plan.save(update_fields=["confirmed_at", "name_map"])
    record(
        action="workplan.plan.confirm",
        actor=actor,
        obj=plan,
        changes={
            "tasks": len(proposal.plan.tasks),
            "groups": len(proposal.plan.groups),
            "timings": timings,
            "departments": {m.name: m.department.name if m.department else None for m in proposal.names},
        },
    )
    _generate_for(TaskTiming.objects.filter(task__plan=plan), today=today or timezone.localdate())
    return plan


@service(atomic=False)
def plan_import(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    data: bytes,
    filename: str = "",
    mapping: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> WorkPlan:
    """Propose and confirm in one transaction (the command line): the whole plan or nothing. The document is read
    once, before that transaction; unmapped names are refused before the document is stored."""
    _check_year(year, today or timezone.localdate())
    content_type, text = read_plan_document(data)
    proposal = build_proposal(agency, text, year, mapping)
    if proposal.unmapped:
        raise _unmapped_refusal(proposal)
    with transaction.atomic():
        plan = _propose(
            actor=actor, agency=agency, year=year, data=data, filename=filename, read=(content_type, text, proposal)
        )
        return plan_confirm(actor=actor, plan=plan, mapping=mapping, today=today)


@service
def plan_discard(*, actor: Any, plan: WorkPlan) -> None:
    """Throw away a proposal that was not confirmed (a confirmed plan stays: its tasks have a history)."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_proposal:
        raise WorkplanError.DISCARD_CONFIRMED.refuse()
    record(action="workplan.plan.discard", actor=actor, obj=plan, changes={"year": plan.year, "title": plan.title})
    delete_after_commit(plan.source_document)
    plan.delete()


# --- progress and evidence --------------------------------------------------------------------------------------


def published_item(agency_id: int, index_number: str) -> CatalogItem:
    """A published item of the agency by its 索引号, or a refusal naming the field."""
    index_number = (index_number or "").strip()
    item = disclosure_selectors.published_by_index_number(agency_id, index_number)
    if item is None:
        raise WorkplanError.ITEM.refuse("index_number", index_number=index_number)
    return item


@service
def task_progress(
    *,
    actor: Any,
    task: Task,
    status: str,
    note: str = "",
    item: CatalogItem | None = None,
    today: dt.date | None = None,
) -> Task:
    """A progress note, a new status, or a published item as evidence (any of them). Marking a task done closes
    its open instances as of today; tasks done get no new instances."""
    today = today or timezone.localdate()
    task = Task.objects.select_for_update().get(pk=task.pk)
    note = (note or "").strip()
    if status not in TaskStatus.values:
        raise WorkplanError.STATUS.refuse("status")
    if status == task.status and not note and item is None:
        raise WorkplanError.NOTHING.refuse("note")
    if item is not None and (item.agency_id != task.agency_id or item.state != ItemState.PUBLISHED):
        raise WorkplanError.ITEM_NOT_OWN.refuse("index_number")
    changes: dict[str, Any] = {}
    closed = 0
    if status != task.status:
        changes["status"] = [task.status, status]
        if status == TaskStatus.DONE:
            task.done_on = today
            closed = TaskInstance.objects.filter(task=task, done_on__isnull=True).update(done_on=today)
            changes["instances_closed"] = closed
        else:
            task.done_on = None
        task.status = status
        task.save(update_fields=["status", "done_on", "updated_at"])
    TaskNote.objects.create(task=task, text=note, status=status, author=user_or_none(actor))
    if note:
        changes["note"] = note[:500]
    if item is not None:
        TaskEvidence.objects.create(task=task, item=item, uploaded_by=user_or_none(actor))
        changes["item"] = item.index_number
    record(action="workplan.task.progress", actor=actor, obj=task, changes=changes)
    return task


def _require_evidence_room(task: Task) -> None:
    if task.evidence.count() >= MAX_EVIDENCE:
        raise WorkplanError.EVIDENCE_COUNT.refuse("file", max=MAX_EVIDENCE)


@service(atomic=False)
def evidence_add(*, actor: Any, task: Task, upload: UploadedFile) -> TaskEvidence:
    """Attach a PDF, DOCX, XLSX, PNG or JPEG file (judged by its content, never by its name) as evidence; the file
    is judged before the transaction that stores it."""
    _require_evidence_room(task)
    data, content_type = accept_document(
        upload, noun=_("evidence"), max_bytes=MAX_EVIDENCE_BYTES, type_code=WorkplanError.EVIDENCE_TYPE
    )
    with transaction.atomic():
        return _evidence_store(actor=actor, task=task, upload=upload, data=data, content_type=content_type)


def _evidence_store(*, actor: Any, task: Task, upload: UploadedFile, data: bytes, content_type: str) -> TaskEvidence:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require_evidence_room(task)
    evidence = TaskEvidence(
        task=task,
        original_name=original_name(upload),
        content_type=content_type,
        size=len(data),
        uploaded_by=user_or_none(actor),
    )
    save_with_file(
        evidence,
        evidence.file,
        data,
        extension=DOCUMENT_EXTENSIONS[content_type],
        then=lambda: record(
            action="workplan.evidence.add",
            actor=actor,
            obj=task,
            changes={"file": evidence.original_name, "size": evidence.size},
        ),
    )
    return evidence


@service
def instance_done(
    *,
    actor: Any,
    instance: TaskInstance,
    done_on: dt.date,
    item: CatalogItem | None = None,
    today: dt.date | None = None,
) -> TaskInstance:
    """One period of a task done (late when after its due date), optionally with the published item showing it."""
    today = today or timezone.localdate()
    instance = TaskInstance.objects.select_for_update().select_related("task").get(pk=instance.pk)
    if instance.done_on is not None:
        raise WorkplanError.INSTANCE_DONE.refuse()
    if done_on is None or done_on > today:
        raise WorkplanError.FUTURE_DATE.refuse("done_on")
    if done_on < dt.date(instance.period_start.year, 1, 1):
        raise WorkplanError.DATE_ORDER.refuse("done_on")
    if item is not None and (item.agency_id != instance.agency_id or item.state != ItemState.PUBLISHED):
        raise WorkplanError.ITEM_NOT_OWN.refuse("index_number")
    instance.done_on, instance.evidence = done_on, item
    instance.save(update_fields=["done_on", "evidence"])
    record(
        action="workplan.instance.done",
        actor=actor,
        obj=instance.task,
        changes={
            "period": instance.period_label,
            "done_on": done_on,
            "late": done_on > instance.due_on,
            "item": item.index_number if item else None,
        },
    )
    return instance


# --- instances (gongkai tick) -----------------------------------------------------------------------------------


def _periods(timing: TaskTiming, year: int, today: dt.date) -> list[tuple[str, dt.date, dt.date, dt.date]]:
    """(label, start, end, due) of the timing's periods in the plan year that are due by today + the horizon."""
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    if not timing.recurrence:
        due = timing.due_on
        return [(f"{due.month}月{due.day}日前", dt.date(year, 1, 1), due, due)] if due <= horizon else []
    return [
        (p.label, p.start, p.end, p.due)
        for p in periods_due_by(timing.rule(), since=dt.date(year, 1, 1), today=today, horizon_days=HORIZON_DAYS)
        if p.start.year == year
    ]


def _generate_for(timings, *, today: dt.date) -> int:
    timings = list(timings.select_related("task__plan").exclude(task__status=TaskStatus.DONE))
    existing = set(TaskInstance.objects.filter(timing__in=timings).values_list("timing_id", "period_start"))
    new = [
        TaskInstance(
            task_id=timing.task_id,
            timing=timing,
            agency_id=timing.task.agency_id,
            period_label=label,
            period_start=start,
            period_end=end,
            due_on=due,
        )
        for timing in timings
        for label, start, end, due in _periods(timing, timing.task.plan.year, today)
        if (timing.pk, start) not in existing
    ]
    TaskInstance.objects.bulk_create(new)
    return len(new)


@service
def instances_generate(*, today: dt.date) -> int:
    """Create the instances of every confirmed plan's open tasks that are due by now (or soon); idempotent."""
    return _generate_for(TaskTiming.objects.filter(task__plan__confirmed_at__isnull=False), today=today)


def tick(*, today: dt.date) -> str:
    """The daily job's part: create due instances; the line `gongkai tick` prints."""
    created = instances_generate(today=today)
    overdue = TaskInstance.objects.filter(done_on__isnull=True, due_on__lt=today).count()
    return f"工作要点：新生成 {created} 期任务，逾期未完成 {overdue} 期。"
