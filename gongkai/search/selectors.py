"""Reads for full-text search over published catalog items.

``entries(query, …)`` is a lazy, paginable queryset of ``SearchEntry`` rows, best first; ``hits(entries, query)``
turns a page of them into ``Hit`` objects with highlighted title and snippet. ``search()`` does both at once.

Selection uses the backend's own index — SQLite: ``search_fts MATCH '"低保" AND "1 号" *'`` (FTS5 phrases);
PostgreSQL: ``string_to_array(grams, ' ') @> ARRAY['低保', '1']`` (GIN) followed by an exact phrase check on the
token string (``grams LIKE '% 低保 %'``) on the few rows the index returned. Ranking: items whose title or 文号 holds
every term first, then (SQLite) ``bm25(search_fts, 10.0, 1.0)``, then the newest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from gongkai.agencies.selectors import agencies_by_ids
from gongkai.search.errors import SearchError
from gongkai.search.grams import Query, parse_query
from gongkai.search.highlight import highlight, snippet
from gongkai.search.models import FTS_TABLE, SearchEntry


def parse(text: str) -> Query:
    """The parsed query, or a refusal when it is empty or has a one-character term."""
    query = parse_query(text)
    if query.too_short:
        raise SearchError.TOO_SHORT.refuse(terms="”“".join(query.too_short))
    if not query.terms:
        raise SearchError.EMPTY.refuse()
    return query


SORTS = ("relevance", "date")


def _match(qs: QuerySet[SearchEntry], query: Query, *, rank: bool = True) -> QuerySet[SearchEntry]:
    table = SearchEntry._meta.db_table
    if connection.vendor == "sqlite":
        return qs.extra(
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
            params=[query.fts_match()],
            select={"fts_rank": f"bm25({FTS_TABLE}, 10.0, 1.0)"} if rank else None,
        )
    if connection.vendor == "postgresql":
        qs = qs.extra(where=[f"string_to_array({table}.grams, ' ') @> %s::text[]"], params=[query.required_tokens()])
        for term in query.terms:
            qs = qs.filter(grams__contains=term.like_pattern())
        return qs
    # any other backend: correct, unindexed
    for term in query.terms:
        qs = qs.filter(grams__contains=term.like_pattern())
    return qs


def _filtered(
    query: Query | None,
    *,
    agency_id: int | None = None,
    category_code: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    rank: bool = True,
) -> QuerySet[SearchEntry]:
    qs = SearchEntry.objects.all()
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if category_code:
        qs = qs.filter(Q(category__code=category_code) | Q(category__parent__code=category_code))
    if year:
        qs = qs.filter(year=year)
    if validity:
        qs = qs.filter(validity=validity)
    if query is not None:
        qs = _match(qs, query, rank=rank)
    return qs


def entries(
    query: Query | str | None,
    *,
    agency_id: int | None = None,
    category_code: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    sort: str = "relevance",
) -> QuerySet[SearchEntry]:
    """Matching entries; ``query=None`` lists every entry under the filters. ``sort``: ``relevance`` (title hits,
    then bm25 on SQLite, then the newest) or ``date`` (the newest first); relevance without a query is by date."""
    if isinstance(query, str):
        query = parse(query)
    filters = {"agency_id": agency_id, "category_code": category_code, "year": year, "validity": validity}
    qs = _filtered(query, **filters).select_related("item", "agency").defer("grams", "title_grams", "item__body")
    if query is None or sort == "date":
        return qs.order_by("-published_on", "-id")
    title_hit = Q()
    for term in query.terms:
        title_hit &= Q(title_grams__contains=term.like_pattern())
    qs = qs.annotate(title_rank=Case(When(title_hit, then=Value(0)), default=Value(1), output_field=IntegerField()))
    order = ["title_rank", "fts_rank"] if connection.vendor == "sqlite" else ["title_rank"]
    return qs.order_by(*order, "-published_on", "-id")


@dataclass(frozen=True)
class YearFacet:
    year: int
    count: int


def year_facets(
    query: Query | None = None,
    *,
    agency_id: int | None = None,
    category_code: str | None = None,
    validity: str | None = None,
) -> list[YearFacet]:
    """Each year of the entries matching the query and the other filters, newest first, with its number of entries
    — one ``GROUP BY year`` query (the model's ordering cleared, so the grouping is by year alone)."""
    qs = _filtered(query, agency_id=agency_id, category_code=category_code, validity=validity, rank=False)
    rows = qs.filter(year__isnull=False).order_by().values("year").annotate(n=Count("id")).order_by("-year")
    return [YearFacet(year=row["year"], count=row["n"]) for row in rows]


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    title: SafeString
    snippet: SafeString

    @property
    def item_id(self) -> int:
        return self.entry.item_id

    @property
    def index_number(self) -> str:
        return self.entry.item.index_number or ""

    @property
    def published_on(self) -> dt.date | None:
        return self.entry.published_on


def hits(rows, query: Query | None) -> list[Hit]:
    """Hits with the query's terms highlighted; ``query=None`` (a listing by date): the start of each body."""
    terms = [term.text for term in query.terms] if query is not None else []
    return [
        Hit(entry=row, title=highlight(row.title_text, terms), snippet=snippet(row.body_text, terms)) for row in rows
    ]


def search(
    text: str,
    *,
    agency_id: int | None = None,
    category_code: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    query = parse(text)
    rows = entries(query, agency_id=agency_id, category_code=category_code, year=year, validity=validity)
    return hits(rows[:limit], query)


def filter_agencies() -> list:
    """The agencies that have indexed items (one query)."""
    agency_ids = SearchEntry.objects.order_by().values_list("agency_id", flat=True).distinct()
    return list(agencies_by_ids(agency_ids).order_by("name"))


def filter_choices() -> dict:
    """Agencies and years that have indexed items (two queries)."""
    return {"agencies": filter_agencies(), "years": [facet.year for facet in year_facets()]}
