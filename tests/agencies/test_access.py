"""Agency scoping: a user sees only the agencies its memberships allow; supervisors read (never write) below them.

Every staff page whose URL names an agency is in ``SCOPED_PAGES`` (a test walks the URLconf to keep it so) and must
answer 404 to another agency's staff. Pages that name an object (a case, a report, …) are checked in each module's
tests; those that serve an applicant's or a citizen's file are listed here too, with a function that makes the
object in the agency it is given.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from gongkai.agencies.access import access_for, agencies_below
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi import services as foi_services

AGENCY = object()  # stands for the agency's pk in a page's URL arguments
GET, POST = "get", "post"
ENGAGEMENT_KINDS = ("consultations", "proposals", "opinion", "press")


def applicant_attachment(agency) -> int:
    """An applicant's attachment (a PDF) on a request to ``agency``."""
    submitted = foi_services.request_submit_online(
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13912345678"},
        description="2025年度城乡低保资金发放明细",
        submitter=f"198.51.100.{agency.pk}",
        attachment=SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4\n%%EOF\n"),
        wanted_form="electronic",
        delivery="email",
    )
    return submitted.request.attachments.get().pk


def _posted_delivery(agency):
    """A delivery by post, with a scan of the receipt, of a 补正 notice on a request to ``agency``."""
    from django.utils import timezone

    from gongkai.foi import deliveries

    request = foi_services.request_submit_online(
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13912345678"},
        description="2025年度城乡低保资金发放明细",
        submitter=f"198.51.100.{100 + agency.pk}",
        wanted_form="electronic",
        delivery="post",
    ).request
    today = timezone.localdate()
    foi_services.event_add(actor=None, request=request, type="correction_requested", on=today, period_workdays=10)
    return deliveries.delivery_record(
        actor=None,
        letter=request.letters.get(),
        channel="post",
        sent_on=today,
        tracking_number="EMS1",
        evidence=SimpleUploadedFile("回执.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    )


def delivery_evidence(agency) -> int:
    return _posted_delivery(agency).evidence.get().pk


def letter_to_deliver(agency) -> int:
    return _posted_delivery(agency).letter_id


def delivery_to_receive(agency) -> int:
    return _posted_delivery(agency).pk


# (url name, URL arguments, methods the page answers): every page whose URL names an agency.
SCOPED_PAGES = [
    ("workspace:agency_detail", [AGENCY], [GET]),
    ("workspace:agency_edit", [AGENCY], [GET, POST]),
    ("workspace:department_add", [AGENCY], [GET, POST]),
    ("workspace:agency_audit", [AGENCY], [GET]),
    ("foi_staff:register", [AGENCY], [GET, POST]),
    ("foi_staff:settings", [AGENCY], [GET, POST]),
    *(("foi_staff:letter_template", [AGENCY, kind], [GET, POST]) for kind in ("disclose", "correction", "fee")),
    ("disclosure_staff:new", [AGENCY], [GET, POST]),
    ("disclosure_staff:chain", [AGENCY], [GET, POST]),
    ("disclosure_staff:duty_new", [AGENCY], [GET, POST]),
    ("disclosure_staff:related_search", [AGENCY], [GET]),  # the item picker's search (issue 14)
    ("cases_staff:create", [AGENCY], [GET, POST]),
    ("cases_staff:figures", [AGENCY], [GET, POST]),
    ("workplan_staff:upload", [AGENCY], [GET, POST]),
    ("reports_staff:start", [AGENCY], [POST]),
    *(("engagement_staff:create", [kind, AGENCY], [GET, POST]) for kind in ENGAGEMENT_KINDS),
    *(("engagement_staff:import", [kind, AGENCY], [GET, POST]) for kind in ENGAGEMENT_KINDS),
    *(("engagement_staff:export", [kind, AGENCY], [GET]) for kind in ENGAGEMENT_KINDS),
    # pages of an object of the agency, made by the function in the arguments
    ("foi_staff:attachment", [applicant_attachment], [GET]),
    ("foi_staff:delivery_evidence", [delivery_evidence], [GET]),
    ("foi_staff:delivery_add", [letter_to_deliver], [POST]),
    ("foi_staff:delivery_receipt", [delivery_to_receive], [POST]),
]


def _url(name, args, agency) -> str:
    return reverse(name, args=[agency.pk if arg is AGENCY else arg(agency) if callable(arg) else arg for arg in args])


@pytest.mark.parametrize(
    ("page", "args", "methods"),
    SCOPED_PAGES,
    ids=[
        "/".join([page, *(str(a) for a in args if a is not AGENCY and not callable(a))])
        for page, args, _ in SCOPED_PAGES
    ],
)
def test_staff_of_agency_a_get_404_on_every_page_of_agency_b(jurisdiction, client_for, page, args, methods):
    county_officer = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    other, own = _url(page, args, jurisdiction["civil"]), _url(page, args, jurisdiction["county_civil"])
    entries = AuditEntry.objects.count()
    for method in methods:
        response = getattr(county_officer, method)(other)
        assert response.status_code == 404, f"{method.upper()} answered {response.status_code}"
    assert AuditEntry.objects.count() == entries  # nothing was written for (or about) agency B
    assert getattr(county_officer, methods[0])(own).status_code == (200 if methods[0] == GET else 302)


def _workspace_urls(patterns=None, namespace="", prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _workspace_urls(
                pattern.url_patterns, pattern.namespace or namespace, prefix + str(pattern.pattern)
            )
        elif (prefix + str(pattern.pattern)).startswith("workspace/"):
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)


def test_scoped_pages_lists_every_page_that_names_an_agency():
    # A page added later with an agency in its URL must join SCOPED_PAGES (and so be tested above).
    naming_an_agency = {
        name
        for name, route in _workspace_urls()
        if "<int:agency_pk>" in route or route.startswith("workspace/agencies/<")
    }
    assert naming_an_agency == {page for page, args, _ in SCOPED_PAGES if AGENCY in args}


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
    names = [agency.name for agency in jurisdiction.values()]
    assert len(names) == 5
    assert [name for name in names if name not in html] == []


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
