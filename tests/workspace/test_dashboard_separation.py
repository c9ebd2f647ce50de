"""我的工作 and the separation of duties (disclosure.separation): a review step the user could not take — an earlier
step of the same item taken by them in its current round, or their own draft — is not on their to-do list, unless
the agency's DisclosureSettings allow it; the list is still read in one query."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.disclosure import selectors, separation
from gongkai.disclosure import services as disclosure_services
from gongkai.workspace import dashboard

FRI = dt.date(2026, 11, 13)


@pytest.fixture
def office(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    disclosure_services.catalog_seed(actor=None, agency=civil)
    return {
        "agency": civil,
        "category": civil.catalog_categories.get(code="M01"),
        "drafter": make_user(Role.DRAFTER, civil, username="drafter"),
        "first": make_user(Role.REVIEWER, civil, username="first"),  # 初审 and 保密审查 are both the reviewer's role
        "second": make_user(Role.REVIEWER, civil, username="second"),
    }


def _item(office, title: str, *, drafter=None):
    drafter = drafter or office["drafter"]
    item = disclosure_services.item_create(
        actor=drafter, agency=office["agency"], category=office["category"], title=title, formed_on=FRI
    )
    return disclosure_services.item_submit(actor=drafter, item=item)


def _secrecy_review(user) -> list[str]:
    """The titles on the user's 待保密审查 card (the chain's second step), [] without the card."""
    board = dashboard.build(user, today=FRI)
    cards = {card.key: card for block in board.agencies for card in block.cards}
    return [line.label for line in cards["review-1"].lines] if "review-1" in cards else []


def test_who_took_the_first_step_does_not_see_the_second(office):
    item = _item(office, "低保名单")
    disclosure_services.item_decide(actor=office["first"], item=item, approved=True)  # 初审 by first
    assert _secrecy_review(office["first"]) == []  # separation.check_separation would refuse them
    assert _secrecy_review(office["second"]) == ["低保名单"]


def test_an_agency_allowing_two_steps_keeps_the_item_on_the_list(office):
    item = _item(office, "低保名单")
    disclosure_services.item_decide(actor=office["first"], item=item, approved=True)
    separation.settings_set(actor=None, agency=office["agency"], allow_two_steps=True, allow_drafter_review=False)
    assert _secrecy_review(office["first"]) == ["低保名单"]


def test_a_return_starts_a_new_round(office):
    item = _item(office, "低保名单")
    item = disclosure_services.item_decide(actor=office["first"], item=item, approved=True)  # round 1: 初审 by first
    item = disclosure_services.item_decide(actor=office["second"], item=item, approved=False, opinion="附件不全")
    item = disclosure_services.item_submit(actor=office["drafter"], item=item)
    disclosure_services.item_decide(actor=office["second"], item=item, approved=True)  # round 2: 初审 by second
    assert _secrecy_review(office["first"]) == ["低保名单"]  # first's step was in the earlier round
    assert _secrecy_review(office["second"]) == []


def test_a_drafter_holding_the_reviewer_role_does_not_see_their_own_item(office):
    membership_grant(actor=None, user=office["first"], agency=office["agency"], role=Role.DRAFTER)
    _item(office, "自己起草的", drafter=office["first"])
    _item(office, "别人起草的")
    board = dashboard.build(office["first"], today=FRI)
    first_step = {card.key: card for block in board.agencies for card in block.cards}["review-0"]
    assert [line.label for line in first_step.lines] == ["别人起草的"] and first_step.count == 1
    separation.settings_set(actor=None, agency=office["agency"], allow_two_steps=False, allow_drafter_review=True)
    board = dashboard.build(office["first"], today=FRI)
    first_step = {card.key: card for block in board.agencies for card in block.cards}["review-0"]
    assert first_step.count == 2


def test_the_list_is_one_query_however_many_items_and_decisions(office, django_assert_num_queries):
    roles = {office["agency"].pk: {Role.REVIEWER}}
    for n in range(2):
        disclosure_services.item_decide(actor=office["first"], item=_item(office, f"条目{n}"), approved=True)
    with django_assert_num_queries(1):
        small = selectors.review_todo(roles, user=office["first"])
    for n in range(2, 12):
        item = _item(office, f"条目{n}")
        item = disclosure_services.item_decide(actor=office["first"], item=item, approved=True)
        item = disclosure_services.item_decide(actor=office["second"], item=item, approved=False, opinion="退回")
        item = disclosure_services.item_submit(actor=office["drafter"], item=item)
        disclosure_services.item_decide(actor=office["second"], item=item, approved=True)
    with django_assert_num_queries(1):
        large = selectors.review_todo(roles, user=office["first"])
    assert small == {}  # first took 初审 of both: nothing awaits them
    (step,) = large[office["agency"].pk]  # only 保密审查: the items second took 初审 of in their current round
    assert step["name"] == "保密审查" and step["count"] == 10
