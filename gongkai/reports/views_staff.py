"""Staff pages for annual reports: the list with deadlines, a report's tables, checks and workflow, exports, and the
supervisor's oversight of every subordinate agency."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, get_agency_or_404, get_scoped_or_404, require_role, scope
from gongkai.agencies.models import Agency, Role
from gongkai.core.forms import submit_form
from gongkai.law import report as law_report
from gongkai.law.outcomes import RESULT_GROUPS
from gongkai.reports import layout, selectors, services
from gongkai.reports.forms import CorrectForm, NarrativeForm, StartForm
from gongkai.reports.models import AnnualReport, ReportState


def _report(user, pk: int) -> AnnualReport:
    return get_scoped_or_404(AnnualReport.objects.select_related("agency", "corrects"), user, pk=pk)


@login_required
def report_list(request):
    today = timezone.localdate()
    access = access_for(request.user)
    reports = scope(AnnualReport.objects.select_related("agency"), request.user).order_by(
        "-year", "agency__name", "-version"
    )
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    for report in page:
        report.deadline = services.deadline_status(report, today)
    writable = [
        a
        for a in access.readable_agencies().order_by("name")
        if access.is_system_admin or access.has_role(a.pk, *services.WRITERS)
    ]
    return render(
        request,
        "reports/list.html",
        {
            "page_obj": page,
            "writable": writable,
            "start_form": StartForm(initial={"year": today.year - 1}),
            "supervises": access.is_system_admin or bool(access.supervised_ids()),
        },
    )


@login_required
@require_POST
def report_start(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *services.WRITERS)
    form = StartForm(request.POST)
    created = {}

    def save(data):
        created["report"] = services.report_start(actor=request.user, agency=agency, year=data["year"])

    if submit_form(request, form, save):
        messages.success(request, _("The draft report was computed from the data."))
        return redirect("reports_staff:detail", pk=created["report"].pk)
    messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("reports_staff:list")


@login_required
def report_detail(request, pk: int):
    report = _report(request.user, pk)
    access = access_for(request.user)
    today = timezone.localdate()
    may_write = access.is_system_admin or access.has_role(report.agency_id, *services.WRITERS)
    may_approve = access.is_system_admin or access.has_role(report.agency_id, *services.APPROVERS)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "deadline": services.deadline_status(report, today),
            "problems": services.report_problems(report) if report.is_editable else None,
            "may_write": may_write and report.is_editable,
            "may_approve": may_approve and report.state == ReportState.CHECKED,
            "may_publish": may_write and report.state == ReportState.APPROVED,
            "may_correct": may_write and report.state == ReportState.PUBLISHED,
            "correct_form": CorrectForm(),
            "versions": AnnualReport.objects.filter(agency=report.agency, year=report.year).order_by("version"),
            "sections": layout.narrative_sections(report.narrative),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = _report(request.user, pk)
    require_role(request.user, report.agency, *services.WRITERS)
    if not report.is_editable:
        messages.error(request, _("A published report cannot be edited; publish a correction instead."))
        return redirect("reports_staff:detail", pk=report.pk)
    form = NarrativeForm(request.POST or None, initial=report.narrative)

    def save(data):
        services.report_edit(actor=request.user, report=report, sections=data)

    if submit_form(request, form, save):
        messages.success(request, _("Saved. Run the check again before approval."))
        return redirect("reports_staff:detail", pk=report.pk)
    return render(
        request,
        "workspace/form_page.html",
        {
            "agency": report.agency,
            "form": form,
            "heading": _("Edit the text of the report"),
            "cancel_url": reverse("reports_staff:detail", args=[report.pk]),
        },
    )


def _regenerate(request, report, data):
    return services.report_regenerate(actor=request.user, report=report, text=False)


def _regenerate_text(request, report, data):
    return services.report_regenerate(actor=request.user, report=report, text=True)


def _check(request, report, data):
    problems = services.report_check(actor=request.user, report=report)
    if any(problems.values()):
        messages.warning(request, _("The check found problems; they are listed below."))
    else:
        messages.success(request, _("The check passed: the tables add up and the text agrees with them."))
    return problems


def _approve(request, report, data):
    return services.report_approve(actor=request.user, report=report)


def _publish(request, report, data):
    return services.report_publish(actor=request.user, report=report)


def _correct(request, report, data):
    return services.report_correct(actor=request.user, report=report, reason=data["reason"])


ACTIONS = {
    "regenerate": (None, _regenerate, services.WRITERS),
    "regenerate-text": (None, _regenerate_text, services.WRITERS),
    "check": (None, _check, services.WRITERS),
    "approve": (None, _approve, services.APPROVERS),
    "publish": (None, _publish, services.WRITERS),
    "correct": (CorrectForm, _correct, services.WRITERS),
}


@login_required
@require_POST
def report_action(request, pk: int, action: str):
    report = _report(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, roles = ACTIONS[action]
    require_role(request.user, report.agency, *roles)
    form = form_class(request.POST) if form_class else forms.Form({})
    result = {}
    if submit_form(request, form, lambda data: result.setdefault("value", call(request, report, data))):
        if action != "check":  # the check says itself how it went
            messages.success(request, _("Done."))
        value = result.get("value")
        if isinstance(value, AnnualReport) and value.pk != report.pk:
            return redirect("reports_staff:detail", pk=value.pk)
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("reports_staff:detail", pk=report.pk)


@login_required
def report_download(request, pk: int, fmt: str):
    report = _report(request.user, pk)
    from gongkai.reports import exports

    filename = f"{report.agency.name}{report.year}年政府信息公开工作年度报告"
    if fmt == "json":
        return JsonResponse(exports.to_json(report), json_dumps_params={"ensure_ascii": False, "indent": 2})
    if fmt == "html":
        return HttpResponse(exports.to_html(report))
    content_types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    if fmt not in content_types:
        raise Http404
    data = exports.to_docx(report) if fmt == "docx" else exports.to_xlsx(report)
    response = HttpResponse(data, content_type=content_types[fmt])
    from django.utils.encoding import escape_uri_path

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}.{fmt}"
    return response


# --- oversight ------------------------------------------------------------------------------------------------


def _oversight_agencies(user) -> list[Agency]:
    access = access_for(user)
    if access.is_system_admin:
        ids = None
    else:
        # the agencies below the user's supervising offices, not those offices themselves
        own = {agency_id for agency_id, roles in access.roles.items() if Role.SUPERVISOR in roles}
        ids = set(access.supervised_ids()) - own
        if not access.supervised_ids():
            raise Http404
    qs = Agency.objects.all() if ids is None else Agency.objects.filter(id__in=ids)
    return list(qs.select_related("parent").order_by("level", "name"))


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    return max(2008, min(year, timezone.localdate().year))


@login_required
def oversight(request):
    """Every subordinate agency's report against its deadline; the roll-up of the published tables; charts."""
    agencies = _oversight_agencies(request.user)
    year = _year(request)
    today = timezone.localdate()
    ids = [a.pk for a in agencies]
    latest = selectors.latest_reports(ids, year)
    published = selectors.published_reports(ids, year)
    published_before = selectors.published_reports(ids, year - 1)
    rows = []
    for agency in agencies:
        report = latest.get(agency.pk)
        deadline = law_report.deadline_for(agency.kind, year)
        shown = published.get(agency.pk)
        late = (shown.published_on if shown else today) > deadline
        rows.append({"agency": agency, "report": report, "published": shown, "deadline": deadline, "late": late})
    rollup = selectors.sum_tables([r.tables for r in published.values()])
    rollup_before = selectors.sum_tables([r.tables for r in published_before.values()])
    months = selectors.requests_by_month(ids, year)
    outcome_bars = []
    if rollup:
        for label, keys in RESULT_GROUPS.values():
            outcome_bars.append((label, sum(rollup["section3"][k]["total"] for k in keys)))
    on_time = [
        (r["agency"].short_name or r["agency"].name, r["published"].figures.get("requests", {}).get("on_time_rate"))
        for r in rows
        if r["published"] is not None
    ]
    return render(
        request,
        "reports/oversight.html",
        {
            "year": year,
            "years": range(today.year - 1, max(2020, today.year - 6), -1),
            "rows": rows,
            "rollup": rollup,
            "comparison": _comparison(rollup, rollup_before),
            "months": _bars([(f"{i + 1}月", n) for i, n in enumerate(months)]),
            "outcomes": _bars(outcome_bars),
            "on_time": [(name, rate) for name, rate in on_time if rate is not None],
            "published_count": len(published),
            "late_count": sum(1 for r in rows if r["late"]),
        },
    )


