"""Staff pages for work plans: the list with the overdue work of my department and my agencies, importing a plan
document (upload, review and map the department names, confirm), the plan with its tasks, and a task's progress.

Everyone who reads an agency reads its plans; agency admins import them; agency admins and the staff of a task's
lead department record its progress.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import get_agency_or_404, require_role
from gongkai.core.errors import validation_message
from gongkai.core.files import file_response, stored_file_response
from gongkai.core.forms import apply_validation_error, form_errors, submit_form
from gongkai.workplan import selectors, services
from gongkai.workplan.documents import MAX_PLAN_BYTES
from gongkai.workplan.errors import WorkplanError
from gongkai.workplan.forms import EvidenceForm, InstanceDoneForm, MappingForm, PlanUploadForm, ProgressForm
from gongkai.workplan.proposal import build_proposal


@login_required
def index(request):
    today = timezone.localdate()
    return render(
        request,
        "workplan/index.html",
        {
            "today": today,
            "plans": selectors.plan_list(request.user, today=today),
            "managed": selectors.managed_agencies(request.user),
            **selectors.dashboard(request.user, today=today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_upload(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *selectors.MANAGE_ROLES)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    created = {}

    def save(data):
        if data["file"].size > MAX_PLAN_BYTES:  # refused before the file is read into memory
            raise WorkplanError.UPLOAD_TOO_LARGE.refuse("file", limit=MAX_PLAN_BYTES // (1024 * 1024))
        created["plan"] = services.plan_propose(
            actor=request.user, agency=agency, year=data["year"], data=data["file"].read(), filename=data["file"].name
        )

    if submit_form(request, form, save):
        return redirect("workplan_staff:review", pk=created["plan"].pk)
    return render(request, "workplan/upload.html", {"agency": agency, "form": form})


def _proposal_page(request, plan, form, proposal):
    return render(
        request,
        "workplan/review.html",
        {"plan": plan, "agency": plan.agency, "form": form, "proposal": proposal, "rows": proposal.rows()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request, pk: int):
    """The proposal read from the document: the admin maps the department names and confirms (or updates the table
    with the names mapped so far)."""
    plan = selectors.plan_for_user(request.user, pk)
    require_role(request.user, plan.agency, *selectors.MANAGE_ROLES)
    if not plan.is_proposal:
        return redirect("workplan_staff:plan", pk=plan.pk)
    base = build_proposal(plan.agency, plan.source_text, plan.year)
    form = MappingForm(request.POST or None, proposal=base)
    if request.method == "POST" and "confirm" in request.POST:

        def save(data):
            services.plan_confirm(actor=request.user, plan=plan, mapping=form.mapping(), today=timezone.localdate())

        if submit_form(request, form, save):
            messages.success(request, _("Work plan %(plan)s imported.") % {"plan": plan})
            return redirect("workplan_staff:plan", pk=plan.pk)
    proposal = base
    if request.method == "POST" and form.is_valid():
        try:
            proposal = build_proposal(plan.agency, plan.source_text, plan.year, form.mapping())
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return _proposal_page(request, plan, form, proposal)


@login_required
@require_POST
def plan_discard(request, pk: int):
    plan = selectors.plan_for_user(request.user, pk)
    require_role(request.user, plan.agency, *selectors.MANAGE_ROLES)
    try:
        services.plan_discard(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, validation_message(exc))
        return redirect("workplan_staff:plan", pk=plan.pk)
    messages.success(request, _("Proposed work plan %(plan)s discarded.") % {"plan": plan})
    return redirect("workplan_staff:index")


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_for_user(request.user, pk)
    if plan.is_proposal:
        if selectors.can_manage(request.user, plan.agency_id):
            return redirect("workplan_staff:review", pk=plan.pk)
        raise PermissionDenied
    today = timezone.localdate()
    tasks = list(selectors.plan_tasks(plan, today=today))
    return render(
        request,
        "workplan/plan.html",
        {
            "plan": plan,
            "agency": plan.agency,
            "tasks": tasks,
            "today": today,
            "done": sum(t.status == "done" for t in tasks),
            "overdue": sum(bool(t.is_overdue) for t in tasks),
        },
    )


@login_required
def plan_source(request, pk: int):
    plan = selectors.plan_for_user(request.user, pk)
    if plan.is_proposal and not selectors.can_manage(request.user, plan.agency_id):
        raise PermissionDenied  # an unconfirmed proposal is the admins' alone, like its page (plan_detail)
    return file_response(plan.source_document, filename=plan.source_name, content_type=plan.source_type)


@login_required
def task_detail(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    today = timezone.localdate()
    can_update = selectors.can_update(request.user, task)
    context = {
        "task": task,
        "plan": task.plan,
        "agency": task.agency,
        "today": today,
        "can_update": can_update,
        **selectors.task_detail(task),
    }
    if can_update:
        context |= {
            "progress_form": ProgressForm(initial={"status": task.status}, prefix="progress"),
            "evidence_form": EvidenceForm(prefix="evidence"),
            "done_form": InstanceDoneForm(prefix="done"),
            "items": selectors.recent_items(task.agency_id, since=dt.date(task.plan.year, 1, 1)),
        }
    return render(request, "workplan/task.html", context)


def _require_update(request, task) -> None:
    if not selectors.can_update(request.user, task):
        raise PermissionDenied


@login_required
@require_POST
def task_progress(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    _require_update(request, task)
    form = ProgressForm(request.POST, prefix="progress")

    def save(data):
        item = services.published_item(task.agency_id, data["index_number"]) if data["index_number"] else None
        services.task_progress(actor=request.user, task=task, status=data["status"], note=data["note"], item=item)

    if submit_form(request, form, save):
        messages.success(request, _("Progress on “%(task)s” recorded.") % {"task": task})
    else:
        messages.error(request, _("Nothing was recorded: %(errors)s") % {"errors": form_errors(form)})
    return redirect("workplan_staff:task", pk=task.pk)


@login_required
@require_POST
def evidence_upload(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    _require_update(request, task)
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
    if submit_form(
        request, form, lambda data: services.evidence_add(actor=request.user, task=task, upload=data["file"])
    ):
        messages.success(request, _("Evidence added to “%(task)s”.") % {"task": task})
    else:
        messages.error(request, form_errors(form))
    return redirect("workplan_staff:task", pk=task.pk)


@login_required
def evidence_download(request, pk: int):
    return stored_file_response(selectors.evidence_for_user(request.user, pk))


@login_required
@require_POST
def instance_done(request, pk: int):
    instance = selectors.instance_for_user(request.user, pk)
    _require_update(request, instance.task)
    form = InstanceDoneForm(request.POST, prefix="done")

    def save(data):
        index_number = data["index_number"]
        item = services.published_item(instance.agency_id, index_number) if index_number else None
        services.instance_done(actor=request.user, instance=instance, done_on=data["done_on"], item=item)

    if submit_form(request, form, save):
        messages.success(
            request, _("%(period)s of “%(task)s” is done.") % {"period": instance.period_label, "task": instance.task}
        )
    else:
        messages.error(request, _("Nothing was recorded: %(errors)s") % {"errors": form_errors(form)})
    return redirect("workplan_staff:task", pk=instance.task_id)
