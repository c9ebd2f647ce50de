"""The public side of requests: the online form, the acknowledgment, and tracking without personal data."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.agencies.selectors import public_agency
from gongkai.core.clients import client_address
from gongkai.core.forms import submit_form
from gongkai.foi import paperwork, services
from gongkai.foi.forms import PublicRequestForm, ResendForm, TrackForm
from gongkai.foi.models import InfoRequest

ACK_SESSION_KEY = "foi_ack"
# The query code stays in the session (never in the request's row) this long after submission, so the applicant can
# reload the acknowledgment, print the 回执 and download it; then it is dropped.
ACK_SECONDS = 30 * 60


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
    return render(
        request,
        "foi/track.html",
        {"form": form, "r": found, "failed": failed, "letters": found.letters.all() if found else []},
    )


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
