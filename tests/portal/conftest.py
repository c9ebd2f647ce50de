from __future__ import annotations

import datetime as dt

import pytest

from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogCategory, CatalogItem, ItemState
from gongkai.law.guide import DISCLOSURE_RULES_CODE
from tests.disclosure.conftest import catalog, staff  # noqa: F401 — the disclosure fixtures, reused

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def make_item(jurisdiction, staff, catalog):  # noqa: F811
    """``make_item(title, state="published", code="M01", today=TODAY, **meta)`` → a CatalogItem of the city 民政局
    brought to ``state`` (draft, in_review, published, withdrawn) through the real services."""

    def _make(title, *, state=ItemState.PUBLISHED, code="M01", body="", today=TODAY, **meta) -> CatalogItem:
        item = services.item_create(
            actor=staff["drafter"],
            agency=jurisdiction["civil"],
            category=catalog.get(code=code),
            title=title,
            body=body,
            **meta,
        )
        if state == ItemState.DRAFT:
            return item
        item = services.item_submit(actor=staff["drafter"], item=item)
        if state == ItemState.IN_REVIEW:
            return item
        for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
            item = services.item_decide(actor=user, item=item, approved=True, today=today)
        if state == ItemState.WITHDRAWN:
            item = services.item_withdraw(actor=staff["approver"], item=item, reason="内容有误，撤下更正。")
        return item

    return _make


@pytest.fixture
def unpublished(make_item):
    """A draft, an item in review and a withdrawn item: none of them may ever reach a public page or feed."""
    return [
        make_item("草稿：内部讨论稿", state=ItemState.DRAFT),
        make_item("送审中：尚未签发的通知", state=ItemState.IN_REVIEW),
        make_item("已撤下：有误的名单", state=ItemState.WITHDRAWN),
    ]


@pytest.fixture
def rules_category(jurisdiction, catalog):  # noqa: F811
    """The 政府信息公开制度 category (条例 第四条; code from gongkai.law.catalog.DISCLOSURE_RULES_CATEGORY)."""
    return CatalogCategory.objects.get(agency=jurisdiction["civil"], code=DISCLOSURE_RULES_CODE)
