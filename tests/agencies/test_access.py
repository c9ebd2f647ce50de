"""Agency scoping: a user sees only the agencies its memberships allow; supervisors read (never write) below them.

Extend ``SCOPED_PAGES`` as modules land: every staff page of one agency must answer 404 to another agency's staff.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.access import access_for, agencies_below
from gongkai.agencies.models import Role

SCOPED_PAGES = [
    "workspace:agency_detail",
    "workspace:agency_edit",
    "workspace:department_add",
    "workspace:agency_audit",
    "foi_staff:register",
    "foi_staff:settings",
    "disclosure_staff:new",
    "disclosure_staff:chain",
    "disclosure_staff:duty_new",
    "cases_staff:create",
    "cases_staff:figures",
    "workplan_staff:upload",
]


@pytest.mark.parametrize("page", SCOPED_PAGES)
def test_staff_of_agency_a_get_404_on_every_page_of_agency_b(jurisdiction, client_for, page):
    county_officer = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    response = county_officer.get(reverse(page, args=[jurisdiction["civil"].pk]))
    assert response.status_code == 404
    own = county_officer.get(reverse(page, args=[jurisdiction["county_civil"].pk]))
    assert own.status_code == 200


def test_agency_b_is_not_listed_to_staff_of_agency_a(jurisdiction, client_for):
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    html = client.get(reverse("workspace:agency_list")).content.decode()
    assert "青山县民政局" in html
    assert "江源市民政局" not in html and "江源市人民政府" not in html


def test_post_to_another_agency_changes_nothing(jurisdiction, client_for):
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    response = client.post(reverse("workspace:agency_edit", args=[jurisdiction["civil"].pk]), {"name": "被篡改"})
    assert response.status_code == 404
    jurisdiction["civil"].refresh_from_db()
    assert jurisdiction["civil"].name == "江源市民政局"


def test_supervisor_reads_every_agency_below_over_parent_and_supervisor_links(jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    access = access_for(client.user)
    expected = {jurisdiction[k].pk for k in ("office", "civil", "county", "county_civil")}
    assert set(access.readable_agencies().values_list("pk", flat=True)) == expected
    assert not access.can_read(jurisdiction["city"].pk)  # the government above the office is not "below" it
    for key in ("civil", "county_civil"):
        assert client.get(reverse("workspace:agency_detail", args=[jurisdiction[key].pk])).status_code == 200
        assert client.get(reverse("workspace:agency_audit", args=[jurisdiction[key].pk])).status_code == 200


def test_supervisor_cannot_write(jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    url = reverse("workspace:agency_edit", args=[jurisdiction["civil"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "改名"}).status_code == 403
    jurisdiction["civil"].refresh_from_db()
    assert jurisdiction["civil"].name == "江源市民政局"


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.DRAFTER, Role.REVIEWER, Role.APPROVER])
def test_only_agency_admins_edit_agency_details(jurisdiction, client_for, role):
    client = client_for(role, jurisdiction["civil"])
    assert client.get(reverse("workspace:agency_detail", args=[jurisdiction["civil"].pk])).status_code == 200
    assert client.get(reverse("workspace:agency_edit", args=[jurisdiction["civil"].pk])).status_code == 403
    assert client.get(reverse("workspace:agency_audit", args=[jurisdiction["civil"].pk])).status_code == 403


def test_agency_admin_edits_contact_data_and_it_is_audited(jurisdiction, client_for):
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    civil = jurisdiction["civil"]
    data = {
        "name": civil.name,
        "short_name": civil.short_name,
        "address": "江源市新区1号",
        "postcode": "999003",
        "phone": civil.phone,
        "email": civil.email,
        "office_hours": civil.office_hours,
    }
    response = client.post(reverse("workspace:agency_edit", args=[civil.pk]), data)
    assert response.status_code == 302
    civil.refresh_from_db()
    assert civil.address == "江源市新区1号"
    audit = client.get(reverse("workspace:agency_audit", args=[civil.pk])).content.decode()
    assert "agency.update" in audit and "江源市新区1号" in audit


def test_bad_postcode_is_refused_in_chinese_and_nothing_changes(jurisdiction, client_for):
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    civil = jurisdiction["civil"]
    response = client.post(reverse("workspace:agency_edit", args=[civil.pk]), {"name": civil.name, "postcode": "12ab"})
    assert response.status_code == 200
    assert "邮政编码应为6位数字" in response.content.decode()
    civil.refresh_from_db()
    assert civil.postcode == "999002"


def test_system_admin_sees_all_agencies(jurisdiction, client_for):
    client = client_for(superuser=True)
    assert access_for(client.user).readable_ids() is None
    html = client.get(reverse("workspace:agency_list")).content.decode()
    assert all(jurisdiction[k].name in html for k in jurisdiction)


def test_anonymous_users_are_sent_to_login(jurisdiction, client):
    response = client.get(reverse("workspace:agency_detail", args=[jurisdiction["civil"].pk]))
    assert response.status_code == 302 and reverse("workspace:login") in response["Location"]


def test_agencies_below_walks_any_depth(jurisdiction):
    assert agencies_below([jurisdiction["city"].pk]) == {a.pk for a in jurisdiction.values()}


def test_agency_list_query_count_does_not_grow_with_agencies(jurisdiction, client_for, django_assert_max_num_queries):
    from gongkai.agencies.services import agency_create
    from gongkai.law.identifiers import make_uscc

    client = client_for(superuser=True)
    client.get(reverse("workspace:agency_list"))
    for n in range(40):
        agency_create(
            actor=None,
            name=f"测试局{n}",
            credit_code=make_uscc(f"11990300MB{n:07d}"),
            parent=jurisdiction["city"],
            supervisor=jurisdiction["office"],
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workspace:agency_list")).status_code == 200


def test_supervisor_detail_page_query_count_is_bounded(jurisdiction, client_for, django_assert_max_num_queries):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("workspace:agency_detail", args=[jurisdiction["office"].pk])).status_code == 200
