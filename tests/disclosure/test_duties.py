"""Duties create dated instances through `gongkai tick`; unfinished ones turn overdue; a published item fulfils."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import duties, services
from gongkai.disclosure.models import CatalogItem, Duty, DutyInstance


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
        duties.duty_fulfil(actor=None, instance=instance, item=item)
    services.item_submit(actor=staff["drafter"], item=item)
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=dt.date(2026, 11, 9))
    duties.duty_fulfil(actor=None, instance=instance, item=item)
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
    assert not Duty.objects.exists()


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


# --- fulfilling a period --------------------------------------------------------------------------------------


def _publish(staff, agency, category, title, on: dt.date) -> CatalogItem:
    item = services.item_create(actor=staff["drafter"], agency=agency, category=category, title=title)
    services.item_submit(actor=staff["drafter"], item=item)
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=on)
    return item


@pytest.fixture
def monthly(jurisdiction, catalog):
    """The 低保 list, monthly by the 10th of the next month, in 社会救助 (M01); October 2026 due 2026-11-10."""
    duty = duties.duty_create(
        actor=None,
        agency=jurisdiction["civil"],
        name="城乡低保对象名单（每月）",
        recurrence="monthly",
        day=10,
        category=catalog.get(code="M01"),
        starts_on=dt.date(2026, 10, 1),
        today=dt.date(2026, 11, 5),
    )
    return duty.instances.get(period_label="2026年10月")


def test_a_period_is_fulfilled_only_by_a_fitting_published_item(jurisdiction, staff, catalog, monthly, make_user):
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    services.catalog_seed(actor=None, agency=county)
    county_staff = {role: make_user(role, county) for role in ("drafter", "reviewer", "approver")}
    county_staff["secrecy"] = make_user("reviewer", county)
    refused = {
        "another agency": _publish(
            county_staff, county, county.catalog_categories.get(code="M01"), "青山县名单", dt.date(2026, 11, 9)
        ),
        "another category": _publish(staff, civil, catalog.get(code="M02"), "养老动态", dt.date(2026, 11, 9)),
        "before the period": _publish(staff, civil, catalog.get(code="M01"), "9月名单", dt.date(2026, 9, 30)),
        "not published": services.item_create(
            actor=staff["drafter"], agency=civil, category=catalog.get(code="M01"), title="草拟的名单"
        ),
    }
    codes = {
        "another agency": "disclosure.duty_item",
        "another category": "disclosure.duty_item_category_since",
        "before the period": "disclosure.duty_item_category_since",
        "not published": "disclosure.duty_item",
    }
    for reason, item in refused.items():
        with pytest.raises(ValidationError) as error:
            duties.duty_fulfil(actor=staff["drafter"], instance=monthly, item=item)
        assert [e.code for e in error.value.error_dict["item"]] == [codes[reason]], reason
        assert DutyInstance.objects.get(pk=monthly.pk).fulfilled_by is None, reason
    assert error.value.messages == ["只能用本机关已发布的信息履行该公开义务。"]
    with pytest.raises(ValidationError) as error:
        duties.duty_fulfil(actor=staff["drafter"], instance=monthly, item=refused["before the period"])
    assert error.value.messages == [f"请选择“{catalog.get(code='M01').name}”类目中2026年10月1日以后发布的信息。"]
    fitting = _publish(staff, civil, catalog.get(code="M01"), "2026年10月城市低保名单", dt.date(2026, 11, 12))
    assert list(duties.fulfil_candidates(monthly)) == [fitting]
    duties.duty_fulfil(actor=staff["drafter"], instance=monthly, item=fitting)
    monthly.refresh_from_db()
    assert (monthly.fulfilled_by, monthly.fulfilled_on) == (fitting, dt.date(2026, 11, 12))
    entry = AuditEntry.objects.get(action="disclosure.duty.fulfil")
    assert entry.changes["late"] is True and entry.changes["period"] == "2026年10月"
    with pytest.raises(ValidationError, match="已经履行"):
        duties.duty_fulfil(actor=staff["drafter"], instance=monthly, item=fitting)


# --- defining duties ------------------------------------------------------------------------------------------

BAD_RULES = [
    # field, value, message
    ("name", "  ", "名称"),
    ("recurrence", "weekly", "每月、每季度、每半年或每年"),
    ("months_after", 13, "0 到 12"),
    ("day", 0, "1 到 31"),
    ("day", 32, "1 到 31"),
    ("month", 5, "只有每年一次"),  # a fixed month on a monthly duty
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_RULES)
def test_a_bad_rule_is_refused_with_a_chinese_message_and_nothing_is_saved(jurisdiction, field, value, message):
    fields = {"name": "低保名单", "recurrence": "monthly", "day": 10, "starts_on": dt.date(2026, 1, 1), field: value}
    with pytest.raises(ValidationError, match=message):
        duties.duty_create(actor=None, agency=jurisdiction["civil"], **fields)
    assert not Duty.objects.exists() and not AuditEntry.objects.filter(action__startswith="disclosure.duty").exists()


def test_a_yearly_month_out_of_range_and_a_foreign_category_are_refused(jurisdiction, catalog):
    with pytest.raises(ValidationError, match="1 到 12"):
        duties.duty_create(
            actor=None,
            agency=jurisdiction["civil"],
            name="预算",
            recurrence="yearly",
            month=13,
            starts_on=dt.date(2026, 1, 1),
        )
    with pytest.raises(ValidationError, match="本机关目录"):
        duties.duty_create(
            actor=None,
            agency=jurisdiction["county_civil"],
            name="名单",
            recurrence="monthly",
            category=catalog.get(code="M01"),
            starts_on=dt.date(2026, 1, 1),
        )


def test_editing_keeps_existing_periods_and_refuses_a_new_recurrence(jurisdiction, monthly):
    duty = monthly.duty
    duties.duty_update(actor=None, duty=duty, name="城乡低保对象名单", day=15)
    duty.refresh_from_db()
    assert (duty.name, duty.day) == ("城乡低保对象名单", 15)
    assert DutyInstance.objects.get(pk=monthly.pk).due_on == dt.date(2026, 11, 10)  # already listed: unchanged
    entry = AuditEntry.objects.filter(action="disclosure.duty.update").get()
    assert entry.changes == {"name": ["城乡低保对象名单（每月）", "城乡低保对象名单"], "day": [10, 15]}
    with pytest.raises(ValidationError, match="不能再改周期"):
        duties.duty_update(actor=None, duty=duty, recurrence="quarterly")
    assert Duty.objects.get(pk=duty.pk).recurrence == "monthly"


def test_a_deactivated_duty_leaves_the_dashboard_and_makes_no_new_periods(jurisdiction, monthly):
    duties.duty_set_active(actor=None, duty=monthly.duty, active=False)
    board = duties.dashboard({jurisdiction["civil"].pk}, today=dt.date(2026, 12, 1))
    assert list(board["overdue"]) == [] and list(board["due"]) == []
    assert duties.instances_generate(today=dt.date(2027, 6, 1)) == 0
    assert AuditEntry.objects.filter(action="disclosure.duty.deactivate").count() == 1
    duties.duty_set_active(actor=None, duty=monthly.duty, active=True)
    assert duties.instances_generate(today=dt.date(2026, 12, 1)) == 1  # 2026年11月


# --- the pages ------------------------------------------------------------------------------------------------


def test_an_admin_creates_edits_and_deactivates_a_duty_through_the_pages(jurisdiction, catalog, client_for):
    civil = jurisdiction["civil"]
    admin = client_for(Role.AGENCY_ADMIN, civil)
    data = {
        "name": "部门预算（5月31日前）",
        "category": catalog.get(code="A07").pk,
        "recurrence": "yearly",
        "months_after": "",
        "day": "31",
        "month": "5",
        "starts_on": "2025-01-01",
    }
    assert admin.post(reverse("disclosure_staff:duty_new", args=[civil.pk]), data).status_code == 302
    duty = Duty.objects.get()
    assert (duty.month, duty.day, duty.months_after) == (5, 31, 1)
    assert duty.instances.filter(period_label="2025年度", due_on=dt.date(2025, 5, 31)).exists()  # listed at once
    bad = admin.post(reverse("disclosure_staff:duty_edit", args=[duty.pk]), {**data, "day": "40"})
    assert bad.status_code == 200 and "1 到 31" in bad.content.decode()
    assert Duty.objects.get().day == 31
    admin.post(reverse("disclosure_staff:duty_active", args=[duty.pk]), {"active": "0"})
    assert not Duty.objects.get().active


def test_duty_pages_are_for_admins_of_the_agency(jurisdiction, catalog, client_for, monthly):
    civil, duty = jurisdiction["civil"], monthly.duty
    drafter = client_for(Role.DRAFTER, civil)
    assert drafter.get(reverse("disclosure_staff:duty_new", args=[civil.pk])).status_code == 403
    assert drafter.get(reverse("disclosure_staff:duty_edit", args=[duty.pk])).status_code == 403
    assert drafter.post(reverse("disclosure_staff:duty_active", args=[duty.pk]), {"active": "0"}).status_code == 403
    other = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert other.get(reverse("disclosure_staff:duty_new", args=[civil.pk])).status_code == 404
    assert other.get(reverse("disclosure_staff:duty_edit", args=[duty.pk])).status_code == 404
    assert other.post(reverse("disclosure_staff:duty_active", args=[duty.pk]), {"active": "0"}).status_code == 404
    assert other.get(reverse("disclosure_staff:fulfil", args=[monthly.pk])).status_code == 404
    assert (
        client_for(Role.REVIEWER, civil).get(reverse("disclosure_staff:fulfil", args=[monthly.pk])).status_code == 403
    )
    assert Duty.objects.get().active


def test_a_drafter_fulfils_a_period_through_the_page(jurisdiction, staff, catalog, monthly):
    civil = jurisdiction["civil"]
    other_category = _publish(staff, civil, catalog.get(code="M02"), "养老动态", dt.date(2026, 11, 9))
    fitting = _publish(staff, civil, catalog.get(code="M01"), "2026年10月城市低保名单", dt.date(2026, 11, 9))
    client = Client()
    client.force_login(staff["drafter"])
    url = reverse("disclosure_staff:fulfil", args=[monthly.pk])
    page = client.get(url).content.decode()
    assert "2026年10月城市低保名单" in page and "养老动态" not in page
    assert client.post(url, {"item": other_category.pk}).status_code == 200  # not offered, refused
    assert DutyInstance.objects.get(pk=monthly.pk).fulfilled_by is None
    assert client.post(url, {"item": fitting.pk}).status_code == 302
    assert DutyInstance.objects.get(pk=monthly.pk).fulfilled_by == fitting


def test_the_dashboard_makes_a_fixed_number_of_queries(
    jurisdiction, catalog, client_for, django_assert_max_num_queries
):
    civil = jurisdiction["civil"]
    for n in range(4):
        duties.duty_create(
            actor=None,
            agency=civil,
            name=f"义务{n}",
            recurrence="monthly",
            day=10,
            category=catalog.get(code="M01"),
            starts_on=dt.date(2026, 1, 1),
            today=dt.date(2026, 11, 23),
        )
    client = client_for(Role.AGENCY_ADMIN, civil)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("disclosure_staff:duties")).content.decode()
    assert page.count(reverse("disclosure_staff:duty_edit", args=[Duty.objects.first().pk])) == 1
    assert "义务3" in page
