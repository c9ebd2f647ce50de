"""The report checker's page: upload published reports, see the findings beside the tables read from them.

Nothing is stored: the files are read in memory, checked and shown.  Any signed-in staff member may use it (a
supervisor checking the reports it receives, an agency checking its own before publishing); it shows nothing but
what was uploaded, so it needs no agency scope.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from gongkai.checker.checking import check_documents
from gongkai.checker.forms import CheckForm
from gongkai.core.files import original_name
from gongkai.core.forms import submit_form
from gongkai.law.report_reading import METRICS


@login_required
@require_http_methods(["GET", "POST"])
def check_upload(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    checked: dict = {}

    def run(data) -> None:
        documents = [(original_name(upload), upload.read()) for upload in data["files"]]
        checked["results"] = check_documents(documents, kind=data["kind"] or None, year=data["year"])

    submit_form(request, form, run)
    return render(
        request,
        "checker/upload.html",
        {"form": form, "results": checked.get("results"), "metric_names": METRICS},
    )
