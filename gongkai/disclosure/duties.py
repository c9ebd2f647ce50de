"""Recurring disclosure duties: instances per period, overdue ones seen, fulfilled by linking a published item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import refusal
from gongkai.disclosure.models import CatalogCategory, CatalogItem, Duty, DutyInstance, ItemState
from gongkai.law.duties import DueRule, Recurrence, periods_due_by


def rule_of(duty: Duty) -> DueRule:
    return DueRule(Recurrence(duty.recurrence), months_after=duty.months_after, day=duty.day, month=duty.month)


@transaction.atomic
def duty_create(
    *,
    actor: Any,
    agency: Agency,
    name: str,
    recurrence: str,
    starts_on: dt.date,
    months_after: int = 1,
    day: int | None = None,
    month: int | None = None,
    category: CatalogCategory | None = None,
) -> Duty:
    try:
        DueRule(Recurrence(recurrence), months_after=months_after, day=day, month=month)
    except ValueError as exc:
        raise refusal(str(exc), "disclosure.duty_rule") from exc
    if not name.strip():
        raise refusal("请填写公开义务的名称。", "required", "name")
    duty = Duty.objects.create(
        agency=agency,
        name=name.strip(),
        recurrence=recurrence,
        months_after=months_after,
        day=day,
        month=month,
        starts_on=starts_on,
        category=category,
    )
    record(
        action="disclosure.duty.create",
        actor=actor,
        obj=duty,
        agency=agency,
        changes={"name": duty.name, "recurrence": recurrence, "day": day, "month": month},
    )
    return duty


@transaction.atomic
def instances_generate(*, today: dt.date) -> int:
    """Create the instances of every active duty's periods that are due by now (or soon); idempotent."""
    created = 0
    for duty in Duty.objects.filter(active=True):
        existing = set(duty.instances.values_list("period_start", flat=True))
        for period in periods_due_by(rule_of(duty), since=duty.starts_on, today=today):
            if period.start in existing:
                continue
            DutyInstance.objects.create(
                duty=duty,
                agency_id=duty.agency_id,
                period_label=period.label,
                period_start=period.start,
                period_end=period.end,
                due_on=period.due,
            )
            created += 1
    return created


@transaction.atomic
def instance_fulfil(*, actor: Any, instance: DutyInstance, item: CatalogItem) -> DutyInstance:
    if item.agency_id != instance.agency_id or item.state != ItemState.PUBLISHED:
        raise refusal("只能用本机关已发布的信息履行该公开义务。", "disclosure.duty_item")
    instance.fulfilled_by, instance.fulfilled_on = item, item.published_on
    instance.save(update_fields=["fulfilled_by", "fulfilled_on"])
    record(
        action="disclosure.duty.fulfil",
        actor=actor,
        obj=instance.duty,
        agency=instance.agency_id,
        changes={"period": instance.period_label, "item": item.pk, "late": item.published_on > instance.due_on},
    )
    return instance


def dashboard(agency_ids: set[int] | None, *, today: dt.date) -> dict[str, QuerySet[DutyInstance]]:
    """Due (open, not yet late), overdue (open and late) and done instances."""
    qs = DutyInstance.objects.select_related("duty", "agency", "fulfilled_by")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    open_ = qs.filter(fulfilled_by__isnull=True)
    return {
        "overdue": open_.filter(due_on__lt=today).order_by("due_on"),
        "due": open_.filter(due_on__gte=today).order_by("due_on"),
        "done": qs.filter(fulfilled_by__isnull=False).order_by("-fulfilled_on")[:50],
    }
