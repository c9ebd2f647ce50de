"""Writes to the search index. Called from the ``post_save`` signal of ``CatalogItem`` (see signals.py), so
publishing, withdrawing or repealing through ``gongkai.disclosure.services`` keeps search in step by itself.

Only published items are indexed; any other state removes the entry. On SQLite the FTS5 row is written here too
(same transaction as the item's save).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

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


def _entry_fields(item: CatalogItem) -> tuple[dict[str, Any], str, str]:
    """The entry's columns for a published item, and its title and body tokens (for the FTS row)."""
    body_text = html_to_text(item.body)
    title_grams = index_string(f"{item.title} {item.doc_number}")  # the space keeps them separate runs
    body_grams = index_string(body_text)
    fields = {
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
    }
    return fields, title_grams, body_grams


@service
def index_item(item: CatalogItem) -> SearchEntry | None:
    """Create or refresh the entry of a published item; remove it for any other state."""
    if item.state != ItemState.PUBLISHED:
        unindex_item(item)
        return None
    fields, title_grams, body_grams = _entry_fields(item)
    entry, _ = SearchEntry.objects.update_or_create(item=item, defaults=fields)
    _fts_write(entry, title_grams, body_grams)
    return entry


@service
def unindex_item(item: CatalogItem) -> None:
    ids = list(SearchEntry.objects.filter(item_id=item.pk).values_list("pk", flat=True))
    if ids:
        SearchEntry.objects.filter(pk__in=ids).delete()  # the post_delete signal removes the FTS rows


def published_count(after_id: int = 0) -> int:
    return disclosure_selectors.published().filter(pk__gt=after_id).count()


REINDEX_BATCH = 500
_ENTRY_COLUMNS = (
    "agency_id",
    "category_id",
    "year",
    "validity",
    "published_on",
    "title_text",
    "doc_number",
    "body_text",
    "title_grams",
    "grams",
)


def _index_batch(items: list[CatalogItem]) -> None:
    """Index a batch of published items at once: one upsert of their entries, their FTS rows replaced together."""
    built = [(item, *_entry_fields(item)) for item in items]
    entries = [SearchEntry(item_id=item.pk, **fields) for item, fields, _t, _b in built]
    with transaction.atomic():
        SearchEntry.objects.bulk_create(
            entries, update_conflicts=True, unique_fields=["item"], update_fields=list(_ENTRY_COLUMNS)
        )
        if connection.vendor == "sqlite":
            ids = dict(SearchEntry.objects.filter(item_id__in=[i.pk for i in items]).values_list("item_id", "id"))
            with connection.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(ids[i.pk],) for i in items])
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                    [(ids[item.pk], title.strip(), body.strip()) for item, _f, title, body in built],
                )


@service(atomic=False)
def reindex(
    progress: Callable[[int], None] | None = None,
    *,
    after_id: int = 0,
    batch: int = REINDEX_BATCH,
    checkpoint: Callable[[int], None] | None = None,
) -> int:
    """Rebuild the index from the published items, in place: batch by batch in id order, each batch in its own
    transaction, so search keeps answering while it runs and an interrupted rebuild loses nothing — run it again
    with ``after_id`` (the last item id ``checkpoint`` was given) to go on. Entries of items no longer published are
    removed at the end of a whole rebuild. Returns how many items were indexed."""
    done, last = 0, after_id
    while ids := disclosure_selectors.published_ids_after(last, batch):
        _index_batch(list(disclosure_selectors.items_by_ids(ids)))
        done, last = done + len(ids), ids[-1]
        if checkpoint:
            checkpoint(last)
        if progress:
            progress(done)
    if not after_id:
        stale = SearchEntry.objects.exclude(item_id__in=disclosure_selectors.published().values("pk"))
        for entry in stale.only("pk"):
            entry.delete()  # the post_delete signal removes its FTS row
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
        fields, title_grams, body_grams = _entry_fields(item)
        entries.append(SearchEntry(item_id=item.pk, **fields))
        grams.append((title_grams, body_grams))
    SearchEntry.objects.bulk_create(entries, batch_size=batch_size)
    if connection.vendor == "sqlite" and entries:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(entry.pk, t.strip(), b.strip()) for entry, (t, b) in zip(entries, grams, strict=True)],
            )
    return len(entries)
