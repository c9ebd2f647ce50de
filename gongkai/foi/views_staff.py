"""The officer's workspace for requests: inbox, registration, one page per request with its actions, letters, the
applicant's attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import REVEAL_MINUTES, access_for, get_agency_or_404, holds_role, require_role
from gongkai.agencies.models import Role
from gongkai.core.errors import validation_message
from gongkai.core.files import stored_file_response
from gongkai.core.forms import int_param, submit_form
from gongkai.core.keyset import CURSOR_PARAM, keyset_page
from gongkai.core.text import clean_text
from gongkai.foi import configuration, deliveries, fees, privacy, selectors, services
from gongkai.foi.done import action_done
from gongkai.foi.forms import ACTION_FORMS, DeliveryForm, ReceiptForm, RegisterForm
from gongkai.foi.letters import letter_docx, letter_html
from gongkai.law import clock as law_clock

PAGE_SIZE = 30
OFFICER_ROLES = (Role.CASE_OFFICER, Role.AGENCY_ADMIN, Role.APPROVER)
STATE_FILTERS = [
    ("open", gettext_lazy("In progress")),
    ("overdue", gettext_lazy("Overdue")),
    ("due_soon", format_lazy(gettext_lazy("Due within {days} working days"), days=selectors.DUE_SOON_WORKDAYS)),
    (selectors.TO_DO_DUE, format_lazy(gettext_lazy("Due within {days} working days"), days=selectors.DIGEST_WORKDAYS)),
    (selectors.TO_DO_CORRECTION, gettext_lazy("Awaiting the applicant's correction")),
    (selectors.TO_DO_FEE, gettext_lazy("Awaiting payment of the fee")),
    ("awaiting_receipt", gettext_lazy("Awaiting confirmation of receipt")),
    ("closed", gettext_lazy("Closed")),
    ("all", gettext_lazy("All")),
]


@login_required
def inbox(request):
    state = request.GET.get("state", "open")
    if state not in dict(STATE_FILTERS):
        state = "open"
    filters = selectors.InboxFilter(
        state=state, query=request.GET.get("q", "")[:100], agency_id=int_param(request.GET.get("agency"))
    )
    today = timezone.localdate()
    page = keyset_page(
        selectors.inbox(request.user, filters, today=today),
        selectors.inbox_keys(filters),
        request.GET.get(CURSOR_PARAM),
        per_page=PAGE_SIZE,
    )
    revealed = privacy.reveals_in_force(request.session)
    for row in page:
        shown = privacy.applicant_view(request.user, row, revealed=row.pk in revealed)
        row.applicant_shown, row.description_shown = shown.name, shown.redact(row.description)
    agencies = access_for(request.user).readable_agencies().order_by("name")
    return render(
        request,
        "foi/inbox.html",
        {"page_obj": page, "filters": filters, "today": today, "state_filters": STATE_FILTERS, "agencies": agencies},
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *OFFICER_ROLES)
    form = RegisterForm(request.POST or None)
    created = {}

    def save(data):
        created["submitted"] = services.request_register(
            actor=request.user,
            agency=agency,
            applicant=form.applicant_data(),
            channel=data["channel"],
            submitted_on=data["submitted_on"],
            signed_on=data["signed_on"],
            confirmed_on=data["confirmed_on"],
            registered_mail=data["registered_mail"],
            description=data["description"],
            **form.request_data(),
        )

    if submit_form(request, form, save):
        info_request = created["submitted"].request
        messages.success(request, _("Registered request %(code)s.") % {"code": info_request.tracking_code})
        return redirect("foi_staff:detail", pk=info_request.pk)
    return render(request, "foi/register.html", {"agency": agency, "form": form})


@login_required
def detail(request, pk: int):
    info_request = selectors.request_for_user(request.user, pk)
    can_act = holds_role(request.user, info_request.agency_id, *OFFICER_ROLES)
    can_approve = holds_role(request.user, info_request.agency_id, Role.APPROVER)
    clock = services.compute_request_clock(info_request) if info_request.received_on else None
    actions = []
    if can_act:
        for key in selectors.available_actions(info_request, clock):
            if law_clock.needs_approval(key) and not can_approve:
                continue
            form_class, label = ACTION_FORMS[key]
            actions.append((key, label, form_class(prefix=key)))
    applicant = privacy.applicant_view(
        request.user, info_request, revealed=privacy.reveal_in_force(request.session, info_request.pk)
    )
    letters = list(info_request.letters.all())
    if can_act:
        for letter_obj in letters:
            letter_obj.delivery_form = DeliveryForm(prefix=f"delivery-{letter_obj.pk}")
            for delivery in letter_obj.deliveries.all():
                if delivery.in_delivery:
                    delivery.receipt_form = ReceiptForm(prefix=f"receipt-{delivery.pk}")
    return render(
        request,
        "foi/detail.html",
        {
            "r": info_request,
            "letters": letters,
            "can_act": can_act,
            "actions": actions,
            "clock": clock,
            "applicant": applicant,
            "can_download": can_act and applicant.full,
            "reveal_minutes": REVEAL_MINUTES,
        },
    )


@login_required
def attachment(request, pk: int):
    """An applicant's attachment, for the request's agency's case officers, admins and approvers (404 for other
    agencies' staff, 403 for supervisors and other roles); every download is audited (foi.attachment.download)."""
    stored = selectors.attachment_for_user(request.user, pk)
    require_role(request.user, stored.request.agency_id, *OFFICER_ROLES)
    # an attachment may be a scan of an ID card: only those who see the applicant in full may download it
    if not privacy.applicant_view(request.user, stored.request).full:
        raise PermissionDenied
    response = stored_file_response(stored)  # 404 when the file is missing: nothing to audit
    services.attachment_download(actor=request.user, attachment=stored)
    return response


