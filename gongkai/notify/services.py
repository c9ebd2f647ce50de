"""Sending a message to a citizen: e-mail through Django's e-mail backend (SMTP from the environment), a text through
the configured SMS provider (:mod:`gongkai.notify.sms`). Each attempt is recorded (:class:`~gongkai.notify.models.Message`,
without the text) and audited (channel, purpose, delivered — no address, no text).

Delivery happens before any transaction opens (an SMTP server may take seconds; on SQLite a transaction holds the
one write lock), then the record is written in a short one. A failed delivery does not raise: the message is
recorded as not delivered and the caller reads ``message.delivered``.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction

from gongkai.audit.services import record
from gongkai.core.contacts import EMAIL, PHONE, contact_digest
from gongkai.core.logs import service
from gongkai.law.pii import mask_email, mask_phone
from gongkai.notify import sms
from gongkai.notify.models import Channel, Message

logger = logging.getLogger("gongkai.notify")


@service(atomic=False)
def send_email(
    *, to: str, subject: str, body: str, purpose: str, obj: models.Model | None = None, agency: Any = None
) -> Message:
    """Send ``body`` to ``to`` by e-mail (``DEFAULT_FROM_EMAIL``, ``EMAIL_*`` settings) and record it."""
    failure = ""
    try:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send()
    except (smtplib.SMTPException, OSError) as exc:  # refused, unreachable, timed out
        failure = type(exc).__name__
    return _record(
        channel=Channel.EMAIL,
        to_masked=mask_email(to),
        to_digest=contact_digest(EMAIL, to),
        purpose=purpose,
        obj=obj,
        agency=agency,
        failure=failure,
    )


@service(atomic=False)
def send_sms(*, phone: str, text: str, purpose: str, obj: models.Model | None = None, agency: Any = None) -> Message:
    """Send ``text`` to ``phone`` through the configured provider (``GONGKAI_SMS_PROVIDER``) and record it."""
    failure = ""
    try:
        sms.provider().send(phone, text)
    except (sms.SmsError, OSError) as exc:
        failure = type(exc).__name__
    return _record(
        channel=Channel.SMS,
        to_masked=mask_phone(phone),
        to_digest=contact_digest(PHONE, phone),
        purpose=purpose,
        obj=obj,
        agency=agency,
        failure=failure,
    )


def _record(
    *,
    channel: str,
    to_masked: str,
    to_digest: str,
    purpose: str,
    obj: models.Model | None,
    agency: Any,
    failure: str,
) -> Message:
    if agency is not None:
        agency_id = agency.pk
    elif obj is not None and obj._meta.label == "agencies.Agency":
        agency_id = obj.pk
    else:
        agency_id = getattr(obj, "agency_id", None)
    with transaction.atomic():
        message = Message.objects.create(
            agency_id=agency_id,
            channel=channel,
            to_masked=to_masked,
            to_digest=to_digest,
            purpose=purpose,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            delivered=not failure,
            failure=failure,
        )
        record(
            action="notify.message.sent" if not failure else "notify.message.failed",
            obj=obj,
            agency=agency,
            changes={"message": message.pk, "channel": channel, "purpose": purpose, "failure": failure},
        )
    if failure:
        fields = {"event": "notify.failed", "channel": channel, "purpose": purpose, "failure": failure}
        logger.warning("notify.failed channel=%s failure=%s", channel, failure, extra={"log_fields": fields})
    return message
