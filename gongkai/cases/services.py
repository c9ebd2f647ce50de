"""Writes for cases: create, edit, conclude, documents. Each a transaction, audit-logged; the deadlines are
recomputed by :mod:`gongkai.law.cases` after every change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.cases.models import Case, CaseDocument
from gongkai.core.errors import refusal, user_or_none
from gongkai.core.files import (
    DOCUMENT_EXTENSIONS,
    accept_document,
    delete_after_commit,
    original_name,
    save_with_file,
)
from gongkai.core.logs import service
from gongkai.law import cases as law_cases
from gongkai.workcalendar.selectors import working_calendar

# The fields an officer edits; the conclusion (concluded_on, result) has its own service.
EDITABLE = (
    "kind",
    "number",
    "party_name",
    "filed_on",
    "received_on",
    "accepted_on",
    "decision_extension_days",
    "replied_on",
    "deciding_body",
    "joint_defendant",
    "info_request",
    "notes",
)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENTS = 30


def validate_case(
    agency: Agency, fields: dict[str, Any], *, today: dt.date, exclude_pk: int | None = None
) -> dict[str, Any]:
    """Check one case's fields against each other and the law; the first problem is refused, nothing saved."""
    data = {key: fields.get(key) for key in EDITABLE}
    for key in ("number", "party_name", "deciding_body", "notes"):
        data[key] = (data[key] or "").strip()
    data["decision_extension_days"] = int(data["decision_extension_days"] or 0)
    data["joint_defendant"] = bool(data["joint_defendant"])
    kind = data["kind"]
    if kind not in law_cases.KINDS:
        raise refusal(
            "请选择案件类型：行政复议、行政诉讼（未经复议直接起诉）或行政诉讼（复议后起诉）。", "cases.kind", "kind"
        )
    if not data["number"]:
        raise refusal("请填写案号（复议案号或法院案号）。", "required", "number")
    if Case.objects.filter(agency=agency, number=data["number"]).exclude(pk=exclude_pk).exists():
        raise refusal(f"本机关已登记案号为“{data['number']}”的案件。", "duplicate", "number")
    if not data["party_name"]:
        raise refusal("请填写申请人或原告的姓名（名称）。", "required", "party_name")
    filed_on = data["filed_on"]
    if filed_on is None:
        raise refusal("请填写申请复议或起诉的日期。", "required", "filed_on")
    for key, label in (("filed_on", "申请或起诉日期"), ("received_on", "收到副本日期"), ("accepted_on", "受理日期")):
        if data[key] is not None and data[key] > today:
            raise refusal(f"{label}不能晚于今天。", "cases.future_date", key)
    if data["replied_on"] is not None and data["replied_on"] > today:
        raise refusal("答复（答辩）日期不能晚于今天。", "cases.future_date", "replied_on")
    if data["received_on"] is not None and data["received_on"] < filed_on:
        raise refusal("收到副本的日期不能早于申请或起诉的日期。", "cases.date_order", "received_on")
    if data["accepted_on"] is not None and data["accepted_on"] < filed_on:
        raise refusal("受理日期不能早于申请复议的日期。", "cases.date_order", "accepted_on")
    if data["replied_on"] is not None:
        if data["received_on"] is None:
            raise refusal(
                "登记答复（答辩）日期前，请先填写收到副本的日期。", "cases.reply_before_service", "received_on"
            )
        if data["replied_on"] < data["received_on"]:
            raise refusal("答复（答辩）日期不能早于收到副本的日期。", "cases.date_order", "replied_on")
    if kind != law_cases.RECONSIDERATION:
        if data["accepted_on"] is not None:
            raise refusal("受理日期只用于行政复议案件。", "cases.not_reconsideration", "accepted_on")
        if data["decision_extension_days"]:
            raise refusal(
                "延长复议决定期限只用于行政复议案件。", "cases.not_reconsideration", "decision_extension_days"
            )
    if not 0 <= data["decision_extension_days"] <= law_cases.DECISION_EXTENSION_MAX_DAYS:
        # 《行政复议法》（2023年修订）第六十二条
        raise refusal(
            f"行政复议决定期限最多延长 {law_cases.DECISION_EXTENSION_MAX_DAYS} 日（行政复议法第六十二条）。",
            "cases.extension",
            "decision_extension_days",
        )
    if data["joint_defendant"] and kind != law_cases.LITIGATION_AFTER_RECONSIDERATION:
        raise refusal("“作为复议机关共同被告”只用于复议后起诉的行政诉讼。", "cases.joint_defendant", "joint_defendant")
    request = data["info_request"]
    if request is not None and request.agency_id != agency.pk:
        raise refusal("关联的依申请公开申请须为本机关的申请。", "cases.request_agency", "info_request")
    return data


def _apply_deadlines(case: Case) -> None:
    """Store the deadlines the law gives (行政复议法 第四十八条、第六十二条；行政诉讼法 第六十七条)."""
    deadlines = law_cases.case_deadlines(
        case.kind,
        filed_on=case.filed_on,
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        extension_days=case.decision_extension_days,
        calendar=working_calendar(),
    )
    case.reply_due_on = deadlines.reply_due
    case.decision_due_on = deadlines.decision_due
    case.decision_due_estimated = deadlines.decision_estimated
    case.due_provisional = deadlines.provisional


