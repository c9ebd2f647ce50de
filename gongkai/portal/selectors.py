"""Public reads for an agency's 政府信息公开 column: published items only, no personal data, a fixed number of queries
per page."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.models import Agency, Department, Membership, Role
from gongkai.disclosure.models import Attachment, CatalogCategory, CatalogItem, ItemState
from gongkai.foi.models import FoiSettings
from gongkai.law.fees import FeeMethod
from gongkai.law.guide import DISCLOSURE_RULES_CODE

LATEST_ON_AGENCY_PAGE = 8


def public_agency(credit_code: str) -> Agency:
    """The agency of a public page, with its supervisor and request settings (one query); 404 for unknown codes."""
    return get_object_or_404(
        Agency.objects.select_related("supervisor", "foi_settings"), credit_code=credit_code.strip().upper()
    )


def foi_settings_of(agency: Agency) -> FoiSettings | None:
    """The agency's request settings as loaded by :func:`public_agency`; None when it has none yet."""
    try:
        return agency.foi_settings
    except FoiSettings.DoesNotExist:
        return None


def fee_method_of(agency: Agency) -> FeeMethod:
    """The agency's one fee method (国办函〔2020〕109号 第三条); 按件计收 until it chooses, as in foi.fees."""
    settings = foi_settings_of(agency)
    return FeeMethod(settings.fee_method if settings else FeeMethod.PER_PIECE)


def disclosure_office(agency: Agency) -> list[str]:
    """The 科室 that handle requests (条例 第四条: the 政府信息公开工作机构), known from where the agency's case
    officers sit; empty when none is recorded."""
    officers = Membership.objects.filter(agency=agency, role=Role.CASE_OFFICER).values("department_id")
    return list(
        Department.objects.filter(agency=agency, pk__in=officers)
        .order_by("position", "name")
        .values_list("name", flat=True)
    )


def _published() -> QuerySet[CatalogItem]:
    return CatalogItem.objects.filter(state=ItemState.PUBLISHED)


def latest_items(agency: Agency, limit: int = LATEST_ON_AGENCY_PAGE) -> list[CatalogItem]:
    return list(_published().filter(agency=agency).select_related("category").order_by("-published_on", "-id")[:limit])


def rules_category(agency: Agency) -> CatalogCategory | None:
    """The agency's catalog category for its own disclosure rules (条例 第四条), if its catalog has one."""
    return CatalogCategory.objects.filter(agency=agency, code=DISCLOSURE_RULES_CODE).first()


def public_item(pk: int) -> CatalogItem:
    """A published item for its public page, 404 otherwise; attachments, the policy it interprets, its
    interpretations and related items come along, each limited to published items (four queries in all).

    Sets ``public_attachments``, ``published_policy`` (or None), ``published_interpretations`` and
    ``published_related`` on the item."""
    published = _published().order_by("-published_on", "-id")
    item = get_object_or_404(
        _published()
        .select_related("agency", "category", "category__parent", "interprets")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"), to_attr="public_attachments"),
            Prefetch("interpretations", queryset=published, to_attr="published_interpretations"),
            Prefetch("related", queryset=published, to_attr="published_related"),
        ),
        pk=pk,
    )
    policy = item.interprets
    item.published_policy = policy if policy is not None and policy.state == ItemState.PUBLISHED else None
    return item
