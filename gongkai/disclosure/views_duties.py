"""Staff pages for disclosure duties: the dashboard (due, overdue, done), fulfilling a period by linking a published
item, and the duties themselves (created, edited and deactivated by agency admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, get_agency_or_404, get_scoped_or_404, require_role
from gongkai.agencies.models import Role
from gongkai.core.forms import submit_form
from gongkai.disclosure import duties
from gongkai.disclosure.forms import DutyForm, FulfilForm
from gongkai.disclosure.models import Duty, DutyInstance
from gongkai.law.duties import RECURRENCE_LABELS

FULFIL_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)
DUTY_FIELDS = ("name", "category", "recurrence", "months_after", "day", "month", "starts_on")


def _agencies_with(access, *roles: str) -> set[int] | None:
    """Ids of the readable agencies where the user holds one of ``roles``; None for a system administrator."""
    if access.is_system_admin:
        return None
    return {agency_id for agency_id in access.readable_ids() if access.has_role(agency_id, *roles)}


@login_required
def dashboard(request):
    today = timezone.localdate()
    access = access_for(request.user)
    readable = access.readable_ids()
    admin_ids = _agencies_with(access, Role.AGENCY_ADMIN)
    return render(
        request,
        "disclosure/duties.html",
        {
            "today": today,
            # the agency in every table as soon as the user reads more than one (else one duty's periods in two
            # agencies look like duplicates)
            "many_agencies": readable is None or len(readable) > 1,
            **duties.dashboard(readable, today=today),
            "duty_list": duties.duty_list(readable),
            "recurrence_labels": {str(k): v for k, v in RECURRENCE_LABELS.items()},
            "fulfil_ids": _agencies_with(access, *FULFIL_ROLES),
            "admin_ids": admin_ids,
            "admin_agencies": access.readable_agencies().order_by("name")
            if admin_ids is None
            else access.readable_agencies().filter(id__in=admin_ids).order_by("name"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def duty_new(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    form = DutyForm(request.POST or None, agency=agency, initial={"starts_on": timezone.localdate().replace(day=1)})

    def save(data):
        duties.duty_create(actor=request.user, agency=agency, today=timezone.localdate(), **data)

    if submit_form(request, form, save):
        messages.success(request, _("Disclosure duty “%(name)s” created.") % {"name": form.cleaned_data["name"]})
        return redirect("disclosure_staff:duties")
    return render(
        request, "disclosure/duty_form.html", {"agency": agency, "form": form, "heading": _("New disclosure duty")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def duty_edit(request, pk: int):
    duty = get_scoped_or_404(Duty.objects.select_related("agency", "category"), request.user, pk=pk)
    require_role(request.user, duty.agency, Role.AGENCY_ADMIN)
    form = DutyForm(
        request.POST or None, agency=duty.agency, initial={name: getattr(duty, name) for name in DUTY_FIELDS}
    )

    def save(data):
        duties.duty_update(actor=request.user, duty=duty, today=timezone.localdate(), **data)

    if submit_form(request, form, save):
        messages.success(request, _("Disclosure duty “%(name)s” saved.") % {"name": form.cleaned_data["name"]})
        return redirect("disclosure_staff:duties")
    return render(
        request,
        "disclosure/duty_form.html",
        {"agency": duty.agency, "form": form, "heading": _("Edit the duty"), "duty": duty},
    )


@login_required
@require_POST
def duty_active(request, pk: int):
    duty = get_scoped_or_404(Duty.objects.all(), request.user, pk=pk)
    require_role(request.user, duty.agency_id, Role.AGENCY_ADMIN)
    active = request.POST.get("active") == "1"
    duties.duty_set_active(actor=request.user, duty=duty, active=active)
    done = _("Disclosure duty “%(name)s” taken up again.") if active else _("Disclosure duty “%(name)s” deactivated.")
    messages.success(request, done % {"name": duty.name})
    return redirect("disclosure_staff:duties")


@login_required
@require_http_methods(["GET", "POST"])
def instance_fulfil(request, pk: int):
    instance = get_scoped_or_404(DutyInstance.objects.select_related("duty__category", "agency"), request.user, pk=pk)
    require_role(request.user, instance.agency_id, *FULFIL_ROLES)
    form = FulfilForm(request.POST or None, candidates=duties.fulfil_candidates(instance))
    if submit_form(
        request, form, lambda data: duties.duty_fulfil(actor=request.user, instance=instance, item=data["item"])
    ):
        messages.success(
            request,
            _("Disclosure duty “%(name)s” fulfilled for %(period)s by “%(title)s”.")
            % {"name": instance.duty.name, "period": instance.period_label, "title": form.cleaned_data["item"].title},
        )
        return redirect("disclosure_staff:duties")
    return render(
        request,
        "disclosure/duty_form.html",
        {
            "agency": instance.agency,
            "form": form,
            "instance": instance,
            "heading": _("Fulfil %(duty)s, %(period)s") % {"duty": instance.duty.name, "period": instance.period_label},
        },
    )
