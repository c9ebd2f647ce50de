"""Staff pages for proactive disclosure: worklist, drafting, personal-data checks, the review chain."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, get_agency_or_404, require_role
from gongkai.agencies.models import Role
from gongkai.core.forms import submit_form
from gongkai.disclosure import selectors, services
from gongkai.disclosure.forms import DecisionForm, ItemForm, JustifyForm
from gongkai.disclosure.models import ItemState

DRAFTING_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)


@login_required
def worklist(request):
    state = request.GET.get("state", "")
    if state not in ItemState.values:
        state = ""
    page = Paginator(selectors.worklist(request.user, state=state), 30).get_page(request.GET.get("page"))
    agencies = [
        a
        for a in access_for(request.user).readable_agencies().order_by("name")
        if access_for(request.user).has_role(a.pk, *DRAFTING_ROLES)
    ]
    return render(
        request,
        "disclosure/worklist.html",
        {"page_obj": page, "state": state, "states": ItemState.choices, "agencies": agencies},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *DRAFTING_ROLES)
    if not agency.catalog_categories.exists():
        services.catalog_seed(actor=request.user, agency=agency)
    form = ItemForm(request.POST or None, agency=agency)
    created = {}

    def save(data):
        fields = {k: v for k, v in data.items() if v not in (None, "")}
        created["item"] = services.item_create(actor=request.user, agency=agency, **fields)

    if submit_form(request, form, save):
        messages.success(request, _("The draft was saved."))
        return redirect("disclosure_staff:detail", pk=created["item"].pk)
    return render(
        request,
        "workspace/form_page.html",
        {"agency": agency, "form": form, "heading": _("New item for proactive disclosure")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = selectors.item_for_user(request.user, pk)
    require_role(request.user, item.agency, *DRAFTING_ROLES)
    initial = {
        name: getattr(item, name)
        for name in (
            "category",
            "title",
            "doc_number",
            "formed_on",
            "topic",
            "genre",
            "normative_kind",
            "validity",
            "interprets",
            "body",
        )
    }
    form = ItemForm(request.POST or None, agency=item.agency, initial=initial)

    def save(data):
        body = data.pop("body")
        services.item_update(actor=request.user, item=item, body=body, **data)

    if submit_form(request, form, save):
        messages.success(request, _("The draft was saved."))
        return redirect("disclosure_staff:detail", pk=item.pk)
    return render(
        request, "workspace/form_page.html", {"agency": item.agency, "form": form, "heading": _("Edit the draft")}
    )


@login_required
def item_detail(request, pk: int):
    item = selectors.item_for_user(request.user, pk)
    access = access_for(request.user)
    steps = services.review_chain(item.agency)
    current = steps[item.review_step] if item.state == ItemState.IN_REVIEW and steps else None
    findings = services.open_findings(item) if item.state != ItemState.PUBLISHED else []
    may = {
        "draft": item.state == ItemState.DRAFT
        and (access.is_system_admin or access.has_role(item.agency_id, *DRAFTING_ROLES)),
        "decide": current is not None and (access.is_system_admin or access.has_role(item.agency_id, current.role)),
        "justify": access.is_system_admin or access.has_role(item.agency_id, Role.REVIEWER, Role.APPROVER),
    }
    return render(
        request,
        "disclosure/detail.html",
        {
            "item": item,
            "steps": steps,
            "current": current,
            "findings": findings,
            "may": may,
            "decision_form": DecisionForm(),
            "decisions": item.decisions.all(),
            "justify_forms": [(f, JustifyForm(initial={"finding": f.text, "kind": f.kind})) for f in findings],
        },
    )


def _decide(request, item, data):
    return services.item_decide(actor=request.user, item=item, approved=data["approved"], opinion=data["opinion"])


def _justify(request, item, data):
    return services.pii_justify(
        actor=request.user, item=item, finding_text=data["finding"], kind=data["kind"], reason=data["reason"]
    )


def _submit(request, item, data):
    return services.item_submit(actor=request.user, item=item)


def _mask(request, item, data):
    return services.item_mask_pii(actor=request.user, item=item)


# action → (form, service call, roles besides the step/justify checks inside the services)
ACTIONS = {
    "decide": (DecisionForm, _decide, (Role.REVIEWER, Role.APPROVER)),
    "justify": (JustifyForm, _justify, (Role.REVIEWER, Role.APPROVER)),
    "submit": (None, _submit, DRAFTING_ROLES),
    "mask": (None, _mask, DRAFTING_ROLES),
}


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = selectors.item_for_user(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, roles = ACTIONS[action]
    require_role(request.user, item.agency, *roles)
    form = form_class(request.POST) if form_class else forms.Form({})
    if submit_form(request, form, lambda data: call(request, item, data)):
        messages.success(request, _("Done."))
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("disclosure_staff:detail", pk=item.pk)


@login_required
def duties(request):
    from django.utils import timezone

    from gongkai.disclosure.duties import dashboard

    today = timezone.localdate()
    return render(
        request,
        "disclosure/duties.html",
        {"today": today, **dashboard(access_for(request.user).readable_ids(), today=today)},
    )
