"""The request's internal paper forms (登记表, 审批表) for the staff who see the request: a print page and a DOCX.

Kept apart from views_staff so the forms' two views stand alone; both only read (like the 回执 and the letters, the
downloads are not audited: the personal data in them is what the reader already sees on the request's page).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.encoding import escape_uri_path

from gongkai.foi import paper_forms, paperwork, privacy, selectors


@login_required
def request_form(request, pk: int, kind: str, fmt: str = "html"):
    if kind not in paper_forms.KINDS or fmt not in {"html", "docx"}:
        raise Http404
    info_request = selectors.request_for_user(request.user, pk)
    applicant = privacy.applicant_view(
        request.user, info_request, revealed=privacy.reveal_in_force(request.session, info_request.pk)
    )
    form = paper_forms.build(kind, info_request, applicant)
    if fmt == "docx":
        response = HttpResponse(paper_forms.form_docx(form), content_type=paperwork.DOCX_TYPE)
        filename = escape_uri_path(f"{form.title}-{info_request.tracking_code}.docx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
        return response
    return render(request, "foi/paper_form.html", {"form": form, "r": info_request, "applicant": applicant})
