"""Writes for requests: each a transaction, audit-logged, with the clock recomputed by ``gongkai.law.clock``."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import REVEAL_MINUTES, access_for, holds_role
from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record
from gongkai.core import bulk
from gongkai.core.contacts import EMAIL, PHONE, contact_digest, kind_of
from gongkai.core.crypto import digest
from gongkai.core.errors import user_or_none
from gongkai.core.files import DOCUMENT_EXTENSIONS, accept_document, original_name, save_with_file
from gongkai.core.logs import service
from gongkai.foi.digest import digest_send as digest_send  # the officers' daily digest, for `gongkai tick`
from gongkai.foi.errors import FoiError
from gongkai.foi.letters import LETTER_SERIALS as LETTER_SERIALS  # the kind of counter numbering letters
from gongkai.foi.letters import issue_letter_for_event, render_default
from gongkai.foi.models import (
    CLOSED_STATES,
    Applicant,
    Attachment,
    FoiSettings,
    IdType,
    InfoRequest,
    RequestEvent,
    RequestState,
    Source,
)
from gongkai.law import clock as law_clock
from gongkai.law.identifiers import InvalidIdentifier, validate_resident_id, validate_uscc
from gongkai.law.outcomes import APPLICANT_KINDS, AUTOMATIC_OUTCOMES, OUTCOME_FOR_CLOSING_STATE, RESULT_ROWS
from gongkai.law.receipt import Channel, ReceiptDateError, receipt_date
from gongkai.notify import services as notify
from gongkai.workcalendar.selectors import working_calendar

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


# --- applicants ---------------------------------------------------------------------------------------------


def normalise_id_number(kind: str, id_type: str, id_number: str) -> str:
    """Validate the applicant's document number: 居民身份证 (GB 11643-1999) or 统一社会信用代码 (GB 32100-2015)."""
    id_number = (id_number or "").strip()
    if not id_number:
        return ""
    try:
        if id_type == IdType.RESIDENT_ID:
            return validate_resident_id(id_number)
        if id_type == IdType.CREDIT_CODE:
            return validate_uscc(id_number)
    except InvalidIdentifier as exc:
        raise ValidationError({"id_number": ValidationError(exc.message, code=exc.code)}) from exc
    return id_number


@service
def applicant_create(
    *,
    agency: Agency,
    kind: str,
    name: str,
    id_type: str = "",
    id_number: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    contact_person: str = "",
) -> Applicant:
    if kind not in APPLICANT_KINDS:
        raise FoiError.APPLICANT_KIND.refuse("kind")
    if not name.strip():
        raise FoiError.NAME_REQUIRED.refuse("name")
    if kind == "natural_person" and id_type == IdType.CREDIT_CODE:
        raise FoiError.APPLICANT_ID_TYPE.refuse("id_type")
    number = normalise_id_number(kind, id_type, id_number)
    return Applicant.objects.create(
        agency=agency,
        kind=kind,
        name=name.strip(),
        id_type=id_type if number else "",
        id_number=number,
        id_digest=digest(f"{id_type}:{number}") if number else "",
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        contact_person=contact_person.strip(),
    )


# --- a system administrator's reveal of an applicant (gongkai.foi.privacy) ----------------------------------------

REVEAL_REASON_MIN_CHARS = 6


@service
def applicant_reveal(*, actor: Any, request: InfoRequest, reason: str) -> None:
    """Record that a system administrator sees the applicant of ``request`` in full, and why (《个人信息保护法》
    第五十一条; GB/T 22239-2019 8.1.4 安全审计).  The view then keeps the reveal in the session for
    ``REVEAL_MINUTES``; nobody else can reveal (the agency's own officers see the applicant anyway)."""
    if user_or_none(actor) is None or not access_for(actor).is_system_admin:
        raise FoiError.REVEAL_NOT_ALLOWED.refuse()
    reason = " ".join((reason or "").split())
    if len(reason) < REVEAL_REASON_MIN_CHARS:
        raise FoiError.REVEAL_REASON.refuse("reason", min=REVEAL_REASON_MIN_CHARS)
    record(
        action="foi.applicant.reveal",
        actor=actor,
        obj=request,
        changes={"reason": reason[:1000], "minutes": REVEAL_MINUTES},
    )


# --- the clock ------------------------------------------------------------------------------------------------


