"""Writes for engagement records: create, update, delete and create many (imports, the demo). Each a transaction,
audit-logged; every record is checked by its kind's ``clean_*`` function first, which refuses in Chinese and saves
nothing. The name of a person asking is never written to the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Model
from django.utils import timezone

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.selectors import department_by_name
from gongkai.audit.services import record
from gongkai.core.errors import refusal, user_or_none
from gongkai.core.logs import service
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.engagement.kinds import KINDS, PRIVATE_FIELDS, Kind, kind_of
from gongkai.engagement.models import Channel, OpinionLevel, PressKind, Proposal
from gongkai.law import proposals as law_proposals

Cleaner = Callable[..., dict[str, Any]]


def _text(data: dict[str, Any], key: str, label: str, max_length: int, *, required: bool = False) -> None:
    data[key] = str(data.get(key) or "").strip()
    if required and not data[key]:
        raise refusal(f"请填写{label}。", "required", key)
    if len(data[key]) > max_length:
        raise refusal(f"{label}不能超过 {max_length} 个字。", "too_long", key)


def _date(
    data: dict[str, Any], key: str, label: str, *, today: dt.date, required: bool = False, after: str | None = None
) -> None:
    value = data.get(key)
    if value is None:
        if required:
            raise refusal(f"请填写{label}。", "required", key)
        return
    if value > today:
        raise refusal(f"{label}不能晚于今天。", "engagement.future_date", key)
    if after and data.get(after) is not None and value < data[after]:
        raise refusal(f"{label}不能早于{_LABELS[after]}。", "engagement.date_order", key)


_LABELS = {"asked_on": "咨询日期", "received_on": "交办日期", "first_seen": "发现日期"}


def _choice(data: dict[str, Any], key: str, values: Iterable[str], message: str) -> None:
    if data.get(key) not in set(values):
        raise refusal(message, f"engagement.{key}", key)


def clean_consultation(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["consultations"].editable}
    _choice(data, "channel", Channel.values, "请选择咨询渠道：电话、网上、现场或信函。")
    _date(data, "asked_on", "咨询日期", today=today, required=True)
    _text(data, "topic", "咨询事项", 300, required=True)
    _text(data, "asker_name", "咨询人姓名", 100)
    if data["answered"] is None:  # not stated (an empty cell in an import): a date of the answer means answered
        data["answered"] = data["answered_on"] is not None
    if not data["answered"] and data["answered_on"] is not None:
        raise refusal("填写了答复日期的咨询应标为已答复。", "engagement.answered", "answered")
    _date(data, "answered_on", "答复日期", today=today, after="asked_on")
    return data


def clean_proposal(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["proposals"].editable}
    _choice(data, "kind", law_proposals.KINDS, "请选择类型：人大代表建议或政协委员提案。")
    _text(data, "number", "建议（提案）编号", 60, required=True)
    _text(data, "subject", "标题", 300, required=True)
    department = data["lead_department"]
    if department is not None and department.agency_id != agency.pk:
        raise refusal("主办科室须为本机关的科室。", "engagement.department", "lead_department")
    _date(data, "received_on", "交办日期", today=today, required=True)
    received = data["received_on"]
    duplicate = Proposal.objects.filter(
        agency=agency, kind=data["kind"], number=data["number"], received_on__year=received.year
    ).exclude(pk=exclude_pk)
    if duplicate.exists():
        label = law_proposals.KIND_LABELS[data["kind"]]
        raise refusal(f"本机关 {received.year} 年已登记编号为“{data['number']}”的{label}。", "duplicate", "number")
    # 各地代表建议办理办法：自交办之日起三个月内答复，经交办机构同意最长六个月（gongkai.law.proposals）。
    data["due_on"] = data["due_on"] or law_proposals.reply_due_date(received)
    if not received <= data["due_on"] <= law_proposals.latest_due_date(received):
        raise refusal(
            f"答复期限应在交办日期之后、最长 {law_proposals.MAX_REPLY_MONTHS} 个月内（经交办机构同意延期）。",
            "engagement.due_on",
            "due_on",
        )
    _date(data, "replied_on", "答复日期", today=today, after="received_on")
    item = data["reply_item"]
    if item is not None and (item.agency_id != agency.pk or item.state != ItemState.PUBLISHED):
        raise refusal("答复全文只能关联本机关已发布的信息。", "engagement.item", "reply_item")
    data["reply_published"] = bool(data["reply_published"]) or item is not None
    if data["reply_published"] and data["replied_on"] is None:
        raise refusal("答复全文公开前，请先填写答复日期。", "engagement.published_before_reply", "replied_on")
    return data


def clean_opinion(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["opinion"].editable}
    _choice(data, "level", OpinionLevel.values, "请选择舆情级别：重大、较大或一般。")
    _date(data, "first_seen", "发现日期", today=today, required=True)
    _date(data, "responded_on", "回应日期", today=today, after="first_seen")
    _text(data, "channel", "舆情来源", 100)
    _text(data, "summary", "舆情概要", 500, required=True)
    return data


def clean_press(agency: Agency, fields: Mapping[str, Any], *, today: dt.date, exclude_pk=None) -> dict:
    data = {key: fields.get(key) for key in KINDS["press"].editable}
    _choice(data, "kind", PressKind.values, "请选择类型：新闻发布会或在线访谈。")
    _date(data, "held_on", "举办日期", today=today, required=True)
    _text(data, "topic", "主题", 300, required=True)
    _text(data, "speakers", "发布人（嘉宾）", 300)
    _text(data, "link", "链接", 500)
    if data["link"]:
        try:
            URLValidator(schemes=["http", "https"])(data["link"])
        except ValidationError:
            raise refusal("链接应为以 http:// 或 https:// 开头的网址。", "engagement.link", "link") from None
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
        raise refusal(f"本机关没有索引号为“{index_number}”的已发布信息。", "engagement.item", "reply_item")
    return item


def department_named(agency: Agency, name: str, departments: Iterable[Department] | None = None) -> Department | None:
    """The agency's 科室 by its name or one of its other names (None for an empty name), or a refusal."""
    name = (name or "").strip()
    if not name:
        return None
    department = department_by_name(agency, name, departments)
    if department is not None:
        return department
    raise refusal(f"本机关没有名为“{name}”的科室。", "engagement.department", "lead_department")
