"""Deliveries (送达) of letters: how each letter reached the applicant, the third party or the other agency, and on
which day it was received — the day the periods of 条例 第三十条 (补正), 第三十二条 (第三方) and 109号 (fees) run from.

- An officer records a delivery (post with its tracking number, in person, fax, e-mail …) and, later, its receipt
  (a letter sent by post stays *in delivery* until the signature date is recorded): :func:`delivery_record`,
  :func:`delivery_receipt_record`.
- Issuing a letter to the applicant tells them by e-mail or text message, with a link to the tracking page (never
  the query code, never the letter): :func:`letter_issued`, sent once the letter's transaction has committed.
- The applicant opening or downloading a letter on the tracking page records the portal delivery, once:
  :func:`letter_opened_on_portal`.

Recording a receipt recomputes the request's clock: :func:`delivered_on_by_event` gives the clock each event's
``delivered_on`` (the earliest receipt of the letter that event sent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.dates import chinese_date
from gongkai.core.errors import user_or_none
from gongkai.core.files import DOCUMENT_EXTENSIONS, accept_document, original_name, save_with_file
from gongkai.core.logs import service
from gongkai.foi.errors import FoiError
from gongkai.foi.models import (
    Delivery,
    DeliveryChannel,
    DeliveryEvidence,
    InfoRequest,
    Letter,
    LetterDelivery,
    LetterKind,
    ReceivedHow,
    RequestEvent,
)
from gongkai.notify import services as notify

APPLICANT, THIRD_PARTY, OTHER_AGENCY = "applicant", "third_party", "other_agency"
# letters to someone other than the applicant (the other agency's letter, once there is one: issue 13, letters)
_OTHER_AGENCY_KIND = getattr(LetterKind, "OTHER_AGENCY", None)
ADDRESSEE_OF_KIND = {
    LetterKind.THIRD_PARTY: THIRD_PARTY,
    **({_OTHER_AGENCY_KIND: OTHER_AGENCY} if _OTHER_AGENCY_KIND else {}),
}
NOT_TO_APPLICANT = tuple(str(kind) for kind in ADDRESSEE_OF_KIND)

# the clock events whose periods run from the addressee's receipt, and the letter each sends
DELIVERED_EVENTS = {
    "correction_requested": LetterKind.CORRECTION,
    "fee_notice": LetterKind.FEE,
    "third_party_sent": LetterKind.THIRD_PARTY,
    **({"other_agency_sent": _OTHER_AGENCY_KIND} if _OTHER_AGENCY_KIND else {}),
}

LETTER_PURPOSE = "foi.letter_issued"  # notify.Message.purpose of the message telling the applicant
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
OFFICER_CHANNELS = [c for c in DeliveryChannel.choices if c[0] != DeliveryChannel.PORTAL]


def addressee_of(letter: Letter) -> str:
    return ADDRESSEE_OF_KIND.get(letter.kind, APPLICANT)


def is_to_applicant(letter: Letter) -> bool:
    return addressee_of(letter) == APPLICANT


# --- the clock ----------------------------------------------------------------------------------------------


def letters_of_events(events: Iterable[RequestEvent]) -> dict[int, int]:
    """{clock event id: id of the letter it sent}: each letter is recorded by the ``letter_issued`` event written
    right after the event that sent it (gongkai.foi.letters.issue_letter_for_event)."""
    waiting: list[RequestEvent] = []
    found: dict[int, int] = {}
    for row in sorted(events, key=lambda e: e.pk or 0):
        if row.pk is None:
            continue
        if row.type in DELIVERED_EVENTS:
            waiting.append(row)
        elif row.type == "letter_issued":
            kind = (row.data or {}).get("kind")
            sender = next((e for e in waiting if DELIVERED_EVENTS[e.type] == kind), None)
            if sender is not None:
                found[sender.pk] = row.data["letter_id"]
                waiting.remove(sender)
    return found


def delivered_on_by_event(events: Iterable[RequestEvent]) -> dict[int, dt.date]:
    """{clock event id: the day its letter was first received}, for the events that have one (one query, none
    when no event sent such a letter)."""
    letter_of = letters_of_events(events)
    if not letter_of:
        return {}
    first = dict(
        LetterDelivery.objects.filter(letter_id__in=set(letter_of.values()), received_on__isnull=False)
        .values("letter_id")
        .annotate(first=Min("received_on"))
        .values_list("letter_id", "first")
        .order_by()
    )
    return {event_id: first[letter_id] for event_id, letter_id in letter_of.items() if letter_id in first}


def _recompute_clock(request: InfoRequest, actor: Any) -> None:
    from gongkai.foi import services  # it builds on this module (letters → deliveries)

    services.apply_clock(request, actor=actor)


# --- officers: a delivery and its receipt -------------------------------------------------------------------


def _check_day(letter: Letter, day: dt.date, field: str, today: dt.date) -> None:
    if day < letter.issued_on:
        raise FoiError.DELIVERY_BEFORE_LETTER.refuse(field, issued=chinese_date(letter.issued_on))
    if day > today:
        raise FoiError.DELIVERY_IN_FUTURE.refuse(field)


def _check_receipt(
    letter: Letter, *, sent_on: dt.date, received_on: dt.date, received_how: str, today: dt.date
) -> None:
    _check_day(letter, received_on, "received_on", today)
    if received_on < sent_on:
        raise FoiError.RECEIVED_BEFORE_SENT.refuse("received_on")
    if received_how not in ReceivedHow.values:
        raise FoiError.RECEIVED_HOW.refuse("received_how")


def _accept_evidence(evidence: UploadedFile | None) -> tuple[str, bytes, str] | None:
    if evidence is None:
        return None
    data, content_type = accept_document(
        evidence, noun=_("evidence of delivery"), max_bytes=MAX_EVIDENCE_BYTES, type_code=FoiError.ATTACHMENT_TYPE
    )
    return original_name(evidence), data, content_type


def _evidence_add(delivery: LetterDelivery, accepted: tuple[str, bytes, str], actor: Any) -> None:
    name, data, content_type = accepted
    stored = DeliveryEvidence(
        delivery=delivery,
        original_name=name,
        content_type=content_type,
        size=len(data),
        uploaded_by=user_or_none(actor),
    )
    save_with_file(
        stored,
        stored.file,
        data,
        extension=DOCUMENT_EXTENSIONS[content_type],
        then=lambda: record(
            action="foi.delivery.evidence",
            actor=actor,
            obj=delivery.letter.request,
            changes={"delivery": delivery.pk, "content_type": content_type, "size": len(data)},
        ),
    )


def _locked_request(letter: Letter) -> InfoRequest:
    return InfoRequest.objects.select_for_update().get(pk=letter.request_id)


@service(atomic=False)
def delivery_record(
    *,
    actor: Any,
    letter: Letter,
    channel: str,
    sent_on: dt.date,
    tracking_number: str = "",
    received_on: dt.date | None = None,
    received_how: str = "",
    external_message_id: str = "",
    note: str = "",
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
) -> LetterDelivery:
    """An officer records how a letter was sent (and, when known already, received). Post needs its tracking
    number and stays in delivery until :func:`delivery_receipt_record`. The evidence is judged before the
    transaction opens; nothing is stored when any date is wrong."""
    today = today or timezone.localdate()
    if channel not in dict(OFFICER_CHANNELS):
        raise FoiError.DELIVERY_CHANNEL.refuse("channel")
    tracking_number = (tracking_number or "").strip()
    if channel == DeliveryChannel.POST and not tracking_number:
        raise FoiError.TRACKING_NUMBER_REQUIRED.refuse("tracking_number")
    _check_day(letter, sent_on, "sent_on", today)
    if received_on is not None:
        _check_receipt(letter, sent_on=sent_on, received_on=received_on, received_how=received_how, today=today)
    accepted = _accept_evidence(evidence)
    with transaction.atomic():
        request = _locked_request(letter)
        delivery = LetterDelivery.objects.create(
            letter=letter,
            channel=channel,
            tracking_number=tracking_number,
            sent_on=sent_on,
            received_on=received_on,
            received_how=received_how if received_on else "",
            external_message_id=(external_message_id or "").strip(),
            note=(note or "").strip(),
            recorded_by=user_or_none(actor),
        )
        record(
            action="foi.delivery.record",
            actor=actor,
            obj=request,
            changes={
                "letter": letter.number,
                "channel": channel,
                "sent_on": sent_on,
                "received_on": received_on,
                "received_how": delivery.received_how,
            },
        )
        if received_on is not None:
            _recompute_clock(request, actor)
        if accepted is not None:  # last: nothing after the file is written can roll the delivery back
            _evidence_add(delivery, accepted, actor)
    return delivery


@service(atomic=False)
def delivery_receipt_record(
    *,
    actor: Any,
    delivery: LetterDelivery,
    received_on: dt.date,
    received_how: str,
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
) -> LetterDelivery:
    """The addressee's receipt of a delivery (the signature date of the post, a confirmation …); the request's
    due date is recomputed from it."""
    today = today or timezone.localdate()
    letter = delivery.letter
    _check_receipt(letter, sent_on=delivery.sent_on, received_on=received_on, received_how=received_how, today=today)
    accepted = _accept_evidence(evidence)
    with transaction.atomic():
        request = _locked_request(letter)
        delivery = LetterDelivery.objects.select_related("letter").get(pk=delivery.pk)
        if delivery.received_on is not None:
            raise FoiError.ALREADY_DELIVERED.refuse()
        delivery.received_on, delivery.received_how = received_on, received_how
        delivery.save(update_fields=["received_on", "received_how"])
        record(
            action="foi.delivery.receipt",
            actor=actor,
            obj=request,
            changes={"letter": letter.number, "delivery": delivery.pk, "received_on": received_on, "how": received_how},
        )
        _recompute_clock(request, actor)
        if accepted is not None:
            _evidence_add(delivery, accepted, actor)
    return delivery


# --- the applicant: opening a letter on the portal --------------------------------------------------------------


@service
def letter_opened_on_portal(*, letter: Letter, today: dt.date | None = None) -> bool:
    """The applicant opened or downloaded ``letter`` on the tracking page: the portal delivery is recorded the
    first time (received that day, *opened*), and so is the receipt of the e-mail or text that pointed there.
    True when this was the first time."""
    today = today or timezone.localdate()
    request = _locked_request(letter)
    if LetterDelivery.objects.filter(letter=letter, channel=DeliveryChannel.PORTAL).exists():
        return False
    LetterDelivery.objects.create(
        letter=letter,
        channel=DeliveryChannel.PORTAL,
        sent_on=letter.issued_on,
        received_on=today,
        received_how=ReceivedHow.OPENED,
    )
    pointed = LetterDelivery.objects.filter(
        letter=letter, channel__in=(DeliveryChannel.EMAIL, DeliveryChannel.SMS), received_on=None
    ).update(received_on=today, received_how=ReceivedHow.OPENED)
    record(
        action="foi.delivery.portal_opened",
        obj=request,
        changes={"letter": letter.number, "received_on": today, "messages_received": pointed},
    )
    _recompute_clock(request, None)
    return True


# --- telling the applicant that a letter was issued ---------------------------------------------------------


def letter_issued(letter: Letter) -> None:
    """Called by the issue service (gongkai.foi.letters.letter_issue) inside its transaction: once that has
    committed, the applicant is told (:func:`notify_letter_issued`) — an SMTP server may take seconds, and the
    letter must exist before anyone is pointed at it."""
    if not is_to_applicant(letter):
        return
    letter_id = letter.pk
    transaction.on_commit(lambda: notify_letter_issued(letter_id=letter_id))


def notice_channels(request: InfoRequest) -> list[str]:
    """How the applicant is told, from the delivery they asked for: e-mail (a text message when they gave no
    e-mail), a text message for a download online (e-mail without a phone); post and collection in person are
    the officer's to record."""
    applicant = request.applicant
    if request.delivery == Delivery.EMAIL:
        order = [DeliveryChannel.EMAIL, DeliveryChannel.SMS]
    elif request.delivery == Delivery.ONLINE:
        order = [DeliveryChannel.SMS, DeliveryChannel.EMAIL]
    else:
        return []
    for channel in order:
        if (channel == DeliveryChannel.EMAIL and applicant.email) or (
            channel == DeliveryChannel.SMS and applicant.phone
        ):
            return [channel]
    return []


