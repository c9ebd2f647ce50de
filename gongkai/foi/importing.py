"""``gongkai import requests FILE --agency USCC``: an existing register (台账) in CSV or XLSX, all rows or none.

Each row is checked against the law before anything is written: dates, channel, applicant type, ID number,
outcome label (one of the 2021 template's 21 result rows), and the whole clock of the row through
:mod:`gongkai.law.clock`. A file with any bad row imports nothing and names every bad row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import validation_message
from gongkai.core.logs import service
from gongkai.core.tabular import ImportRejected, RowError, read_csv_rows
from gongkai.core.tabular import parse_cell_date as _date
from gongkai.foi import services
from gongkai.foi.models import IdType, InfoRequest, RequestEvent, Source
from gongkai.law import clock as law_clock
from gongkai.law.outcomes import UnknownOutcome, outcome_from_label
from gongkai.law.receipt import Channel
from gongkai.workcalendar.selectors import working_calendar

COLUMNS = {
    "收到日期": "received_on",
    "申请方式": "channel",
    "申请人类型": "kind",
    "申请人": "name",
    "证件号码": "id_number",
    "联系电话": "phone",
    "申请内容": "description",
    "补正通知日期": "correction_on",
    "补正收到日期": "corrected_on",
    "延期工作日": "extension",
    "答复日期": "reply_on",
    "办理结果": "outcome",
    "备注": "note",
}
REQUIRED = ("received_on", "channel", "kind", "name", "description")
CHANNELS = {
    "网上": Channel.ONLINE,
    "网络": Channel.ONLINE,
    "在线": Channel.ONLINE,
    "信函": Channel.POST,
    "邮寄": Channel.POST,
    "当面": Channel.IN_PERSON,
    "现场": Channel.IN_PERSON,
    "传真": Channel.FAX,
    "电子邮件": Channel.EMAIL,
    "邮件": Channel.EMAIL,
}
KINDS = {
    "自然人": "natural_person",
    "商业企业": "commercial_enterprise",
    "科研机构": "research_institution",
    "社会公益组织": "public_interest_org",
    "法律服务机构": "legal_service_org",
    "其他": "other_org",
}
DEFAULT_CORRECTION_PERIOD = services.REGISTER_CORRECTION_PERIOD


@dataclass
class RegisterRow:
    line: int
    received_on: dt.date
    channel: str
    applicant: dict[str, str]
    description: str
    note: str
    events: list[law_clock.ClockEvent] = field(default_factory=list)
    outcome: str = ""


def _parse(line: int, raw: dict[str, str], *, calendar, today: dt.date, correction_period: int) -> RegisterRow:
    problems = [
        _("Missing %(column)s") % {"column": label}
        for label, key in COLUMNS.items()
        if key in REQUIRED and not raw.get(key)
    ]
    if problems:
        raise ValueError("；".join(problems))
    received_on = _date(raw["received_on"], "收到日期")
    channel = CHANNELS.get(raw["channel"].strip())
    if channel is None:
        raise ValueError(
            _("%(column)s “%(value)s” is not recognised (%(choices)s)")
            % {"column": "申请方式", "value": raw["channel"], "choices": "网上/信函/当面/传真/电子邮件"}
        )
    kind = KINDS.get(raw["kind"].strip())
    if kind is None:
        raise ValueError(
            _("%(column)s “%(value)s” is not recognised (%(choices)s)")
            % {"column": "申请人类型", "value": raw["kind"], "choices": "/".join(KINDS)}
        )
    id_number = raw.get("id_number", "").strip()
    id_type = (IdType.RESIDENT_ID if kind == "natural_person" else IdType.CREDIT_CODE) if id_number else ""
    try:
        id_number = services.normalise_id_number(kind, id_type, id_number)
    except ValidationError as exc:
        raise ValueError(
            _("%(column)s: %(problem)s") % {"column": "证件号码", "problem": validation_message(exc)}
        ) from None
    row = RegisterRow(
        line,
        received_on,
        channel,
        {
            "kind": kind,
            "name": raw["name"].strip(),
            "id_type": id_type,
            "id_number": id_number,
            "phone": raw.get("phone", "").strip(),
        },
        raw["description"].strip(),
        raw.get("note", "").strip(),
    )

    correction_on = _date(raw.get("correction_on", ""), "补正通知日期")
    corrected_on = _date(raw.get("corrected_on", ""), "补正收到日期")
    if corrected_on and not correction_on:
        raise ValueError(
            _("%(present)s is filled in but %(missing)s is empty")
            % {"present": "补正收到日期", "missing": "补正通知日期"}
        )
    if correction_on:
        row.events.append(
            law_clock.ClockEvent("correction_requested", correction_on, period_workdays=correction_period)
        )
    if corrected_on:
        row.events.append(law_clock.ClockEvent("correction_received", corrected_on))
    reply_on = _date(raw.get("reply_on", ""), "答复日期")
    extension = raw.get("extension", "").strip()
    if extension:
        if not extension.isdigit() or int(extension) <= 0:
            raise ValueError(
                _("%(column)s “%(value)s” should be a positive whole number")
                % {"column": "延期工作日", "value": extension}
            )
        # The register keeps no date for the decision: it is taken on the last day it was allowed, the due date.
        due = law_clock.compute_clock(received_on, row.events, today=max(today, received_on), calendar=calendar).due
        if due is None:
            raise ValueError(_("No extension is possible while waiting for a correction"))
        decided = min(due, today, reply_on) if reply_on and reply_on >= received_on else min(due, today)
        row.events.append(law_clock.ClockEvent("extension", decided, workdays=int(extension)))

    label = raw.get("outcome", "").strip()
    if label:
        try:
            row.outcome = outcome_from_label(label)
        except UnknownOutcome as exc:
            raise ValueError(exc.message) from None
    if reply_on and not row.outcome:
        raise ValueError(
            _("%(present)s is filled in but %(missing)s is empty") % {"present": "答复日期", "missing": "办理结果"}
        )
    if row.outcome and not reply_on:
        raise ValueError(
            _("%(present)s is filled in but %(missing)s is empty") % {"present": "办理结果", "missing": "答复日期"}
        )
    if reply_on:
        row.events.append(law_clock.ClockEvent("reply", reply_on))
    try:
        law_clock.compute_clock(received_on, row.events, today=today, calendar=calendar)
    except law_clock.ClockError as exc:
        raise ValueError(exc.message) from None
    return row


@service(atomic=False)
def import_register(
    *,
    actor: Any,
    agency: Agency,
    source: str | Path | IO[bytes],
    today: dt.date | None = None,
    correction_period: int = DEFAULT_CORRECTION_PERIOD,
    progress: Any = None,
) -> list[InfoRequest]:
    today = today or timezone.localdate()
    calendar = working_calendar()
    rows, errors = [], []
    for line, raw in read_csv_rows(source, COLUMNS):
        if "__error__" in raw:
            errors.append(RowError(line, raw["__error__"]))
            continue
        try:
            rows.append(_parse(line, raw, calendar=calendar, today=today, correction_period=correction_period))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(2, _("The file has no data rows"))])

    created = []
    with transaction.atomic():
        for done, row in enumerate(rows, start=1):
            submitted = services.request_register(
                actor=actor,
                agency=agency,
                applicant=row.applicant,
                channel=row.channel,
                submitted_on=row.received_on,
                confirmed_on=row.received_on,
                signed_on=row.received_on,
                description=row.description,
                source=Source.IMPORT,
                note=row.note,
            )
            request = submitted.request
            for event in row.events:
                data: dict[str, Any] = {}
                if event.period_workdays:
                    data["period_workdays"] = event.period_workdays
                if event.workdays:
                    data["workdays"] = event.workdays
                if event.type == "reply":
                    data["outcome"] = row.outcome
                RequestEvent.objects.create(
                    request=request,
                    type=event.type,
                    on=event.on,
                    data=data,
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                )
            services.refresh_clock(request=request, today=today)
            created.append(request)
            if progress:
                progress(done)
        record(action="foi.import", actor=actor, agency=agency, changes={"rows": len(created)})
    return created
