"""Keyset ("seek") pagination: a page is the rows after (or before) the last row shown, found by the index that
serves the ordering, so page 1,000 costs what page 1 costs.  OFFSET pagination reads and throws away every row
before the page and counts the whole list for "page N of M"; this does neither.

A list declares its ordering as :class:`Key` s — the last one unique (the primary key) — and
:func:`keyset_page` reads the ``cursor`` query parameter: an opaque token, signed, holding the sort key of the row
the page continues from and the direction.  A missing cursor is the first page; a tampered, garbled or stale one
(from another ordering) is the first page too, with ``cursor_invalid`` set so the page can say so — never an error.

Where a sort column may be NULL the key uses :func:`coalesced` so the ordering is over a value that is never NULL
and a composite (expression) index on the same expression serves both the ORDER BY and the seek.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import DateField, Expression, F, Func, Q, QuerySet

CURSOR_PARAM = "cursor"
NEXT, PREVIOUS = "n", "p"


@dataclass(frozen=True)
class Key:
    """One column of a list's ordering: ``name`` is a model field, or the alias of ``expression``; ``kind`` says how
    its value is written in a cursor (``int``, ``date``, ``datetime`` or ``str``)."""

    name: str
    descending: bool = False
    kind: str = "int"
    expression: Expression | None = None

    def order(self, *, reverse: bool = False):
        ref = F(self.name)
        return ref.asc() if self.descending == reverse else ref.desc()

    def encode(self, value: Any) -> Any:
        if value is None:
            raise ValueError(f"keyset key {self.name} is NULL: wrap the column in coalesced()")
        if self.kind in ("date", "datetime"):
            return value.isoformat()
        return value

    def decode(self, raw: Any) -> Any:
        if self.kind == "int":
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise ValueError("not an integer")
            return raw
        if not isinstance(raw, str):
            raise ValueError("not a string")
        if self.kind == "date":
            return dt.date.fromisoformat(raw)
        if self.kind == "datetime":
            value = dt.datetime.fromisoformat(raw)
            if value.tzinfo is None:
                raise ValueError("naive datetime")
            return value
        return raw


def coalesced(field_name: str, sentinel: dt.date) -> Func:
    """``COALESCE(field, 'YYYY-MM-DD')`` with the date written into the SQL (not a parameter), so that it is the
    same expression as the one of an index built from it and the database uses that index."""
    return Func(
        F(field_name),
        function="COALESCE",
        template=f"%(function)s(%(expressions)s, '{sentinel.isoformat()}')",
        output_field=DateField(),
    )


@dataclass
class KeysetPage:
    """What a list template needs: the rows, whether there is a page before and after, the cursors to them, and
    ``cursor_invalid`` when the requested cursor could not be read (the first page is shown instead)."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    cursor_invalid: bool = False
    total: int | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __bool__(self):
        return bool(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _salt(keys: Sequence[Key]) -> str:
    return "gongkai.keyset:" + ",".join(("-" if k.descending else "") + k.name for k in keys)


def make_cursor(keys: Sequence[Key], row, direction: str) -> str:
    values = [key.encode(getattr(row, key.name)) for key in keys]
    return signing.dumps([direction, values], salt=_salt(keys), compress=False)


def read_cursor(keys: Sequence[Key], token: str) -> tuple[str, list]:
    """``(direction, values)`` of a cursor token; ``ValueError`` when it is not one of this ordering's."""
    try:
        direction, raw = signing.loads(token, salt=_salt(keys))
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise ValueError("bad cursor") from exc
    if direction not in (NEXT, PREVIOUS) or not isinstance(raw, list) or len(raw) != len(keys):
        raise ValueError("bad cursor")
    return direction, [key.decode(value) for key, value in zip(keys, raw, strict=True)]


def _seek(keys: Sequence[Key], values: list, *, forward: bool) -> Q:
    """Rows strictly after ``values`` in the ordering (before, when not ``forward``), written so that the database
    can seek: ``k1 >= v1 AND (k1 > v1 OR (k1 = v1 AND (k2 > v2 OR ...)))``."""

    def beyond(key: Key) -> str:
        return "gt" if key.descending != forward else "lt"

    def tail(i: int) -> Q:
        key, value = keys[i], values[i]
        strictly = Q(**{f"{key.name}__{beyond(key)}": value})
        if i == len(keys) - 1:
            return strictly
        return strictly | (Q(**{key.name: value}) & tail(i + 1))

    first = keys[0]
    bound = Q(**{f"{first.name}__{beyond(first)}e": values[0]})
    return bound & tail(0)


def ordered(queryset: QuerySet, keys: Sequence[Key], *, reverse: bool = False) -> QuerySet:
    """The queryset with the keys' expressions annotated and its ordering set to them."""
    expressions = {key.name: key.expression for key in keys if key.expression is not None}
    if expressions:
        queryset = queryset.annotate(**expressions)
    return queryset.order_by(*(key.order(reverse=reverse) for key in keys))


def page_queryset(queryset: QuerySet, keys: Sequence[Key], cursor: tuple[str, list] | None, per_page: int):
    """The one query of a page (``per_page + 1`` rows, the extra one telling whether there are more): exposed so
    tests can EXPLAIN it."""
    if cursor is None:
        return ordered(queryset, keys)[: per_page + 1]
    direction, values = cursor
    forward = direction == NEXT
    return ordered(queryset, keys, reverse=not forward).filter(_seek(keys, values, forward=forward))[: per_page + 1]


def keyset_page(
    queryset: QuerySet, keys: Sequence[Key], token: str | None, *, per_page: int, total: int | None = None
) -> KeysetPage:
    """The page of ``queryset`` (ordered by ``keys``) that the cursor ``token`` points at; the first page without
    one, or when it cannot be read."""
    invalid = False
    cursor = None
    if token:
        try:
            cursor = read_cursor(keys, token)
        except ValueError:
            invalid = True
    rows = list(page_queryset(queryset, keys, cursor, per_page))
    more = len(rows) > per_page
    rows = rows[:per_page]
    if cursor is None:
        has_previous, has_next = False, more
    elif cursor[0] == NEXT:
        has_previous, has_next = True, more
    else:
        rows.reverse()
        has_previous, has_next = more, True
    page = KeysetPage(rows, has_next=has_next, has_previous=has_previous, cursor_invalid=invalid, total=total)
    if rows and has_next:
        page.next_cursor = make_cursor(keys, rows[-1], NEXT)
    if rows and has_previous:
        page.previous_cursor = make_cursor(keys, rows[0], PREVIOUS)
    if not rows and cursor is not None:
        # stepped past the end (the rows were deleted meanwhile): the first page is more useful than an empty one
        return keyset_page(queryset, keys, None, per_page=per_page, total=total)
    return page