def tracking_page_url() -> str:
    return f"{settings.GONGKAI_BASE_URL}{reverse('foi_public:track')}"


@service(atomic=False)
def notify_letter_issued(*, letter_id: int, today: dt.date | None = None) -> list[LetterDelivery]:
    """Send the applicant a link to the tracking page for a new letter and record each message that went out as a
    delivery (received once the applicant opens the letter there). The message names the letter and the request,
    never the query code or the letter's text; the notify record keeps no text at all."""
    today = today or timezone.localdate()
    letter = Letter.objects.select_related("agency", "request__applicant").get(pk=letter_id)
    request = letter.request
    names = {
        "agency": letter.agency.name,
        "title": letter.title,
        "number": letter.number,
        "tracking_code": request.tracking_code,
        "url": tracking_page_url(),
    }
    made = []
    for channel in notice_channels(request):
        if channel == DeliveryChannel.EMAIL:
            message = notify.send_email(
                to=request.applicant.email,
                subject=_("New letter on your request %(tracking_code)s") % names,
                body=_(
                    "%(agency)s has issued a letter on your request for government information %(tracking_code)s: "
                    "%(title)s (%(number)s).\n\nRead and download it on the tracking page with your tracking code "
                    "and query code: %(url)s"
                )
                % names,
                purpose=LETTER_PURPOSE,
                obj=letter,
            )
        else:
            message = notify.send_sms(
                phone=request.applicant.phone,
                text=_("%(agency)s: a %(title)s on your request %(tracking_code)s; read it at %(url)s") % names,
                purpose=LETTER_PURPOSE,
                obj=letter,
            )
        if not message.delivered:
            continue  # the notify record says it failed; the officer sees no delivery and sends another way
        with transaction.atomic():
            made.append(LetterDelivery.objects.create(letter=letter, channel=channel, sent_on=today, message=message))
            record(
                action="foi.delivery.notified",
                obj=request,
                changes={"letter": letter.number, "channel": channel, "message": message.pk},
            )
    return made