def clock_events_of(request: InfoRequest, extra: RequestEvent | None = None) -> list[law_clock.ClockEvent]:
    """The request's clock events for ``law.clock``; those whose letter was received carry ``delivered_on``, the
    earliest receipt recorded (gongkai.foi.deliveries)."""
    from gongkai.foi.deliveries import delivered_on_by_event  # it builds on this module

    events = list(request.events.all())
    rows = [e for e in events if e.is_clock_event]
    if extra is not None:
        rows.append(extra)
    delivered = delivered_on_by_event(events)
    result = []
    for row in rows:
        data = row.data or {}
        result.append(
            law_clock.ClockEvent(
                type=row.type,
                on=row.on,
                period_workdays=data.get("period_workdays"),
                workdays=data.get("workdays"),
                until=dt.date.fromisoformat(data["until"]) if data.get("until") else None,
                amount_yuan=data.get("amount_yuan"),
                delivered_on=delivered.get(row.pk) if row.pk else None,
            )
        )
    return result


def compute_request_clock(
    request: InfoRequest, *, extra: RequestEvent | None = None, today: dt.date | None = None
) -> law_clock.ClockResult | None:
    """The law's verdict on this request; None while its receipt is not yet confirmed (条例 第三十一条)."""
    if request.received_on is None:
        return None
    return law_clock.compute_clock(
        request.received_on,
        clock_events_of(request, extra),
        today=today or timezone.localdate(),
        calendar=working_calendar(),
        # 条例 第三十一条第（二）项: an ordinary letter is confirmed on the day it arrived, or the clock says so
        letter_arrived_on=request.submitted_on if request.ordinary_letter else None,
    )


def _outcome_of(request: InfoRequest, state: str) -> str:
    if state == law_clock.ANSWERED:
        reply = next(e for e in reversed(list(request.events.all())) if e.type == "reply")
        return reply.data["outcome"]
    return OUTCOME_FOR_CLOSING_STATE.get(state, "")  # 表三 （六）1–3 (law.outcomes)


def _apply_clock(request: InfoRequest, *, actor: Any, today: dt.date | None = None) -> law_clock.ClockResult | None:
    """Store the clock's result on the request; a changed due date becomes an event keeping the old date."""
    result = compute_request_clock(request, today=today)
    if result is None:
        return None
    previous_due, previous_state = request.due_on, request.state
    request.due_on = result.due
    request.state = result.state
    request.paused = result.paused or ""
    request.calendar_provisional = result.calendar_provisional
    request.outcome = _outcome_of(request, result.state)
    request.closed_on = result.closed_on if result.state != law_clock.OPEN else None
    request.save()
    if previous_due != result.due and previous_due is not None:
        RequestEvent.objects.create(
            request=request,
            type="due_changed",
            on=today or timezone.localdate(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            data={"previous": previous_due.isoformat(), "new": result.due.isoformat() if result.due else None},
        )
    if previous_due != result.due or previous_state != result.state:
        record(
            action="foi.clock",
            actor=actor,
            obj=request,
            changes={"due_on": [previous_due, result.due], "state": [previous_state, result.state]},
        )
    return result


apply_clock = _apply_clock  # for the app's other write modules (gongkai.foi.deliveries), inside their transaction


# --- submitting and registering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    request: InfoRequest
    query_code: str  # shown once to the applicant; only its hash is stored


def _new_query_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(8))


def _query_code_hash(query_code: str) -> str:
    return digest(f"query:{query_code}")


def _new_tracking_code(year: int) -> str:
    while True:
        code = f"GK{year}-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))
        if not InfoRequest.objects.filter(tracking_code=code).exists():
            return code


def _create_request(
    *,
    actor: Any,
    agency: Agency,
    applicant: dict[str, str],
    channel: str,
    submitted_on: dt.date,
    received_on: dt.date | None,
    source: str,
    description: str,
    submitter_digest: str = "",
    **fields: Any,
) -> Submitted:
    if not description.strip():
        raise FoiError.DESCRIPTION_REQUIRED.refuse("description")
    applicant_obj = applicant_create(agency=agency, **applicant)
    query_code = _new_query_code()
    request = InfoRequest.objects.create(
        agency=agency,
        applicant=applicant_obj,
        tracking_code=_new_tracking_code(submitted_on.year),
        query_code_hash=_query_code_hash(query_code),
        email_digest=contact_digest(EMAIL, applicant_obj.email),
        phone_digest=contact_digest(PHONE, applicant_obj.phone),
        source=source,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        description=description.strip(),
        submitter_digest=submitter_digest,
        state=RequestState.OPEN if received_on else RequestState.AWAITING_RECEIPT,
        **fields,
    )
    RequestEvent.objects.create(
        request=request,
        type="submitted",
        on=submitted_on,
        actor=user_or_none(actor),
        data={"channel": channel, "source": source},
    )
    if received_on:
        RequestEvent.objects.create(
            request=request, type="receipt_confirmed", on=received_on, actor=user_or_none(actor)
        )
    record(
        action="foi.request.create",
        actor=actor,
        obj=request,
        changes={"channel": channel, "submitted_on": submitted_on, "received_on": received_on, "source": source},
    )
    _apply_clock(request, actor=actor)
    return Submitted(request, query_code)