def _audit_value(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


@service
def case_create(*, actor: Any, agency: Agency, today: dt.date | None = None, **fields: Any) -> Case:
    """Register a reconsideration or a lawsuit against the agency (fields as ``EDITABLE``)."""
    data = validate_case(agency, fields, today=today or timezone.localdate())
    case = Case(agency=agency, created_by=user_or_none(actor), **data)
    _apply_deadlines(case)
    case.save()
    record(
        action="cases.case.create",
        actor=actor,
        obj=case,
        changes={key: _audit_value(value) for key, value in data.items() if key != "party_name"},
    )
    return case


@service
def case_update(*, actor: Any, case: Case, today: dt.date | None = None, **fields: Any) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    current = {key: getattr(case, key) for key in EDITABLE}
    data = validate_case(case.agency, {**current, **fields}, today=today or timezone.localdate(), exclude_pk=case.pk)
    if case.concluded_on is not None and data["filed_on"] > case.concluded_on:
        raise refusal("申请或起诉日期不能晚于审结日期。", "cases.date_order", "filed_on")
    changes = {
        key: [_audit_value(current[key]), _audit_value(value)]
        for key, value in data.items()
        if _audit_value(current[key]) != _audit_value(value)
    }
    if not changes:
        return case
    for key, value in data.items():
        setattr(case, key, value)
    _apply_deadlines(case)
    case.save()
    if "party_name" in changes:
        changes["party_name"] = ["…", "…"]  # personal data stays out of the audit log
    record(action="cases.case.update", actor=actor, obj=case, changes=changes)
    return case


@service
def case_conclude(*, actor: Any, case: Case, concluded_on: dt.date, result: str, today: dt.date | None = None) -> Case:
    """Record the decision or judgment: 维持、纠正 or 其他 (表四's columns). Concluding again corrects it."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if result not in law_cases.RESULTS:
        raise refusal("请选择审结结果：维持、纠正或其他。", "cases.result", "result")
    if concluded_on is None:
        raise refusal("请填写审结日期。", "required", "concluded_on")
    if concluded_on > (today or timezone.localdate()):
        raise refusal("审结日期不能晚于今天。", "cases.future_date", "concluded_on")
    if concluded_on < case.filed_on:
        raise refusal("审结日期不能早于申请或起诉的日期。", "cases.date_order", "concluded_on")
    changes = {"concluded_on": [case.concluded_on, concluded_on], "result": [case.result, result]}
    case.concluded_on, case.result = concluded_on, result
    case.save(update_fields=["concluded_on", "result", "updated_at"])
    record(action="cases.case.conclude", actor=actor, obj=case, changes=changes)
    return case


# --- documents ------------------------------------------------------------------------------------------------


@service
def document_add(*, actor: Any, case: Case, upload: UploadedFile) -> CaseDocument:
    """Attach a PDF, DOCX, XLSX, PNG or JPEG file, judged by its content, never by its name."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.documents.count() >= MAX_DOCUMENTS:
        raise refusal(f"每个案件最多 {MAX_DOCUMENTS} 份文书。", "cases.document_count", "file")
    data, content_type = accept_document(
        upload, noun="文书", max_bytes=MAX_DOCUMENT_BYTES, type_code="cases.document_type"
    )
    document = CaseDocument(
        case=case,
        original_name=original_name(upload),
        content_type=content_type,
        size=len(data),
        uploaded_by=user_or_none(actor),
    )
    save_with_file(
        document,
        document.file,
        data,
        extension=DOCUMENT_EXTENSIONS[content_type],
        then=lambda: record(
            action="cases.document.add",
            actor=actor,
            obj=case,
            changes={"document": document.original_name, "size": document.size},
        ),
    )
    return document


@service
def document_remove(*, actor: Any, document: CaseDocument) -> None:
    case = Case.objects.select_for_update().get(pk=document.case_id)
    stored = document.file
    document.delete()
    record(action="cases.document.remove", actor=actor, obj=case, changes={"document": document.original_name})
    delete_after_commit(stored)


# --- imports ---------------------------------------------------------------------------------------------------


def cases_import(*, actor: Any, agency: Agency, source: Any, today: dt.date | None = None) -> list[Case]:
    """Reconsideration and litigation cases (CSV or XLSX), all rows or none (:mod:`gongkai.cases.importing`)."""
    from gongkai.cases.importing import import_cases  # it builds on this module's services

    return import_cases(actor=actor, agency=agency, source=source, today=today)


def figures_import(*, actor: Any, source: Any, today: dt.date | None = None) -> list[Any]:
    """Yearly figures of 表二 for many agencies (CSV or XLSX), all rows or none (:mod:`gongkai.cases.importing`)."""
    from gongkai.cases.importing import import_figures

    return import_figures(actor=actor, source=source, today=today)
