"""The item picker of the draft form (issue 14): the search endpoint offers the agency's own items only (never another
agency's, never withdrawn ones or the draft itself), to its drafters only, in a fixed number of queries; without
scripts the field takes 索引号 or #numbers and refuses, by name and in Chinese, what it cannot link."""

# ruff: noqa: F811 — pytest fixtures imported from tests.portal.conftest are parameters here
from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.disclosure import selectors, services
from gongkai.disclosure.models import ItemState
from tests.portal.conftest import make_item  # noqa: F401 — the portal's fixtures, reused


def _search_url(agency) -> str:
    return reverse("disclosure_staff:related_search", args=[agency.pk])


def _titles(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return [option["title"] for option in response.json()["results"]]


def _drafter(staff) -> Client:
    client = Client()
    client.force_login(staff["drafter"])
    return client


@pytest.fixture
def foreign_item(jurisdiction):
    county = jurisdiction["county_civil"]
    services.catalog_seed(actor=None, agency=county)
    return services.item_create(
        actor=None, agency=county, category=county.catalog_categories.get(code="M01"), title="青山县城市低保名单"
    )


# --- the search endpoint ----------------------------------------------------------------------------------------


def test_the_search_finds_own_items_by_words_of_the_title_index_number_or_number(jurisdiction, staff, make_item):
    published = make_item("2026年10月城市低保名单")
    draft = make_item("2026年11月城市低保名单（草稿）", state=ItemState.DRAFT)
    make_item("工作动态：养老服务", code="M01")
    client, url = _drafter(staff), _search_url(jurisdiction["civil"])
    assert set(_titles(client.get(url, {"q": "城市低保"}))) == {published.title, draft.title}
    assert _titles(client.get(url, {"q": published.index_number[-10:].lower()})) == [published.title]
    assert _titles(client.get(url, {"q": f"#{draft.pk}"})) == [draft.title]
    assert _titles(client.get(url, {"q": "  "})) == []
    option = client.get(url, {"q": published.index_number}).json()["results"][0]
    assert option == {
        "id": published.pk,
        "token": f"#{published.pk}",
        "label": f"{published.title}（{published.index_number}）",
        "title": published.title,
    }
    assert f"（#{draft.pk}，草稿）" in client.get(url, {"q": f"#{draft.pk}"}).json()["results"][0]["label"]


def test_the_search_never_returns_another_agencys_withdrawn_or_the_item_itself(
    jurisdiction, staff, make_item, foreign_item, make_user
):
    own = make_item("江源市城市低保名单")
    withdrawn = make_item("江源市撤回的低保名单", state=ItemState.WITHDRAWN)
    draft = make_item("江源市低保名单草稿", state=ItemState.DRAFT)
    client, url = _drafter(staff), _search_url(jurisdiction["civil"])
    found = _titles(client.get(url, {"q": "低保名单"}))
    assert foreign_item.title not in found and withdrawn.title not in found
    assert set(found) == {own.title, draft.title}
    assert _titles(client.get(url, {"q": f"#{foreign_item.pk}"})) == []
    assert draft.title not in _titles(client.get(url, {"q": "低保名单", "exclude": draft.pk}))
    # another agency's staff asking with this agency's number in the URL: 404, its items stay unknown
    county_drafter = Client()
    county_drafter.force_login(make_user(Role.DRAFTER, jurisdiction["county_civil"]))
    assert county_drafter.get(url, {"q": "低保"}).status_code == 404
    assert foreign_item.title in _titles(county_drafter.get(_search_url(jurisdiction["county_civil"]), {"q": "低保"}))


def test_interprets_and_supersedes_offer_normative_documents_only(jurisdiction, staff, make_item):
    policy = make_item("江源市最低生活保障办法", code="A01", normative_kind="normative_document")
    make_item("江源市最低生活保障工作动态")
    repealed = make_item("江源市最低生活保障旧办法", code="A01", normative_kind="normative_document")
    services.item_withdraw(actor=staff["approver"], item=repealed, reason="已被新办法替代。")
    client, url = _drafter(staff), _search_url(jurisdiction["civil"])
    assert _titles(client.get(url, {"q": "最低生活保障", "kind": "supersedes"})) == [policy.title]
    # an interpretation may still name a policy withdrawn since (as the form always allowed)
    assert set(_titles(client.get(url, {"q": "最低生活保障", "kind": "interprets"}))) == {policy.title, repealed.title}
    related = {policy.title, "江源市最低生活保障工作动态"}  # an unknown kind reads as related: withdrawn ones left out
    assert set(_titles(client.get(url, {"q": "最低生活保障", "kind": "anything"}))) == related


@pytest.mark.parametrize("role", [None, Role.REVIEWER, Role.CASE_OFFICER])
def test_only_the_agencys_drafters_and_admins_may_search(jurisdiction, client_for, make_item, role):
    make_item("江源市城市低保名单")
    url = _search_url(jurisdiction["civil"])
    if role is None:
        response = Client().get(url, {"q": "低保"})
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    assert client_for(role, jurisdiction["civil"]).get(url, {"q": "低保"}).status_code == 403
    assert client_for(Role.SUPERVISOR, jurisdiction["office"]).get(url, {"q": "低保"}).status_code == 403  # reads only
    assert _titles(client_for(Role.AGENCY_ADMIN, jurisdiction["civil"]).get(url, {"q": "低保"})) == [
        "江源市城市低保名单"
    ]


def test_the_search_shows_twenty_and_makes_the_same_queries_for_few_and_many_matches(
    jurisdiction, staff, catalog, django_assert_num_queries
):
    civil = jurisdiction["civil"]
    client, url = _drafter(staff), _search_url(civil)

    def add(n: int) -> None:
        for i in range(n):
            services.item_create(actor=None, agency=civil, category=catalog.get(code="M01"), title=f"低保名单第{i}号")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url, {"q": "低保名单"})
        return len(captured)

    add(2)
    client.get(url, {"q": "低保名单"})  # the session and the user are cached from here on
    few = queries()
    add(40)
    assert queries() == few
    data = client.get(url, {"q": "低保名单"}).json()
    assert len(data["results"]) == selectors.PICK_LIMIT and data["more"] is True
    assert client.get(url, {"q": "第1号"}).json()["more"] is False


