"""Staff pages for proactive disclosure: worklist, drafting, attachments, personal-data checks, the review chain
and its configuration. The duties pages are in views_duties."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.agencies.access import access_for, get_agency_or_404, require_role
from gongkai.agencies.models import Role
from gongkai.core.errors import validation_message
from gongkai.core.files import original_name, stored_file_response
from gongkai.core.forms import form_errors, submit_form
from gongkai.core.keyset import CURSOR_PARAM, keyset_page
from gongkai.disclosure import attachments, picker, selectors, services, views_repeal, wordimport
from gongkai.disclosure.done import item_action_done
from gongkai.disclosure.forms import AttachmentForm, ChainFormSet, DecisionForm, ItemForm, JustifyForm, WordImportForm
from gongkai.disclosure.models import CatalogItem, ItemState, ReviewStep

DRAFTING_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)
PAGE_SIZE = 30
FLAG_FILTERS = [
    (selectors.FLAG_LACKS_INTERPRETATION, gettext_lazy("Policy without its interpretation")),
    (selectors.FLAG_PUBLISHED_LATE, gettext_lazy("Published late (Art. 26)")),
]
ITEM_FIELDS = (
    "category",
    "title",
    "doc_number",
    "formed_on",
    "topic",
    "genre",
    "normative_kind",
    "validity",
    "interprets",
    "supersedes",
    "body",
)


@login_required
def worklist(request):
    state = request.GET.get("state", "")
    if state not in ItemState.values:
        state = ""
    flag = request.GET.get("flag", "")
    if flag not in selectors.FLAGS:
        flag = ""
    page = keyset_page(
        selectors.worklist(request.user, state=state, flag=flag).defer("body"),  # the list shows no body
        selectors.WORKLIST_KEYS,
        request.GET.get(CURSOR_PARAM),
        per_page=PAGE_SIZE,
    )
    access = access_for(request.user)
    readable = list(access.readable_agencies().order_by("name"))
    return render(
        request,
        "disclosure/worklist.html",
        {
            "page_obj": page,
            "state": state,
            "states": ItemState.choices,
            "flag": flag,
            "flags": FLAG_FILTERS,
            "agencies": [a for a in readable if access.has_role(a.pk, *DRAFTING_ROLES)],
            "admin_agencies": [a for a in readable if access.has_role(a.pk, Role.AGENCY_ADMIN)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *DRAFTING_ROLES)
    if not agency.catalog_categories.exists():
        services.catalog_seed(actor=request.user, agency=agency)
    form = ItemForm(request.POST or None, agency=agency)
    created: dict[str, CatalogItem] = {}

    def save(data):
        fields = {k: v for k, v in data.items() if v not in (None, "")}
        created["item"] = services.item_create(actor=request.user, agency=agency, **fields)

    if submit_form(request, form, save):
        messages.success(request, _("Draft “%(title)s” saved.") % {"title": created["item"].title})
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
    initial = {name: getattr(item, name) for name in ITEM_FIELDS} | {"related": list(item.related.all())}
    form = ItemForm(request.POST or None, agency=item.agency, item=item, initial=initial)

    def save(data):
        body = data.pop("body")
        services.item_update(actor=request.user, item=item, body=body, **data)

    if submit_form(request, form, save):
        messages.success(
            request, _("Draft “%(title)s” saved.") % {"title": form.cleaned_data.get("title") or item.title}
        )
        return redirect("disclosure_staff:detail", pk=item.pk)
    return _edit_page(request, item, form)


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
    rows = [(f, JustifyForm(initial={"digest": f.digest}, auto_id=False)) for f in findings]
    publication_due = selectors.publication_due(item)
    return render(
        request,
        "disclosure/detail.html",
        {
            "item": item,
            # until the agency configures its chain, the default one applies at the first 送审 (services.item_submit)
            "steps": steps or [ReviewStep(name=name, role=role) for name, role in services.DEFAULT_REVIEW_CHAIN],
            "current": current,
            "findings": findings,
            "body_findings": [row for row in rows if row[0].attachment is None],
            "attachment_rows": [(a, [row for row in rows if row[0].attachment == a]) for a in item.attachments.all()],
            "may": may,
            "decision_form": DecisionForm(),
            "repeal_form": views_repeal.repeal_form_for(request.user, item),
            "attachment_form": AttachmentForm(),
            "decisions": item.decisions.all(),
            "publication_due": publication_due,
            "overdue_draft": item.state != ItemState.PUBLISHED
            and publication_due is not None
            and publication_due < timezone.localdate(),
        },
    )


def _decide(request, item, data):
    return services.item_decide(actor=request.user, item=item, approved=data["approved"], opinion=data["opinion"])


def _justify(request, item, data):
    return services.pii_justify(actor=request.user, item=item, finding_digest=data["digest"], reason=data["reason"])


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
    result = {}
    if submit_form(request, form, lambda data: result.setdefault("value", call(request, item, data))):
        done = item_action_done(
            action,
            before=item,
            after=result["value"],
            steps=services.review_chain(item.agency),
            approved=form.cleaned_data.get("approved"),
        )
        messages.success(request, done)
    else:
        messages.error(request, form_errors(form))
    return redirect("disclosure_staff:detail", pk=item.pk)


# --- the body imported from a Word file (wordimport.py) --------------------------------------------------------


def _edit_page(request, item: CatalogItem, form: ItemForm, word_form: WordImportForm | None = None):
    """The draft's edit page: the item's form (posted to the edit view) and the Word import above it."""
    return render(
        request,
        "disclosure/item_edit.html",
        {
            "agency": item.agency,
            "item": item,
            "form": form,
            "word_form": word_form or WordImportForm(),
            "form_action": reverse("disclosure_staff:edit", args=[item.pk]),
            "cancel_url": reverse("disclosure_staff:detail", args=[item.pk]),
            "heading": _("Edit the draft"),
        },
    )


@login_required
@require_POST
def item_word_import(request, pk: int):
    """A Word file read into the editor for review (its pictures stored as attachments); the body is saved only
    when the drafter saves the form."""
    item = selectors.item_for_user(request.user, pk)
    require_role(request.user, item.agency, *DRAFTING_ROLES)
    word_form = WordImportForm(request.POST, request.FILES)
    imported: dict[str, wordimport.Imported] = {}
    if not submit_form(
        request,
        word_form,
        lambda data: imported.setdefault(
            "value", wordimport.word_import(actor=request.user, item=item, upload=data["file"])
        ),
    ):
        messages.error(request, form_errors(word_form))
        return redirect("disclosure_staff:edit", pk=item.pk)
    result = imported["value"]
    item.refresh_from_db()
    initial = {name: getattr(item, name) for name in ITEM_FIELDS} | {"related": list(item.related.all())}
    form = ItemForm(agency=item.agency, item=item, initial=initial | {"body": result.html})
    done = _("The body was read from “%(name)s”: check it in the editor and save; it is not saved yet.") % {
        "name": original_name(word_form.cleaned_data["file"])
    }
    if result.attachments:
        done += " " + _("Its %(count)s pictures were added as attachments and are linked from the body.") % {
            "count": len(result.attachments)
        }
    if result.skipped_pictures:
        done += " " + _("%(count)s pictures that are not PNG or JPEG were left out.") % {
            "count": result.skipped_pictures
        }
    messages.success(request, done)
    return _edit_page(request, item, form, word_form=WordImportForm())


# --- attachments ----------------------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request, pk: int):
    item = selectors.item_for_user(request.user, pk)
    require_role(request.user, item.agency, *DRAFTING_ROLES)
    form = AttachmentForm(request.POST, request.FILES)
    if submit_form(
        request, form, lambda data: attachments.attachment_add(actor=request.user, item=item, upload=data["file"])
    ):
        messages.success(
            request,
            _("Attachment “%(name)s” added to “%(title)s”.")
            % {"name": original_name(form.cleaned_data["file"]), "title": item.title},
        )
    else:
        messages.error(request, form_errors(form))
    return redirect("disclosure_staff:detail", pk=item.pk)


ATTACHMENT_ACTIONS = {
    "remove": (attachments.attachment_remove, gettext_lazy("Attachment “%(name)s” removed from “%(title)s”.")),
    "mask": (
        attachments.attachment_mask,
        gettext_lazy("A masked copy replaced the attachment “%(name)s” of “%(title)s”."),
    ),
}


@login_required
@require_POST
def attachment_action(request, pk: int, action: str):
    attachment = selectors.attachment_for_user(request.user, pk)
    if action not in ATTACHMENT_ACTIONS:
        raise Http404
    require_role(request.user, attachment.item.agency_id, *DRAFTING_ROLES)
    call, done = ATTACHMENT_ACTIONS[action]
    try:
        call(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        messages.error(request, validation_message(exc))
    else:
        messages.success(request, str(done) % {"name": attachment.original_name, "title": attachment.item.title})
    return redirect("disclosure_staff:detail", pk=attachment.item_id)


@login_required
def attachment_download(request, pk: int):
    """Staff read every attachment of the items they may read, drafts included (reviewers check them)."""
    attachment = selectors.attachment_for_user(request.user, pk)
    return stored_file_response(attachment)


# --- the review chain, configured by agency admins ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_chain(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    steps = services.review_chain(agency)
    initial = [{"name": s.name, "role": s.role, "ORDER": i + 1} for i, s in enumerate(steps)] or [
        {"name": name, "role": role.value, "ORDER": i + 1}
        for i, (name, role) in enumerate(services.DEFAULT_REVIEW_CHAIN)
    ]
    formset = ChainFormSet(request.POST or None, initial=initial, prefix="steps")
    if request.method == "POST" and formset.is_valid():
        chosen = [f.cleaned_data for f in formset.ordered_forms if f.cleaned_data.get("name")]
        try:
            services.review_chain_set(
                actor=request.user, agency=agency, steps=[(data["name"], data["role"]) for data in chosen]
            )
        except ValidationError as exc:
            messages.error(request, validation_message(exc))
        else:
            messages.success(request, _("The review chain of %(agency)s was saved.") % {"agency": agency.name})
            return redirect("disclosure_staff:chain", agency_pk=agency.pk)
    return render(
        request,
        "disclosure/chain.html",
        {
            "agency": agency,
            "steps": steps,
            "formset": formset,
            "in_review": selectors.in_review_count(agency),
        },
    )


# --- the item picker of the draft form: search the agency's own items (issue 14) -------------------------------


@login_required
@require_GET
def related_search(request, agency_pk: int):
    """JSON for gongkai/picker.js: the agency's items whose title or 索引号 contains ``q`` (at most
    ``selectors.PICK_LIMIT``), offered as ``kind`` (related, interprets, supersedes) for the draft ``exclude``."""
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *DRAFTING_ROLES)
    kind = request.GET.get("kind", "")
    if kind not in selectors.PICK_KINDS:
        kind = selectors.PICK_RELATED
    items, more = selectors.pick_search(
        agency.pk, kind, request.GET.get("q", ""), exclude=selectors.item_number(request.GET.get("exclude", ""))
    )
    return JsonResponse({"results": [picker.option_of(item) for item in items], "more": more})
