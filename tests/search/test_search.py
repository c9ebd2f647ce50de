"""Chinese full-text search over published items: two-character words, ranking, filters, snippets, and the proof
that each backend answers from its own index (FTS5 on SQLite, GIN on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client

from gongkai.disclosure import services
from gongkai.disclosure.models import NormativeKind, Validity
from gongkai.search import selectors
from gongkai.search.grams import index_tokens, parse_query
from gongkai.search.models import FTS_TABLE, GIN_INDEX, SearchEntry
from gongkai.search.text import html_to_text


def _titles(text, **filters):
    return [hit.entry.title_text for hit in selectors.search(text, **filters)]


# --- tokens ----------------------------------------------------------------------------------------------------


def test_tokens_are_bigrams_of_cjk_runs_and_words_of_latin_and_digit_runs():
    assert index_tokens("江民规〔2025〕1号") == ["江民", "民规", "规", "2025", "1", "号"]
    assert index_tokens("城市低保ＰＤＦ") == ["城市", "市低", "低保", "保", "pdf"]  # NFKC + lower case
    assert parse_query("低保").fts_match() == '"低保"'
    assert parse_query("城市低保 1号").fts_match() == '"城市 市低 低保" AND "1 号" *'
    assert parse_query("救").too_short == ("救",)


def test_body_text_keeps_paragraphs_apart_and_unescapes_entities():
    assert html_to_text("<p>城市低保</p><p>救助&lt;script&gt;</p>") == "城市低保 救助<script>"


# --- finding -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["低保", "救助"])
def test_a_two_character_word_is_found_in_titles_and_in_bodies(publish, word):
    publish(f"关于城市{word}的通知", "<p>正文与此无关。</p>")
    publish("2026年第三季度工作简报", f"<p>本季度共办理{word}事项120件。</p>")
    publish("养老服务补贴公告", "<p>与此无关。</p>")
    assert _titles(word) == [f"关于城市{word}的通知", "2026年第三季度工作简报"]


def test_title_hits_rank_before_body_hits_however_often_the_body_says_it(publish):
    publish("工作简报", "<p>" + "低保" * 50 + "</p>", today=dt.date(2026, 11, 30))
    publish("城市低保标准调整", "<p>按年度调整。</p>", today=dt.date(2026, 1, 5))
    assert _titles("低保") == ["城市低保标准调整", "工作简报"]


def test_drafts_and_withdrawn_items_are_never_found(publish, staff):
    publish("低保草稿", "<p>低保</p>", state="draft")
    withdrawn = publish("低保已撤下", "<p>低保</p>")
    services.item_withdraw(actor=staff["approver"], item=withdrawn, reason="内容有误")
    publish("低保已发布", "<p>低保</p>")
    assert _titles("低保") == ["低保已发布"]
    assert SearchEntry.objects.count() == 1


def test_a_phrase_must_occur_whole_and_every_term_must_occur(publish):
    publish("城市低保名单", "")
    publish("低保城市名单", "")  # same bigrams 低保 and 城市, not the phrase 城市低保
    assert _titles("城市低保") == ["城市低保名单"]
    assert set(_titles("低保 名单")) == {"城市低保名单", "低保城市名单"}
    assert _titles("低保 养老") == []


def test_doc_number_search(publish):
    publish("城乡最低生活保障办法", "<p>正文</p>", doc_number="江民规〔2025〕1号")
    publish("临时救助办法", "<p>依据江民规〔2025〕12号文件执行。</p>", doc_number="江民规〔2025〕12号")
    assert _titles("江民规〔2025〕1号") == ["城乡最低生活保障办法"]
    assert _titles("〔2025〕12号") == ["临时救助办法"]
    assert len(_titles("江民规")) == 2


def test_filters_category_year_validity_and_agency(publish, jurisdiction):
    publish("低保政策", "", code="A01", normative_kind=NormativeKind.NORMATIVE_DOCUMENT, today=dt.date(2025, 3, 1))
    publish("低保名单", "", code="M01", today=dt.date(2026, 3, 1))
    publish("县低保名单", "", code="M01", agency=jurisdiction["county_civil"], today=dt.date(2026, 3, 2))
    assert set(_titles("低保")) == {"低保政策", "低保名单", "县低保名单"}
    assert _titles("低保", category_code="A01") == ["低保政策"]
    assert set(_titles("低保", category_code="A11")) == {"低保名单", "县低保名单"}  # parent holds M01
    assert _titles("低保", year=2025) == ["低保政策"]
    assert _titles("低保", validity=Validity.VALID) == ["低保政策"]
    assert _titles("低保", agency_id=jurisdiction["county_civil"].pk) == ["县低保名单"]


def test_repeal_updates_the_validity_filter(publish, staff):
    item = publish("低保办法", "", code="A01", normative_kind=NormativeKind.RULE)
    services.normative_repeal(actor=staff["approver"], item=item, on=dt.date(2026, 12, 1))
    assert _titles("低保", validity=Validity.VALID) == []
    assert _titles("低保", validity=Validity.REPEALED) == ["低保办法"]


def test_snippet_is_highlighted_and_escaped(publish):
    publish("通知", "<p>" + "前文。" * 80 + "申请低保须知：&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    (hit,) = selectors.search("低保")
    assert "<mark>低保</mark>" in hit.snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert hit.snippet.startswith("…")  # cut before the match, not from the beginning
    title_hit = selectors.search("通知")[0]
    assert title_hit.title == "<mark>通知</mark>"


@pytest.mark.parametrize("text", ["救", "a", "低保 助", "", "  ，"])
def test_a_one_character_or_empty_query_is_refused(text):
    with pytest.raises(ValidationError) as info:
        selectors.parse(text)
    assert info.value.code in ("search.too_short", "search.empty")


# --- the index is used -------------------------------------------------------------------------------------------


def test_the_backend_answers_from_its_full_text_index(publish):
    publish("城市低保", "<p>救助</p>")
    sql, params = selectors.entries("低保", year=2026, validity="valid").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            assert f"SCAN {FTS_TABLE} VIRTUAL TABLE INDEX" in plan, plan
            assert "SCAN search_searchentry" not in plan, plan  # entries are looked up by rowid
        elif connection.vendor == "postgresql":
            # Tiny test tables (with dead rows of earlier rolled-back tests in the GIN index) would be read whole:
            # by a sequential scan, or by walking some unrelated B-tree with no condition. Forbid both; what is
            # left must come from an index condition, and the only index that can serve @> is the GIN one.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {GIN_INDEX}" in plan, plan
        else:  # pragma: no cover
            pytest.fail(f"no full-text index for {connection.vendor}")


def test_the_index_exists_only_for_its_own_backend(db):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            assert FTS_TABLE in tables
        else:
            assert FTS_TABLE not in tables
            constraints = connection.introspection.get_constraints(cursor, SearchEntry._meta.db_table)
            assert constraints[GIN_INDEX]["type"] == "gin"


# --- keeping in step, reindexing ---------------------------------------------------------------------------------


def test_reindex_rebuilds_the_index(publish):
    publish("城市低保", "<p>救助</p>")
    publish("临时救助", "")
    SearchEntry.objects.all().delete()
    assert _titles("救助") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert "2" in out.getvalue() and "重建检索索引" in err.getvalue()
    assert set(_titles("救助")) == {"城市低保", "临时救助"}


def test_deleting_an_item_removes_it_from_the_index(publish):
    item = publish("城市低保", "")
    entry_id = item.search_entry.pk
    SearchEntry.objects.filter(pk=entry_id).delete()
    assert _titles("低保") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])
            assert cursor.fetchone()[0] == 0


# --- the page ----------------------------------------------------------------------------------------------------


def test_the_search_page_lists_highlighted_results_with_a_bounded_number_of_queries(
    publish, django_assert_max_num_queries
):
    for n in range(25):
        publish(f"第{n}批城市低保名单", "<p>发放低保金。</p>")
    publish("养老服务", "<p>另有低保&lt;b&gt;说明</p>")
    client = Client()
    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": "低保", "year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="snippet"') == 20
    assert "<mark>低保</mark>" in html
    assert 'for="id_q"' in html and 'for="id_category"' in html
    assert "page=2" in html and "q=%E4%BD%8E%E4%BF%9D" in html
    second = client.get("/search/", {"q": "低保", "year": "2026", "page": 2}).content.decode()
    assert "另有<mark>低保</mark>&lt;b&gt;说明" in second  # body hits after all title hits
    first = response.context["hits"][0]
    assert f'href="/items/{first.item_id}/"' in html and first.index_number in html


def test_the_search_page_refuses_a_one_character_query(db):
    response = Client().get("/search/", {"q": "保"})
    assert response.status_code == 200
    assert "至少需要两个字" in response.content.decode()
    assert response.context["page_obj"] is None
    assert Client().get("/search/").status_code == 200
