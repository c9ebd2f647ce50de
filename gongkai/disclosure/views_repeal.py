"""The staff page's form recording that a published rule or normative document was repealed (废止) or expired
(失效), optionally naming the document replacing it (services.normative_repeal, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import access_for, require_role
from gongkai.agencies.models import Role
from gongkai.core.dates import chinese_date
from gongkai.core.forms import form_errors, submit_form
from gongkai.disclosure import selectors, services
from gongkai.disclosure.forms import RepealForm
from gongkai.disclosure.models import CatalogItem, ItemState, NormativeKind

REPEAL_ROLES = (Role.APPROVER, Role.AGENCY_ADMIN)


def repeal_form_for(user, item: CatalogItem) -> RepealForm | None:
    """The form for the item's staff page, when the item can be repealed and ``user`` may record it."""
    if item.normative_kind == NormativeKind.NONE or item.state != ItemState.PUBLISHED:
        return None
    access = access_for(user)
    if not (access.is_system_admin or access.has_role(item.agency_id, *REPEAL_ROLES)):
        return None
    return RepealForm(item=item, auto_id="repeal_%s")


@login_required
@require_POST
def item_repeal(request, pk: int):
    item = selectors.item_for_user(request.user, pk)
    require_role(request.user, item.agency, *REPEAL_ROLES)
    form = RepealForm(request.POST, item=item, auto_id="repeal_%s")

    def repeal(data):
        return services.normative_repeal(
            actor=request.user, item=item, on=data["on"], validity=data["validity"], replaced_by=data["replaced_by"]
        )

    if submit_form(request, form, repeal):
        item.refresh_from_db()
        messages.success(
            request,
            _("Recorded: “%(title)s” is %(validity)s since %(on)s.")
            % {"title": item.title, "validity": item.get_validity_display(), "on": chinese_date(item.repealed_on)},
        )
    else:
        messages.error(request, form_errors(form))
    return redirect("disclosure_staff:detail", pk=item.pk)
