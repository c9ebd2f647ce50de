"""RSS 2.0 and Atom feeds per agency and per category: the latest 50 published items with 索引号 and 发布日期, linked
to their pages; drafts, items in review and withdrawn items never appear."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.feeds import LATEST
from gongkai.disclosure.models import CatalogItem, ItemState

ATOM = "{http://www.w3.org/2005/Atom}"
AGENCY_FEEDS = ("disclosure_public:feed_rss", "disclosure_public:feed_atom")
CATEGORY_FEEDS = ("disclosure_public:category_feed_rss", "disclosure_public:category_feed_atom")


def _entries(response) -> list[dict[str, str]]:
    """(title, link, text) of each item of an RSS or Atom document."""
    root = ET.fromstring(response.content)
    if root.tag == "rss":
        return [
            {"title": i.findtext("title"), "link": i.findtext("link"), "text": i.findtext("description")}
            for i in root.iter("item")
        ]
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "text": e.findtext(f"{ATOM}summary"),
        }
        for e in root.iter(f"{ATOM}entry")
    ]


def _feed_args(name: str, agency, code: str = "M01") -> list[str]:
    return [agency.credit_code, code] if name in CATEGORY_FEEDS else [agency.credit_code]


@pytest.mark.parametrize("name", AGENCY_FEEDS + CATEGORY_FEEDS)
def test_a_feed_carries_published_items_with_index_number_date_and_link(jurisdiction, make_item, name):
    item = make_item("2026年10月城市低保名单", doc_number="江民〔2026〕88号")
    response = Client().get(reverse(name, args=_feed_args(name, jurisdiction["civil"])))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml" if "atom" in name else "application/rss+xml")
    [entry] = _entries(response)
    assert entry["title"] == "2026年10月城市低保名单"
    assert entry["link"] == "http://testserver" + reverse("disclosure_public:item", args=[item.pk])
    assert (
        item.index_number in entry["text"] and "2026年11月23日" in entry["text"] and "江民〔2026〕88号" in entry["text"]
    )


@pytest.mark.parametrize("name", AGENCY_FEEDS + CATEGORY_FEEDS)
def test_drafts_items_in_review_and_withdrawn_items_never_appear(jurisdiction, make_item, unpublished, name):
    make_item("已发布的名单")
    response = Client().get(reverse(name, args=_feed_args(name, jurisdiction["civil"])))
    body = response.content.decode()
    assert [e["title"] for e in _entries(response)] == ["已发布的名单"]
    for item in unpublished:
        assert item.title not in body
        assert reverse("disclosure_public:item", args=[item.pk]) not in body
    assert {i.state for i in unpublished} == {ItemState.DRAFT, ItemState.IN_REVIEW, ItemState.WITHDRAWN}


def test_a_category_feed_holds_its_category_and_sub_categories_only(jurisdiction, make_item):
    civil = jurisdiction["civil"]
    make_item("低保名单", code="M01")  # 社会救助, under A11
    make_item("养老补贴", code="M02")
    make_item("部门预算", code="A07")
    titles = lambda code: {  # noqa: E731
        e["title"] for e in _entries(Client().get(reverse(CATEGORY_FEEDS[0], args=[civil.credit_code, code])))
    }
    assert titles("M01") == {"低保名单"}
    assert titles("A11") == {"低保名单", "养老补贴"}
    assert titles("A07") == {"部门预算"}


def test_another_agencys_items_never_appear(jurisdiction, make_item, catalog):
    from gongkai.disclosure import services

    county = jurisdiction["county_civil"]
    services.catalog_seed(actor=None, agency=county)
    make_item("江源市的名单")
    for feed in AGENCY_FEEDS:
        response = Client().get(reverse(feed, args=[county.credit_code]))
        assert response.status_code == 200 and _entries(response) == []
        own = Client().get(reverse(feed, args=[jurisdiction["civil"].credit_code]))
        assert [e["title"] for e in _entries(own)] == ["江源市的名单"]


@pytest.mark.parametrize("name", AGENCY_FEEDS + CATEGORY_FEEDS)
def test_the_feed_holds_the_latest_fifty_newest_first_in_a_fixed_number_of_queries(
    jurisdiction, catalog, name, django_assert_max_num_queries
):
    civil = jurisdiction["civil"]
    category = catalog.get(code="M01")
    start = dt.date(2026, 1, 1)
    CatalogItem.objects.bulk_create(
        CatalogItem(
            agency=civil,
            category=category,
            title=f"第{n:02d}期救助名单",
            index_number=f"{civil.credit_code}/M01-2026-{n:05d}",
            publisher=civil.name,
            published_on=start + dt.timedelta(days=n),
            state=ItemState.PUBLISHED,
        )
        for n in range(1, LATEST + 11)
    )
    with django_assert_max_num_queries(2):
        response = Client().get(reverse(name, args=_feed_args(name, civil)))
    titles = [e["title"] for e in _entries(response)]
    assert len(titles) == LATEST == 50
    assert titles[0] == f"第{LATEST + 10}期救助名单" and titles[-1] == "第11期救助名单"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("disclosure_public:feed_rss", ["11990100MB000000XX"]),
        ("disclosure_public:feed_atom", ["11990100MB000000XX"]),
        ("disclosure_public:category_feed_rss", [None, "Z99"]),
        ("disclosure_public:category_feed_atom", [None, "Z99"]),
    ],
)
def test_unknown_agencies_and_categories_404(jurisdiction, catalog, name, args):
    args = [a or jurisdiction["civil"].credit_code for a in args]
    assert Client().get(reverse(name, args=args)).status_code == 404


def test_another_agencys_category_code_404s_on_an_agency_without_a_catalog(jurisdiction, catalog):
    url = reverse("disclosure_public:category_feed_rss", args=[jurisdiction["county_civil"].credit_code, "M01"])
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize(("args", "feed"), [([], "feed"), (["M01"], "category_feed")])
def test_catalog_pages_announce_their_feeds(jurisdiction, catalog, args, feed):
    code = jurisdiction["civil"].credit_code
    page = "disclosure_public:category" if args else "disclosure_public:catalog"
    html = Client().get(reverse(page, args=[code, *args])).content.decode()
    atom = reverse(f"disclosure_public:{feed}_atom", args=[code, *args])
    rss = reverse(f"disclosure_public:{feed}_rss", args=[code, *args])
    assert '<link rel="alternate" type="application/atom+xml"' in html and f'href="{atom}"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html and f'href="{rss}"' in html
