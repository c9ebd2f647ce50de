"""The demo catalog goes through the real review chain; monthly 低保 lists come out with names and masked IDs."""

from __future__ import annotations

import datetime as dt
import re

from gongkai.disclosure import demo, selectors
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.law.pii import scan


def test_demo_catalog_is_published_with_masked_ids(jurisdiction, make_user):
    make_user(superuser=True)
    count = demo.load_catalog(jurisdiction, today=dt.date(2026, 11, 23))
    items = CatalogItem.objects.filter(state=ItemState.PUBLISHED)
    assert items.count() == count > 40
    lists = items.filter(title__contains="最低生活保障对象名单")
    assert lists.exists()
    for item in lists:
        assert scan(item.body) == []  # every ID number masked …
        assert re.search(r"\d{6}\*{8}\d{3}[\dX]", item.body)  # … keeping the first 6 and last 4
        assert any(name in item.body for name in demo.NAMES)  # names stay, as the law publishes them
    repealed = items.get(title="江源市临时救助实施细则")
    assert repealed.validity == "repealed" and repealed.repealed_on == dt.date(2026, 4, 1)
    assert (
        not selectors.policies_without_interpretation(jurisdiction["civil"])
        .filter(title="江源市最低生活保障审核确认办法")
        .exists()
    )
