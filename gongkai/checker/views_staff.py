"""The report checker's page: upload published reports, see the findings beside the tables read from them.

The files are not stored: they are read in memory, checked and shown.  Any signed-in staff member may use it (a
supervisor checking the reports it receives, an agency checking its own before publishing); it shows nothing but
what was uploaded, so it needs no agency scope.  Each upload is capped (files, size of each and of all, see
:mod:`gongkai.checker.forms`), admitted within a rate per user and audited (:func:`services.check_admit`) before
a file is read, and read within the reading limits of gongkai.core.documents and a time budget of its own.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from gongkai.checker import services
from gongkai.checker.checking import check_documents
from gongkai.checker.forms import CheckForm
from gongkai.checker.names import check_name, metric_name, place_name
from gongkai.core.files import original_name
from gongkai.core.forms import submit_form
from gongkai.law.report_format_2019 import section2_blocks_2019
from gongkai.law.report_reading import tables_2021

UPLOAD_SECONDS = 60  # all files of one upload together (each file also within documents.LIMITS.seconds)


@login_required
@require_http_methods(["GET", "POST"])
def check_upload(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    checked: dict = {}

    def run(data) -> None:
        uploads = data["files"]
        services.check_admit(actor=request.user, files=len(uploads), size=sum(upload.size for upload in uploads))
        documents = [(original_name(upload), upload.read()) for upload in uploads]
        checked["results"] = check_documents(
            documents, kind=data["kind"] or None, year=data["year"], seconds=UPLOAD_SECONDS
        )

    submit_form(request, form, run)
    for result in checked.get("results") or ():
        _name_codes(result)
    return render(request, "checker/upload.html", {"form": form, "results": checked.get("results")})


def _name_codes(result) -> None:
    """Each finding, place and stated figure with its Chinese name (the code stays beside it, in small print)."""
    result.finding_rows = [
        {"finding": f, "name": check_name(f.code), "place": place_name(f.where)} for f in result.findings
    ]
    reading = result.reading
    if reading.format == "2019" and reading.tables is not None:
        # 表二 in the 2019 format's own columns; 表三、表四 in the official layout (the single （六）其他处理 row as 3.其他).
        result.section2_2019 = section2_blocks_2019(reading.tables["section2"])
        result.tables_2021 = tables_2021(reading.tables)
    result.metric_rows = [
        {"code": code, "name": metric_name(code), "value": value} for code, value in result.reading.metrics.items()
    ]
