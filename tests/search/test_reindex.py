"""Reindexing in place, batch by batch (issue 16): search answers while it runs, an interruption loses nothing and
resumes with ``--after``, entries of items no longer published go, and the queries per batch do not grow with it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.search import selectors, services
from gongkai.search.models import SearchEntry


def titles(text: str) -> set[str]:
    return {hit.entry.title_text for hit in selectors.search(text, limit=100)}


def stale_titles(items: list[CatalogItem], word: str) -> None:
    """Change the items' titles behind the index's back (no signal): the index still holds the old ones."""
    for item in items:
        CatalogItem.objects.filter(pk=item.pk).update(title=f"{word}{item.pk}")


def test_search_answers_during_the_rebuild_and_every_item_is_refreshed(publish):
    items = [publish(f"城市低保第{n}批", "<p>救助</p>") for n in range(5)]
    stale_titles(items, "临时救助")
    seen_during: list[set[str]] = []
    done = services.reindex(batch=2, checkpoint=lambda _pk: seen_during.append(titles("城市低保")))
    assert done == 5
    # After the first batch of 2, the other 3 still answer under their old titles: the index was never emptied.
    assert len(seen_during[0]) == 3
    assert titles("城市低保") == set() and titles("临时救助") == {f"临时救助{i.pk}" for i in items}


def test_an_interrupted_rebuild_goes_on_with_after(publish, monkeypatch):
    items = [publish(f"城市低保第{n}批", "") for n in range(5)]
    stale_titles(items, "养老服务")
    batches = []
    real = services._index_batch

    def interrupted(batch):
        if len(batches) == 2:
            raise KeyboardInterrupt
        batches.append([i.pk for i in batch])
        real(batch)

    monkeypatch.setattr(services, "_index_batch", interrupted)
    err = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("search", "reindex", "--batch", "2", stdout=io.StringIO(), stderr=err)
    assert stop.value.code == 130
    last = batches[-1][-1]
    assert f"--after {last}" in err.getvalue()
    assert len(titles("养老服务")) == 4  # two batches of 2 were written before the interruption
    monkeypatch.setattr(services, "_index_batch", real)
    out = io.StringIO()
    call_command("search", "reindex", "--after", str(last), stdout=out, stderr=io.StringIO())
    assert "1" in out.getvalue()
    assert titles("养老服务") == {f"养老服务{i.pk}" for i in items}


def test_entries_of_items_no_longer_published_are_removed(publish):
    kept, gone = publish("城市低保", ""), publish("低保复核", "")
    CatalogItem.objects.filter(pk=gone.pk).update(state=ItemState.WITHDRAWN)  # behind the index's back
    assert titles("低保") == {"城市低保", "低保复核"}
    services.reindex()
    assert titles("低保") == {"城市低保"}
    assert not SearchEntry.objects.filter(item_id=gone.pk).exists()
    assert SearchEntry.objects.filter(item_id=kept.pk).exists()


def test_the_queries_of_a_batch_do_not_grow_with_its_items(publish):
    def queries_for(n: int) -> int:
        CatalogItem.objects.all().delete()
        for k in range(n):
            publish(f"城市低保第{k}批", "<p>救助</p>")
        with CaptureQueriesContext(connection) as ctx:
            services.reindex()
        return len(ctx.captured_queries)

    assert queries_for(3) == queries_for(12)


@pytest.mark.parametrize(("flag", "value", "message"), [("--after", "-1", "非负整数"), ("--batch", "0", "正整数")])
def test_bad_flags_are_refused(db, flag, value, message):
    with pytest.raises(CommandError, match=message):
        call_command("search", "reindex", flag, value, stdout=io.StringIO(), stderr=io.StringIO())
