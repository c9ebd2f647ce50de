"""The 政府信息公开 column of an agency: its front page, the 指南 generated from the agency's data, the 制度 page and
the 年报 placeholder — public, published items only, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.services import department_create, membership_grant
from gongkai.disclosure.models import ItemState
from gongkai.foi.models import FoiSettings
from gongkai.law.guide import APPLICATION_CONTENTS, NATIONAL_RULES

COLUMN_PAGES = ("portal:agency", "portal:guide", "portal:rules", "portal:annual_reports")


def _get(name: str, *args) -> str:
    response = Client().get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", COLUMN_PAGES)
def test_every_column_page_404s_for_an_unknown_agency(db, name):
    assert Client().get(reverse(name, args=["11990100MB000000XX"])).status_code == 404


@pytest.mark.parametrize("name", COLUMN_PAGES)
def test_every_column_page_accepts_a_lower_case_credit_code(jurisdiction, name):
    response = Client().get(reverse(name, args=[jurisdiction["civil"].credit_code.lower()]))
    assert response.status_code == 200
    assert jurisdiction["civil"].name in response.content.decode()


def test_the_agency_page_links_the_five_parts_of_the_column(jurisdiction, catalog):
    code = jurisdiction["civil"].credit_code
    html = _get("portal:agency", code)
    for url in (
        reverse("portal:guide", args=[code]),
        reverse("portal:rules", args=[code]),
        reverse("disclosure_public:catalog", args=[code]),
        reverse("portal:annual_reports", args=[code]),
        reverse("foi_public:apply", args=[code]),
        reverse("foi_public:track"),
    ):
        assert f'href="{url}"' in html, url


def test_the_agency_page_lists_published_items_only_and_searches_within_the_agency(
    jurisdiction, make_item, unpublished
):
    civil = jurisdiction["civil"]
    make_item("2026年10月城市低保名单")
    html = _get("portal:agency", civil.credit_code)
    assert "2026年10月城市低保名单" in html
    for item in unpublished:
        assert item.title not in html
    assert f'action="{reverse("search:results")}"' in html
    assert f'<input type="hidden" name="agency" value="{civil.pk}">' in html
    assert reverse("disclosure_public:feed_atom", args=[civil.credit_code]) in html


def test_an_agency_with_nothing_published_offers_no_search_box(jurisdiction, catalog, unpublished):
    html = _get("portal:agency", jurisdiction["civil"].credit_code)
    assert 'name="agency"' not in html  # the search page would drop the filter and search every agency


def test_the_guide_is_generated_from_the_agencys_data(jurisdiction, catalog, make_item):
    civil = jurisdiction["civil"]
    make_item("2026年10月城市低保名单")
    html = _get("portal:guide", civil.credit_code)
    # who discloses: 条例 第十二条
    for value in (
        "江源市民政局",
        "江源市民生路8号",
        "999002",
        "0999-87654321",
        "gongkai@mzj.jiangyuan.example",
        "8:30",
    ):
        assert value in html
    # what is disclosed: every category, linked, with its legal basis and count
    assert reverse("disclosure_public:category", args=[civil.credit_code, "M01"]) in html
    assert "条例 第二十条第（一）项" in html
    # how to apply: the form, the contents of an application (第二十九条), time limits (第三十三条), 补正 (第三十条)
    assert reverse("foi_public:apply", args=[civil.credit_code]) in html
    for line in APPLICATION_CONTENTS:
        assert line in html
    assert "20个工作日内答复" in html and "7个工作日内一次性" in html
    # the annual report link and deadline (第四十九条: a department, 1月31日)
    assert reverse("portal:annual_reports", args=[civil.credit_code]) in html and "1月31日" in html
    assert "portal.css" in html  # the print rules: no navigation on paper


def test_a_change_to_the_agencys_data_changes_the_guide(jurisdiction, catalog):
    civil = jurisdiction["civil"]
    civil.phone = "0999-11112222"
    civil.save()
    html = _get("portal:guide", civil.credit_code)
    assert "0999-11112222" in html and "0999-87654321" not in html


def test_the_guide_names_the_disclosure_office_where_case_officers_sit(jurisdiction, make_user, catalog):
    civil = jurisdiction["civil"]
    office = civil.departments.get(name="办公室")
    officer = make_user()
    membership_grant(actor=None, user=officer, agency=civil, role=Role.CASE_OFFICER, department=office)
    department_create(actor=None, agency=civil, name="档案室")  # no case officer: not the disclosure office
    html = _get("portal:guide", civil.credit_code)
    assert "江源市民政局办公室" in html and "档案室" not in html


@pytest.mark.parametrize(
    ("fee_method", "shown", "hidden"),
    [("per_piece", "按件计收", "元/页"), ("per_page", "按量计收", "元/件")],
)
def test_the_guide_states_the_agencys_one_fee_method_and_its_remedy_bodies(
    jurisdiction, catalog, fee_method, shown, hidden
):
    # 国办函〔2020〕109号 第三条；条例 第五十一条
    civil = jurisdiction["civil"]
    FoiSettings.objects.create(
        agency=civil,
        letter_prefix="江民公开",
        reconsideration_body="江源市人民政府",
        court="江源市江城区人民法院",
        fee_method=fee_method,
    )
    html = _get("portal:guide", civil.credit_code)
    assert shown in html and hidden not in html
    assert "向江源市人民政府申请行政复议" in html and "向江源市江城区人民法院提起行政诉讼" in html
    assert "江源市人民政府办公室" in html  # the supervisor, for complaints (第四十七条)


def test_without_request_settings_the_guide_charges_per_piece_and_names_generic_bodies(jurisdiction, catalog):
    html = _get("portal:guide", jurisdiction["county_civil"].credit_code)
    assert "按件计收" in html and "本机关的行政复议机关" in html and "有管辖权的人民法院" in html
    assert "3月31日" not in html and "1月31日" in html  # a department (第四十九条)


def test_a_governments_guide_gives_the_march_deadline(jurisdiction):
    html = _get("portal:guide", jurisdiction["county"].credit_code)
    assert "每年3月31日前" in html  # 条例 第四十九条第二款


def test_the_rules_page_lists_the_national_rules_and_the_agencys_published_rules(
    jurisdiction, rules_category, make_item
):
    make_item("江源市民政局政府信息公开保密审查制度", code=rules_category.code, doc_number="江民发〔2026〕3号")
    make_item("江源市民政局依申请公开办理规程（征求意见稿）", code=rules_category.code, state=ItemState.DRAFT)
    make_item("2026年10月城市低保名单")  # another category: not a rule
    html = _get("portal:rules", jurisdiction["civil"].credit_code)
    for rule in NATIONAL_RULES:
        assert rule.title in html and rule.document in html
    assert "江源市民政局政府信息公开保密审查制度" in html and "江民发〔2026〕3号" in html
    assert "征求意见稿" not in html and "城市低保名单" not in html
    assert reverse("disclosure_public:category_feed_rss", args=[jurisdiction["civil"].credit_code, "G01"]) in html


def test_the_rules_page_without_a_rules_category_still_shows_the_national_rules(jurisdiction, catalog):
    catalog.filter(code="G01").delete()  # an agency whose catalog predates the column, before migrating
    html = _get("portal:rules", jurisdiction["civil"].credit_code)
    assert len(NATIONAL_RULES) >= 2 and "中华人民共和国国务院令第711号（2019年修订）" in html  # 条例 itself
    assert [rule.title for rule in NATIONAL_RULES if rule.title not in html] == []
    assert 'rel="alternate"' not in html


def test_the_annual_reports_page_is_a_placeholder_with_the_deadline(jurisdiction):
    html = _get("portal:annual_reports", jurisdiction["civil"].credit_code)
    assert 'role="status"' in html and "1月31日" in html
    assert 'aria-current="page"' in html


@pytest.mark.parametrize(("name", "queries"), [("portal:agency", 2), ("portal:guide", 4), ("portal:rules", 4)])
def test_column_pages_make_a_fixed_number_of_queries(
    jurisdiction, rules_category, make_item, django_assert_max_num_queries, name, queries
):
    for n in range(6):
        make_item(f"第{n}号制度", code=rules_category.code)
        make_item(f"第{n}期名单")
    with django_assert_max_num_queries(queries):
        Client().get(reverse(name, args=[jurisdiction["civil"].credit_code]))
