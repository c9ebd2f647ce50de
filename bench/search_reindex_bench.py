"""Benchmark (issue 16): ``gongkai search reindex`` over N published items, against the raw limit.

    .venv/bin/python bench/search_reindex_bench.py [--items N]

A temporary SQLite database is migrated, the demo jurisdiction loaded, and N published catalog items are written in
bulk (``bulk_create``, no signals, so nothing is indexed yet), with bodies of 400–2,400 characters cut from the five
real seed documents (shared/seeds). Then, in one run:

- **gongkai**: ``search.services.reindex()`` — the batched, in-place rebuild (HTML to text, tokens, one upsert of 500
  entries, their FTS rows replaced together), and, for the record, the old path (``index_item`` one item at a time)
  on the first 2,000 items;
- **raw limit**: inserting the same token strings, computed beforehand, into a fresh FTS5 table of the same
  definition as ``search_fts``, one ``executemany`` per 500 — the least any index of these tokens costs on this
  database (what gongkai adds: reading the items, HTML to text, tokenising, the entry rows).

Prints one JSON object: items, seconds, items/s, the ratio to the raw limit, and the projection for 1M items.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongkai-reindex-"))
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("GONGKAI_DATA_DIR", str(work))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies import demo
    from gongkai.disclosure import services as disclosure_services
    from gongkai.disclosure.models import CatalogItem, ItemState
    from gongkai.search import services
    from gongkai.search.grams import index_string
    from gongkai.search.models import FTS_TABLE
    from gongkai.search.text import html_to_text

    try:
        call_command("migrate", verbosity=0)
        agency = demo.load_jurisdiction()["civil"]
        disclosure_services.catalog_seed(actor=None, agency=agency)
        category = agency.catalog_categories.order_by("pk").first()
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("\n", "")
        rng = random.Random(16)
        items = []
        for n in range(options.items):
            start, length = rng.randrange(0, len(text) - 2500), rng.randint(400, 2400)
            body = "".join(f"<p>{text[i : i + 200]}</p>" for i in range(start, start + length, 200))
            items.append(
                CatalogItem(
                    agency=agency,
                    category=category,
                    title=f"{text[start : start + 18]}（第{n}号）",
                    body=body,
                    state=ItemState.PUBLISHED,
                    published_on=dt.date(2020, 1, 1) + dt.timedelta(days=n % 2000),
                )
            )
        CatalogItem.objects.bulk_create(items, batch_size=2000)

        started = time.perf_counter()
        done = services.reindex()
        seconds = time.perf_counter() - started

        sample = list(CatalogItem.objects.order_by("pk")[:2000])
        started = time.perf_counter()
        for item in sample:
            services.index_item(item)
        old_per_item = (time.perf_counter() - started) / len(sample)

        rows = [
            (item.pk, index_string(item.title).strip(), index_string(html_to_text(item.body)).strip())
            for item in CatalogItem.objects.order_by("pk").iterator(chunk_size=2000)
        ]
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
            create = cursor.fetchone()[0].replace(FTS_TABLE, "raw_fts", 1)
            started = time.perf_counter()
            cursor.execute(create)
            for start in range(0, len(rows), 500):
                with transaction.atomic():  # one transaction per batch, as the reindex
                    cursor.executemany(
                        "INSERT INTO raw_fts (rowid, title, body) VALUES (%s, %s, %s)", rows[start : start + 500]
                    )
        raw = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "benchmark": "search reindex",
                    "database": connection.vendor,
                    "items": done,
                    "seconds": round(seconds, 2),
                    "items_per_s": round(done / seconds),
                    "raw_limit_seconds": round(raw, 2),
                    "ratio": round(seconds / raw, 2),
                    "projected_1m_items_minutes": round(seconds / done * 1_000_000 / 60, 1),
                    "old_path_ms_per_item": round(1000 * old_per_item, 2),
                    "old_path_projected_1m_items_minutes": round(old_per_item * 1_000_000 / 60, 1),
                },
                ensure_ascii=False,
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
