"""Reads for proactive disclosure: the staff worklist (scoped) and the public catalog (published items only)."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from gongkai.agencies.access import get_scoped_or_404, scope
from gongkai.agencies.models import Agency
from gongkai.disclosure.models import Attachment, CatalogCategory, CatalogItem, ItemState
from gongkai.law.duties import per_item_due
from gongkai.workcalendar.selectors import working_calendar

# Staff-side flags, as annotations so a list page filters and shows them in its one query.
FLAG_LACKS_INTERPRETATION = "lacks_interpretation"  # 政策解读同步发布: a published policy without its interpretation
FLAG_PUBLISHED_LATE = "published_late"  # 条例 第二十六条: published after its 20 working days
FLAGS = (FLAG_LACKS_INTERPRETATION, FLAG_PUBLISHED_LATE)


def with_flags(qs: QuerySet[CatalogItem]) -> QuerySet[CatalogItem]:
    published_interpretation = CatalogItem.objects.filter(interprets=OuterRef("pk"), state=ItemState.PUBLISHED)
    return qs.annotate(
        **{
            FLAG_LACKS_INTERPRETATION: ExpressionWrapper(
                Q(state=ItemState.PUBLISHED) & ~Q(normative_kind="") & ~Q(Exists(published_interpretation)),
                output_field=BooleanField(),
            ),
            FLAG_PUBLISHED_LATE: ExpressionWrapper(
                Q(state=ItemState.PUBLISHED, published_on__gt=F("publication_due_on")), output_field=BooleanField()
            ),
        }
    )


def worklist(user, *, state: str = "", flag: str = "") -> QuerySet[CatalogItem]:
    qs = with_flags(scope(CatalogItem.objects.all(), user).select_related("agency", "category"))
    if state:
        qs = qs.filter(state=state)
    if flag in FLAGS:
        qs = qs.filter(**{flag: True})
    return qs.order_by("-updated_at", "-id")


def item_for_user(user, pk: int) -> CatalogItem:
    qs = with_flags(
        CatalogItem.objects.select_related("agency", "category", "interprets", "created_by").prefetch_related(
            "decisions__decided_by", "pii_justifications", "attachments", "related"
        )
    )
    return get_scoped_or_404(qs, user, pk=pk)


def attachment_for_user(user, pk: int) -> Attachment:
    """Any attachment of an item the user may read (drafts included: reviewers check them)."""
    return get_scoped_or_404(Attachment.objects.select_related("item"), user, agency_field="item__agency", pk=pk)


def public_attachment(pk: int) -> Attachment:
    """An attachment of a published item; 404 for drafts, items in review and withdrawn ones."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Attachment.objects.filter(item__state=ItemState.PUBLISHED), pk=pk)


def in_review_count(agency: Agency) -> int:
    """Items of the agency in review: while there are any, its review chain cannot change."""
    return CatalogItem.objects.filter(agency=agency, state=ItemState.IN_REVIEW).count()


def publication_due(item: CatalogItem) -> dt.date | None:
    """条例 第二十六条: the date by which the item is due for publication — fixed at publication, else computed
    from the date of writing with today's calendar."""
    if item.publication_due_on is not None or item.formed_on is None:
        return item.publication_due_on
    return per_item_due(item.formed_on, working_calendar())


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
        with_flags(published().filter(agency=agency))
        .filter(**{FLAG_LACKS_INTERPRETATION: True})
        .order_by("-published_on")
    )
