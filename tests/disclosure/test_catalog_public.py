"""The public catalog: one tree in the sidebar, the guide's table and the item's breadcrumb; lists of 规范性文件
with their 文号 and 有效性 and the document replacing each; Chinese dates; a fixed number of queries."""

# ruff: noqa: F811 — pytest fixtures imported from tests.portal.conftest are parameters here
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.disclosure import selectors, services
from gongkai.disclosure.models import CatalogCategory, Validity
from gongkai.law.catalog import ARTICLE_20_ITEMS, CIVIL_AFFAIRS_ITEMS, DISCLOSURE_RULES_CATEGORY
from tests.portal.conftest import make_item, rules_category  # noqa: F401 — the portal's fixtures, reused

CATEGORY_HREF = re.compile(r"/catalog/([^/]+)/$")


def _get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


class _Reader(HTMLParser):
    """Collects, for each category link, the category its reader sees it under."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[str, str | None] = {}

    def code_of(self, attrs) -> str | None:
        match = CATEGORY_HREF.search(dict(attrs).get("href") or "")
        return match[1] if match else None


class _Sidebar(_Reader):
    """The catalog page's sidebar: a category is under the list item that holds its list."""

    def __init__(self) -> None:
        super().__init__()
        self.in_nav, self.items = False, []  # items: the code of each open <li>, None until its link

    def handle_starttag(self, tag, attrs):
        if tag == "nav" and dict(attrs).get("aria-label") == "公开目录":
            self.in_nav = True
        elif self.in_nav and tag == "li":
            self.items.append(None)
        elif self.in_nav and tag == "a" and self.items and self.items[-1] is None:
            code = self.code_of(attrs)
            if code:
                self.items[-1] = code
                self.parents[code] = next((c for c in reversed(self.items[:-1]) if c), None)

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = False
        elif self.in_nav and tag == "li":
            self.items.pop()


class _GuideTable(_Reader):
    """The guide's table: an indented row is under the nearest row above it that is not indented."""

    def __init__(self) -> None:
        super().__init__()
        self.top, self.indented = None, None

    def handle_starttag(self, tag, attrs):
        if tag == "td" and self.indented is None:
            self.indented = "sub" in (dict(attrs).get("class") or "").split()
        elif tag == "a" and self.indented is not None:
            code = self.code_of(attrs)
            if code and code not in self.parents:
                self.parents[code] = self.top if self.indented else None
                if not self.indented:
                    self.top = code

    def handle_endtag(self, tag):
        if tag == "tr":
            self.indented = None


def _breadcrumb_parent(html: str) -> str | None:
    trail = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    codes = [m[1] for m in re.finditer(r'href="[^"]*/catalog/([^/"]+)/"', trail)]
    return codes[-2] if len(codes) > 1 else None


def test_every_category_has_the_same_parent_in_the_sidebar_the_guide_and_the_breadcrumb(jurisdiction, make_item):
    civil = jurisdiction["civil"]
    categories = list(CatalogCategory.objects.filter(agency=civil).select_related("parent"))
    expected = {c.code: c.parent.code if c.parent else None for c in categories}
    # the 民政 basic catalog under 第二十条第（十一）项, the 政府信息公开制度 column at the top beside the Art. 20 items
    assert {code: expected[code] for code, _ in CIVIL_AFFAIRS_ITEMS} == {code: "A11" for code, _ in CIVIL_AFFAIRS_ITEMS}
    assert expected[DISCLOSURE_RULES_CATEGORY[0]] is None
    items = {c.code: make_item(f"{c.name}的信息", code=c.code) for c in categories}

    sidebar = _Sidebar()
    sidebar.feed(_get(reverse("disclosure_public:catalog", args=[civil.credit_code])))
    guide = _GuideTable()
    guide.feed(_get(reverse("portal:guide", args=[civil.credit_code])).split('id="proactive"', 1)[1])
    breadcrumbs = {
        code: _breadcrumb_parent(_get(reverse("disclosure_public:item", args=[item.pk])))
        for code, item in items.items()
    }
    assert sidebar.parents == expected
    assert guide.parents == expected
    assert breadcrumbs == expected