PORTAL_RATE_LIMIT = 5  # online requests per submitter (client address, gongkai.core.clients) and hour
# … and per agency from all submitters together: settings.GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT (a botnet's flood
# stops there; applicants are told to apply by letter or in person, which the limit never touches).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@service(atomic=False)
def request_submit_online(
    *,
    agency: Agency,
    applicant: dict[str, str],
    description: str,
    submitter: str,
    attachment: UploadedFile | None = None,
    **fields: Any,
) -> Submitted:
    """A request from the portal form. Its receipt is confirmed at once (条例 第三十一条: both sides confirm online).

    The applicant's ``attachment`` (judged by its content, like every upload) is stored with the request, under a
    random name with the name it came with kept: the request and its attachment are stored together or not at
    all. The attachment is judged before that transaction opens."""
    accepted = None
    if attachment is not None:
        data, content_type = accept_document(
            attachment, noun=_("attachment"), max_bytes=MAX_ATTACHMENT_BYTES, type_code=FoiError.ATTACHMENT_TYPE
        )
        accepted = (original_name(attachment), data, content_type)
    with transaction.atomic():
        return _submit_online(
            agency=agency,
            applicant=applicant,
            description=description,
            submitter=submitter,
            accepted=accepted,
            **fields,
        )


def _submit_online(
    *,
    agency: Agency,
    applicant: dict[str, str],
    description: str,
    submitter: str,
    accepted: tuple[str, bytes, str] | None,
    **fields: Any,
) -> Submitted:
    submitter_digest = digest(f"submitter:{submitter}")
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    if (
        InfoRequest.objects.filter(submitter_digest=submitter_digest, created_at__gte=hour_ago).count()
        >= PORTAL_RATE_LIMIT
    ):
        raise FoiError.RATE_LIMITED.refuse()
    if (
        InfoRequest.objects.filter(agency=agency, source=Source.PORTAL, created_at__gte=hour_ago).count()
        >= settings.GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT
    ):
        raise FoiError.AGENCY_BUSY.refuse()
    today = timezone.localdate()
    submitted = _create_request(
        actor=None,
        agency=agency,
        applicant=applicant,
        channel=Channel.ONLINE,
        submitted_on=today,
        received_on=receipt_date(Channel.ONLINE, submitted_on=today, confirmed_on=today),
        source=Source.PORTAL,
        description=description,
        submitter_digest=submitter_digest,
        **fields,
    )
    if accepted is not None:  # last: nothing after the file is written can roll the request back
        name, data, content_type = accepted
        _attachment_add(request=submitted.request, name=name, data=data, content_type=content_type)
    return submitted


def _attachment_add(
    *, request: InfoRequest, name: str, data: bytes, content_type: str, correction: Any = None
) -> Attachment:
    """Store an applicant's file with the request (or with a correction sent online); the audit entry has its type
    and size, not its name (which may name the applicant)."""
    stored = Attachment(
        request=request, correction=correction, original_name=name, content_type=content_type, size=len(data)
    )
    save_with_file(
        stored,
        stored.file,
        data,
        extension=DOCUMENT_EXTENSIONS[content_type],
        then=lambda: record(
            action="foi.attachment.add",
            actor=None,
            obj=request,
            changes={"content_type": content_type, "size": len(data)},
        ),
    )
    return stored


@service
def attachment_download(*, actor: Any, attachment: Attachment) -> None:
    """An officer downloads an applicant's attachment: audited on the request (its type and size, never its name,
    which may name the applicant)."""
    record(
        action="foi.attachment.download",
        actor=actor,
        obj=attachment.request,
        changes={"attachment": attachment.pk, "content_type": attachment.content_type, "size": attachment.size},
    )


