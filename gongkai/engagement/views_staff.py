"""Staff pages for engagement records, one list per kind (consultations, suggestions and proposals, 舆情, press):
everyone who reads an agency reads its records; case officers and agency admins create, edit, delete, import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import get_agency_or_404, require_role
from gongkai.core.forms import int_param, submit_form, year_param
from gongkai.core.tabular import ImportRejected
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.engagement import selectors, services, tables
from gongkai.engagement.forms import FORMS, ImportForm
from gongkai.engagement.kinds import KINDS, PRIVATE_FIELDS, Kind
from gongkai.engagement.models import Channel, PressKind

PAGE_SIZE = 30
MAX_IMPORT_BYTES = 5 * 1024 * 1024
STATUSES = {
    "consultations": [("answered", gettext_lazy("Answered")), ("unanswered", gettext_lazy("Not answered"))],
    "proposals": [
        ("pending", gettext_lazy("Not yet replied")),
        ("replied", gettext_lazy("Replied")),
        ("published", gettext_lazy("Reply published")),
        ("overdue", gettext_lazy("Overdue")),
    ],
    "opinion": [("responded", gettext_lazy("Responded")), ("pending", gettext_lazy("Not yet responded"))],
    "press": PressKind.choices,
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list_url(kind: Kind, agency_id: int | None = None) -> str:
    url = reverse("engagement_staff:list", args=[kind.slug])
    return f"{url}?agency={agency_id}" if agency_id else url


@login_required
def index(request):
    return redirect("engagement_staff:list", kind=KINDS["consultations"].slug)


@login_required
def record_list(request, kind: Kind):
    today = timezone.localdate()
    status = request.GET.get("status", "")
    filters = selectors.RecordFilter(
        year=year_param(request.GET.get("year")),
        status=status if status in dict(STATUSES[kind.slug]) else "",
        agency_id=int_param(request.GET.get("agency")),
    )
    page = Paginator(selectors.record_list(request.user, kind, filters, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if kind.slug == "proposals":
        for proposal in page:
            proposal.overdue = proposal.is_overdue(today)
    if kind.slug == "consultations":
        for consultation in page:
            consultation.asker_shown = selectors.asker_shown(request.user, consultation)
    agencies = list(selectors.readable_agencies(request.user))
    writable = [a for a in agencies if selectors.can_write(request.user, a.pk)]
    context = {
        "kind": kind,
        "kinds": KINDS.values(),
        "page_obj": page,
        "filters": filters,
        "agencies": agencies,
        "writable": writable,
        "writable_ids": {a.pk for a in writable},
        "statuses": STATUSES[kind.slug],
        "years": range(today.year, today.year - 6, -1),
        "export_year": filters.year or today.year,
    }
    if kind.slug == "consultations":
        counts = selectors.consultation_counts(request.user, year=context["export_year"], agency_id=filters.agency_id)
        context["counts"] = counts
        context["channel_counts"] = [(label, counts["by_channel"][value]) for value, label in Channel.choices]
    return render(request, f"engagement/{kind.slug}.html", context)


def _form_page(request, kind: Kind, agency, form, obj=None):
    return render(
        request,
        "engagement/form.html",
        {"kind": kind, "agency": agency, "form": form, "obj": obj, "published_items": _published_items(kind, agency)},
    )


def _published_items(kind: Kind, agency):
    """Suggestions for the reply's 索引号 (the agency's latest published items)."""
    if kind.slug != "proposals":
        return []
    return disclosure_selectors.latest_items(agency, limit=50)


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, kind: Kind, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *selectors.WRITE_ROLES)
    form = FORMS[kind.slug](request.POST or None, agency=agency)

    def save(data):
        services.record_create(actor=request.user, agency=agency, kind=kind.slug, fields=form.record_fields())

    if submit_form(request, form, save):
        messages.success(request, _("Record saved in “%(list)s”.") % {"list": kind.title})
        return redirect(_list_url(kind, agency.pk))
    return _form_page(request, kind, agency, form)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, kind: Kind, pk: int):
    obj = selectors.record_for_user(request.user, kind, pk)
    require_role(request.user, obj.agency, *selectors.WRITE_ROLES)
    form_class = FORMS[kind.slug]
    form = form_class(request.POST or None, agency=obj.agency, initial=form_class.initial_from(obj))
    if not selectors.sees_private_fields(request.user, obj):  # a system administrator edits without the name
        for name in PRIVATE_FIELDS & form.fields.keys():
            del form.fields[name]
    if submit_form(
        request, form, lambda data: services.record_update(actor=request.user, obj=obj, fields=form.record_fields())
    ):
        messages.success(request, _("Record saved in “%(list)s”.") % {"list": kind.title})
        return redirect(_list_url(kind, obj.agency_id))
    return _form_page(request, kind, obj.agency, form, obj)


@login_required
@require_POST
def record_delete(request, kind: Kind, pk: int):
    obj = selectors.record_for_user(request.user, kind, pk)
    require_role(request.user, obj.agency, *selectors.WRITE_ROLES)
    services.record_delete(actor=request.user, obj=obj)
    messages.success(request, _("Record deleted from “%(list)s”.") % {"list": kind.title})
    return redirect(_list_url(kind, obj.agency_id))


@login_required
@require_http_methods(["GET", "POST"])
def record_import(request, kind: Kind, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    require_role(request.user, agency, *selectors.WRITE_ROLES)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The table may not exceed 5 MB."))
        else:
            try:
                created = tables.import_records(actor=request.user, agency=agency, kind=kind.slug, source=upload)
            except ImportRejected as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("Imported %(count)s records into “%(list)s”.") % {"count": len(created), "list": kind.title},
                )
                return redirect(_list_url(kind, agency.pk))
    return render(
        request,
        "engagement/import.html",
        {"kind": kind, "agency": agency, "form": form, "errors": errors, "columns": tables.COLUMNS[kind.slug]},
    )


@login_required
def record_export(request, kind: Kind, agency_pk: int):
    agency = get_agency_or_404(request.user, agency_pk)
    year = year_param(request.GET.get("year")) or timezone.localdate().year
    response = HttpResponse(tables.export_xlsx(agency, kind.slug, year), content_type=XLSX)
    filename = f"{agency.display_name}{year}年{tables.SHEET_TITLES[kind.slug]}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
