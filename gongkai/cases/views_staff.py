"""Staff pages for cases and yearly figures: case officers and agency admins write, supervisors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import get_agency_or_404, require_role
from gongkai.cases import figures as figures_services
from gongkai.cases import selectors, services
from gongkai.cases.forms import CaseForm, ConcludeForm, DocumentForm, FiguresForm
from gongkai.cases.models import KIND_CHOICES, RESULT_CHOICES, YearFigures
from gongkai.core.files import stored_file_response
from gongkai.core.forms import form_errors, int_param, submit_form, year_param
from gongkai.law import cases as law_cases

PAGE_SIZE = 30
STATUS_LABELS = {
    law_cases.AWAITING_SERVICE: gettext_lazy("Copy not yet received"),
    law_cases.REPLY_DUE: gettext_lazy("Reply pending"),
    law_cases.REPLY_OVERDUE: gettext_lazy("Reply overdue"),
    law_cases.AWAITING_DECISION: gettext_lazy("Awaiting the decision"),
    law_cases.DECISION_OVERDUE: gettext_lazy("Decision overdue"),
    law_cases.CONCLUDED: gettext_lazy("Concluded"),
}
RESULT_FILTERS = [*RESULT_CHOICES, ("pending", gettext_lazy("Pending"))]


@login_required
def case_list(request):
    today = timezone.localdate()
    filters = selectors.CaseFilter(
        kind=request.GET.get("kind", ""),
        year=year_param(request.GET.get("year")),
        result=request.GET.get("result", ""),
        overdue=request.GET.get("overdue") == "1",
        agency_id=int_param(request.GET.get("agency")),
    )
    page = Paginator(selectors.case_list(request.user, filters, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for case in page:
        case.current_status = case.status(today)
        case.status_label = STATUS_LABELS[case.current_status]
        case.is_overdue = case.current_status in law_cases.OVERDUE_STATUSES
        case.party_shown = selectors.party_shown(request.user, case)
    agencies = list(selectors.case_agencies(request.user))
    return render(
        request,
        "cases/list.html",
        {
            "page_obj": page,
            "filters": filters,
            "agencies": agencies,
            "writable": [a for a in agencies if selectors.can_write(request.user, a.pk)],
            "kinds": KIND_CHOICES,
            "results": RESULT_FILTERS,
            "years": range(today.year, today.year - 6, -1),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *selectors.WRITE_ROLES)
    form = CaseForm(request.POST or None, agency=agency)
    created = {}

    def save(data):
        created["case"] = services.case_create(actor=request.user, agency=agency, **form.case_fields())

    if submit_form(request, form, save):
        messages.success(request, _("Registered case %(number)s.") % {"number": created["case"].number})
        return redirect("cases_staff:detail", pk=created["case"].pk)
    return render(request, "cases/form.html", {"agency": agency, "form": form, "heading": _("Register a case")})


@login_required
def case_detail(request, pk: int):
    case = selectors.case_for_user(request.user, pk)
    today = timezone.localdate()
    status = case.status(today)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "party": selectors.party_shown(request.user, case),
            "party_masked": not selectors.sees_party(request.user, case),
            "status": status,
            "status_label": STATUS_LABELS[status],
            "is_overdue": status in law_cases.OVERDUE_STATUSES,
            "can_write": selectors.can_write(request.user, case.agency_id),
            "conclude_form": ConcludeForm(
                initial={"concluded_on": case.concluded_on or today, "result": case.result}, prefix="conclude"
            ),
            "document_form": DocumentForm(prefix="document"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = selectors.case_for_user(request.user, pk)
    require_role(request.user, case.agency, *selectors.WRITE_ROLES)
    initial = {key: getattr(case, key) for key in services.EDITABLE if key != "info_request"}
    initial["request_code"] = case.info_request.tracking_code if case.info_request else ""
    form = CaseForm(request.POST or None, agency=case.agency, initial=initial)
    if not selectors.sees_party(request.user, case):  # a system administrator edits the case without the name
        del form.fields["party_name"]
    if submit_form(
        request, form, lambda data: services.case_update(actor=request.user, case=case, **form.case_fields())
    ):
        messages.success(request, _("Case %(number)s saved.") % {"number": case.number})
        return redirect("cases_staff:detail", pk=case.pk)
    return render(
        request, "cases/form.html", {"agency": case.agency, "form": form, "case": case, "heading": _("Edit the case")}
    )


@login_required
@require_POST
def case_conclude(request, pk: int):
    case = selectors.case_for_user(request.user, pk)
    require_role(request.user, case.agency, *selectors.WRITE_ROLES)
    form = ConcludeForm(request.POST, prefix="conclude")
    if submit_form(request, form, lambda data: services.case_conclude(actor=request.user, case=case, **data)):
        messages.success(request, _("Result of case %(number)s recorded.") % {"number": case.number})
    else:
        messages.error(request, _("The result was not recorded: %(errors)s") % {"errors": form_errors(form)})
    return redirect("cases_staff:detail", pk=case.pk)


@login_required
@require_POST
def document_upload(request, pk: int):
    case = selectors.case_for_user(request.user, pk)
    require_role(request.user, case.agency, *selectors.WRITE_ROLES)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if submit_form(
        request, form, lambda data: services.document_add(actor=request.user, case=case, upload=data["file"])
    ):
        messages.success(request, _("Document added to case %(number)s.") % {"number": case.number})
    else:
        messages.error(request, form_errors(form))
    return redirect("cases_staff:detail", pk=case.pk)


@login_required
@require_POST
def document_remove(request, pk: int):
    document = selectors.document_for_user(request.user, pk)
    require_role(request.user, document.case.agency_id, *selectors.WRITE_ROLES)
    services.document_remove(actor=request.user, document=document)
    messages.success(request, _("Document removed from case %(number)s.") % {"number": document.case.number})
    return redirect("cases_staff:detail", pk=document.case_id)


@login_required
def document_download(request, pk: int):
    return stored_file_response(selectors.document_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def figures(request, agency_pk: int):
    """The agency's yearly figures: its admins enter them; everyone who reads the agency sees them."""
    agency = get_agency_or_404(request.user, agency_pk)
    if request.method == "POST":
        require_role(request.user, agency, *selectors.FIGURES_WRITE_ROLES)
    rows = list(selectors.figures_of(agency))
    form = None
    if selectors.can_edit_figures(request.user, agency.pk):
        year = year_param(request.GET.get("year")) or timezone.localdate().year - 1
        current = next((r for r in rows if r.year == year), None) or YearFigures(agency=agency, year=year)
        form = FiguresForm(request.POST or None, initial=FiguresForm.initial_for(current))
        if submit_form(
            request,
            form,
            lambda data: figures_services.figures_save(actor=request.user, agency=agency, **form.figures()),
        ):
            messages.success(request, _("The figures for %(year)s were saved.") % {"year": form.cleaned_data["year"]})
            return redirect("cases_staff:figures", agency_pk=agency.pk)
    return render(
        request,
        "cases/figures.html",
        {
            "agency": agency,
            "table": selectors.figures_table(rows),
            "form": form,
            "row_labels": selectors.entered_row_labels(),
        },
    )