@service
def request_register(
    *,
    actor: Any,
    agency: Agency,
    applicant: dict[str, str],
    channel: str,
    submitted_on: dt.date,
    description: str,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    registered_mail: bool = True,
    source: str = Source.OFFICER,
    **fields: Any,
) -> Submitted:
    """A request an officer registers (letter, fax, e-mail, in person); receipt date per 条例 第三十一条.

    Without the date that fixes receipt (post not yet signed for, online not yet confirmed) the request waits in
    state *awaiting receipt* until :func:`receipt_confirm`.
    """
    try:
        received_on = receipt_date(
            Channel(channel),
            submitted_on=submitted_on,
            signed_on=signed_on,
            confirmed_on=confirmed_on,
            registered_mail=registered_mail,
        )
    except ReceiptDateError as exc:
        if signed_on or confirmed_on:  # a date was given but cannot be right
            raise FoiError.RECEIPT_DATE.refuse(reason=str(exc)) from exc
        received_on = None  # waits for the signature or the confirmation
    except ValueError as exc:
        raise FoiError.CHANNEL.refuse("channel") from exc
    return _create_request(
        actor=actor,
        agency=agency,
        applicant=applicant,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        source=source,
        description=description,
        ordinary_letter=channel == Channel.POST and not registered_mail,
        **fields,
    )


@service
def receipt_confirm(*, actor: Any, request: InfoRequest, on: dt.date) -> InfoRequest:
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if request.received_on is not None:
        raise FoiError.ALREADY_RECEIVED.refuse()
    if on < request.submitted_on:
        raise FoiError.DATE.refuse("on")
    request.received_on = on
    request.save(update_fields=["received_on"])
    RequestEvent.objects.create(request=request, type="receipt_confirmed", on=on, actor=user_or_none(actor))
    record(action="foi.request.receipt_confirmed", actor=actor, obj=request, changes={"received_on": on})
    _apply_clock(request, actor=actor)
    return request


# --- events on the clock --------------------------------------------------------------------------------------


def _check_approver(agency: Agency, approver: Any) -> None:
    """Extensions (条例 第三十三条) and delays (第三十五条) need the approval of the person in charge."""
    if approver is None:
        raise FoiError.APPROVAL_REQUIRED.refuse("approved_by")
    if not holds_role(approver, agency, Role.APPROVER):
        raise FoiError.APPROVER_ROLE.refuse("approved_by")


@service
def event_add(
    *,
    actor: Any,
    request: InfoRequest,
    type: str,
    on: dt.date,
    approved_by: Any = None,
    today: dt.date | None = None,
    **data: Any,
) -> RequestEvent:
    """Add one clock event; an event the law does not allow is refused with the law's reason, nothing saved."""
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if type not in law_clock.EVENT_TYPES:
        raise FoiError.EVENT_TYPE.refuse("type", type=type)
    if request.received_on is None:
        raise FoiError.NOT_RECEIVED.refuse()
    needs_approval = law_clock.needs_approval(type)
    if needs_approval:
        _check_approver(request.agency, approved_by)
    clean = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items() if v not in (None, "")}
    if "amount_yuan" in clean:
        clean["amount_yuan"] = str(clean["amount_yuan"])
    event = RequestEvent(
        request=request,
        type=type,
        on=on,
        data=clean,
        actor=user_or_none(actor),
        approved_by=approved_by if needs_approval else None,
    )
    try:
        compute_request_clock(request, extra=event, today=today)
    except law_clock.ClockError as exc:
        raise ValidationError(exc.reason, code=exc.code) from exc  # the law's reason and code (clock.*)
    event.save()
    record(
        action=f"foi.event.{type}",
        actor=actor,
        obj=request,
        changes={"on": on, **clean, **({"approved_by": approved_by.get_username()} if event.approved_by else {})},
    )
    result = _apply_clock(request, actor=actor, today=today)
    issue_letter_for_event(actor=actor, request=request, event=event, result=result)
    return event


@service
def reply_record(
    *,
    actor: Any,
    request: InfoRequest,
    on: dt.date,
    outcome: str,
    documents: str = "",
    reason: str = "",
    today: dt.date | None = None,
) -> RequestEvent:
    """The reply, classified in exactly one of the 2021 template's 21 result rows."""
    if outcome not in RESULT_ROWS:
        raise FoiError.OUTCOME.refuse("outcome")
    if outcome in AUTOMATIC_OUTCOMES:
        raise FoiError.OUTCOME_AUTOMATIC.refuse("outcome")
    return event_add(
        actor=actor,
        request=request,
        type="reply",
        on=on,
        today=today,
        outcome=outcome,
        documents=documents,
        reason=reason,
    )