@login_required
@require_POST
def reveal(request, pk: int):
    """A system administrator reveals the applicant, giving a reason (audited); it lasts REVEAL_MINUTES."""
    info_request = selectors.request_for_user(request.user, pk)
    if not access_for(request.user).is_system_admin:
        raise PermissionDenied
    try:
        services.applicant_reveal(
            actor=request.user, request=info_request, reason=clean_text(request.POST.get("reason", ""))
        )
    except ValidationError as exc:
        messages.error(request, validation_message(exc))
    else:
        until = privacy.reveal_remember(request.session, info_request.pk)
        messages.success(
            request,
            _("The applicant's personal data is shown until %(time)s; the reason was recorded in the audit log.")
            % {"time": timezone.localtime(until).strftime("%H:%M")},
        )
    return redirect("foi_staff:detail", pk=info_request.pk)


@login_required
@require_POST
def act(request, pk: int, action: str):
    info_request = selectors.request_for_user(request.user, pk)
    if action not in ACTION_FORMS:
        raise Http404
    require_role(
        request.user, info_request.agency, *((Role.APPROVER,) if law_clock.needs_approval(action) else OFFICER_ROLES)
    )
    if info_request.is_closed:
        raise PermissionDenied
    form_class, label = ACTION_FORMS[action]
    form = form_class(request.POST, prefix=action)
    letters_before = selectors.last_letter_id(info_request)

    def save(data):
        if action == "receipt_confirmed":
            services.receipt_confirm(actor=request.user, request=info_request, on=data["on"])
        elif action == "fee_notice":
            fees.fee_notice_issue(
                actor=request.user,
                request=info_request,
                on=data["on"],
                pages=data["pages"],
                waive=data["waive"],
                reason=data["reason"],
            )
        elif action == "reply":
            services.reply_record(
                actor=request.user,
                request=info_request,
                on=data["on"],
                outcome=data["outcome"],
                documents=data["documents"],
                reason=data["reason"],
            )
        else:
            extra = {k: v for k, v in data.items() if k != "on"}
            services.event_add(
                actor=request.user,
                request=info_request,
                type=action,
                on=data["on"],
                approved_by=request.user if law_clock.needs_approval(action) else None,
                **extra,
            )

    if submit_form(request, form, save):
        issued = selectors.letters_after(info_request, letters_before)
        messages.success(request, action_done(info_request, action, issued))
    else:
        errors = _("; ").join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, _("%(action)s not recorded: %(errors)s") % {"action": label, "errors": errors})
    return redirect("foi_staff:detail", pk=info_request.pk)


def _after_form(request, form, saved: bool, label: str) -> None:
    if saved:
        messages.success(request, _("Recorded: %(action)s.") % {"action": label})
    else:
        errors = _("; ").join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, _("%(action)s not recorded: %(errors)s") % {"action": label, "errors": errors})