def test_the_tree_reads_each_category_after_its_parent_and_counts_what_its_page_lists(jurisdiction, make_item):
    civil = jurisdiction["civil"]
    make_item("低保名单", code="M01")
    make_item("养老机构名录", code="M02")
    make_item("民政综合信息", code="A11")
    tree = selectors.public_categories(civil)
    codes = [c.code for c in tree]
    assert codes[: len(ARTICLE_20_ITEMS)][:10] == [code for code, _, _ in ARTICLE_20_ITEMS][:10]
    a11 = codes.index("A11")
    assert codes[a11 + 1 : a11 + 1 + len(CIVIL_AFFAIRS_ITEMS)] == [code for code, _ in CIVIL_AFFAIRS_ITEMS]
    assert codes[-1] == DISCLOSURE_RULES_CATEGORY[0]  # after the Art. 20 items, not in the middle of them
    by_code = {c.code: c for c in tree}
    assert [c.code for c in by_code["A11"].subcategories] == [code for code, _ in CIVIL_AFFAIRS_ITEMS]
    assert (by_code["A11"].depth, by_code["M01"].depth) == (0, 1)
    assert (by_code["A11"].published_count, by_code["A11"].listed_count, by_code["M01"].listed_count) == (1, 3, 1)
    listing = _get(reverse("disclosure_public:category", args=[civil.credit_code, "A11"]))
    assert all(title in listing for title in ("低保名单", "养老机构名录", "民政综合信息"))


# --- 规范性文件: 文号, 有效性, the successor -------------------------------------------------------------------


@pytest.fixture
def succession(make_item, staff):
    """An old 办法 repealed on 2026-04-01 by a new one, and a 试行 one that expired, replaced by its successor."""
    old = make_item(
        "江源市临时救助实施细则", code="A01", doc_number="江民规〔2022〕3号", normative_kind="normative_document"
    )
    new = make_item(
        "江源市临时救助实施办法",
        code="A01",
        doc_number="江民规〔2026〕1号",
        normative_kind="normative_document",
        supersedes=old,
    )
    services.normative_repeal(actor=staff["approver"], item=old, on=dt.date(2026, 4, 1))
    trial = make_item("江源市特困人员认定办法（试行）", code="A01", normative_kind="normative_document")
    final = make_item("江源市特困人员认定办法", code="A01", normative_kind="normative_document", supersedes=trial)
    services.normative_repeal(actor=staff["approver"], item=trial, on=dt.date(2025, 6, 30), validity=Validity.EXPIRED)
    return {"old": old, "new": new, "trial": trial, "final": final}


def _item_url(item) -> str:
    return reverse("disclosure_public:item", args=[item.pk])


def _row(html: str, title: str) -> str:
    return next(row for row in html.split("<tr>") if f">{title}</a>" in row.split("</td>", 1)[0])


def test_a_list_of_normative_documents_shows_number_validity_and_successor(jurisdiction, succession):
    old, new, trial, final = (succession[k] for k in ("old", "new", "trial", "final"))
    html = _get(reverse("disclosure_public:category", args=[jurisdiction["civil"].credit_code, "A01"]))
    header = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert [h for h in ("标题", "文号", "有效性", "发布日期") if h in header] == ["标题", "文号", "有效性", "发布日期"]
    row = _row(html, old.title)
    assert "江民规〔2022〕3号" in row and "废止（2026年4月1日）" in row
    assert f'已被<a href="{_item_url(new)}">《{new.title}》</a>废止' in row
    row = _row(html, new.title)
    assert "江民规〔2026〕1号" in row and "有效" in row and f'替代<a href="{_item_url(old)}">《{old.title}》</a>' in row
    row = _row(html, trial.title)
    assert "失效（2025年6月30日）" in row and f'已被<a href="{_item_url(final)}">《{final.title}》</a>替代' in row


def test_the_item_pages_link_the_repealed_document_and_its_successor(succession):
    old, new = succession["old"], succession["new"]
    html = _get(_item_url(old))
    assert f'已被<a href="{_item_url(new)}">《{new.title}》</a>废止' in html and "废止（2026年4月1日）" in html
    assert f'替代<a href="{_item_url(old)}">《{old.title}》</a>' in _get(_item_url(new))


def test_an_unpublished_successor_or_predecessor_is_not_linked(make_item, staff):
    old = make_item("江源市旧办法", code="A01", normative_kind="normative_document")
    draft = make_item(
        "江源市新办法（草稿）", code="A01", normative_kind="normative_document", supersedes=old, state="draft"
    )
    assert draft.title not in _get(_item_url(old)) and "已被" not in _get(_item_url(old))
    withdrawn = make_item("江源市撤下的办法", code="A01", normative_kind="normative_document", state="withdrawn")
    later = make_item("江源市后来的办法", code="A01", normative_kind="normative_document", supersedes=withdrawn)
    assert withdrawn.title not in _get(_item_url(later))