def _bars(pairs: list[tuple[str, int]]) -> list[dict]:
    """Bars for a server-side SVG chart: label, value and width as a percentage of the largest value."""
    top = max((v for _, v in pairs), default=0) or 1
    return [{"label": label, "value": value, "pct": round(value * 100 / top, 1)} for label, value in pairs]


def _comparison(now: dict | None, before: dict | None) -> list[dict]:
    if not now:
        return []
    keys = [
        ("本年新收政府信息公开申请", "section3", "new_this_year", "total"),
        ("本年度办理结果总计", "section3", "results_total", "total"),
        ("予以公开", "section3", "disclosed", "total"),
        ("结转下年度继续办理", "section3", "carried_to_next_year", "total"),
        ("行政复议总计", "section4", "reconsideration", "total"),
        ("行政规范性文件现行有效", "section2", "normative_documents", "in_force"),
    ]
    out = []
    for label, section, row, col in keys:
        value = now[section][row][col]
        previous = before[section][row][col] if before else None
        out.append(
            {"label": label, "now": value, "before": previous, "change": None if previous is None else value - previous}
        )
    return out


@login_required
def oversight_export(request):
    from gongkai.reports import exports

    agencies = _oversight_agencies(request.user)
    year = _year(request)
    published = selectors.published_reports([a.pk for a in agencies], year)
    names = {a.pk: a.name for a in agencies}
    rows = [
        (names[agency_id], report.tables)
        for agency_id, report in sorted(published.items(), key=lambda kv: names[kv[0]])
    ]
    response = HttpResponse(
        exports.tables_to_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="annual-reports-{year}.xlsx"'
    return response