@login_required
@require_POST
def delivery_add(request, pk: int):
    """送达: an officer records how a letter was sent (and received, when known); 404 for other agencies' letters."""
    letter_obj = selectors.letter_for_user(request.user, pk)
    require_role(request.user, letter_obj.agency_id, *OFFICER_ROLES)
    form = DeliveryForm(request.POST, request.FILES, prefix=f"delivery-{letter_obj.pk}")
    saved = submit_form(
        request,
        form,
        lambda data: deliveries.delivery_record(actor=request.user, letter=letter_obj, **data),
    )
    _after_form(request, form, saved, _("Delivery of %(number)s") % {"number": letter_obj.number})
    return redirect("foi_staff:detail", pk=letter_obj.request_id)


@login_required
@require_POST
def delivery_receipt(request, pk: int):
    """The addressee's receipt of a delivery (the post's signature date …); the due date is recomputed."""
    delivery = selectors.delivery_for_user(request.user, pk)
    require_role(request.user, delivery.letter.agency_id, *OFFICER_ROLES)
    form = ReceiptForm(request.POST, request.FILES, prefix=f"receipt-{delivery.pk}")
    saved = submit_form(
        request,
        form,
        lambda data: deliveries.delivery_receipt_record(actor=request.user, delivery=delivery, **data),
    )
    _after_form(request, form, saved, _("Receipt of %(number)s") % {"number": delivery.letter.number})
    return redirect("foi_staff:detail", pk=delivery.letter.request_id)


@login_required
def delivery_evidence(request, pk: int):
    """A delivery's evidence (a signed receipt names the applicant): for those who see the applicant in full."""
    stored = selectors.evidence_for_user(request.user, pk)
    require_role(request.user, stored.delivery.letter.agency_id, *OFFICER_ROLES)
    if not privacy.applicant_view(request.user, stored.delivery.letter.request).full:
        raise PermissionDenied
    return stored_file_response(stored)


@login_required
def letter(request, pk: int, fmt: str):
    letter_obj = selectors.letter_for_user(request.user, pk)
    applicant = privacy.applicant_view(
        request.user, letter_obj.request, revealed=privacy.reveal_in_force(request.session, letter_obj.request_id)
    )
    redact = None if applicant.full else applicant.redact
    if fmt == "docx":
        response = HttpResponse(
            letter_docx(letter_obj, redact),
            content_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )
        response["Content-Disposition"] = f'attachment; filename="letter-{letter_obj.pk}.docx"'
        return response
    return render(
        request,
        "foi/letter.html",
        {"letter": letter_obj, "letter_html": letter_html(letter_obj, redact), "applicant": applicant},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_settings(request, agency_pk: int):
    from gongkai.foi.forms import FoiSettingsForm
    from gongkai.foi.models import LetterKind

    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    current = selectors.settings_of(agency.pk)
    initial = {"fee_method": selectors.fee_method(current).value}
    if current:
        initial.update(
            letter_prefix=current.letter_prefix,
            reconsideration_body=current.reconsideration_body,
            court=current.court,
            contact_name=current.contact_name,
            contact_phone=current.contact_phone,
        )
    form = FoiSettingsForm(request.POST or None, initial=initial)
    if submit_form(
        request, form, lambda data: configuration.foi_settings_save(actor=request.user, agency=agency, **data)
    ):
        messages.success(request, _("Request settings of %(agency)s saved.") % {"agency": agency.name})
        return redirect("foi_staff:settings", agency_pk=agency.pk)
    customised = selectors.customised_letter_kinds(agency.pk)
    return render(
        request,
        "foi/settings.html",
        {"agency": agency, "form": form, "kinds": LetterKind.choices, "customised": customised},
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_template(request, agency_pk: int, kind: str):
    from gongkai.foi.forms import LetterTemplateForm
    from gongkai.foi.letters import template_for
    from gongkai.foi.models import LetterKind

    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, Role.AGENCY_ADMIN)
    if kind not in LetterKind.values:
        raise Http404
    form = LetterTemplateForm(request.POST or None, initial={"body": template_for(agency.pk, kind)})
    if submit_form(
        request,
        form,
        lambda data: configuration.letter_template_save(
            actor=request.user, agency=agency, kind=kind, body=data["body"]
        ),
    ):
        messages.success(request, _("The %(kind)s template was saved.") % {"kind": LetterKind(kind).label})
        return redirect("foi_staff:settings", agency_pk=agency.pk)
    return render(
        request,
        "workspace/form_page.html",
        {"agency": agency, "form": form, "heading": _("Edit the %(kind)s template") % {"kind": LetterKind(kind).label}},
    )