def test_a_list_without_normative_documents_has_no_number_or_validity_column(jurisdiction, make_item):
    make_item("2026年10月城市低保名单", code="M01")
    html = _get(reverse("disclosure_public:category", args=[jurisdiction["civil"].credit_code, "M01"]))
    assert "2026年10月城市低保名单" in html and "有效性" not in html


def test_only_a_normative_document_of_the_same_agency_can_be_replaced(jurisdiction, staff, catalog, make_item):
    civil = jurisdiction["civil"]
    news = make_item("工作动态", code="M01")
    policy = make_item("江源市某办法", code="A01", normative_kind="normative_document")
    for other in (news,):
        with pytest.raises(ValidationError) as refused:
            services.item_create(
                actor=staff["drafter"], agency=civil, category=catalog.get(code="A01"), title="新办法", supersedes=other
            )
        assert refused.value.error_dict["supersedes"][0].code == "disclosure.supersedes"
    draft = services.item_create(actor=staff["drafter"], agency=civil, category=catalog.get(code="A01"), title="新办法")
    with pytest.raises(ValidationError):
        services.item_update(actor=staff["drafter"], item=draft, supersedes=draft)
    services.catalog_seed(actor=None, agency=jurisdiction["county_civil"])
    with pytest.raises(ValidationError):
        services.item_create(
            actor=None,
            agency=jurisdiction["county_civil"],
            category=jurisdiction["county_civil"].catalog_categories.get(code="A01"),
            title="县里的办法",
            supersedes=policy,
        )
    assert services.item_update(actor=staff["drafter"], item=draft, supersedes=policy).supersedes == policy


def test_the_drafter_names_the_replaced_document_in_the_item_form(jurisdiction, staff, catalog, make_item):
    old = make_item("江源市旧办法", code="A01", normative_kind="normative_document")
    make_item("工作动态", code="M01")
    client = Client()
    client.force_login(staff["drafter"])
    url = reverse("disclosure_staff:new", args=[jurisdiction["civil"].pk])
    assert 'data-picker-kind="supersedes"' in client.get(url).content.decode()  # the item picker (issue 14)
    search = reverse("disclosure_staff:related_search", args=[jurisdiction["civil"].pk])
    for words in ("江源市", "工作动态"):
        found = client.get(search, {"q": words, "kind": "supersedes"}).json()["results"]
        assert [option["title"] for option in found] == ([old.title] if words == "江源市" else [])
    response = client.post(
        url,
        {
            "category": catalog.get(code="A01").pk,
            "title": "江源市新办法",
            "normative_kind": "normative_document",
            "validity": "",
            "supersedes": old.pk,
        },
    )
    assert response.status_code == 302
    assert old.superseded_by.get().title == "江源市新办法"


# --- dates and queries -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["disclosure_public:catalog", "portal:agency", "portal:rules"])
def test_public_lists_show_dates_in_chinese(jurisdiction, make_item, rules_category, name):
    make_item("2026年10月城市低保名单", code="M01")
    make_item("政府信息公开保密审查制度", code=rules_category.code)
    html = _get(reverse(name, args=[jurisdiction["civil"].credit_code]))
    assert "2026年11月23日" in html and "2026-11-23" not in html


def test_the_catalog_list_makes_the_same_queries_for_few_and_many_documents(
    jurisdiction, make_item, django_assert_max_num_queries
):
    civil = jurisdiction["civil"]
    url = reverse("disclosure_public:category", args=[civil.credit_code, "A01"])

    def add(n: int) -> None:
        for k in range(n):
            old = make_item(f"旧办法{k}-{n}", code="A01", normative_kind="normative_document")
            make_item(f"新办法{k}-{n}", code="A01", normative_kind="normative_document", supersedes=old)

    add(1)
    with django_assert_max_num_queries(QUERIES):
        assert "新办法0-1" in Client().get(url).content.decode()
    add(9)
    with django_assert_max_num_queries(QUERIES):
        html = Client().get(url).content.decode()
    assert html.count('class="succession"') == 20  # a full page: ten pairs, each side linked


QUERIES = 6  # agency, category, the tree with counts, the count, the page (with predecessors), successors
