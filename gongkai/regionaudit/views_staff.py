"""年报体检's staff pages: a supervisor's region — upload its reports, the missing-years grid, an agency's reports
year over year, a report's findings to confirm or dismiss. Scoped: a region the user does not supervise is 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.files import original_name
from gongkai.core.forms import form_errors, submit_form, year_param
from gongkai.law.report_rates import RATE_CODES, RATE_LABELS, percent
from gongkai.regionaudit import selectors, services
from gongkai.regionaudit.forms import AssignForm, IngestForm, ReviewForm

PAGE_SIZE = 50
UPLOAD_SECONDS = 120  # all files of one upload together (each file also within documents.LIMITS.seconds)
DEFAULT_YEARS = 6


@login_required
def regions(request):
    supervised = list(selectors.supervised_regions(request.user))
    if len(supervised) == 1:
        return redirect("regionaudit_staff:region", region_id=supervised[0].pk)
    return render(request, "regionaudit/regions.html", {"regions": supervised})


@login_required
@require_http_methods(["GET", "POST"])
def region_home(request, region_id: int):
    region = selectors.region_or_404(request.user, region_id)
    form = IngestForm(request.POST or None, request.FILES or None)
    done: dict = {}

    def run(data) -> None:
        files = [(original_name(upload), upload.read()) for upload in data["files"]]
        done["items"] = services.reports_ingest(actor=request.user, region=region, files=files, seconds=UPLOAD_SECONDS)

    if submit_form(request, form, run):
        items = done["items"]
        stored = sum(1 for item in items if not item.duplicate)
        unmatched = sum(1 for item in items if not item.duplicate and item.report.agency_id is None)
        messages.success(
            request,
            _("%(files)s files checked: %(stored)s stored, %(duplicates)s already stored, %(unmatched)s to assign.")
            % {"files": len(items), "stored": stored, "duplicates": len(items) - stored, "unmatched": unmatched},
        )
        return redirect("regionaudit_staff:region", region_id=region.pk)
    page = Paginator(selectors.unmatched_reports(region), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "regionaudit/region.html", {"region": region, "form": form, "page": page})


@login_required
def grid(request, region_id: int):
    region = selectors.region_or_404(request.user, region_id)
    today = timezone.localdate()
    first = year_param(request.GET.get("first")) or today.year - DEFAULT_YEARS
    years = selectors.grid_years(first, today)
    page = Paginator(selectors.region_agencies(region), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.missing_years_grid(list(page.object_list), region, years, today)
    return render(
        request,
        "regionaudit/grid.html",
        {"region": region, "years": years, "rows": rows, "page": page, "first": first, "today": today},
    )


@login_required
def findings(request, region_id: int):
    region = selectors.region_or_404(request.user, region_id)
    page = Paginator(selectors.triage_reports(region), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.triage_rows(list(page.object_list))
    return render(request, "regionaudit/findings.html", {"region": region, "rows": rows, "page": page})


@login_required
def agency_page(request, region_id: int, agency_id: int):
    region = selectors.region_or_404(request.user, region_id)
    agency = selectors.region_agency_or_404(region, agency_id)
    reports = selectors.agency_reports(region, agency)
    columns = selectors.comparison(reports)
    figures = [
        {
            "code": code,
            "label": selectors.FIGURE_LABELS[code],
            "values": [column.figures.get(code) for column in columns],
        }
        for code in selectors.KEY_FIGURES
    ]
    return render(
        request,
        "regionaudit/agency.html",
        {"region": region, "agency": agency, "reports": reports, "columns": columns, "figures": figures},
    )


@login_required
def report_page(request, region_id: int, report_id: int):
    region = selectors.region_or_404(request.user, region_id)
    report = selectors.report_or_404(region, report_id)
    reading = report.history[0] if report.history else None
    rows = selectors.reading_findings(reading) if reading else []
    assign_form = AssignForm(agencies=selectors.region_agencies(region), initial={"agency": report.agency_id})
    return render(
        request,
        "regionaudit/report.html",
        {
            "region": region,
            "report": report,
            "reading": reading,
            "rows": rows,
            "assign_form": assign_form,
            "statuses": ReviewForm.base_fields["status"].choices,
        },
    )


def _back(region_id: int, report_id: int):
    return redirect("regionaudit_staff:report", region_id=region_id, report_id=report_id)


@login_required
@require_POST
def report_assign(request, region_id: int, report_id: int):
    region = selectors.region_or_404(request.user, region_id)
    report = selectors.report_or_404(region, report_id)
    form = AssignForm(request.POST, agencies=selectors.region_agencies(region))
    if submit_form(
        request, form, lambda data: services.report_assign(actor=request.user, report=report, agency=data["agency"])
    ):
        messages.success(request, _("The report was assigned to %(agency)s.") % {"agency": form.cleaned_data["agency"]})
    else:
        messages.error(request, form_errors(form))
    return _back(region.pk, report.pk)


@login_required
@require_POST
def report_recheck(request, region_id: int, report_id: int):
    region = selectors.region_or_404(request.user, region_id)
    report = selectors.report_or_404(region, report_id)
    try:
        services.report_recheck(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("The report was checked again; the earlier readings are kept."))
    return _back(region.pk, report.pk)


@login_required
@require_POST
def finding_review(request, region_id: int, reading_id: int):
    region = selectors.region_or_404(request.user, region_id)
    reading = selectors.reading_or_404(region, reading_id)
    form = ReviewForm(request.POST)

    def run(data) -> None:
        services.finding_review(
            actor=request.user, reading=reading, index=data["index"], status=data["status"], note=data["note"]
        )

    if submit_form(request, form, run):
        messages.success(request, _("The decision was recorded."))
    else:
        messages.error(request, form_errors(form))
    return _back(region.pk, reading.report_id)


@login_required
def benchmark(request, region_id: int):
    region = selectors.region_or_404(request.user, region_id)
    today = timezone.localdate()
    year = year_param(request.GET.get("year")) or today.year - 1
    sort = request.GET.get("sort") if request.GET.get("sort") in RATE_CODES else ""
    ascending = request.GET.get("order") == "asc"
    rows = selectors.benchmark(region, year, today)
    medians = selectors.medians(rows)
    ordered = selectors.sort_benchmark(rows, sort, descending=not ascending)
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    risks = selectors.risk_rows(rows)
    columns = [{"code": code, "label": RATE_LABELS[code], "median": percent(medians[code])} for code in RATE_CODES]
    table = [
        {
            "row": row,
            "rates": [{"text": percent(row.rate(code)), "rank": row.rank.get(code)} for code in RATE_CODES],
        }
        for row in page.object_list
    ]
    return render(
        request,
        "regionaudit/benchmark.html",
        {
            "region": region,
            "year": year,
            "sort": sort,
            "ascending": ascending,
            "columns": columns,
            "table": table,
            "page": page,
            "risks": risks,
            "risk_limit": percent(selectors.RISK_RATE),
        },
    )


EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(request, region, fmt: str, agency=None):
    from gongkai.regionaudit import exports

    if fmt not in EXPORT_TYPES:
        raise Http404
    today = timezone.localdate()
    year = year_param(request.GET.get("year")) or today.year - 1
    rows = selectors.benchmark(region, year, today)
    medians = selectors.medians(rows)  # the region's, also on one agency's report
    name = region.name
    if agency is not None:
        rows, name = [r for r in rows if r.agency.pk == agency.pk], agency.name
    build = exports.to_docx if fmt == "docx" else exports.to_xlsx
    response = HttpResponse(build(name, year, rows, medians), content_type=EXPORT_TYPES[fmt])
    filename = f"{exports.title(name, year)}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


@login_required
def region_export(request, region_id: int, fmt: str):
    return _export(request, selectors.region_or_404(request.user, region_id), fmt)


@login_required
def agency_export(request, region_id: int, agency_id: int, fmt: str):
    region = selectors.region_or_404(request.user, region_id)
    return _export(request, region, fmt, selectors.region_agency_or_404(region, agency_id))
