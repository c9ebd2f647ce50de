"""Reads for proactive disclosure: the staff worklist (scoped) and the public catalog (published items only)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.access import get_scoped_or_404, scope
from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogCategory, CatalogItem, ItemState


def worklist(user, *, state: str = "") -> QuerySet[CatalogItem]:
    qs = scope(CatalogItem.objects.all(), user).select_related("agency", "category")
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-updated_at", "-id")


def item_for_user(user, pk: int) -> CatalogItem:
    qs = CatalogItem.objects.select_related("agency", "category", "interprets", "created_by").prefetch_related(
        "decisions__decided_by", "pii_justifications"
    )
    return get_scoped_or_404(qs, user, pk=pk)


def published() -> QuerySet[CatalogItem]:
    return CatalogItem.objects.filter(state=ItemState.PUBLISHED)


def public_categories(agency: Agency) -> QuerySet[CatalogCategory]:
    return (
        CatalogCategory.objects.filter(agency=agency)
        .annotate(published_count=Count("items", filter=Q(items__state=ItemState.PUBLISHED)))
        .order_by("position", "code")
    )


def public_items(agency: Agency, *, category: CatalogCategory | None = None) -> QuerySet[CatalogItem]:
    qs = published().filter(agency=agency).select_related("category")
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__parent=category))
    return qs.order_by("-published_on", "-id")


def public_item(pk: int) -> CatalogItem:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        published().select_related("agency", "category", "interprets").prefetch_related("interpretations"), pk=pk
    )


def policies_without_interpretation(agency: Agency) -> QuerySet[CatalogItem]:
    """Published normative documents with no published interpretation (政策解读同步发布)."""
    return (
        published()
        .filter(agency=agency)
        .exclude(normative_kind="")
        .exclude(interpretations__state=ItemState.PUBLISHED)
        .order_by("-published_on")
    )
