"""Writes for engagement records: create, update, delete and create many (imports, the demo). Each a transaction,
audit-logged; every record is checked by its kind's ``clean_*`` function first, which refuses with an
:class:`~gongkai.engagement.errors.EngagementError` and saves nothing. The name of a person asking is never written
to the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.selectors import department_by_name
from gongkai.audit.services import record
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.engagement.errors import EngagementError
from gongkai.engagement.kinds import KINDS, PRIVATE_FIELDS, Kind, kind_of
from gongkai.engagement.models import Channel, OpinionLevel, PressKind, Proposal, ProposalKind
from gongkai.law import proposals as law_proposals

Cleaner = Callable[..., dict[str, Any]]


def _text(data: dict[str, Any], key: str, label: Promise, max_length: int, *, required: bool = False) -> None:
    data[key] = str(data.get(key) or "").strip()
    if required and not data[key]:
        raise EngagementError.REQUIRED.refuse(key, label=label)
    if len(data[key]) > max_length:
        raise EngagementError.TOO_LONG.refuse(key, label=label, max_length=max_length)


def _date(
    data: dict[str, Any], key: str, label: Promise, *, today: dt.date, required: bool = False, after: str | None = None
) -> None:
    value = data.get(key)
    if value is None:
        if required:
            raise EngagementError.REQUIRED.refuse(key, label=label)
        return
    if value > today:
        raise EngagementError.FUTURE_DATE.refuse(key, label=label)
    if after and data.get(after) is not None and value < data[after]:
        raise EngagementError.DATE_ORDER.refuse(key, label=label, earlier=_LABELS[after])


# The fields as the refusals name them ("Please enter the %(label)s.").
_ASKED_ON = _("date of the consultation")
_RECEIVED_ON = _("date of assignment")
_FIRST_SEEN = _("date it was first seen")
_LABELS = {"asked_on": _ASKED_ON, "received_on": _RECEIVED_ON, "first_seen": _FIRST_SEEN}


def _choice(data: dict[str, Any], key: str, values: Iterable[str], error: EngagementError, **params: Any) -> None:
    if data.get(key) not in set(values):
        raise error.refuse(key, **params)


def clean_consultation(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["consultations"].editable}
    _choice(data, "channel", Channel.values, EngagementError.CHANNEL)
    _date(data, "asked_on", _ASKED_ON, today=today, required=True)
    _text(data, "topic", _("subject of the consultation"), 300, required=True)
    _text(data, "asker_name", _("name of the person asking"), 100)
    if data["answered"] is None:  # not stated (an empty cell in an import): a date of the answer means answered
        data["answered"] = data["answered_on"] is not None
    if not data["answered"] and data["answered_on"] is not None:
        raise EngagementError.ANSWERED.refuse("answered")
    _date(data, "answered_on", _("date of the answer"), today=today, after="asked_on")
    return data


def clean_proposal(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["proposals"].editable}
    _choice(
        data,
        "kind",
        law_proposals.KINDS,
        EngagementError.KIND,
        choices=_("NPC deputy's suggestion or CPPCC member's proposal"),
    )
    _text(data, "number", _("number of the suggestion or proposal"), 60, required=True)
    _text(data, "subject", _("title"), 300, required=True)
    department = data["lead_department"]
    if department is not None and department.agency_id != agency.pk:
        raise EngagementError.DEPARTMENT.refuse("lead_department")
    _date(data, "received_on", _RECEIVED_ON, today=today, required=True)
    received = data["received_on"]
    duplicate = Proposal.objects.filter(
        agency=agency, kind=data["kind"], number=data["number"], received_on__year=received.year
    ).exclude(pk=exclude_pk)
    if duplicate.exists():
        kind = ProposalKind(data["kind"]).label
        raise EngagementError.NUMBER_TAKEN.refuse("number", year=received.year, number=data["number"], kind=kind)
    # 各地代表建议办理办法：自交办之日起三个月内答复，经交办机构同意最长六个月（gongkai.law.proposals）。
    data["due_on"] = data["due_on"] or law_proposals.reply_due_date(received)
    if not received <= data["due_on"] <= law_proposals.latest_due_date(received):
        raise EngagementError.DUE_ON.refuse("due_on", months=law_proposals.MAX_REPLY_MONTHS)
    _date(data, "replied_on", _("date of the reply"), today=today, after="received_on")
    item = data["reply_item"]
    if item is not None and (item.agency_id != agency.pk or item.state != ItemState.PUBLISHED):
        raise EngagementError.ITEM.refuse("reply_item")
    data["reply_published"] = bool(data["reply_published"]) or item is not None
    if data["reply_published"] and data["replied_on"] is None:
        raise EngagementError.PUBLISHED_BEFORE_REPLY.refuse("replied_on")
    return data


def clean_opinion(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["opinion"].editable}
    _choice(data, "level", OpinionLevel.values, EngagementError.LEVEL)
    _date(data, "first_seen", _FIRST_SEEN, today=today, required=True)
    _date(data, "responded_on", _("date of the response"), today=today, after="first_seen")
    _text(data, "channel", _("source of the public opinion"), 100)
    _text(data, "summary", _("summary of the public opinion event"), 500, required=True)
    return data


def clean_press(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["press"].editable}
    _choice(data, "kind", PressKind.values, EngagementError.KIND, choices=_("press conference or online interview"))
    _date(data, "held_on", _("date it was held"), today=today, required=True)
    _text(data, "topic", _("topic"), 300, required=True)
    _text(data, "speakers", _("speakers (guests)"), 300)
    _text(data, "link", _("link"), 500)
    if data["link"]:
        try:
            URLValidator(schemes=["http", "https"])(data["link"])
        except ValidationError:
            raise EngagementError.LINK.refuse("link") from None
    return data


CLEANERS: dict[str, Cleaner] = {
    "consultations": clean_consultation,
    "proposals": clean_proposal,
    "opinion": clean_opinion,
    "press": clean_press,
}


def clean(kind: Kind, agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    """The record's fields checked against each other and the law; the first problem is refused."""
    return CLEANERS[kind.slug](agency, fields, today=today, exclude_pk=exclude_pk)


