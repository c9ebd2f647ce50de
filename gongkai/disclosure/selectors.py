"""Reads for proactive disclosure: the staff worklist (scoped) and the public catalog (published items only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import get_scoped_or_404, scope
from gongkai.agencies.models import Agency
from gongkai.core import keyset
from gongkai.disclosure.models import (
    Attachment,
    CatalogCategory,
    CatalogItem,
    DutyInstance,
    ItemState,
    VocabularyTerm,
)
from gongkai.law import report as law_report
from gongkai.law.duties import per_item_due
from gongkai.law.guide import DISCLOSURE_RULES_CODE
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
    return keyset.ordered(qs, WORKLIST_KEYS)


# Keyset orderings (gongkai.core.keyset), each served by an index of CatalogItem.Meta.
WORKLIST_KEYS = (keyset.Key("updated_at", descending=True, kind="datetime"), keyset.Key("id", descending=True))
CATALOG_KEYS = (keyset.Key("published_on", descending=True, kind="date"), keyset.Key("id", descending=True))


def item_for_user(user, pk: int) -> CatalogItem:
    qs = with_flags(
        CatalogItem.objects.select_related(
            "agency", "category", "interprets", "supersedes", "created_by", "topic__parent", "genre"
        ).prefetch_related("decisions__decided_by", "pii_justifications", "attachments", "related")
    )
    return get_scoped_or_404(qs, user, pk=pk)


def attachment_for_user(user, pk: int) -> Attachment:
    """Any attachment of an item the user may read (drafts included: reviewers check them)."""
    return get_scoped_or_404(Attachment.objects.select_related("item"), user, agency_field="item__agency", pk=pk)


def public_attachment(pk: int) -> Attachment:
    """An attachment of a published item; 404 for drafts, items in review and withdrawn ones."""

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


def public_categories(agency: Agency) -> list[CatalogCategory]:
    """The agency's catalog as a tree, in reading order: each category followed by its subcategories, siblings by
    ``position`` then code (one query).

    ``position`` orders siblings only: the 民政 categories (positions 100…) sit under 第二十条第（十一）项, the
    政府信息公开制度 column (50) beside the Art. 20 items, so the order of the flat list is not the tree's. Every
    node gets ``depth`` (0 at the top), ``subcategories`` (its children, in order) and ``listed_count`` (its
    published items and those of its subcategories: what its page lists)."""
    nodes = list(
        CatalogCategory.objects.filter(agency=agency)
        .annotate(published_count=Count("items", filter=Q(items__state=ItemState.PUBLISHED)))
        .order_by("position", "code")
    )
    children: dict[int | None, list[CatalogCategory]] = {}
    known = {node.pk for node in nodes}
    for node in nodes:
        children.setdefault(node.parent_id if node.parent_id in known else None, []).append(node)
    ordered: list[CatalogCategory] = []
    seen: set[int] = set()

    def walk(parent_id: int | None, depth: int) -> int:
        total = 0
        for node in children.get(parent_id, []):
            if node.pk in seen:  # a cycle entered by hand in the admin: each node is drawn once
                continue
            seen.add(node.pk)
            node.depth, node.subcategories = depth, children.get(node.pk, [])
            ordered.append(node)
            node.listed_count = node.published_count + walk(node.pk, depth + 1)
            total += node.listed_count
        return total

    walk(None, 0)
    return ordered


def with_succession(qs: QuerySet[CatalogItem]) -> QuerySet[CatalogItem]:
    """Items with the document each replaces (``supersedes``, in the same query) and their published successors
    (``published_successors``, one more query for the whole page)."""
    successors = published().order_by("published_on", "id")
    return qs.select_related("supersedes").prefetch_related(
        Prefetch("superseded_by", queryset=successors, to_attr="published_successors")
    )


def public_items(
    agency: Agency, *, category: CatalogCategory | None = None, succession: bool = False
) -> QuerySet[CatalogItem]:
    """The agency's published items, newest first; with ``succession`` also the documents each replaces or is
    replaced by (one more query a page)."""
    qs = published().filter(agency=agency).select_related("category")
    if succession:
        qs = with_succession(qs)
    if category is not None:
        subcategories = getattr(category, "subcategories", None)
        if subcategories is not None:  # a node of public_categories(): the ids are known, no join needed
            qs = qs.filter(category_id__in=[category.pk, *(c.pk for c in subcategories)])
        else:
            qs = qs.filter(Q(category=category) | Q(category__parent=category))
    return keyset.ordered(qs, CATALOG_KEYS)


def public_item(pk: int) -> CatalogItem:
    """A published item for its public page, 404 otherwise; attachments, the policy it interprets, its
    interpretations, related items and the documents it replaces or is replaced by come along, each limited to
    published items (five queries in all).

    Sets ``public_attachments``, ``published_policy`` (or None), ``published_interpretations``,
    ``published_related`` and ``published_successors`` on the item (``supersedes`` is selected with it: a page shows
    it only while it is published)."""
    latest = published().order_by("-published_on", "-id")
    item = get_object_or_404(
        with_succession(published())
        .select_related("agency", "category", "category__parent", "interprets", "topic__parent", "genre")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"), to_attr="public_attachments"),
            Prefetch("interpretations", queryset=latest, to_attr="published_interpretations"),
            Prefetch("related", queryset=latest, to_attr="published_related"),
        ),
        pk=pk,
    )
    policy = item.interprets
    item.published_policy = policy if policy is not None and policy.state == ItemState.PUBLISHED else None
    return item


LATEST_ON_AGENCY_PAGE = 8


def latest_items(agency: Agency, limit: int = LATEST_ON_AGENCY_PAGE) -> list[CatalogItem]:
    return list(published().filter(agency=agency).select_related("category").order_by("-published_on", "-id")[:limit])


def rules_category(agency: Agency) -> CatalogCategory | None:
    """The agency's catalog category for its own disclosure rules (条例 第四条), if its catalog has one."""
    return CatalogCategory.objects.filter(agency=agency, code=DISCLOSURE_RULES_CODE).first()


