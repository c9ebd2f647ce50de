"""Reads for work plans: lists scoped to the user's agencies with a fixed number of queries, who may change what,
the overdue instances of a department, and the figures the annual report's section 六 uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.agencies.access import access_for, get_scoped_or_404, scope
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agencies_by_ids, department_ids_of
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.workplan.models import (
    STATUS_REPORT_LABELS,
    Task,
    TaskEvidence,
    TaskInstance,
    TaskStatus,
    WorkPlan,
)

MANAGE_ROLES = (Role.AGENCY_ADMIN,)
STAFF_ROLES = tuple(r for r in Role.values if r not in (Role.SUPERVISOR, Role.SYSTEM_ADMIN))


def _open_overdue(today: dt.date) -> Q:
    return Q(done_on__isnull=True, due_on__lt=today)


# --- permissions --------------------------------------------------------------------------------------------------


def can_manage(user, agency_id: int) -> bool:
    """Agency admins (and system administrators) import, review and discard plans."""
    access = access_for(user)
    return access.is_system_admin or access.has_role(agency_id, *MANAGE_ROLES)


def my_department_ids(user, agency_id: int | None = None) -> set[int]:
    """The departments of the user's staff memberships (supervisor memberships do not count)."""
    return department_ids_of(user, STAFF_ROLES, agency_id)


def can_update(user, task: Task) -> bool:
    """Agency admins, and staff of a lead department of the task, record progress and evidence."""
    if can_manage(user, task.agency_id):
        return True
    mine = my_department_ids(user, task.agency_id)
    return bool(mine) and task.leads.filter(pk__in=mine).exists()


def managed_agencies(user) -> QuerySet[Agency]:
    access = access_for(user)
    ids = None if access.is_system_admin else [a for a, roles in access.roles.items() if roles & set(MANAGE_ROLES)]
    return agencies_by_ids(ids).order_by("name")


# --- plans and tasks ----------------------------------------------------------------------------------------------


def plan_list(user, *, today: dt.date) -> QuerySet[WorkPlan]:
    """The plans of the user's agencies with their task, done and overdue counts (one query)."""
    return (
        scope(WorkPlan.objects.select_related("agency"), user)
        .annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE), distinct=True),
            overdue_count=Count(
                "tasks__instances__task",
                filter=Q(tasks__instances__done_on__isnull=True, tasks__instances__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("-year", "agency__name")
    )


def plan_for_user(user, pk: int) -> WorkPlan:
    return get_scoped_or_404(WorkPlan.objects.select_related("agency", "created_by"), user, pk=pk)


def with_overdue(tasks: QuerySet[Task], today: dt.date) -> QuerySet[Task]:
    """Tasks with ``is_overdue`` (an open instance past due) and ``next_due`` (the earliest open instance)."""
    open_instances = TaskInstance.objects.filter(task=OuterRef("pk"), done_on__isnull=True)
    return tasks.annotate(
        is_overdue=Exists(open_instances.filter(due_on__lt=today)),
        next_due=Min("instances__due_on", filter=Q(instances__done_on__isnull=True)),
    )


def plan_tasks(plan: WorkPlan, *, today: dt.date) -> QuerySet[Task]:
    """The plan's tasks in order, with departments and timings (four queries whatever their number)."""
    return with_overdue(
        Task.objects.filter(plan=plan).prefetch_related("leads", "cooperating", "timings"), today
    ).order_by("position")


def task_for_user(user, pk: int) -> Task:
    return get_scoped_or_404(Task.objects.select_related("plan", "agency"), user, pk=pk)


def task_detail(task: Task) -> dict[str, Any]:
    return {
        "timings": list(task.timings.all()),
        "instances": list(task.instances.select_related("evidence", "timing")),
        "notes": list(task.notes.select_related("author")),
        "evidence": list(task.evidence.select_related("item", "uploaded_by")),
        "leads": list(task.leads.all()),
        "cooperating": list(task.cooperating.all()),
    }


def evidence_for_user(user, pk: int) -> TaskEvidence:
    evidence = get_scoped_or_404(TaskEvidence.objects.select_related("task"), user, agency_field="task__agency", pk=pk)
    if not evidence.file:
        raise Http404  # a link to a published item has no file of its own
    return evidence


def instance_for_user(user, pk: int) -> TaskInstance:
    return get_scoped_or_404(TaskInstance.objects.select_related("task", "agency"), user, pk=pk)


def recent_items(agency_id: int, *, since: dt.date, limit: int = 100):
    """Published items of the agency since a date, newest first (suggestions for the 索引号 field)."""
    return disclosure_selectors.published_since(agency_id, since)[:limit]


# --- dashboards ---------------------------------------------------------------------------------------------------


def overdue_instances(
    *, today: dt.date, agency_ids: set[int] | None = None, department_ids: set[int] | None = None
) -> QuerySet[TaskInstance]:
    """Open instances past due: of the given agencies (None = all), or of tasks led by the given departments."""
    qs = TaskInstance.objects.filter(_open_overdue(today), task__plan__confirmed_at__isnull=False)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    if department_ids is not None:
        qs = qs.filter(
            Exists(Task.leads.through.objects.filter(task_id=OuterRef("task_id"), department_id__in=department_ids))
        )
    return qs.select_related("task", "task__plan", "agency").order_by("due_on", "id")


def dashboard(user, *, today: dt.date) -> dict[str, Any]:
    """The overdue instances of the user's departments and, for agency admins, of their agencies."""
    departments = my_department_ids(user)
    access = access_for(user)
    if access.is_system_admin:
        admin_ids: set[int] | None = None
    else:
        admin_ids = {agency_id for agency_id, roles in access.roles.items() if roles & set(MANAGE_ROLES)}
    return {
        "my_overdue": list(overdue_instances(today=today, department_ids=departments)) if departments else [],
        "agency_overdue": list(overdue_instances(today=today, agency_ids=admin_ids))
        if admin_ids is None or admin_ids
        else [],
    }


# --- the annual report --------------------------------------------------------------------------------------------


def report_figures(agency_id: int, year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """The work plan of ``year`` for the annual report's section 六:
    ``{"tasks": n, "done": n, "overdue": n, "completion": [(group heading, task heading, status label), ...]}``;
    overdue counts the tasks with an instance past due and not done (as of ``today``). One query."""
    today = today or timezone.localdate()
    tasks = list(
        with_overdue(Task.objects.filter(plan__agency_id=agency_id, plan__year=year), today)
        .filter(plan__confirmed_at__isnull=False)
        .order_by("position")
        .values("group_heading", "heading", "status", "is_overdue")
    )
    return {
        "tasks": len(tasks),
        "done": sum(t["status"] == TaskStatus.DONE for t in tasks),
        "overdue": sum(bool(t["is_overdue"]) for t in tasks),
        "completion": [(t["group_heading"], t["heading"], STATUS_REPORT_LABELS[t["status"]]) for t in tasks],
    }
