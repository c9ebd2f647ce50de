from __future__ import annotations

import datetime as dt

import pytest

from gongkai.disclosure.models import CatalogCategory, CatalogItem, ItemState
from gongkai.engagement import services

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def civil(jurisdiction):
    return jurisdiction["civil"]


@pytest.fixture
def county(jurisdiction):
    return jurisdiction["county_civil"]


@pytest.fixture
def make(civil):
    """A record through the service: ``make("proposals", kind="npc", ...)`` (fields overridable, agency= optional)."""
    defaults = {
        "consultations": {"channel": "hotline", "asked_on": dt.date(2026, 3, 2), "topic": "低保申请条件"},
        "proposals": {
            "kind": "npc",
            "number": "2026-001",
            "subject": "关于提高城乡低保标准的建议",
            "received_on": dt.date(2026, 3, 10),
        },
        "opinion": {"level": "general", "first_seen": dt.date(2026, 4, 1), "summary": "网民反映低保公示不全"},
        "press": {"kind": "conference", "held_on": dt.date(2026, 2, 20), "topic": "第一季度例行新闻发布会"},
    }

    def _make(records: str, *, agency=None, today=TODAY, **fields):
        return services.record_create(
            actor=None, agency=agency or civil, kind=records, fields={**defaults[records], **fields}, today=today
        )

    return _make


@pytest.fixture
def published_item():
    """A published catalog item of an agency, with its 索引号."""

    def _item(agency, index_number: str, state: str = ItemState.PUBLISHED) -> CatalogItem:
        category, _ = CatalogCategory.objects.get_or_create(agency=agency, code="A01", defaults={"name": "规范性文件"})
        return CatalogItem.objects.create(
            agency=agency, category=category, title="关于某建议的答复", index_number=index_number, state=state
        )

    return _item
