"""Separation of duties in the review chain (初审 → 保密审查 → 签发; internal control, disclosure.separation).

By default one person takes one step of an item in a round, and the drafter reviews none of their own item; an
agency may allow either in its disclosure settings, and each decision relying on it is audited as an override."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import DisclosureSettings, ItemState
from gongkai.disclosure.separation import OVERRIDE_ACTION, settings_for

STEPS = ("科室负责人初审", "保密审查", "分管领导签发")


@pytest.fixture
def people(jurisdiction, make_user, catalog):
    """Four colleagues of the city 民政局, each holding every role of the chain, so only the separation decides."""
    civil = jurisdiction["civil"]
    users = {}
    for name in "ABCD":
        users[name] = make_user(Role.DRAFTER, civil, username=name)
        for role in (Role.REVIEWER, Role.APPROVER):
            membership_grant(actor=None, user=users[name], agency=civil, role=role)
    return users


def _submitted(people, drafter: str, catalog):
    item = services.item_create(
        actor=people[drafter], agency=catalog.first().agency, category=catalog.get(code="A01"), title="关于某事的通知"
    )
    return services.item_submit(actor=people[drafter], item=item)


def _overrides(item) -> list[dict]:
    entries = AuditEntry.objects.filter(action=OVERRIDE_ACTION, object_id=str(item.pk)).order_by("seq")
    return [entry.changes for entry in entries]


# (drafter, who takes 初审 / 保密审查 / 签发, allow_two_steps, allow_drafter_review) →
#   (the refusal's code and the step it stops at, or None when published; overrides audited)
SAME = "disclosure.same_person_steps"
DRAFTER = "disclosure.drafter_reviews"
CASES = [
    ("A", "BCD", False, False, None, 0),  # four people: the usual chain
    ("A", "BBD", False, False, (SAME, 2), 0),  # 初审 and 保密审查 by one person
    ("A", "BCB", False, False, (SAME, 3), 0),  # 初审 and 签发 by one person
    ("A", "BCC", False, False, (SAME, 3), 0),  # 保密审查 and 签发 by one person
    ("A", "ACD", False, False, (DRAFTER, 1), 0),  # the drafter takes 初审
    ("A", "BCA", False, False, (DRAFTER, 3), 0),  # the drafter signs their own item
    ("A", "BBD", True, False, None, 1),  # allowed: the second step is an override
    ("A", "BBB", True, False, None, 2),  # one reviewer for the whole chain: two overrides
    ("A", "ACD", True, False, (DRAFTER, 1), 0),  # two steps allowed does not let the drafter review
    ("A", "ACD", False, True, None, 1),  # the drafter may review: one override
    ("A", "AAD", False, True, (SAME, 2), 1),  # … but not take two steps (the first override stays recorded)
    ("A", "AAA", True, True, None, 3),  # a one-person office: every step an override
]


@pytest.mark.parametrize(("drafter", "deciders", "two_steps", "drafter_reviews", "refusal", "overrides"), CASES)
def test_one_person_takes_one_step_unless_the_agency_allows_it(
    people, catalog, drafter, deciders, two_steps, drafter_reviews, refusal, overrides
):
    agency = catalog.first().agency
    if two_steps or drafter_reviews:
        services.settings_set(
            actor=None, agency=agency, allow_two_steps=two_steps, allow_drafter_review=drafter_reviews
        )
    item = _submitted(people, drafter, catalog)
    for position, name in enumerate(deciders, start=1):
        if refusal and position == refusal[1]:
            with pytest.raises(ValidationError) as refused:
                services.item_decide(actor=people[name], item=item, approved=True)
            assert refused.value.code == refusal[0]
            item.refresh_from_db()
            assert item.state == ItemState.IN_REVIEW and item.review_step == position - 1
            break
        item = services.item_decide(actor=people[name], item=item, approved=True)
    else:
        assert item.state == ItemState.PUBLISHED
    assert len(_overrides(item)) == overrides


def test_the_refusals_say_in_chinese_which_steps_collide(people, catalog):
    item = _submitted(people, "A", catalog)
    with pytest.raises(ValidationError) as refused:
        services.item_decide(actor=people["A"], item=item, approved=True)
    assert refused.value.messages == ["起草人不能审查自己起草的信息，请由另一位同事办理“科室负责人初审”。"]
    item = services.item_decide(actor=people["B"], item=item, approved=True)
    with pytest.raises(ValidationError) as refused:
        services.item_decide(actor=people["B"], item=item, approved=True)
    assert refused.value.messages == [
        "同一人不能既“科室负责人初审”又“保密审查”同一条信息，请由另一位同事办理“保密审查”。"
    ]


def test_a_rejection_decided_by_someone_who_took_an_earlier_step_is_refused_too(people, catalog):
    item = _submitted(people, "A", catalog)
    item = services.item_decide(actor=people["B"], item=item, approved=True)
    with pytest.raises(ValidationError, match="同一人不能既"):
        services.item_decide(actor=people["B"], item=item, approved=False, opinion="退回")


def test_a_new_round_after_a_return_starts_afresh(people, catalog):
    """Who took which step counts within one round: after a return, the chain is taken again from 初审."""
    item = _submitted(people, "A", catalog)
    item = services.item_decide(actor=people["B"], item=item, approved=True)
    item = services.item_decide(actor=people["C"], item=item, approved=False, opinion="涉密内容未删除")
    item = services.item_submit(actor=people["A"], item=item)
    for name in "CBD":  # C now takes 初审, B 保密审查
        item = services.item_decide(actor=people[name], item=item, approved=True)
    assert item.state == ItemState.PUBLISHED and _overrides(item) == []


def test_each_override_names_the_steps(people, catalog):
    services.settings_set(actor=None, agency=catalog.first().agency, allow_two_steps=True, allow_drafter_review=True)
    item = _submitted(people, "A", catalog)
    for name in "AAB":
        item = services.item_decide(actor=people[name], item=item, approved=True)
    assert _overrides(item) == [
        {"step": STEPS[0], "earlier_steps": [], "drafter": True},
        {"step": STEPS[1], "earlier_steps": [STEPS[0]], "drafter": True},
    ]
    actor = AuditEntry.objects.filter(action=OVERRIDE_ACTION).values_list("actor_id", flat=True).first()
    assert actor == people["A"].pk


def test_the_settings_are_strict_until_changed_and_each_change_is_audited(jurisdiction):
    civil = jurisdiction["civil"]
    assert not settings_for(civil).allow_two_steps and not settings_for(civil).allow_drafter_review
    assert not DisclosureSettings.objects.exists()  # the defaults need no row
    services.settings_set(actor=None, agency=civil, allow_two_steps=True, allow_drafter_review=False)
    assert settings_for(civil).allow_two_steps
    entry = AuditEntry.objects.get(action="disclosure.settings.set")
    assert entry.changes == {"allow_two_steps": [False, True], "allow_drafter_review": [False, False]}
    assert not settings_for(jurisdiction["county_civil"]).allow_two_steps  # per agency


def test_the_system_admin_edits_an_agencys_settings_in_the_admin(jurisdiction, make_user):
    client = Client()
    admin = make_user(superuser=True)
    client.force_login(admin)
    civil = jurisdiction["civil"]
    assert client.get("/admin/disclosure/disclosuresettings/").status_code == 200
    response = client.post("/admin/disclosure/disclosuresettings/add/", {"agency": civil.pk, "allow_two_steps": "on"})
    assert response.status_code == 302
    settings = DisclosureSettings.objects.get(agency=civil)
    assert settings.allow_two_steps and not settings.allow_drafter_review
    assert client.get(f"/admin/disclosure/disclosuresettings/{settings.pk}/change/").status_code == 200
    assert AuditEntry.objects.filter(action="disclosure.settings.set", actor=admin).count() == 1