def policies_without_interpretation(agency: Agency) -> QuerySet[CatalogItem]:
    """Published normative documents with no published interpretation (政策解读同步发布)."""
    return (
        with_flags(published().filter(agency=agency))
        .filter(**{FLAG_LACKS_INTERPRETATION: True})
        .order_by("-published_on")
    )


def overdue_duty_instance_count(*, today: dt.date) -> int:
    """Duty instances past their due date and not fulfilled, across the platform (the daily job's summary)."""
    return DutyInstance.objects.filter(fulfilled_by__isnull=True, due_on__lt=today).count()


# --- for the annual report (gongkai.reports) --------------------------------------------------------------------


def normative_records(agency_id: int, year: int) -> list[law_report.NormativeRecord]:
    """Published 规章 / 行政规范性文件 issued by the end of ``year`` (表二 第二十条第（一）项); issued on the 成文日期,
    the publication date when none was recorded (one query)."""
    end = dt.date(year, 12, 31)
    rows = (
        CatalogItem.objects.filter(agency_id=agency_id, state=ItemState.PUBLISHED)
        .exclude(normative_kind="")
        .values_list("normative_kind", "formed_on", "published_on", "repealed_on")
        .order_by()
    )
    records = []
    for kind, formed_on, published_on, repealed_on in rows:
        issued_on = formed_on or published_on
        if issued_on is not None and issued_on <= end:
            records.append(law_report.NormativeRecord(kind=kind, issued_on=issued_on, repealed_on=repealed_on))
    return records


