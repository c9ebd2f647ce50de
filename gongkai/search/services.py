"""Writes to the search index. Called from the ``post_save`` signal of ``CatalogItem`` (see signals.py), so
publishing, withdrawing or repealing through ``gongkai.disclosure.services`` keeps search in step by itself.

Only published items are indexed; any other state removes the entry. On SQLite the FTS5 row is written here too
(same transaction as the item's save).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction

from gongkai.core.logs import service
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.search.grams import index_string
from gongkai.search.models import FTS_TABLE, SearchEntry
from gongkai.search.text import html_to_text


def fts_delete(entry_ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not entry_ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in entry_ids])


def _fts_write(entry: SearchEntry, title_grams: str, body_grams: str) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
            [entry.pk, title_grams.strip(), body_grams.strip()],
        )


@service
def index_item(item: CatalogItem) -> SearchEntry | None:
    """Create or refresh the entry of a published item; remove it for any other state."""
    if item.state != ItemState.PUBLISHED:
        unindex_item(item)
        return None
    body_text = html_to_text(item.body)
    title_grams = index_string(f"{item.title} {item.doc_number}")  # the space keeps them separate runs
    body_grams = index_string(body_text)
    entry, _ = SearchEntry.objects.update_or_create(
        item=item,
        defaults={
            "agency_id": item.agency_id,
            "category_id": item.category_id,
            "year": item.published_on.year if item.published_on else None,
            "validity": item.validity,
            "published_on": item.published_on,
            "title_text": item.title,
            "doc_number": item.doc_number,
            "body_text": body_text,
            "title_grams": title_grams,
            "grams": f"{title_grams}|{body_grams}",
        },
    )
    _fts_write(entry, title_grams, body_grams)
    return entry


@service
def unindex_item(item: CatalogItem) -> None:
    ids = list(SearchEntry.objects.filter(item_id=item.pk).values_list("pk", flat=True))
    if ids:
        SearchEntry.objects.filter(pk__in=ids).delete()  # the post_delete signal removes the FTS rows


def published_count() -> int:
    return disclosure_selectors.published().count()


@service(atomic=False)
def reindex(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the published items; returns how many were indexed."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
    done = 0
    pks = disclosure_selectors.published_ids()
    for start in range(0, len(pks), 200):
        for item in disclosure_selectors.items_by_ids(pks[start : start + 200]):
            index_item(item)
            done += 1
            if progress:
                progress(done)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
    return done


@service
def index_items_bulk(items: Iterable[CatalogItem], *, batch_size: int = 2000) -> int:
    """Index saved items written in bulk (``bulk_create`` sends no ``post_save``): one entry per published item,
    exactly as :func:`index_item` builds it, inserted in batches (and its FTS5 rows on SQLite); returns how many.
    The items must not be indexed yet."""
    entries: list[SearchEntry] = []
    grams: list[tuple[str, str]] = []
    for item in items:
        if item.state != ItemState.PUBLISHED:
            continue
        body_text = html_to_text(item.body)
        title_grams = index_string(f"{item.title} {item.doc_number}")
        body_grams = index_string(body_text)
        entries.append(
            SearchEntry(
                item_id=item.pk,
                agency_id=item.agency_id,
                category_id=item.category_id,
                year=item.published_on.year if item.published_on else None,
                validity=item.validity,
                published_on=item.published_on,
                title_text=item.title,
                doc_number=item.doc_number,
                body_text=body_text,
                title_grams=title_grams,
                grams=f"{title_grams}|{body_grams}",
            )
        )
        grams.append((title_grams, body_grams))
    SearchEntry.objects.bulk_create(entries, batch_size=batch_size)
    if connection.vendor == "sqlite" and entries:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(entry.pk, t.strip(), b.strip()) for entry, (t, b) in zip(entries, grams, strict=True)],
            )
    return len(entries)
