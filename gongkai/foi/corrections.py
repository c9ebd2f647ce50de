"""Corrections sent online (条例 第三十条): the applicant, on the tracking page, answers a 补正 notice with text and
files; the day it arrives is the ``correction_received`` event, so the reply period starts again from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.files import accept_document, original_name
from gongkai.core.logs import service
from gongkai.foi import services
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Correction, InfoRequest

MAX_CORRECTION_FILES = 5
CORRECTION_MAX_CHARS = 4000


def correction_asked(request: InfoRequest, clock: Any) -> bool:
    """True while the clock waits for the applicant's corrections."""
    return clock is not None and not request.is_closed and clock.paused == "correction"


@service(atomic=False)
def correction_submit_online(
    *, request: InfoRequest, text: str, files: list[Any], today: dt.date | None = None
) -> Correction:
    """Store the corrections and record ``correction_received`` today through the clock (:func:`services.event_add`).
    Files are judged like the request form's attachment (content sniffed, :data:`services.MAX_ATTACHMENT_BYTES`),
    before the transaction opens; with no text and no file, a text over :data:`CORRECTION_MAX_CHARS` or any file
    refused, nothing is stored."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()  # a line break counts as one character
    files = list(files or [])
    if not text and not files:
        raise FoiError.CORRECTION_EMPTY.refuse("text")
    if len(text) > CORRECTION_MAX_CHARS:  # refused, never cut: the applicant keeps the whole text to shorten
        raise FoiError.CORRECTION_TOO_LONG.refuse("text", max=CORRECTION_MAX_CHARS, count=len(text))
    if len(files) > MAX_CORRECTION_FILES:
        raise FoiError.CORRECTION_FILES.refuse("files", max=MAX_CORRECTION_FILES)
    accepted = []
    for upload in files:
        data, content_type = accept_document(
            upload, noun=_("attachment"), max_bytes=services.MAX_ATTACHMENT_BYTES, type_code=FoiError.ATTACHMENT_TYPE
        )
        accepted.append((original_name(upload), data, content_type))
    today = today or timezone.localdate()
    with transaction.atomic():
        request = InfoRequest.objects.select_for_update().get(pk=request.pk)
        if not correction_asked(request, services.compute_request_clock(request, today=today)):
            raise FoiError.CORRECTION_NOT_ASKED.refuse()
        correction = Correction.objects.create(request=request, text=text, received_on=today)
        services.event_add(actor=None, request=request, type="correction_received", on=today, today=today)
        record(
            action="foi.correction.online",
            obj=request,
            changes={"correction": correction.pk, "chars": len(text), "files": len(accepted)},
        )
        for name, data, content_type in accepted:  # last: nothing after a file is written can roll back
            services._attachment_add(
                request=request, name=name, data=data, content_type=content_type, correction=correction
            )
    return correction