def proactive_figures(agency_id: int, year: int) -> dict[str, Any]:
    """Items published in ``year`` by top-level category, interpretations among them, and normative documents
    published without one (section 二's text; one query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        CatalogItem.objects.filter(agency_id=agency_id, state=ItemState.PUBLISHED, published_on__range=(start, end))
        .values_list("id", "category__parent__name", "category__name", "interprets_id", "normative_kind")
        .order_by("category__parent__position", "category__position")
    )
    by_category: dict[str, int] = {}
    interpretations = 0
    normative_ids, interpreted = set(), set()
    for pk, parent, name, interprets_id, normative_kind in rows:
        top = parent or name
        by_category[top] = by_category.get(top, 0) + 1
        if interprets_id:
            interpretations += 1
            interpreted.add(interprets_id)
        if normative_kind:
            normative_ids.add(pk)
    return {
        "total": sum(by_category.values()),
        "by_category": list(by_category.items()),
        "interpretations": interpretations,
        "policies_without_interpretation": len(normative_ids - interpreted),
    }


def duties_overdue_in(agency_id: int, year: int) -> int:
    """Duty instances due in ``year`` that were fulfilled late or not at all (one query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        DutyInstance.objects.filter(agency_id=agency_id, due_on__range=(start, end))
        .filter(Q(fulfilled_on__isnull=True) | Q(fulfilled_on__gt=F("due_on")))
        .count()
    )


# --- for other apps ---------------------------------------------------------------------------------------------


def published_by_index_number(agency_id: int, index_number: str) -> CatalogItem | None:
    """The agency's published item with this 索引号 (case-insensitive), or None."""
    return published().filter(agency_id=agency_id, index_number__iexact=index_number.strip()).first()


def published_by_index_numbers(agency_id: int, index_numbers: set[str]) -> dict[str, CatalogItem]:
    """The agency's published items with these 索引号, keyed by the upper-case 索引号 (one query)."""
    items = published().filter(agency_id=agency_id, index_number__in=index_numbers)
    return {item.index_number.upper(): item for item in items}


def published_ids() -> list[int]:
    """The ids of every published item, in id order (for rebuilding the search index)."""
    return list(published().order_by("pk").values_list("pk", flat=True))


def published_ids_after(after_id: int, limit: int) -> list[int]:
    """The next ``limit`` published item ids after ``after_id``, in id order (one indexed range query)."""
    return list(published().filter(pk__gt=after_id).order_by("pk").values_list("pk", flat=True)[:limit])


def items_by_ids(ids: list[int]) -> QuerySet[CatalogItem]:
    """These items in id order."""
    return CatalogItem.objects.filter(pk__in=ids).order_by("pk")


def published_since(agency_id: int, since: dt.date) -> QuerySet[CatalogItem]:
    """The agency's items published on or after ``since``, newest first."""
    return published().filter(agency_id=agency_id, published_on__gte=since).order_by("-published_on", "-id")


def first_published_titled(agency_id: int, title_contains: str) -> CatalogItem | None:
    """The agency's earliest published item whose title contains the words, or None."""
    return published().filter(agency_id=agency_id, title__contains=title_contains).order_by("published_on").first()


# --- the workspace's to-do dashboard (gongkai.workspace) --------------------------------------------------------