@service
def refresh_clock(*, request: InfoRequest, today: dt.date | None = None) -> law_clock.ClockResult | None:
    """Recompute one request (daily, by ``gongkai tick``): lapsed correction or payment periods close it."""
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    return _apply_clock(request, actor=None, today=today)


@service(atomic=False)
def refresh_open_requests(*, today: dt.date | None = None, progress: Any = None) -> int:
    """Recompute every open request; returns how many changed state."""
    changed = 0
    ids = list(
        InfoRequest.objects.exclude(state__in=CLOSED_STATES).exclude(received_on=None).values_list("id", flat=True)
    )
    for done, pk in enumerate(ids, start=1):
        request = InfoRequest.objects.get(pk=pk)
        before = request.state
        result = refresh_clock(request=request, today=today)
        if result and result.state != before:
            changed += 1
        if progress:
            progress(done)
    return changed


TRACKING_FAILURE_LIMIT = 20  # failed look-ups per client address and hour


@service
def tracking_lookup(*, tracking_code: str, query_code: str, client: str) -> InfoRequest | None:
    """The request for a tracking code and its secret query code; None when they do not match.

    Failed look-ups are counted per client address, so query codes cannot be guessed by trying them all.
    """
    from gongkai.foi.models import TrackingAttempt

    client_digest = digest(f"tracking:{client}")
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    if TrackingAttempt.objects.filter(client_digest=client_digest, at__gte=hour_ago).count() >= TRACKING_FAILURE_LIMIT:
        raise FoiError.TRACKING_LOCKED.refuse()
    candidate = InfoRequest.objects.select_related("agency").filter(tracking_code=tracking_code.strip().upper()).first()
    if candidate and check_query_code(candidate, query_code):
        return candidate
    TrackingAttempt.objects.create(client_digest=client_digest)
    return None


def check_query_code(request: InfoRequest, query_code: str) -> bool:
    """Constant-time check of the secret query code (stored only as a keyed digest)."""
    return bool(request.query_code_hash) and hmac.compare_digest(
        request.query_code_hash, _query_code_hash(query_code.strip())
    )


# --- a lost query code, sent again (docs/security.md "A lost query code") ----------------------------------------

RESEND_CLIENT_LIMIT = 5  # requests to send a code again per client address (gongkai.core.clients) and hour
RESEND_SUBJECT_LIMIT = 3  # … and per tracking code (or contact, when none is given) and day, matched or not
RESEND_MAX_REQUESTS = 5  # without a tracking code: the newest requests made with the contact named
QUERY_CODE_PURPOSE = "foi.query_code"
_NO_MATCH = digest("contact-none:")  # compared against when nothing matches, so both paths do the same work


@service(atomic=False)
def query_code_resend(*, tracking_code: str, contact: str, client: str, track_url: str = "") -> int:
    """Send a new query code to the contact the citizen names, for the request with ``tracking_code`` if that is
    the e-mail or phone given in it — or, when the citizen never saw the tracking code either (a worker that died
    after storing the request), for the newest requests made with that contact, each with its tracking code. Each
    old code stops working. Returns how many codes were sent — for tests and logs only: the citizen is told the
    same either way (no enumeration of tracking codes or contacts).

    Contacts are found by their keyed digest (``email_digest`` / ``phone_digest``), never by decrypting applicants.
    A request stored without a contact (a letter registered by an officer) matches nothing: the page tells every
    citizen to ask the agency then. Limits: ``RESEND_CLIENT_LIMIT`` an hour per client, ``RESEND_SUBJECT_LIMIT`` a
    day per tracking code (or contact); beyond them the refusal sends nothing. Delivery runs outside any
    transaction; a new code's digest replaces the old one only once its message went out.
    """
    code = (tracking_code or "").strip().upper()
    kind = kind_of(contact)
    wanted = contact_digest(kind, contact) or _NO_MATCH
    with transaction.atomic():
        candidates = _resend_admit(code=code, kind=kind, wanted=wanted, client=client)
    matched = [r for r in candidates if _same_contact(getattr(r, f"{kind}_digest"), wanted)]
    if not candidates:
        _same_contact(_NO_MATCH, wanted)  # the comparison a candidate would have cost
    return sum(_send_new_query_code(r, kind=kind, track_url=track_url) for r in matched)