def _audit_value(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value


def _audit_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _audit_value(value) for key, value in data.items() if key not in PRIVATE_FIELDS}


@service
def record_create(
    *, actor: Any, agency: Agency, kind: str, fields: Mapping[str, Any], today: dt.date | None = None
) -> Model:
    """Register one record of ``kind`` (consultations, proposals, opinion, press); ``fields`` are the kind's editable
    fields (a mapping, since two kinds have a field named ``kind`` themselves)."""
    spec = KINDS[kind]
    data = clean(spec, agency, fields, today=today or timezone.localdate())
    obj = spec.model.objects.create(agency=agency, created_by=user_or_none(actor), **data)
    record(action=f"engagement.{spec.audit_name}.create", actor=actor, obj=obj, changes=_audit_fields(data))
    return obj


@service
def record_update(*, actor: Any, obj: Model, fields: Mapping[str, Any], today: dt.date | None = None) -> Model:
    """Change a record; fields not given keep their values. Only what changed is audited."""
    spec = kind_of(obj)
    obj = spec.model.objects.select_for_update().get(pk=obj.pk)
    current = {key: getattr(obj, key) for key in spec.editable}
    merged = {**current, **fields}
    if (
        spec is KINDS["proposals"]
        and merged["received_on"] != current["received_on"]
        and merged["due_on"] == law_proposals.reply_due_date(current["received_on"])
    ):
        merged["due_on"] = None  # the default due date follows a corrected assignment date
    data = clean(spec, obj.agency, merged, today=today or timezone.localdate(), exclude_pk=obj.pk)
    changes = {
        key: [_audit_value(current[key]), _audit_value(value)]
        for key, value in data.items()
        if _audit_value(current[key]) != _audit_value(value)
    }
    if not changes:
        return obj
    for key, value in data.items():
        setattr(obj, key, value)
    obj.save()
    for key in PRIVATE_FIELDS & changes.keys():
        changes[key] = ["…", "…"]  # personal data stays out of the audit log
    record(action=f"engagement.{spec.audit_name}.update", actor=actor, obj=obj, changes=changes)
    return obj


@service
def record_delete(*, actor: Any, obj: Model) -> None:
    spec = kind_of(obj)
    obj = spec.model.objects.select_for_update().get(pk=obj.pk)
    changes = _audit_fields({key: getattr(obj, key) for key in spec.editable})
    pk, agency_id = obj.pk, obj.agency_id
    obj.delete()
    obj.pk = pk  # the audit entry names the deleted record
    record(action=f"engagement.{spec.audit_name}.delete", actor=actor, obj=obj, agency=agency_id, changes=changes)


@service
def records_create_many(*, actor: Any, agency: Agency, kind: str, rows: list[dict[str, Any]]) -> list[Model]:
    """Create already-cleaned records (see :func:`clean`) at once, with one audit entry naming how many and their ids.
    Used by the import, which checks every row before writing any."""
    spec = KINDS[kind]
    created = spec.model.objects.bulk_create(
        [spec.model(agency=agency, created_by=user_or_none(actor), **data) for data in rows]
    )
    record(
        action=f"engagement.{spec.audit_name}.import",
        actor=actor,
        agency=agency,
        changes={"rows": len(created), "ids": [obj.pk for obj in created]},
    )
    return created


def published_item(agency: Agency, index_number: str) -> CatalogItem | None:
    """The agency's published item with this 索引号 (None for an empty one), or a refusal."""
    index_number = (index_number or "").strip()
    if not index_number:
        return None
    item = disclosure_selectors.published_by_index_number(agency.pk, index_number)
    if item is None:
        raise EngagementError.ITEM_NOT_FOUND.refuse("reply_item", index_number=index_number)
    return item


def department_named(agency: Agency, name: str, departments: Iterable[Department] | None = None) -> Department | None:
    """The agency's 科室 by its name or one of its other names (None for an empty name), or a refusal."""
    name = (name or "").strip()
    if not name:
        return None
    department = department_by_name(agency, name, departments)
    if department is not None:
        return department
    raise EngagementError.DEPARTMENT_NOT_FOUND.refuse("lead_department", name=name)
