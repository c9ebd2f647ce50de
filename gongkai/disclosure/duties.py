"""Recurring disclosure duties: instances per period, overdue ones seen, fulfilled by linking a published item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.audit.services import field_changes, record
from gongkai.core.logs import service
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import CatalogCategory, CatalogItem, Duty, DutyInstance, ItemState
from gongkai.law.duties import DueRule, Recurrence, periods_due_by


def rule_of(duty: Duty) -> DueRule:
    return DueRule(Recurrence(duty.recurrence), months_after=duty.months_after, day=duty.day, month=duty.month)


MAX_MONTHS_AFTER = 12


def _checked_fields(agency: Agency, fields: dict[str, Any]) -> dict[str, Any]:
    """The duty's fields, cleaned; a refusal (a :class:`~gongkai.disclosure.errors.DisclosureError`) names the
    field that is wrong."""
    name = (fields.get("name") or "").strip()
    if not name:
        raise DisclosureError.DUTY_NAME_REQUIRED.refuse("name")
    recurrence = fields.get("recurrence")
    if recurrence not in {r.value for r in Recurrence}:
        raise DisclosureError.DUTY_RECURRENCE.refuse("recurrence")
    months_after = fields.get("months_after")
    months_after = 1 if months_after is None else months_after
    if not 0 <= months_after <= MAX_MONTHS_AFTER:
        raise DisclosureError.DUTY_MONTHS_AFTER.refuse("months_after", max=MAX_MONTHS_AFTER)
    day, month = fields.get("day"), fields.get("month")
    if day is not None and not 1 <= day <= 31:
        raise DisclosureError.DUTY_DAY.refuse("day")
    if month is not None and recurrence != Recurrence.YEARLY:
        raise DisclosureError.DUTY_MONTH_NOT_YEARLY.refuse("month")
    if month is not None and not 1 <= month <= 12:
        raise DisclosureError.DUTY_MONTH.refuse("month")
    if fields.get("starts_on") is None:
        raise DisclosureError.DUTY_STARTS_ON_REQUIRED.refuse("starts_on")
    category = fields.get("category")
    if category is not None and category.agency_id != agency.pk:
        raise DisclosureError.CATEGORY.refuse("category")
    try:
        DueRule(Recurrence(recurrence), months_after=months_after, day=day, month=month)
    except ValueError as exc:
        raise DisclosureError.DUTY_RULE.refuse(reason=str(exc)) from exc
    return {
        "name": name[: Duty._meta.get_field("name").max_length],
        "recurrence": recurrence,
        "months_after": months_after,
        "day": day,
        "month": month,
        "starts_on": fields["starts_on"],
        "category": category,
    }


def _audit_fields(duty: Duty) -> dict[str, Any]:
    return {
        "name": duty.name,
        "recurrence": duty.recurrence,
        "months_after": duty.months_after,
        "day": duty.day,
        "month": duty.month,
        "starts_on": duty.starts_on,
        "category": duty.category.code if duty.category else None,
    }


@service
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
    today: dt.date | None = None,
) -> Duty:
    """A new duty; with ``today`` its instances due by then are created at once (else by the next `gongkai tick`)."""
    fields = _checked_fields(
        agency,
        {
            "name": name,
            "recurrence": recurrence,
            "months_after": months_after,
            "day": day,
            "month": month,
            "starts_on": starts_on,
            "category": category,
        },
    )
    duty = Duty.objects.create(agency=agency, **fields)
    record(action="disclosure.duty.create", actor=actor, obj=duty, agency=agency, changes=_audit_fields(duty))
    if today is not None:
        _generate(duty, today=today)
    return duty


@service
def duty_update(*, actor: Any, duty: Duty, today: dt.date | None = None, **changes: Any) -> Duty:
    """Change a duty's name, category or due rule. Instances already created keep their due dates; the
    recurrence cannot change once instances exist (their periods would no longer match)."""
    unknown = set(changes) - {"name", "recurrence", "months_after", "day", "month", "starts_on", "category"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    before = _audit_fields(duty)
    fields = _checked_fields(duty.agency, {**before, "category": duty.category, **changes})
    if fields["recurrence"] != duty.recurrence and duty.instances.exists():
        raise DisclosureError.DUTY_RECURRENCE_LOCKED.refuse("recurrence")
    for key, value in fields.items():
        setattr(duty, key, value)
    duty.save()
    record(
        action="disclosure.duty.update",
        actor=actor,
        obj=duty,
        agency=duty.agency_id,
        changes=field_changes(before, _audit_fields(duty)),
    )
    if today is not None and duty.active:
        _generate(duty, today=today)
    return duty


@service
def duty_set_active(*, actor: Any, duty: Duty, active: bool) -> Duty:
    """Deactivate a duty (no new instances; its open ones leave the dashboard) or take it up again."""
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    if duty.active != active:
        record(
            action="disclosure.duty.activate" if active else "disclosure.duty.deactivate",
            actor=actor,
            obj=duty,
            agency=duty.agency_id,
            changes={"active": [duty.active, active]},
        )
        duty.active = active
        duty.save(update_fields=["active"])
    return duty


def _generate(duty: Duty, *, today: dt.date) -> int:
    existing = set(duty.instances.values_list("period_start", flat=True))
    created = 0
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


@service
def instances_generate(*, today: dt.date) -> int:
    """Create the instances of every active duty's periods that are due by now (or soon); idempotent."""
    return sum(_generate(duty, today=today) for duty in Duty.objects.filter(active=True))