def _same_contact(stored: str, wanted: str) -> bool:
    return hmac.compare_digest(stored or _NO_MATCH, wanted) and wanted != _NO_MATCH


def _resend_admit(*, code: str, kind: str, wanted: str, client: str) -> list[InfoRequest]:
    """Check both limits, count this attempt, and return the requests it names (by tracking code, else by contact)."""
    from gongkai.foi.models import QueryCodeResendAttempt

    client_digest = digest(f"resend:{client}")
    subject_digest = digest(f"resend-code:{code}") if code else digest(f"resend-contact:{wanted}")
    now = timezone.now()
    attempts = QueryCodeResendAttempt.objects
    if attempts.filter(client_digest=client_digest, at__gte=now - dt.timedelta(hours=1)).count() >= RESEND_CLIENT_LIMIT:
        raise FoiError.RESEND_CLIENT_LIMITED.refuse()
    if (
        attempts.filter(subject_digest=subject_digest, at__gte=now - dt.timedelta(days=1)).count()
        >= RESEND_SUBJECT_LIMIT
    ):
        raise FoiError.RESEND_SUBJECT_LIMITED.refuse()
    attempts.create(client_digest=client_digest, subject_digest=subject_digest)
    requests = InfoRequest.objects.select_related("agency", "applicant")
    if code:
        return list(requests.filter(tracking_code=code)[:1])
    return list(requests.filter(**{f"{kind}_digest": wanted}).order_by("-created_at", "-id")[:RESEND_MAX_REQUESTS])


def _send_new_query_code(request: InfoRequest, *, kind: str, track_url: str) -> bool:
    """One message with a new code for ``request``; the new code's digest is stored once it went out."""
    new_code = _new_query_code()
    names = {"tracking_code": request.tracking_code, "agency": request.agency.name, "code": new_code}
    if kind == EMAIL:
        body = (
            _(
                "You asked for the query code of your request for government information %(tracking_code)s "
                "(%(agency)s) to be sent again.\n\nYour new query code: %(code)s\n\nThe previous query code no "
                "longer works."
            )
            % names
        )
        if track_url:
            body += "\n" + _("Check the progress of your request at %(url)s") % {"url": track_url}
        message = notify.send_email(
            to=request.applicant.email,
            subject=_("New query code for request %(tracking_code)s") % names,
            body=body,
            purpose=QUERY_CODE_PURPOSE,
            obj=request,
        )
    else:
        message = notify.send_sms(
            phone=request.applicant.phone,
            text=_(
                "%(agency)s: the new query code of your request %(tracking_code)s is %(code)s; "
                "the previous one no longer works."
            )
            % names,
            purpose=QUERY_CODE_PURPOSE,
            obj=request,
        )
    with transaction.atomic():
        if message.delivered:
            InfoRequest.objects.filter(pk=request.pk).update(query_code_hash=_query_code_hash(new_code))
        record(
            action="foi.query_code.resend",
            obj=request,
            changes={"channel": message.channel, "message": message.pk, "delivered": message.delivered},
        )
    return message.delivered


# --- importing a register (台账) -------------------------------------------------------------------------------

# The register has no column for the period a correction notice gave; 15 working days is the common practice.
REGISTER_CORRECTION_PERIOD = 15


def register_import(
    *,
    actor: Any,
    agency: Agency,
    source: Any,
    correction_period: int = REGISTER_CORRECTION_PERIOD,
    today: dt.date | None = None,
    progress: Any = None,
) -> list[InfoRequest]:
    """An existing register (CSV or XLSX), all rows or none: every row is read and checked through the clock first,
    then written in one transaction (:mod:`gongkai.foi.importing`)."""
    from gongkai.foi.importing import import_register  # it builds on this module's services

    return import_register(
        actor=actor, agency=agency, source=source, correction_period=correction_period, today=today, progress=progress
    )


# --- generated data (gongkai bench generate) ------------------------------------------------------------------


@service
def bulk_insert(objects: Iterable[Any], *, batch_size: int = bulk.BATCH_SIZE) -> int:
    """Insert unsaved foi rows in batches, for generated benchmark data only: no signal, no audit entry per row
    (the generator records one entry for the whole run); returns how many rows were written."""
    return bulk.insert(objects, app_label="foi", batch_size=batch_size)


def letter_text(*, request: InfoRequest, kind: str, values: dict[str, Any], settings: FoiSettings | None) -> str:
    """The body of a letter of ``kind`` as the default template renders it, for generated letters (nothing saved)."""
    return render_default(request, kind, values, settings)