def review_todo(agency_roles: dict[int, set[str]], *, user: Any, limit: int = 5) -> dict[int, list[dict[str, Any]]]:
    """Per agency, the review steps awaiting one of ``user``'s roles there: ``{"position", "name", "role", "count",
    "items": [{"pk", "title", "formed_on", "publication_due_on"}, …]}`` in chain order, the first ``limit`` items of
    each, oldest first (one query). An item ``user`` could not act on under the agency's separation of duties
    (disclosure.separation: an earlier step of its current round taken, or drafted by them) is left out."""
    from django.db.models import Max, Subquery

    from gongkai.disclosure.models import ReviewDecision, ReviewStep

    if not agency_roles:
        return {}
    current = ReviewStep.objects.filter(agency=OuterRef("agency"), position=OuterRef("review_step"))
    # the current round: the decisions after the item's last return (as separation.steps_taken_by reads it)
    last_return = (
        ReviewDecision.objects.filter(item=OuterRef(OuterRef("pk")), approved=False)
        .order_by()
        .values("item")
        .annotate(last=Max("id"))
        .values("last")
    )
    taken_earlier = ReviewDecision.objects.filter(item=OuterRef("pk"), decided_by_id=user.pk, approved=True).filter(
        id__gt=Coalesce(Subquery(last_return), 0)
    )
    rows = (
        CatalogItem.objects.filter(agency_id__in=agency_roles, state=ItemState.IN_REVIEW)
        .annotate(
            step_name=Subquery(current.values("name")[:1]),
            step_role=Subquery(current.values("role")[:1]),
            taken_earlier=Exists(taken_earlier),
            allow_two=Coalesce(F("agency__disclosure_settings__allow_two_steps"), False),
            allow_drafter=Coalesce(F("agency__disclosure_settings__allow_drafter_review"), False),
        )
        .exclude(Q(taken_earlier=True, allow_two=False) | Q(created_by_id=user.pk, allow_drafter=False))
        .order_by("updated_at", "id")
        .values_list(
            "pk", "agency_id", "title", "formed_on", "publication_due_on", "review_step", "step_name", "step_role"
        )
    )
    result: dict[int, dict[int, dict[str, Any]]] = {}
    for pk, agency_id, title, formed_on, due_on, position, name, role in rows:
        if role not in agency_roles[agency_id]:
            continue
        step = result.setdefault(agency_id, {}).setdefault(
            position, {"position": position, "name": name, "role": role, "count": 0, "items": []}
        )
        step["count"] += 1
        if len(step["items"]) < limit:
            step["items"].append({"pk": pk, "title": title, "formed_on": formed_on, "publication_due_on": due_on})
    return {agency_id: [steps[p] for p in sorted(steps)] for agency_id, steps in result.items()}


def duty_todo(agency_ids: set[int], *, last: dt.date, limit: int = 5) -> dict[int, tuple[int, list[dict[str, Any]]]]:
    """Per agency, the open periods of active duties due by ``last`` (overdue ones included), earliest first: their
    count and the first ``limit`` as ``{"pk", "name", "period_label", "due_on"}`` (one query)."""
    if not agency_ids:
        return {}
    rows = (
        DutyInstance.objects.filter(agency_id__in=agency_ids, fulfilled_by__isnull=True, duty__active=True)
        .filter(due_on__lte=last)
        .order_by("due_on", "id")
        .values_list("pk", "agency_id", "duty__name", "period_label", "due_on")
    )
    result: dict[int, tuple[int, list[dict[str, Any]]]] = {}
    for pk, agency_id, name, label, due_on in rows:
        n, lines = result.get(agency_id, (0, []))
        if len(lines) < limit:
            lines = [*lines, {"pk": pk, "name": name, "period_label": label, "due_on": due_on}]
        result[agency_id] = (n + 1, lines)
    return result


def oversight_counts(agency_ids: set[int] | None, *, today: dt.date) -> dict[int, dict[str, int]]:
    """Per agency (every agency for None): items in review and open duty periods past due (two grouped queries)."""
    items = CatalogItem.objects.filter(state=ItemState.IN_REVIEW)
    instances = DutyInstance.objects.filter(fulfilled_by__isnull=True, duty__active=True, due_on__lt=today)
    if agency_ids is not None:
        items, instances = items.filter(agency_id__in=agency_ids), instances.filter(agency_id__in=agency_ids)
    result: dict[int, dict[str, int]] = {}
    for agency_id, n in items.values("agency_id").annotate(n=Count("id")).values_list("agency_id", "n").order_by():
        result.setdefault(agency_id, {})["in_review"] = n
    for agency_id, n in instances.values("agency_id").annotate(n=Count("id")).values_list("agency_id", "n").order_by():
        result.setdefault(agency_id, {})["duties_overdue"] = n
    return result


def offered_terms(kind: str, keep: VocabularyTerm | None = None) -> QuerySet[VocabularyTerm]:
    """The terms of a vocabulary a new choice may take: active, and for 主题分类 a 小类 (or a 大类 without any) whose
    大类 is active; ``keep`` (an item's current term, perhaps inactive) stays selectable on its item."""
    offered = Q(kind=kind, active=True, children__isnull=True) & (Q(parent__isnull=True) | Q(parent__active=True))
    if keep is not None:
        offered |= Q(pk=keep.pk)
    return (
        VocabularyTerm.objects.filter(offered)
        .select_related("parent")
        .distinct()
        .order_by(Coalesce("parent__position", "position"), "parent__code", "position", "code")
    )


