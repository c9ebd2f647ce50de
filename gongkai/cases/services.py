"""Writes for cases: create, edit, conclude, documents. Each a transaction, audit-logged; the deadlines are
recomputed by :mod:`gongkai.law.cases` after every change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.cases.errors import CaseError
from gongkai.cases.models import Case, CaseDocument
from gongkai.core.errors import user_or_none
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
    "simplified_procedure",
    "replied_on",
    "deciding_body",
    "joint_defendant",
    "info_request",
    "notes",
)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENTS = 30

# The fields as the refusals name them ("Please enter the %(label)s.", "The %(label)s cannot be later than today.").
_FILED_ON = _("date of application or filing")
_RECEIVED_ON = _("date the copy was received")
_ACCEPTED_ON = _("date of acceptance")
_REPLIED_ON = _("date of the reply (defence)")
_CONCLUDED_ON = _("date of conclusion")
# … and as the other date of "The %(label)s cannot be earlier than the %(other)s."
_EARLIER = _("earlier than")
_LATER = _("later than")
_FILED_ON_OTHER = _("date on which the application or lawsuit was filed")
_RECEIVED_ON_OTHER = _("date on which the copy was received")
_APPLIED_ON_OTHER = _("date on which reconsideration was applied for")


def validate_case(
    agency: Agency, fields: dict[str, Any], *, today: dt.date, exclude_pk: int | None = None
) -> dict[str, Any]:
    """Check one case's fields against each other and the law; the first problem is refused, nothing saved."""
    data = {key: fields.get(key) for key in EDITABLE}
    for key in ("number", "party_name", "deciding_body", "notes"):
        data[key] = (data[key] or "").strip()
    data["decision_extension_days"] = int(data["decision_extension_days"] or 0)
    data["joint_defendant"] = bool(data["joint_defendant"])
    data["simplified_procedure"] = bool(data["simplified_procedure"])
    kind = data["kind"]
    if kind not in law_cases.KINDS:
        raise CaseError.KIND.refuse("kind")
    if not data["number"]:
        raise CaseError.REQUIRED.refuse("number", label=_("case number (reconsideration or court case number)"))
    if Case.objects.filter(agency=agency, number=data["number"]).exclude(pk=exclude_pk).exists():
        raise CaseError.NUMBER_TAKEN.refuse("number", number=data["number"])
    if not data["party_name"]:
        raise CaseError.REQUIRED.refuse("party_name", label=_("name of the applicant or plaintiff"))
    filed_on = data["filed_on"]
    if filed_on is None:
        raise CaseError.REQUIRED.refuse(
            "filed_on", label=_("date on which reconsideration was applied for or the lawsuit filed")
        )
    for key, label in (("filed_on", _FILED_ON), ("received_on", _RECEIVED_ON), ("accepted_on", _ACCEPTED_ON)):
        if data[key] is not None and data[key] > today:
            raise CaseError.FUTURE_DATE.refuse(key, label=label)
    if data["replied_on"] is not None and data["replied_on"] > today:
        raise CaseError.FUTURE_DATE.refuse("replied_on", label=_REPLIED_ON)
    if data["received_on"] is not None and data["received_on"] < filed_on:
        raise CaseError.DATE_ORDER.refuse(
            "received_on", label=_RECEIVED_ON_OTHER, relation=_EARLIER, other=_FILED_ON_OTHER
        )
    if data["accepted_on"] is not None and data["accepted_on"] < filed_on:
        raise CaseError.DATE_ORDER.refuse("accepted_on", label=_ACCEPTED_ON, relation=_EARLIER, other=_APPLIED_ON_OTHER)
    if data["replied_on"] is not None:
        if data["received_on"] is None:
            raise CaseError.REPLY_BEFORE_SERVICE.refuse("received_on")
        if data["replied_on"] < data["received_on"]:
            raise CaseError.DATE_ORDER.refuse(
                "replied_on", label=_REPLIED_ON, relation=_EARLIER, other=_RECEIVED_ON_OTHER
            )
    if kind != law_cases.RECONSIDERATION:
        if data["accepted_on"] is not None:
            raise CaseError.NOT_RECONSIDERATION.refuse("accepted_on", label=_ACCEPTED_ON)
        if data["decision_extension_days"]:
            raise CaseError.NOT_RECONSIDERATION.refuse(
                "decision_extension_days", label=_("extension of the decision period")
            )
        if data["simplified_procedure"]:
            raise CaseError.NOT_RECONSIDERATION.refuse("simplified_procedure", label=_("simplified procedure"))
    if data["simplified_procedure"] and data["decision_extension_days"]:
        # 《行政复议法》（2023年修订）第六十二条第二款 has no extension; 第五十五条: convert to the ordinary procedure.
        raise CaseError.SIMPLIFIED_EXTENSION.refuse("decision_extension_days")
    if not 0 <= data["decision_extension_days"] <= law_cases.DECISION_EXTENSION_MAX_DAYS:
        # 《行政复议法》（2023年修订）第六十二条
        raise CaseError.EXTENSION.refuse("decision_extension_days", days=law_cases.DECISION_EXTENSION_MAX_DAYS)
    if data["joint_defendant"] and kind != law_cases.LITIGATION_AFTER_RECONSIDERATION:
        raise CaseError.JOINT_DEFENDANT.refuse("joint_defendant")
    request = data["info_request"]
    if request is not None and request.agency_id != agency.pk:
        raise CaseError.REQUEST_AGENCY.refuse("info_request")
    return data


def _apply_deadlines(case: Case) -> None:
    """Store the deadlines the law gives (行政复议法 第三十条、第四十八条、第五十四条、第六十二条；行政诉讼法 第六十七条)."""
    deadlines = law_cases.case_deadlines(
        case.kind,
        filed_on=case.filed_on,
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        extension_days=case.decision_extension_days,
        simplified=case.simplified_procedure,
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
        raise CaseError.DATE_ORDER.refuse("filed_on", label=_FILED_ON, relation=_LATER, other=_CONCLUDED_ON)
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
        raise CaseError.RESULT.refuse("result")
    if concluded_on is None:
        raise CaseError.REQUIRED.refuse("concluded_on", label=_CONCLUDED_ON)
    if concluded_on > (today or timezone.localdate()):
        raise CaseError.FUTURE_DATE.refuse("concluded_on", label=_CONCLUDED_ON)
    if concluded_on < case.filed_on:
        raise CaseError.DATE_ORDER.refuse("concluded_on", label=_CONCLUDED_ON, relation=_EARLIER, other=_FILED_ON_OTHER)
    changes = {"concluded_on": [case.concluded_on, concluded_on], "result": [case.result, result]}
    case.concluded_on, case.result = concluded_on, result
    case.save(update_fields=["concluded_on", "result", "updated_at"])
    record(action="cases.case.conclude", actor=actor, obj=case, changes=changes)
    return case


# --- documents ------------------------------------------------------------------------------------------------


def _require_document_room(case: Case) -> None:
    if case.documents.count() >= MAX_DOCUMENTS:
        raise CaseError.DOCUMENT_COUNT.refuse("file", max=MAX_DOCUMENTS)


@service(atomic=False)
def document_add(*, actor: Any, case: Case, upload: UploadedFile) -> CaseDocument:
    """Attach a PDF, DOCX, XLSX, PNG or JPEG file, judged by its content, never by its name — before the short
    transaction that stores it."""
    _require_document_room(case)
    data, content_type = accept_document(
        upload, noun=_("case document"), max_bytes=MAX_DOCUMENT_BYTES, type_code=CaseError.DOCUMENT_TYPE
    )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _require_document_room(case)
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
