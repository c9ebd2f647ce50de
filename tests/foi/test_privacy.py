"""Who sees an applicant's personal data (docs/security.md; 《个人信息保护法》第六条、第五十一条; GB/T 22239-2019 8.1.4):
every page, letter and export that shows an applicant, for every role, against the table.

MATRIX says for each role and page whether the full ID number, phone, e-mail, address and name appear ("full"),
appear masked only ("masked"), or do not appear at all ("none": the page is refused, or never shows them).  The one
place that decides is ``gongkai.agencies.access.sees_personal_data``; ``gongkai.foi.privacy.applicant_view`` applies
it to an applicant.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies import access
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.cases import services as case_services
from gongkai.engagement import services as engagement_services
from gongkai.foi import privacy, services
from gongkai.foi.models import InfoRequest, Letter
from gongkai.law import cases as law_cases
from gongkai.law.identifiers import make_resident_id
from gongkai.reports import exports
from gongkai.reports import services as report_services

ID_NUMBER = make_resident_id("32010219800101123")
NAME, PHONE, EMAIL = "张三", "13912345678", "zhangsan@example.com"
ADDRESS = "江苏省南京市玄武区中山路1号"
DESCRIPTION = f"请提供2025年度低保资金发放明细，寄至{ADDRESS}，电话{PHONE}"
REPLY_REASON = f"已电话告知申请人（{PHONE}），身份证号{ID_NUMBER}"
FULL = {"name": NAME, "id": ID_NUMBER, "phone": PHONE, "email": EMAIL, "address": ADDRESS}
MASKED = {
    "name": "张*",
    "id": ID_NUMBER[:6] + "*" * 8 + ID_NUMBER[-4:],
    "phone": "139****5678",
    "email": "z*******@example.com",
    "address": "江苏省南京市玄武区****",
}
# What each page shows of the applicant (or the case's party, the consultation's asker) when it shows anything.
PAGES = {
    "detail_open": ("name", "id", "phone", "email", "address"),
    "detail_closed": ("name", "id", "phone", "email", "address"),
    "inbox_open": ("name",),
    "inbox_closed": ("name",),
    "letter_open_html": ("name", "phone", "address"),  # the correction letter quotes the description
    "letter_open_docx": ("name", "phone", "address"),
    "letter_closed_html": ("name", "id", "phone", "address"),  # the reply letter quotes the reason too
    "letter_closed_docx": ("name", "id", "phone", "address"),
    "case_list": ("name",),
    "case_detail": ("name",),
    "consultations": ("name",),
    "consultations_export": (),  # never exported
    "audit": ("id", "phone"),  # the reply's reason, as the officer wrote it
    "annual_report": (),  # counts only
    "oversight_export": (),  # the supervisor's tables of every agency below
}
F, M, N = "full", "masked", "none"


def _row(**pages: str) -> dict[str, str]:
    row = dict.fromkeys(PAGES, N)
    row.update(pages)
    return row


REQUEST_PAGES = [p for p in PAGES if p.startswith(("detail", "inbox", "letter"))]
OPEN_PAGES = [p for p in REQUEST_PAGES if "open" in p]
CLOSED_PAGES = [p for p in REQUEST_PAGES if "closed" in p]
MATRIX: dict[str, dict[str, str]] = {
    # the agency's case officers and admins: everything, always
    "case_officer": _row(**dict.fromkeys(REQUEST_PAGES, F), case_list=F, case_detail=F, consultations=F),
    "agency_admin": _row(**dict.fromkeys(REQUEST_PAGES, F), case_list=F, case_detail=F, consultations=F, audit=F),
    # approvers: open requests in full (they may approve an extension or a delay), closed ones masked; no cases
    "approver": _row(**dict.fromkeys(OPEN_PAGES, F), **dict.fromkeys(CLOSED_PAGES, M), consultations=M),
    "drafter": _row(**dict.fromkeys(REQUEST_PAGES, M), consultations=M),
    "reviewer": _row(**dict.fromkeys(REQUEST_PAGES, M), consultations=M),
    # the supervising office: masked everywhere, even with a reveal planted in its session
    "supervisor": _row(**dict.fromkeys(REQUEST_PAGES, M), case_list=M, case_detail=M, consultations=M, audit=M),
    "supervisor_with_planted_reveal": _row(
        **dict.fromkeys(REQUEST_PAGES, M), case_list=M, case_detail=M, consultations=M, audit=M
    ),
    # system administrators: masked until they give a reason, then the requests they revealed in full
    "system_admin": _row(**dict.fromkeys(REQUEST_PAGES, M), case_list=M, case_detail=M, consultations=M, audit=M),
    "system_admin_revealed": _row(
        **dict.fromkeys(REQUEST_PAGES, F), case_list=M, case_detail=M, consultations=M, audit=M
    ),
    # another agency's officer: 404 on the requests, nothing in its lists
    "other_agency_officer": _row(),
}


@pytest.fixture
def world(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    today = timezone.localdate()
    officer = make_user(Role.CASE_OFFICER, civil)
    applicant = {
        "kind": "natural_person",
        "name": NAME,
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
    }

    def register() -> InfoRequest:
        return services.request_register(
            actor=officer,
            agency=civil,
            applicant=applicant,
            channel="in_person",
            submitted_on=today,
            description=DESCRIPTION,
        ).request

    open_request, closed_request = register(), register()
    services.event_add(actor=officer, request=open_request, type="correction_requested", on=today, period_workdays=10)
    services.reply_record(
        actor=officer,
        request=closed_request,
        on=today,
        outcome="disclosed",
        documents="《明细表》",
        reason=REPLY_REASON,
    )
    case = case_services.case_create(
        actor=None,
        agency=civil,
        today=today,
        kind=law_cases.RECONSIDERATION,
        number="江府复〔2026〕9号",
        party_name=NAME,
        filed_on=today,
        deciding_body="江源市人民政府",
    )
    consultation = engagement_services.record_create(
        actor=None,
        agency=civil,
        kind="consultations",
        fields={"channel": "hotline", "asked_on": today, "topic": "低保申请条件", "asker_name": NAME},
        today=today,
    )
    report = report_services.report_start(actor=None, agency=civil, year=today.year, today=today)
    return {
        "jurisdiction": jurisdiction,
        "civil": civil,
        "open": InfoRequest.objects.get(pk=open_request.pk),
        "closed": InfoRequest.objects.get(pk=closed_request.pk),
        "open_letter": Letter.objects.get(request=open_request),
        "closed_letter": Letter.objects.get(request=closed_request),
        "case": case,
        "consultation": consultation,
        "report": report,
        "today": today,
    }


def _client(role: str, world, make_user) -> Client:
    j = world["jurisdiction"]
    memberships = {
        "case_officer": (Role.CASE_OFFICER, j["civil"]),
        "agency_admin": (Role.AGENCY_ADMIN, j["civil"]),
        "approver": (Role.APPROVER, j["civil"]),
        "drafter": (Role.DRAFTER, j["civil"]),
        "reviewer": (Role.REVIEWER, j["civil"]),
        "supervisor": (Role.SUPERVISOR, j["office"]),
        "supervisor_with_planted_reveal": (Role.SUPERVISOR, j["office"]),
        "other_agency_officer": (Role.CASE_OFFICER, j["county_civil"]),
    }
    user = make_user(*memberships[role]) if role in memberships else make_user(superuser=True)
    client = Client()
    client.force_login(user)
    if role == "system_admin_revealed":
        for key in ("open", "closed"):
            response = client.post(
                reverse("foi_staff:reveal", args=[world[key].pk]), {"reason": "核对申请人身份，处理其投诉"}
            )
            assert response.status_code == 302
    if role == "supervisor_with_planted_reveal":
        session = client.session
        for key in ("open", "closed"):
            privacy.reveal_remember(session, world[key].pk)
        session.save()
    return client


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(str(v) for ws in workbook for row in ws.iter_rows(values_only=True) for v in row if v)


def _page(client: Client, page: str, world) -> str:
    """The text a reader gets on ``page`` (empty when refused)."""
    if page == "annual_report":
        report = world["report"]
        return "\n".join(
            [
                exports.to_html(report),
                _docx_text(exports.to_docx(report)),
                _xlsx_text(exports.to_xlsx(report)),
                str(exports.to_json(report)),
            ]
        )
    civil = world["civil"]
    urls = {
        "detail_open": reverse("foi_staff:detail", args=[world["open"].pk]),
        "detail_closed": reverse("foi_staff:detail", args=[world["closed"].pk]),
        "inbox_open": reverse("foi_staff:inbox") + "?state=open",
        "inbox_closed": reverse("foi_staff:inbox") + "?state=closed",
        "letter_open_html": reverse("foi_staff:letter", args=[world["open_letter"].pk, "html"]),
        "letter_open_docx": reverse("foi_staff:letter", args=[world["open_letter"].pk, "docx"]),
        "letter_closed_html": reverse("foi_staff:letter", args=[world["closed_letter"].pk, "html"]),
        "letter_closed_docx": reverse("foi_staff:letter", args=[world["closed_letter"].pk, "docx"]),
        "case_list": reverse("cases_staff:list"),
        "case_detail": reverse("cases_staff:detail", args=[world["case"].pk]),
        "consultations": reverse("engagement_staff:list", args=["consultations"]),
        "consultations_export": reverse("engagement_staff:export", args=["consultations", civil.pk])
        + f"?year={world['today'].year}",
        "audit": reverse("workspace:agency_audit", args=[civil.pk]),
        "oversight_export": reverse("reports_staff:oversight_export") + f"?year={world['today'].year}",
    }
    response = client.get(urls[page])
    if response.status_code != 200:
        assert response.status_code in (403, 404), f"{page}: {response.status_code}"
        return ""
    if page.endswith("docx"):
        return _docx_text(response.content)
    if page in ("consultations_export", "oversight_export"):
        return _xlsx_text(response.content)
    return response.content.decode()


@pytest.mark.parametrize("role", list(MATRIX))
def test_who_sees_what_of_an_applicant(role, world, make_user):
    client = _client(role, world, make_user)
    problems = []
    for page, fields in PAGES.items():
        expected = MATRIX[role][page]
        text = _page(client, page, world)
        shown = fields if expected != N else ()
        for field in shown:
            wanted = FULL[field] if expected == F else MASKED[field]
            if wanted not in text:
                problems.append(f"{page}: {field} should be shown {expected} ({wanted})")
        if expected != F:  # masked or nothing: no full value anywhere on the page
            problems += [f"{page}: full {field} shown" for field, value in FULL.items() if value in text]
    assert problems == [], "\n".join(problems)


def test_matrix_covers_every_role():
    # the roles of gongkai.agencies.models.Role, each in the matrix (the system administrator as a superuser)
    assert {role.value for role in Role} - {"system_admin"} <= set(MATRIX)
    assert {"system_admin", "system_admin_revealed"} <= set(MATRIX)


# --- the system administrator's reveal -----------------------------------------------------------------------


def test_a_reveal_needs_a_reason_is_audited_and_lasts_fifteen_minutes(world, make_user):
    admin = make_user(superuser=True)
    client = Client()
    client.force_login(admin)
    info_request = world["open"]
    url = reverse("foi_staff:detail", args=[info_request.pk])
    page = client.get(url).content.decode()
    assert ID_NUMBER not in page and reverse("foi_staff:reveal", args=[info_request.pk]) in page  # the form
    before = AuditEntry.objects.filter(action="foi.applicant.reveal").count()

    refused = client.post(reverse("foi_staff:reveal", args=[info_request.pk]), {"reason": "看看"}, follow=True)
    assert "至少6个字" in refused.content.decode() and ID_NUMBER not in refused.content.decode()
    assert AuditEntry.objects.filter(action="foi.applicant.reveal").count() == before  # nothing recorded

    client.post(reverse("foi_staff:reveal", args=[info_request.pk]), {"reason": "核对申请人身份，处理其投诉"})
    entry = AuditEntry.objects.filter(action="foi.applicant.reveal").latest("seq")
    assert (
        entry.actor == admin and entry.object_id == str(info_request.pk) and entry.agency_id == info_request.agency_id
    )
    assert entry.changes == {"reason": "核对申请人身份，处理其投诉", "minutes": 15}
    assert ID_NUMBER in client.get(url).content.decode()
    # only for that request
    assert ID_NUMBER not in client.get(reverse("foi_staff:detail", args=[world["closed"].pk])).content.decode()
    # and for 15 minutes
    session = client.session
    now = timezone.now()
    assert privacy.reveal_in_force(session, info_request.pk, now=now + dt.timedelta(minutes=14))
    assert not privacy.reveal_in_force(session, info_request.pk, now=now + dt.timedelta(minutes=16))
    session[privacy.SESSION_KEY] = {str(info_request.pk): (now - dt.timedelta(seconds=1)).timestamp()}
    session.save()
    assert ID_NUMBER not in client.get(url).content.decode()


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.DRAFTER, Role.APPROVER, Role.CASE_OFFICER])
def test_nobody_but_a_system_administrator_can_reveal(role, world, make_user):
    j = world["jurisdiction"]
    user = make_user(role, j["office"] if role == Role.SUPERVISOR else j["civil"])
    client = Client()
    client.force_login(user)
    entries = AuditEntry.objects.count()
    response = client.post(reverse("foi_staff:reveal", args=[world["closed"].pk]), {"reason": "核对申请人身份信息"})
    assert response.status_code == 403
    assert AuditEntry.objects.count() == entries
    assert privacy.SESSION_KEY not in client.session
    with pytest.raises(Exception, match="系统管理员"):
        services.applicant_reveal(actor=user, request=world["closed"], reason="核对申请人身份信息")


def test_inbox_search_by_name_finds_only_what_the_reader_sees_in_full(world, make_user):
    def found(user) -> set[str]:
        client = Client()
        client.force_login(user)
        page = client.get(reverse("foi_staff:inbox"), {"state": "all", "q": NAME}).content.decode()
        return {key for key in ("open", "closed") if world[key].tracking_code in page}

    civil = world["civil"]
    assert found(make_user(Role.CASE_OFFICER, civil)) == {"open", "closed"}
    assert found(make_user(Role.APPROVER, civil)) == {"open"}
    assert found(make_user(Role.DRAFTER, civil)) == set()
    assert found(make_user(Role.SUPERVISOR, world["jurisdiction"]["office"])) == set()
    assert found(make_user(superuser=True)) == set()


def test_the_frozen_letter_never_changes(world, make_user):
    letter = world["closed_letter"]
    body = letter.body
    client = Client()
    client.force_login(make_user(Role.DRAFTER, world["civil"]))
    html = client.get(reverse("foi_staff:letter", args=[letter.pk, "html"])).content.decode()
    assert "张*" in html and NAME not in html and "个人信息已遮蔽" in html
    letter.refresh_from_db()
    assert letter.body == body and NAME in body and ID_NUMBER in body


def test_a_system_administrator_edits_a_case_and_a_consultation_without_seeing_or_losing_the_name(world, make_user):
    case = world["case"]
    client = Client()
    client.force_login(make_user(superuser=True))
    form = client.get(reverse("cases_staff:edit", args=[case.pk])).content.decode()
    assert NAME not in form and 'name="party_name"' not in form
    consultation = world["consultation"]
    form = client.get(reverse("engagement_staff:edit", args=["consultations", consultation.pk])).content.decode()
    assert NAME not in form and 'name="asker_name"' not in form
    response = client.post(
        reverse("engagement_staff:edit", args=["consultations", consultation.pk]),
        {"channel": "hotline", "asked_on": world["today"].isoformat(), "topic": "低保申请条件（已答复）"},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.topic == "低保申请条件（已答复）" and consultation.asker_name == NAME


# --- the table itself ----------------------------------------------------------------------------------------

# (role, state of the matter) -> sees the person's data in full; the rows of docs/security.md's table
TABLE = [
    (Role.CASE_OFFICER, "open", True),
    (Role.CASE_OFFICER, "closed", True),
    (Role.AGENCY_ADMIN, "open", True),
    (Role.AGENCY_ADMIN, "closed", True),
    (Role.APPROVER, "open", True),
    (Role.APPROVER, "closed", False),
    (Role.DRAFTER, "open", False),
    (Role.DRAFTER, "closed", False),
    (Role.REVIEWER, "open", False),
    (Role.REVIEWER, "closed", False),
    (Role.SUPERVISOR, "open", False),
    (Role.SUPERVISOR, "closed", False),
]


@pytest.mark.parametrize(("role", "state", "full"), TABLE)
def test_the_table(jurisdiction, make_user, role, state, full):
    civil = jurisdiction["civil"]
    user = make_user(role, civil)
    assert access.sees_personal_data(user, civil.pk, state=state) is full
    assert access.sees_personal_data(user, civil.pk, state=state, revealed=True) is full  # a reveal adds nothing
    # the same role at another agency (a supervisor's own office, a neighbour) sees nothing in full here
    assert not access.sees_personal_data(make_user(role, jurisdiction["county_civil"]), civil.pk, state=state)


def test_the_table_for_system_administrators(jurisdiction, make_user):
    admin = make_user(superuser=True)
    civil = jurisdiction["civil"].pk
    assert not access.sees_personal_data(admin, civil, state="open")
    assert not access.sees_personal_data(admin, civil, state="closed")
    assert access.sees_personal_data(admin, civil, state="closed", revealed=True)
    assert set(access.PERSONAL_DATA_IN_FULL) == {role.value for role in Role}  # every role has a row


def test_the_system_administration_does_not_show_a_cases_party(world, make_user):
    client = Client()
    client.force_login(make_user(superuser=True))
    page = client.get(reverse("admin:cases_case_change", args=[world["case"].pk]))
    assert page.status_code == 200 and "江府复〔2026〕9号" in page.content.decode()
    assert NAME not in page.content.decode()