def grouped_term_choices(terms: QuerySet[VocabularyTerm]) -> list[tuple[Any, Any]]:
    """Choices for a select: 主题分类's 小类 under their 大类 (an optgroup each), other terms as plain options."""
    choices: list[tuple[Any, Any]] = []
    groups: dict[int, list[tuple[int, str]]] = {}
    for term in terms:
        if term.parent_id is None:
            choices.append((term.pk, term.label))
        else:
            if term.parent_id not in groups:
                groups[term.parent_id] = []
                choices.append((term.parent.label, groups[term.parent_id]))
            groups[term.parent_id].append((term.pk, term.label))
    return choices


# --- the item picker of the draft form: related items, the policy interpreted, the document replaced (issue 14) ---

PICK_RELATED, PICK_INTERPRETS, PICK_SUPERSEDES = "related", "interprets", "supersedes"
PICK_KINDS = (PICK_RELATED, PICK_INTERPRETS, PICK_SUPERSEDES)
PICK_LIMIT = 20  # options the picker shows at a time: the official types more to narrow them
_MAX_PK = 2_147_483_647


def pick_candidates(agency_id: int, kind: str, *, exclude: int | None = None) -> QuerySet[CatalogItem]:
    """The agency's items a draft may name as ``kind``, never the draft itself (``exclude``): related items and the
    document replaced are not withdrawn; the policy interpreted and the document replaced are rules or normative
    documents (an interpretation keeps naming a policy withdrawn since)."""
    qs = CatalogItem.objects.filter(agency_id=agency_id)
    if kind in (PICK_RELATED, PICK_SUPERSEDES):
        qs = qs.exclude(state=ItemState.WITHDRAWN)
    if kind in (PICK_INTERPRETS, PICK_SUPERSEDES):
        qs = qs.exclude(normative_kind="")
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs


def item_number(text: str) -> int | None:
    """The number (id) ``#12`` or ``12`` stands for, or None."""
    digits = text.strip().lstrip("#＃")
    if digits.isascii() and digits.isdigit() and len(digits) <= 10 and int(digits) <= _MAX_PK:
        return int(digits)
    return None


def pick_search(
    agency_id: int, kind: str, query: str, *, exclude: int | None = None, limit: int = PICK_LIMIT
) -> tuple[list[CatalogItem], bool]:
    """The first ``limit`` candidates (:func:`pick_candidates`) whose title or 索引号 contains ``query``, or whose
    number it is (``#12``), newest first, drafts last; and whether there are more (one query, however many match)."""
    query = query.strip()[:100]
    if not query:
        return [], False
    match = Q(title__icontains=query) | Q(index_number__icontains=query)
    number = item_number(query)
    if number is not None:
        match |= Q(pk=number)
    rows = list(
        pick_candidates(agency_id, kind, exclude=exclude)
        .filter(match)
        .order_by(F("published_on").desc(nulls_last=True), "-id")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def items_by_references(agency_id: int, numbers: set[int], index_numbers: set[str]) -> list[CatalogItem]:
    """The agency's items (any state) with these numbers (ids) or 索引号 (case-insensitive; one query)."""
    from django.db.models.functions import Upper

    if not numbers and not index_numbers:
        return []
    wanted = {value.upper() for value in index_numbers}
    return list(
        CatalogItem.objects.filter(agency_id=agency_id)
        .annotate(index_upper=Upper("index_number"))
        .filter(Q(pk__in=numbers) | Q(index_upper__in=wanted))
        .order_by("pk")
    )


def offered_among(agency_id: int, kind: str, pks: set[int], *, exclude: int | None = None) -> set[int]:
    """Which of ``pks`` the picker offers as ``kind`` (one query)."""
    if not pks:
        return set()
    return set(pick_candidates(agency_id, kind, exclude=exclude).filter(pk__in=pks).values_list("pk", flat=True))
