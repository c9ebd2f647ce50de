"""The public search page (issue 14): 年份 facets with counts from one GROUP BY, sort by relevance or date, the count
of results, the no-hit message with suggestions, parameters kept across pages, and bad parameters never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.search import selectors
from gongkai.search.models import SearchEntry

YearFacet = getattr(selectors, "YearFacet", tuple)

pytestmark = pytest.mark.django_db


def _year_options(html: str) -> list[str]:
    select = re.search(r'<select name="year".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def _titles(response) -> list[str]:
    return [hit.entry.title_text for hit in response.context["hits"]]


@pytest.fixture
def years(publish):
    for n in range(5):
        publish(f"低保名单第{n}批", "<p>发放低保金。</p>", today=dt.date(2025, 3, 1 + n))
    for n in range(3):
        publish(f"救助名单第{n}批", "<p>临时救助。</p>", today=dt.date(2026, 3, 1 + n))


def test_the_year_options_are_distinct_newest_first_with_their_counts(years):
    assert selectors.filter_choices()["years"] == [2026, 2025]
    assert selectors.year_facets() == [YearFacet(2026, 3), YearFacet(2025, 5)]
    html = Client().get("/search/").content.decode()
    assert _year_options(html) == ["（不限）", "2026（3）", "2025（5）"]
    # the counts follow the query, and a chosen year keeps the other years on offer
    html = Client().get("/search/", {"q": "低保", "year": "2025"}).content.decode()
    assert _year_options(html) == ["（不限）", "2025（5）"]
    html = Client().get("/search/", {"q": "名单", "year": "2026"}).content.decode()
    assert _year_options(html) == ["（不限）", "2026（3）", "2025（5）"]
    assert '<option value="2026" selected>' in html


def test_the_year_facet_is_one_group_by_query(years, django_assert_num_queries):
    query = selectors.parse("名单")
    with django_assert_num_queries(1) as captured:
        facets = selectors.year_facets(query)
    assert facets == [YearFacet(2026, 3), YearFacet(2025, 5)]
    sql = captured.captured_queries[0]["sql"].upper()
    assert "GROUP BY" in sql and "PUBLISHED_ON" not in sql


def test_relevance_puts_title_hits_first_and_date_sort_the_newest_first(publish):
    publish("城市低保标准", "<p>标准。</p>", today=dt.date(2025, 3, 1))
    publish("养老服务通知", "<p>另附低保说明。</p>", today=dt.date(2026, 3, 1))
    client = Client()
    relevance = ["城市低保标准", "养老服务通知"]
    assert _titles(client.get("/search/", {"q": "低保"})) == relevance  # the default with a query
    assert _titles(client.get("/search/", {"q": "低保", "sort": "relevance"})) == relevance
    response = client.get("/search/", {"q": "低保", "sort": "date"})
    assert _titles(response) == ["养老服务通知", "城市低保标准"]
    assert '<option value="date" selected>最新发布</option>' in response.content.decode()
    response = client.get("/search/")  # no query: the newest first
    assert _titles(response) == ["养老服务通知", "城市低保标准"]
    assert '<option value="date" selected>' in response.content.decode()


def test_the_count_of_results_is_shown(years):
    html = Client().get("/search/", {"q": "名单"}).content.decode()
    assert "共找到 8 条" in html
    assert "共找到 5 条" in Client().get("/search/", {"q": "低保"}).content.decode()


def test_no_hit_says_so_with_the_query_escaped_and_suggestions(years):
    response = Client().get("/search/", {"q": "<script>不存在</script>", "year": "2025", "sort": "date"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "未找到与「&lt;script&gt;不存在&lt;/script&gt;」相关的信息" in html
    assert "<script>不存在" not in html
    assert "检查检索词是否有错别字" in html and "共找到" not in html
    link = re.search(r'<a href="\?([^"]*)" class="remove-filters">', html).group(1)
    assert "year=" not in link and "q=" in link and "sort=date" in link
    # without filters there is no filter to remove
    html = Client().get("/search/", {"q": "不存在"}).content.decode()
    assert "未找到与「不存在」相关的信息" in html and "remove-filters" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "名单", "sort": "xyz"},
        {"q": "名单", "year": "abc"},
        {"q": "名单", "year": "99999999999999999999"},
        {"q": "名单", "page": "9999"},
        {"q": "名单", "page": "abc"},
        {"q": "名单", "agency": "abc", "category": "ZZZ", "validity": "nope"},
        {"sort": "relevance", "page": "-1"},
    ],
)
def test_bad_parameters_fall_back_to_defaults(years, params):
    response = Client().get("/search/", params)
    assert response.status_code == 200
    assert len(response.context["hits"]) == 8
    assert "共找到 8 条" in response.content.decode()


def test_pagination_keeps_the_parameters(publish):
    publish("低保名单", "", today=dt.date(2026, 1, 1))  # the only title hit, and the oldest
    for n in range(20):
        publish(f"救助名单第{n}批", "<p>含低保对象。</p>", today=dt.date(2026, 1, 2 + n))
    assert _titles(Client().get("/search/", {"q": "低保", "year": "2026"}))[0] == "低保名单"
    html = Client().get("/search/", {"q": "低保", "year": "2026", "sort": "date"}).content.decode()
    link = re.search(r'<a href="\?([^"]*)" rel="next">', html).group(1)
    assert "sort=date" in link and "year=2026" in link and "page=2" in link and "q=%E4%BD%8E%E4%BF%9D" in link
    second = Client().get("/search/", {"q": "低保", "year": "2026", "sort": "date", "page": 2})
    assert _titles(second) == ["低保名单"]  # the oldest, last by date


def _queries(params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get("/search/", params)
    assert response.status_code == 200
    distinct_years = len(set(SearchEntry.objects.values_list("year", flat=True)))
    assert len(_year_options(response.content.decode())) <= 1 + distinct_years  # never one option per item
    return len(captured)


def test_the_page_makes_the_same_number_of_queries_for_5_or_50_items(publish):
    for n in range(5):
        publish(f"低保名单第{n}批", "<p>低保</p>", today=dt.date(2020 + n, 3, 1))
    few = [_queries({"q": "低保"}), _queries({}), _queries({"q": "低保", "sort": "date", "year": "2021"})]
    for n in range(45):
        publish(f"低保公示第{n}批", "<p>低保</p>", today=dt.date(2000 + n % 20, 4, 1))
    many = [_queries({"q": "低保"}), _queries({}), _queries({"q": "低保", "sort": "date", "year": "2021"})]
    assert few == many
    assert max(many) <= 5


@pytest.mark.parametrize("q", ["保", "低" * 101])
def test_a_refused_query_still_offers_the_years(years, q):
    response = Client().get("/search/", {"q": q, "year": "2025"})
    assert response.status_code == 200 and response.context["page_obj"] is None
    assert _year_options(response.content.decode()) == ["（不限）", "2026（3）", "2025（5）"]
