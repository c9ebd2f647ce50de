"""Staff-side flags: a published policy without its published interpretation (政策解读同步发布), and late publication
(条例 第二十六条: within 20 working days of the information being formed) — on the worklist (filter and badge) and on
the item's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.disclosure import selectors, services
from gongkai.disclosure.models import CatalogItem, NormativeKind


def _published(staff, agency, category, title, *, on, formed_on=None, **meta) -> CatalogItem:
    item = services.item_create(
        actor=staff["drafter"], agency=agency, category=category, title=title, formed_on=formed_on, **meta
    )
    services.item_submit(actor=staff["drafter"], item=item)
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=on)
    return item


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# 条例 第二十六条: 20 working days after the date of writing (the start day never counts; weekends and holidays not).
ARTICLE_26_CASES = [
    # formed on, published on, due by, late
    (dt.date(2026, 11, 2), dt.date(2026, 11, 30), dt.date(2026, 11, 30), False),  # on the 20th working day
    (dt.date(2026, 11, 2), dt.date(2026, 12, 1), dt.date(2026, 11, 30), True),  # one day later
    (dt.date(2026, 9, 20), dt.date(2026, 10, 23), dt.date(2026, 10, 23), False),  # across the National Day week
    (dt.date(2025, 12, 20), dt.date(2026, 1, 20), dt.date(2026, 1, 19), True),  # across the year end
    (dt.date(2026, 11, 20), dt.date(2026, 11, 20), dt.date(2026, 12, 18), False),  # published the same day
]


@pytest.mark.parametrize(("formed_on", "published_on", "due", "late"), ARTICLE_26_CASES)
def test_article_26_late_publication_is_flagged(jurisdiction, staff, catalog, formed_on, published_on, due, late):
    item = _published(
        staff, jurisdiction["civil"], catalog.get(code="M02"), "养老服务通知", on=published_on, formed_on=formed_on
    )
    assert item.publication_due_on == due
    flagged = selectors.worklist(staff["drafter"], flag=selectors.FLAG_PUBLISHED_LATE)
    assert list(flagged) == ([item] if late else [])


def test_an_item_without_a_date_of_writing_is_never_late(jurisdiction, staff, catalog):
    item = _published(staff, jurisdiction["civil"], catalog.get(code="M02"), "工作动态", on=dt.date(2026, 11, 23))
    assert item.publication_due_on is None
    assert not selectors.worklist(staff["drafter"], flag=selectors.FLAG_PUBLISHED_LATE).exists()


def test_a_policy_is_flagged_until_its_interpretation_is_published(jurisdiction, staff, catalog):
    civil, a01 = jurisdiction["civil"], catalog.get(code="A01")
    policy = _published(
        staff,
        civil,
        a01,
        "江源市最低生活保障实施办法",
        on=dt.date(2026, 11, 2),
        normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
    )
    _published(staff, civil, catalog.get(code="M02"), "工作动态", on=dt.date(2026, 11, 2))
    flag = selectors.FLAG_LACKS_INTERPRETATION
    assert list(selectors.worklist(staff["drafter"], flag=flag)) == [policy]
    assert list(selectors.policies_without_interpretation(civil)) == [policy]
    # A draft interpretation does not count: 同步发布 means published with the policy.
    draft = services.item_create(
        actor=staff["drafter"], agency=civil, category=a01, title="《实施办法》政策解读", interprets=policy
    )
    assert list(selectors.worklist(staff["drafter"], flag=flag)) == [policy]
    services.item_submit(actor=staff["drafter"], item=draft)
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        draft = services.item_decide(actor=user, item=draft, approved=True, today=dt.date(2026, 11, 3))
    assert not selectors.worklist(staff["drafter"], flag=flag).exists()
    assert not selectors.policies_without_interpretation(civil).exists()


def test_the_worklist_shows_badges_and_filters_in_a_fixed_number_of_queries(
    jurisdiction, staff, catalog, django_assert_max_num_queries
):
    civil = jurisdiction["civil"]
    for n in range(6):
        _published(
            staff,
            civil,
            catalog.get(code="A01"),
            f"规范性文件{n}",
            on=dt.date(2026, 12, 1),
            formed_on=dt.date(2026, 11, 2),
            normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
        )
    services.item_create(
        actor=staff["drafter"], agency=civil, category=catalog.get(code="M02"), title="起草中的养老通知"
    )
    client = _login(staff["drafter"])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("disclosure_staff:worklist")).content.decode()
    assert page.count('class="badge warn"') == 6 and page.count('class="badge bad"') == 6
    with django_assert_max_num_queries(8):
        late = client.get(reverse("disclosure_staff:worklist"), {"flag": selectors.FLAG_PUBLISHED_LATE})
    assert "规范性文件0" in late.content.decode() and "起草中的养老通知" not in late.content.decode()


def test_the_item_page_shows_the_flags_and_the_article_26_due_date(jurisdiction, staff, catalog):
    item = _published(
        staff,
        jurisdiction["civil"],
        catalog.get(code="A01"),
        "江源市临时救助办法",
        on=dt.date(2026, 12, 1),
        formed_on=dt.date(2026, 11, 2),
        normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
    )
    page = _login(staff["drafter"]).get(reverse("disclosure_staff:detail", args=[item.pk])).content.decode()
    assert "2026年11月30日" in page and 'class="badge bad"' in page and 'class="badge warn"' in page
    draft = services.item_create(
        actor=staff["drafter"],
        agency=jurisdiction["civil"],
        category=catalog.get(code="M02"),
        title="去年的统计",
        formed_on=dt.date(2025, 1, 6),
    )
    page = _login(staff["drafter"]).get(reverse("disclosure_staff:detail", args=[draft.pk])).content.decode()
    assert "2025年2月" in page and 'class="badge bad"' in page  # a draft past its Art. 26 date


def test_flags_of_another_agency_stay_hidden(jurisdiction, staff, catalog, client_for):
    _published(
        staff,
        jurisdiction["civil"],
        catalog.get(code="A01"),
        "江源市规范性文件",
        on=dt.date(2026, 11, 2),
        normative_kind=NormativeKind.RULE,
    )
    flag = {"flag": selectors.FLAG_LACKS_INTERPRETATION}
    own = _login(staff["drafter"]).get(reverse("disclosure_staff:worklist"), flag)
    assert "江源市规范性文件" in own.content.decode()  # flagged for its own agency …
    other = client_for(Role.DRAFTER, jurisdiction["county_civil"])
    page = other.get(reverse("disclosure_staff:worklist"), flag)
    assert page.status_code == 200
    assert "江源市规范性文件" not in page.content.decode()  # … and not shown to another's
