"""Duties create dated instances through `gongkai tick`; unfinished ones turn overdue; a published item fulfils."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.disclosure import duties, services
from gongkai.disclosure.models import DutyInstance


def test_quarterly_duty_creates_four_instances_and_one_turns_overdue(jurisdiction):
    civil = jurisdiction["civil"]
    duty = duties.duty_create(
        actor=None,
        agency=civil,
        name="困难群众救助情况（季度）",
        recurrence="quarterly",
        months_after=2,
        starts_on=dt.date(2026, 1, 1),
    )
    assert duties.instances_generate(today=dt.date(2027, 1, 20)) == 4
    assert duties.instances_generate(today=dt.date(2027, 1, 20)) == 0  # idempotent
    dues = list(duty.instances.values_list("period_label", "due_on"))
    assert dues == [
        ("2026年第1季度", dt.date(2026, 5, 31)),
        ("2026年第2季度", dt.date(2026, 8, 31)),
        ("2026年第3季度", dt.date(2026, 11, 30)),
        ("2026年第4季度", dt.date(2027, 2, 28)),
    ]
    board = duties.dashboard({civil.pk}, today=dt.date(2026, 12, 1))
    assert [i.period_label for i in board["overdue"]] == ["2026年第1季度", "2026年第2季度", "2026年第3季度"]
    assert [i.period_label for i in board["due"]] == ["2026年第4季度"]


def test_a_published_item_fulfils_an_instance(jurisdiction, staff, catalog):
    civil = jurisdiction["civil"]
    duty = duties.duty_create(
        actor=None, agency=civil, name="低保名单", recurrence="monthly", day=10, starts_on=dt.date(2026, 10, 1)
    )
    duties.instances_generate(today=dt.date(2026, 11, 5))
    instance = duty.instances.get(period_label="2026年10月")
    item = services.item_create(actor=staff["drafter"], agency=civil, category=catalog.get(code="M01"), title="名单")
    with pytest.raises(ValidationError, match="已发布"):
        duties.instance_fulfil(actor=None, instance=instance, item=item)
    services.item_submit(actor=staff["drafter"], item=item)
    for user in (staff["reviewer"], staff["reviewer"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=dt.date(2026, 11, 9))
    duties.instance_fulfil(actor=None, instance=instance, item=item)
    board = duties.dashboard({civil.pk}, today=dt.date(2026, 11, 23))
    assert instance not in board["overdue"] and instance in list(board["done"])


def test_tick_generates_instances(jurisdiction):
    duties.duty_create(
        actor=None,
        agency=jurisdiction["civil"],
        name="部门预算",
        recurrence="yearly",
        month=5,
        day=31,
        starts_on=dt.date(2025, 1, 1),
    )
    out = io.StringIO()
    call_command("tick", stdout=out, stderr=io.StringIO())
    assert DutyInstance.objects.count() >= 2 and "主动公开义务" in out.getvalue()


def test_bad_rule_is_refused(jurisdiction):
    with pytest.raises(ValidationError, match="1 到 31"):
        duties.duty_create(
            actor=None,
            agency=jurisdiction["civil"],
            name="x",
            recurrence="monthly",
            day=40,
            starts_on=dt.date(2026, 1, 1),
        )


def test_dashboard_page_is_scoped(jurisdiction, client_for):
    duties.duty_create(
        actor=None,
        agency=jurisdiction["civil"],
        name="江源低保名单",
        recurrence="monthly",
        day=10,
        starts_on=dt.date(2026, 1, 1),
    )
    duties.instances_generate(today=dt.date(2026, 11, 23))
    own = client_for(Role.DRAFTER, jurisdiction["civil"]).get(reverse("disclosure_staff:duties")).content.decode()
    other = client_for(Role.DRAFTER, jurisdiction["county_civil"]).get(reverse("disclosure_staff:duties"))
    assert "江源低保名单" in own and "江源低保名单" not in other.content.decode()
