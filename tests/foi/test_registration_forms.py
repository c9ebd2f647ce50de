"""The request's 登记表 and 审批表 (issue 14: "Printable 登记表 and 审批表 for a request, A4"): their fields, the
applicant's personal data only for those who see it in full (agencies.access.sees_personal_data), the DOCX on A4,
Chinese dates, and the request page's dates in Chinese."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core.paper import PAGE_MM
from gongkai.foi import paper_forms, services
from gongkai.law.identifiers import make_resident_id

ID_NUMBER = make_resident_id("32010219800101123")
NAME, PHONE, EMAIL, ADDRESS = "张三", "13912345678", "zhangsan@example.com", "江苏省南京市玄武区中山路1号"
SUBMITTED = dt.date(2026, 11, 2)
PERSONAL = (NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS)
REGISTRATION_FIELDS = (
    "收到申请日期",
    "申请方式",
    "申请人类型",
    "所需信息的内容描述",
    "承办科室",
    "承办人",
    "法定期限",
    "答复期限",
    "备注",
)
APPROVAL_FIELDS = ("拟答复类型", "法律依据", "延期审批", "承办人意见", "科室负责人意见", "分管领导意见", "签名")


@pytest.fixture
def request_(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    officer = make_user(Role.CASE_OFFICER, civil)
    registered = services.request_register(
        actor=officer,
        agency=civil,
        applicant={
            "kind": "natural_person",
            "name": NAME,
            "id_type": "resident_id",
            "id_number": ID_NUMBER,
            "phone": PHONE,
            "email": EMAIL,
            "address": ADDRESS,
        },
        channel="in_person",
        submitted_on=SUBMITTED,
        description="请提供2025年度低保资金发放明细",
    ).request
    return registered


def _client(client_for, role, request_):
    return client_for(role, request_.agency)


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("kind", "title", "fields"),
    [
        ("registration", paper_forms.REGISTRATION_TITLE, REGISTRATION_FIELDS),
        ("approval", paper_forms.APPROVAL_TITLE, APPROVAL_FIELDS),
    ],
)
def test_the_form_has_its_fields_and_the_applicant_for_the_case_officer(
    request_, client_for, kind, title, fields, django_assert_max_num_queries
):
    client = _client(client_for, Role.CASE_OFFICER, request_)
    with django_assert_max_num_queries(9):
        page = client.get(reverse("foi_staff:paper_form", args=[request_.pk, kind]))
    html = page.content.decode()
    assert page.status_code == 200 and title in html
    for field in fields:
        assert field in html
    assert "2026年11月2日" in html and "2026-11-02" not in html
    assert NAME in html
    if kind == "registration":
        assert all(value in html for value in PERSONAL)
        assert "当面" in html or "当面申请" in html or request_.get_channel_display() in html
    with django_assert_max_num_queries(9):
        download = client.get(reverse("foi_staff:paper_form_docx", args=[request_.pk, kind]))
    assert download.status_code == 200 and download["Content-Type"] == paper_forms.paperwork.DOCX_TYPE
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    text = _text(download.content)
    assert title in text and request_.tracking_code in text and "2026年11月2日" in text
    for field in fields:
        assert field in text
    section = docx.Document(io.BytesIO(download.content)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == PAGE_MM == (210, 297)


@pytest.mark.parametrize("kind", ["registration", "approval"])
@pytest.mark.parametrize("role", [Role.DRAFTER, Role.SUPERVISOR])
def test_personal_data_is_left_out_for_a_role_without_need_to_know(request_, client_for, jurisdiction, kind, role):
    agency = jurisdiction["office"] if role == Role.SUPERVISOR else request_.agency
    client = client_for(role, agency)
    html = client.get(reverse("foi_staff:paper_form", args=[request_.pk, kind])).content.decode()
    text = _text(client.get(reverse("foi_staff:paper_form_docx", args=[request_.pk, kind])).content)
    for shown in (html, text):
        assert paper_forms.PERSONAL_DATA_WITHHELD in shown
        for value in PERSONAL:
            assert value not in shown


def test_another_agencys_officer_gets_nothing(request_, client_for, jurisdiction):
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    assert client.get(reverse("foi_staff:paper_form", args=[request_.pk, "registration"])).status_code == 404
    officer = client_for(Role.CASE_OFFICER, request_.agency)
    assert officer.get(reverse("foi_staff:paper_form", args=[request_.pk, "letter"])).status_code == 404


def test_the_approval_form_ticks_the_reply_and_cites_its_article_and_the_extension(request_, make_user):
    approver = make_user(Role.APPROVER, request_.agency)
    services.event_add(
        actor=approver, request=request_, type="extension", on=dt.date(2026, 11, 20), approved_by=approver, workdays=10
    )
    services.reply_record(
        actor=approver,
        request=request_,
        on=dt.date(2026, 11, 25),
        outcome="withheld_third_party",
        reason="涉及个人隐私",
    )
    request_.refresh_from_db()
    viewer = services_view(approver, request_)
    form = paper_forms.approval_form(request_, viewer)
    rows = {row.label: row.value for _, section in form.sections for row in section}
    assert "☑不予公开" in rows["拟答复类型"] and "□予以公开" in rows["拟答复类型"]
    assert rows["法律依据"] == "《中华人民共和国政府信息公开条例》第十五条"
    assert (
        rows["延期审批"]
        == "2026年11月20日决定延长答复期限10个工作日（《中华人民共和国政府信息公开条例》第三十三条第二款）"
    )


def services_view(user, info_request):
    from gongkai.foi import privacy

    return privacy.applicant_view(user, info_request)


def test_the_request_page_links_the_forms_and_shows_dates_in_chinese(request_, client_for):
    """Issue 14: dates shown to users read 2026年11月2日 (the inbox's dense table keeps ISO, on one line)."""
    client = _client(client_for, Role.CASE_OFFICER, request_)
    html = client.get(reverse("foi_staff:detail", args=[request_.pk])).content.decode()
    assert "2026年11月2日" in html and "2026-11-02" not in html.split("<form")[0]
    assert reverse("foi_staff:paper_form", args=[request_.pk, "registration"]) in html
    assert reverse("foi_staff:paper_form", args=[request_.pk, "approval"]) in html
    inbox = client.get(reverse("foi_staff:inbox")).content.decode()
    assert '<time datetime="2026-11-02">2026-11-02</time>' in inbox  # one line: time is nowrap in site.css
