"""The public side of requests: the online form, the acknowledgment, and tracking without personal data."""

from __future__ import annotations

import datetime as dt
import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.selectors import public_agency
from gongkai.core.clients import client_address
from gongkai.core.dates import chinese_date
from gongkai.core.forms import submit_form
from gongkai.foi import corrections, deliveries, paperwork, selectors, services
from gongkai.foi.forms import CorrectionOnlineForm, PublicRequestForm, ResendForm, TrackForm
from gongkai.foi.letters import letter_docx, letter_html
from gongkai.foi.models import InfoRequest

ACK_SESSION_KEY = "foi_ack"
# The query code stays in the session (never in the request's row) this long after submission, so the applicant can
# reload the acknowledgment, print the 回执 and download it; then it is dropped.
ACK_SECONDS = 30 * 60
TRACK_SESSION_KEY = "foi_track"  # {"id": the request looked up, "until": a timestamp}
TRACK_MINUTES = 30


# The three pages below show the applicant's own data (the form sent back with an error, the query code, the
# request's progress): never kept by a browser's or a proxy's cache.


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, credit_code: str):
    agency = public_agency(credit_code)
    form = PublicRequestForm(request.POST or None, request.FILES or None)
    created = {}

    def save(data):
        created["submitted"] = services.request_submit_online(
            agency=agency,
            applicant=form.applicant_data(),
            description=data["description"],
            submitter=client_address(request),
            attachment=data.get("attachment"),
            **form.request_data(),
        )

    if request.method == "POST" and request.POST.get("website"):
        # A bot filled in the honeypot: answer like a success page, store nothing.
        return render(request, "foi/acknowledgment.html", {"agency": agency, "bot": True})
    if submit_form(request, form, save):
        submitted = created["submitted"]
        request.session[ACK_SESSION_KEY] = {
            "id": submitted.request.pk,
            "query_code": submitted.query_code,
            "at": time.time(),
        }
        return redirect("foi_public:acknowledgment")
    return render(request, "foi/apply.html", {"agency": agency, "form": form})


def _acknowledged(request) -> tuple[InfoRequest, str] | None:
    """The request this session just submitted and its query code, for :data:`ACK_SECONDS` after submission."""
    ack = request.session.get(ACK_SESSION_KEY)
    if not ack:
        return None
    if time.time() - ack.get("at", 0) > ACK_SECONDS:
        del request.session[ACK_SESSION_KEY]
        return None
    info_request = get_object_or_404(InfoRequest.objects.select_related("agency"), pk=ack["id"])
    return info_request, ack["query_code"]


@never_cache
def acknowledgment(request):
    found = _acknowledged(request)
    if not found:
        return redirect("foi_public:track")
    info_request, query_code = found
    return render(
        request,
        "foi/acknowledgment.html",
        {"r": info_request, "query_code": query_code, "agency": info_request.agency},
    )


# --- the tracking page: the codes once, then the session for that one request (TRACK_MINUTES) ------------------


def _remember_tracked(session, pk: int) -> None:
    until = timezone.now() + dt.timedelta(minutes=TRACK_MINUTES)
    session[TRACK_SESSION_KEY] = {"id": pk, "until": until.timestamp()}


def _tracked(request) -> InfoRequest | None:
    """The request this browser looked up with its codes in the last TRACK_MINUTES, or None. The codes are never
    in a URL: the letter links and the correction form find the request here."""
    kept = request.session.get(TRACK_SESSION_KEY)
    if not kept:
        return None
    if kept.get("until", 0) < timezone.now().timestamp():
        request.session.pop(TRACK_SESSION_KEY, None)
        return None
    return selectors.tracked_request(kept["id"])


def _deadline_words(found: InfoRequest, clock) -> str:
    """The applicant's next date in words: the correction's (条例 第三十条), the fee's (109号), else none."""
    if clock is None or found.is_closed:
        return ""
    if clock.paused == "correction" and clock.correction_due:
        return _("Please send the corrections by %(date)s") % {"date": chinese_date(clock.correction_due)}
    if clock.paused == "fee" and clock.fee_payment_due:
        return _("Please pay the fee by %(date)s") % {"date": chinese_date(clock.fee_payment_due)}
    return ""


