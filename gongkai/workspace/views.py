"""The staff workspace. Views stay thin: scoping through ``access``, reads through selectors, writes through
services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies import selectors
from gongkai.agencies.access import access_for, get_agency_or_404, require_role, sees_personal_data
from gongkai.agencies.models import Role
from gongkai.agencies.services import agency_update, department_create
from gongkai.audit.selectors import entries_for_agency, entry_sentence
from gongkai.core.forms import submit_form
from gongkai.law.pii import mask
from gongkai.workspace import dashboard
from gongkai.workspace.forms import AgencyContactForm, DepartmentForm

PAGE_SIZE = 25


@login_required
def home(request):
    access = access_for(request.user)
    memberships = selectors.memberships_of_user(request.user)
    return render(
        request,
        "workspace/home.html",
        {
            "todo": dashboard.build(request.user, today=timezone.localdate()),
            "memberships": memberships,
            "is_system_admin": access.is_system_admin,
            "readable_count": access.readable_agencies().count(),
        },
    )


@login_required
def agency_list(request):
    page = Paginator(selectors.agency_list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workspace/agency_list.html", {"page_obj": page})


@login_required
def agency_detail(request, pk: int):
    agency = get_agency_or_404(request.user, pk)
    access = access_for(request.user)
    return render(
        request,
        "workspace/agency_detail.html",
        {
            "agency": agency,
            "departments": selectors.departments_of(agency),
            "memberships": selectors.memberships_of(agency),
            "subordinates": selectors.subordinate_agencies(agency)[:50],
            "can_admin": access.is_system_admin or access.has_role(agency.pk, Role.AGENCY_ADMIN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, pk: int):
    agency = get_agency_or_404(request.user, pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    form = AgencyContactForm(request.POST or None, instance=agency)
    if submit_form(request, form, lambda data: agency_update(actor=request.user, agency=agency, **data)):
        messages.success(request, _("Details of %(agency)s saved.") % {"agency": agency.name})
        return redirect("workspace:agency_detail", pk=agency.pk)
    return _form_page(request, agency, form, _("Edit details"))


@login_required
@require_http_methods(["GET", "POST"])
def department_add(request, pk: int):
    agency = get_agency_or_404(request.user, pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    form = DepartmentForm(request.POST or None)
    if submit_form(request, form, lambda data: department_create(actor=request.user, agency=agency, **data)):
        messages.success(
            request,
            _("Department %(name)s added to %(agency)s.") % {"name": form.cleaned_data["name"], "agency": agency.name},
        )
        return redirect("workspace:agency_detail", pk=agency.pk)
    return _form_page(request, agency, form, _("Add a department"))


def _form_page(request, agency, form, heading: str):
    return render(request, "workspace/form_page.html", {"agency": agency, "form": form, "heading": heading})


@login_required
def agency_audit(request, pk: int):
    agency = get_agency_or_404(request.user, pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN, allow_supervisor=True)
    page = Paginator(entries_for_agency(agency), PAGE_SIZE).get_page(request.GET.get("page"))
    # No entry holds an applicant's fields, but free text (an event's reason, a fee's explanation) may quote a number:
    # a reader who sees the agency's personal data masked sees the scanner's findings masked here too.
    full = sees_personal_data(request.user, agency.pk)
    for entry in page:
        entry.sentence = entry_sentence(entry)
        if not full:
            entry.sentence.text = mask(entry.sentence.text)
            for detail in entry.sentence.details:
                detail.value = mask(detail.value)
    return render(request, "workspace/agency_audit.html", {"agency": agency, "page_obj": page})