# --- the form without scripts: 索引号 or #numbers ------------------------------------------------------------------


def _edit(client, item, **values):
    data = {"category": item.category_id, "title": item.title, "body": item.body, **values}
    return client.post(reverse("disclosure_staff:edit", args=[item.pk]), data)


def test_the_text_field_links_items_by_index_number_and_number(jurisdiction, staff, make_item):
    published = make_item("2026年10月城市低保名单")
    other = make_item("2026年9月城市低保名单", state=ItemState.DRAFT)
    draft = make_item("2026年11月城市低保名单", state=ItemState.DRAFT)
    client = _drafter(staff)
    typed = f"{published.index_number.lower()}，#{other.pk}\n{published.index_number}"  # repeated: linked once
    assert _edit(client, draft, related=typed).status_code == 302
    assert set(draft.related.all()) == {published, other}
    # the edit form shows them as the text field reads them, and lists their titles above it
    html = client.get(reverse("disclosure_staff:edit", args=[draft.pk])).content.decode()
    assert published.index_number in html and f"#{other.pk}" in html
    assert f"{published.title}（{published.index_number}）" in html
    assert _edit(client, draft, related="").status_code == 302
    assert not draft.related.exists()


def test_unknown_foreign_withdrawn_or_own_values_are_refused_by_name_and_nothing_is_saved(
    jurisdiction, staff, make_item, foreign_item
):
    linked = make_item("2026年10月城市低保名单")
    withdrawn = make_item("撤回的名单", state=ItemState.WITHDRAWN)
    draft = make_item("2026年11月城市低保名单", state=ItemState.DRAFT)
    client = _drafter(staff)
    assert _edit(client, draft, related=f"#{linked.pk}").status_code == 302
    draft.refresh_from_db()
    before = draft.updated_at
    for typed, message in [
        ("11990100MB0000003X/M01-2026-99999", "本机关没有索引号或编号为“11990100MB0000003X/M01-2026-99999”的信息"),
        (f"#{foreign_item.pk}", f"本机关没有索引号或编号为“#{foreign_item.pk}”的信息"),
        ("#abc", "本机关没有索引号或编号为“#abc”的信息"),
        (f"#{withdrawn.pk}", f"“#{withdrawn.pk}”已撤回"),
        (f"#{draft.pk}", f"不能选择本条信息自身（“#{draft.pk}”）"),
    ]:
        response = _edit(client, draft, title="改过的标题", related=f"#{linked.pk} {typed}")
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html, html[html.find("errorlist") - 200 : html.find("errorlist") + 400]
        assert typed in html  # what was typed is kept in the field to correct it
        draft.refresh_from_db()
        assert draft.title == "2026年11月城市低保名单" and draft.updated_at == before
        assert list(draft.related.all()) == [linked]
    assert foreign_item.title not in _edit(client, draft, related=f"#{foreign_item.pk}").content.decode()


def test_one_item_only_for_the_policy_interpreted_and_the_document_replaced(jurisdiction, staff, make_item):
    policy = make_item("江源市最低生活保障办法", code="A01", normative_kind="normative_document")
    older = make_item("江源市最低生活保障旧办法", code="A01", normative_kind="normative_document")
    news = make_item("工作动态")
    draft = make_item("关于《江源市最低生活保障办法》的解读", code="A01", state=ItemState.DRAFT)
    client = _drafter(staff)
    response = _edit(client, draft, interprets=f"{policy.index_number} {older.index_number}")
    assert "只能填写一条信息（填写了 2 条）" in response.content.decode()
    assert "不是规章或行政规范性文件" in _edit(client, draft, supersedes=news.index_number).content.decode()
    assert _edit(client, draft, interprets=policy.index_number).status_code == 302
    draft.refresh_from_db()
    assert draft.interprets == policy and draft.supersedes is None
    assert _edit(client, draft, interprets="").status_code == 302
    draft.refresh_from_db()
    assert draft.interprets is None


def test_the_form_page_loads_the_picker_script_and_labels_the_field(jurisdiction, staff):
    html = _drafter(staff).get(reverse("disclosure_staff:new", args=[jurisdiction["civil"].pk])).content.decode()
    assert '<script src="/static/gongkai/picker.js" defer></script>' in html
    assert '<label for="id_related">相关信息</label>' in html
    assert 'data-picker-url="' + _search_url(jurisdiction["civil"]) + '"' in html
    assert '<textarea name="related" rows="2" data-picker-value' in html and 'id="id_related"' in html
    assert "<script>" not in html and "style=" not in html  # the Content-Security-Policy allows neither inline