def _track_page(request, *, form, found, failed=False, correction_form=None, status=200):
    context = {"form": form, "r": found, "failed": failed, "letters": []}
    if found is not None:
        clock = services.compute_request_clock(found)
        asked = corrections.correction_asked(found, clock)
        context.update(
            letters=selectors.applicant_letters(found),
            deadline=_deadline_words(found, clock),
            correction_form=correction_form or (CorrectionOnlineForm() if asked else None),
            track_minutes=TRACK_MINUTES,
        )
    return render(request, "foi/track.html", context, status=status)


@never_cache
def receipt(request, fmt: str = "html"):
    """The printable 回执 (条例 第三十一条 receipt date, 第三十三条 reply deadline) as a page or a DOCX."""
    found = _acknowledged(request)
    if not found:
        return redirect("foi_public:track")
    info_request, query_code = found
    if fmt == "docx":
        response = HttpResponse(paperwork.receipt_docx(info_request, query_code), content_type=paperwork.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="receipt-{info_request.tracking_code}.docx"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return render(
        request,
        "foi/receipt.html",
        {
            "r": info_request,
            "agency": info_request.agency,
            "rows": paperwork.receipt_rows(info_request, query_code),
            "title": paperwork.RECEIPT_TITLE,
            "note": paperwork.RECEIPT_NOTE,
        },
    )


def application_form(request, credit_code: str, fmt: str):
    """The agency's blank 政府信息公开申请表 for letters and requests handed in (no personal data: cacheable)."""
    agency = public_agency(credit_code)
    if fmt == "docx":
        data, content_type = paperwork.application_form_docx(agency), paperwork.DOCX_TYPE
    else:
        data, content_type = paperwork.application_form_pdf(agency), "application/pdf"
        if data is None:  # LibreOffice is not installed: the pages offer the DOCX only
            raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="application-form-{agency.credit_code}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    found, failed = None, False
    if request.method == "POST" and form.is_valid():
        request.session.pop(TRACK_SESSION_KEY, None)
        try:
            found = services.tracking_lookup(
                tracking_code=form.cleaned_data["tracking_code"],
                query_code=form.cleaned_data["query_code"],
                client=client_address(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            failed = found is None
            if found is not None:
                request.session.cycle_key()  # a session id planted before the look-up does not gain the request
                _remember_tracked(request.session, found.pk)
                found = selectors.tracked_request(found.pk)
    elif request.method == "GET":
        found = _tracked(request)
    return _track_page(request, form=form, found=found, failed=failed)


@never_cache
@require_POST
def track_leave(request):
    request.session.pop(TRACK_SESSION_KEY, None)
    return redirect("foi_public:track")


@never_cache
def track_letter(request, pk: int, fmt: str):
    """A letter to the applicant, as HTML or DOCX, for the request looked up in this session (404 otherwise);
    the first opening records the portal delivery (received that day)."""
    found = _tracked(request)
    if found is None or fmt not in ("html", "docx"):
        raise Http404
    letter = selectors.applicant_letter(found, pk)
    deliveries.letter_opened_on_portal(letter=letter)
    if fmt == "docx":
        response = HttpResponse(
            letter_docx(letter),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}.docx"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return render(request, "foi/track_letter.html", {"letter": letter, "letter_html": letter_html(letter)})


@never_cache
@require_POST
def track_correction(request):
    """The applicant's corrections, sent online (条例 第三十条): recorded as received today."""
    found = _tracked(request)
    if found is None:
        return redirect("foi_public:track")
    form = CorrectionOnlineForm(request.POST, request.FILES)
    if submit_form(
        request,
        form,
        lambda data: corrections.correction_submit_online(request=found, text=data["text"], files=data["files"]),
    ):
        messages.success(request, _("Your corrections were received; the reply period starts again from today."))
        return redirect("foi_public:track")
    return _track_page(request, form=TrackForm(), found=found, correction_form=form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def resend(request):
    """找回查询码: a new query code sent to the contact given in the application. The answer is the same whether or
    not anything matched (gongkai.foi.services.query_code_resend)."""
    form = ResendForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            services.query_code_resend(
                tracking_code=form.cleaned_data["tracking_code"],
                contact=form.cleaned_data["contact"],
                client=client_address(request),
                track_url=request.build_absolute_uri(reverse("foi_public:track")),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            done = True
    return render(request, "foi/resend.html", {"form": form, "done": done})