def fulfil_candidates(instance: DutyInstance) -> QuerySet[CatalogItem]:
    """The items that may fulfil an instance: the agency's published items in the duty's category (or below it),
    published on or after the period's first day."""
    qs = CatalogItem.objects.filter(
        agency_id=instance.agency_id, state=ItemState.PUBLISHED, published_on__gte=instance.period_start
    )
    category_id = instance.duty.category_id
    if category_id is not None:
        qs = qs.filter(Q(category_id=category_id) | Q(category__parent_id=category_id))
    return qs.select_related("category").order_by("-published_on", "-id")


@service
def duty_fulfil(*, actor: Any, instance: DutyInstance, item: CatalogItem) -> DutyInstance:
    """A duty's period is fulfilled by linking the published item (late when published after the due date)."""
    instance = DutyInstance.objects.select_for_update().select_related("duty").get(pk=instance.pk)
    if item.agency_id != instance.agency_id or item.state != ItemState.PUBLISHED:
        raise DisclosureError.DUTY_ITEM.refuse("item")
    if instance.fulfilled_by_id is not None:
        raise DisclosureError.DUTY_DONE.refuse()
    if not fulfil_candidates(instance).filter(pk=item.pk).exists():
        category, start = instance.duty.category, instance.period_start
        since = {"year": start.year, "month": start.month, "day": start.day}
        if category is not None:
            raise DisclosureError.DUTY_ITEM_CATEGORY_SINCE.refuse("item", category=category.name, **since)
        raise DisclosureError.DUTY_ITEM_SINCE.refuse("item", **since)
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


# The name demo.py still uses.
instance_fulfil = duty_fulfil


def duty_list(agency_ids: set[int] | None) -> QuerySet[Duty]:
    qs = Duty.objects.select_related("agency", "category")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.order_by("-active", "agency__name", "name")


def dashboard(agency_ids: set[int] | None, *, today: dt.date) -> dict[str, QuerySet[DutyInstance]]:
    """Due (open, not yet late), overdue (open and late) and done instances; open ones of inactive duties are
    left out."""
    qs = DutyInstance.objects.select_related("duty", "agency", "fulfilled_by")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    open_ = qs.filter(fulfilled_by__isnull=True, duty__active=True)
    return {
        "overdue": open_.filter(due_on__lt=today).order_by("due_on", "agency__name", "duty__name", "id"),
        "due": open_.filter(due_on__gte=today).order_by("due_on", "agency__name", "duty__name", "id"),
        "done": qs.filter(fulfilled_by__isnull=False).order_by("-fulfilled_on", "agency__name", "duty__name", "-id")[
            :50
        ],
    }
