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
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, get_agency_or_404, require_role
from gongkai.core.forms import submit_form
from gongkai.core.headers import standalone_document
from gongkai.reports import selectors, services
from gongkai.reports.forms import CorrectForm, NarrativeForm, StartForm
from gongkai.reports.models import AnnualReport, ReportState


def _report(user, pk: int) -> AnnualReport:
    return selectors.report_for_user(user, pk)


@login_required
def report_list(request):
    today = timezone.localdate()
    access = access_for(request.user)
    page = Paginator(selectors.reports_for_user(request.user), 30).get_page(request.GET.get("page"))
    for report in page:
        report.deadline = selectors.deadline_status(report, today)
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
        messages.success(
            request, _("Draft annual report %(report)s computed from the data.") % {"report": created["report"]}
        )
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
            "deadline": selectors.deadline_status(report, today),
            "problems": services.report_problems(report) if report.is_editable else None,
            "may_write": may_write and report.is_editable,
            "may_approve": may_approve and report.state == ReportState.CHECKED,
            "may_publish": may_write and report.state == ReportState.APPROVED,
            "may_correct": may_write and report.state == ReportState.PUBLISHED,
            "correct_form": CorrectForm(),
            "versions": selectors.versions_of(report),
            "sections": selectors.narrative_sections(report),
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
        messages.success(
            request, _("Text of %(report)s saved. Run the check again before approval.") % {"report": report}
        )
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


DONE = {
    "regenerate": gettext_lazy("Tables of %(report)s computed again from the data."),
    "regenerate-text": gettext_lazy("Tables and text of %(report)s computed again from the data."),
    "approve": gettext_lazy("Annual report %(report)s approved."),
    "publish": gettext_lazy("Annual report published: %(report)s."),
    "correct": gettext_lazy("Correction started: %(report)s is the new draft."),
}
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
        value = result.get("value")
        if action in DONE:  # the check says itself how it went
            messages.success(
                request, str(DONE[action]) % {"report": value if isinstance(value, AnnualReport) else report}
            )
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
    if fmt not in selectors.EXPORT_TYPES:
        raise Http404
    response = HttpResponse(selectors.export(report, fmt), content_type=selectors.EXPORT_TYPES[fmt])
    if fmt == "html":
        return standalone_document(response)  # the printable page carries its own styles
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}.{fmt}"
    return response


# --- oversight ------------------------------------------------------------------------------------------------


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    return max(2008, min(year, timezone.localdate().year))


@login_required
def oversight(request):
    """Every subordinate agency's report against its deadline; the roll-up of the published tables; charts."""
    agencies = selectors.oversight_agencies(request.user)
    year = _year(request)
    today = timezone.localdate()
    context = selectors.oversight(agencies, year, today=today)
    context.update({"year": year, "years": range(today.year - 1, max(2020, today.year - 6), -1)})
    return render(request, "reports/oversight.html", context)


@login_required
def oversight_export(request):
    year = _year(request)
    rows = selectors.oversight_tables(selectors.oversight_agencies(request.user), year)
    response = HttpResponse(selectors.tables_xlsx(rows), content_type=selectors.EXPORT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="annual-reports-{year}.xlsx"'
    return response
