"""A request from the public form to the reply letter, without a browser; scoping; the tracking page."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi.models import Applicant, InfoRequest, Letter, RequestState
from gongkai.law.identifiers import make_resident_id

ID_NUMBER = make_resident_id("99010219800101123")
PHONE = "13912345678"


def _form(**overrides):
    data = {
        "kind": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": "zhang@example.com",
        "address": "江源市幸福路9号",
        "description": "2025年度城乡低保资金发放明细",
        "wanted_form": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def _submit(client: Client, agency, **overrides):
    response = client.post(reverse("foi_public:apply", args=[agency.credit_code]), _form(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    ack = client.get(response["Location"]).content.decode()
    tracking = re.search(r"GK\d{4}-[0-9A-Z]{6}", ack).group(0)
    query = re.search(r"查询码</dt><dd><strong>(\d{8})", ack).group(1)
    return InfoRequest.objects.get(tracking_code=tracking), query, ack


def test_public_form_to_reply_letter(jurisdiction, foi_settings, client_for):
    civil = jurisdiction["civil"]
    info_request, _query_code, ack = _submit(Client(), civil)
    today = timezone.localdate()
    # 条例 第三十一条: online submissions through the portal are received the day they are confirmed, i.e. today.
    assert info_request.received_on == today and info_request.state == RequestState.OPEN
    assert info_request.due_on is not None and "答复期限" in ack
    applicant = Applicant.objects.get(pk=info_request.applicant_id)
    assert applicant.id_number == ID_NUMBER  # decrypted for staff …
    with connection.cursor() as cursor:  # … but not stored in clear
        cursor.execute("SELECT id_number, phone FROM foi_applicant WHERE id = %s", [applicant.pk])
        stored_id, stored_phone = cursor.fetchone()
    assert ID_NUMBER not in stored_id and PHONE not in stored_phone

    officer = client_for(Role.CASE_OFFICER, civil)
    detail = officer.get(reverse("foi_staff:detail", args=[info_request.pk])).content.decode()
    assert "2025年度城乡低保资金发放明细" in detail and ID_NUMBER in detail
    response = officer.post(
        reverse("foi_staff:act", args=[info_request.pk, "reply"]),
        {
            "reply-on": today.isoformat(),
            "reply-outcome": "disclosed",
            "reply-documents": "《2025年低保资金发放明细表》",
            "reply-reason": "",
        },
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.state == RequestState.ANSWERED and info_request.outcome == "disclosed"
    assert info_request.closed_on == today
    letter = Letter.objects.get(request=info_request)
    assert letter.number == f"江民公开〔{today.year}〕1号" and letter.kind == "disclose"
    assert "第三十六条第（二）项" in letter.body and "六十日" in letter.body and "六个月" in letter.body
    html = officer.get(reverse("foi_staff:letter", args=[letter.pk, "html"])).content.decode()
    assert letter.number in html and "江源市人民政府" in html
    docx_response = officer.get(reverse("foi_staff:letter", args=[letter.pk, "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_response.content)).paragraphs)
    assert letter.number in text and "予以公开" in text and "张三" in text
    actions = set(AuditEntry.objects.filter(object_id=str(info_request.pk)).values_list("action", flat=True))
    assert {"foi.request.create", "foi.event.reply", "foi.letter.issue"} <= actions


def test_tracking_page_shows_status_and_no_personal_data(jurisdiction, foi_settings):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    page = (
        Client()
        .post(reverse("foi_public:track"), {"tracking_code": info_request.tracking_code, "query_code": query_code})
        .content.decode()
    )
    assert info_request.tracking_code in page and "办理中" in page
    assert info_request.due_on.strftime("%Y年%-m月%-d日") in page
    for personal in ("张三", ID_NUMBER, PHONE, "zhang@example.com", "幸福路", "低保资金发放明细"):
        assert personal not in page
    wrong = (
        Client()
        .post(reverse("foi_public:track"), {"tracking_code": info_request.tracking_code, "query_code": "00000000"})
        .content.decode()
    )
    assert "不正确" in wrong and "办理中" not in wrong


def test_another_agencys_officer_gets_404(jurisdiction, foi_settings, client_for):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"])
    other = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    assert other.get(reverse("foi_staff:detail", args=[info_request.pk])).status_code == 404
    response = other.post(reverse("foi_staff:act", args=[info_request.pk, "withdrawn"]), {"withdrawn-on": "2026-01-05"})
    assert response.status_code == 404
    assert info_request.tracking_code not in other.get(reverse("foi_staff:inbox") + "?state=all").content.decode()
    info_request.refresh_from_db()
    assert info_request.state == RequestState.OPEN


def test_another_agencys_officer_cannot_read_its_letters(jurisdiction, foi_settings, client_for):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"])
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    reply = {
        "reply-on": timezone.localdate().isoformat(),
        "reply-outcome": "disclosed",
        "reply-documents": "《2025年低保资金发放明细表》",
        "reply-reason": "",
    }
    assert officer.post(reverse("foi_staff:act", args=[info_request.pk, "reply"]), reply).status_code == 302
    letter = Letter.objects.get(request=info_request)
    other = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    for fmt in ("html", "docx"):
        assert other.get(reverse("foi_staff:letter", args=[letter.pk, fmt])).status_code == 404
        assert officer.get(reverse("foi_staff:letter", args=[letter.pk, fmt])).status_code == 200


def test_supervisor_reads_but_cannot_act(jurisdiction, foi_settings, client_for):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"])
    supervisor = client_for(Role.SUPERVISOR, jurisdiction["office"])
    page = supervisor.get(reverse("foi_staff:detail", args=[info_request.pk])).content.decode()
    assert info_request.tracking_code in page and "<h2>办理</h2>" not in page
    response = supervisor.post(
        reverse("foi_staff:act", args=[info_request.pk, "withdrawn"]),
        {"withdrawn-on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403


def test_extension_needs_the_approver_role(jurisdiction, foi_settings, client_for):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"])
    today = timezone.localdate().isoformat()
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    data = {"extension-on": today, "extension-workdays": "10", "extension-reason": "档案量大"}
    assert officer.post(reverse("foi_staff:act", args=[info_request.pk, "extension"]), data).status_code == 403
    approver = client_for(Role.APPROVER, jurisdiction["civil"])
    due_before = InfoRequest.objects.get(pk=info_request.pk).due_on
    assert approver.post(reverse("foi_staff:act", args=[info_request.pk, "extension"]), data).status_code == 302
    info_request.refresh_from_db()
    assert info_request.due_on > due_before
    event = info_request.events.get(type="extension")
    assert event.approved_by == approver.user
    changed = info_request.events.get(type="due_changed")
    assert changed.data == {"previous": due_before.isoformat(), "new": info_request.due_on.isoformat()}
    assert Letter.objects.filter(request=info_request, kind="extension").exists()


def test_an_impossible_event_is_refused_with_the_laws_reason(jurisdiction, foi_settings, client_for):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"])
    approver = client_for(Role.APPROVER, jurisdiction["civil"])
    url = reverse("foi_staff:act", args=[info_request.pk, "extension"])
    today = timezone.localdate().isoformat()
    approver.post(url, {"extension-on": today, "extension-workdays": "15"})
    response = approver.post(url, {"extension-on": today, "extension-workdays": "10"}, follow=True)
    assert "累计不得超过20个工作日" in response.content.decode()
    assert info_request.events.filter(type="extension").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1"), "校验"),
        ("description", "", "必填"),
        ("phone", "", "必填"),
        ("kind", "alien", "选择一个有效的选项"),
    ],
)
def test_bad_public_input_gets_a_chinese_message_and_saves_nothing(jurisdiction, foi_settings, field, value, message):
    response = Client().post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), _form(**{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InfoRequest.objects.exists() and not Applicant.objects.exists()


def test_honeypot_and_rate_limit(jurisdiction, foi_settings):
    client = Client()
    bot = client.post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), _form(website="http://spam.example")
    )
    assert bot.status_code == 200 and not InfoRequest.objects.exists()
    from gongkai.foi.services import PORTAL_RATE_LIMIT

    for _ in range(PORTAL_RATE_LIMIT):
        _submit(client, jurisdiction["civil"])
    blocked = client.post(reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), _form())
    assert blocked.status_code == 200 and "提交过于频繁" in blocked.content.decode()
    assert InfoRequest.objects.count() == PORTAL_RATE_LIMIT


def test_attachments_are_sniffed_by_content(jurisdiction, foi_settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code])
    fake = SimpleUploadedFile("申请书.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    response = Client().post(url, {**_form(), "attachment": fake})
    assert response.status_code == 200 and "附件须为 PDF" in response.content.decode()
    real = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n%...\n", content_type="application/octet-stream")
    response = Client().post(url, {**_form(), "attachment": real})
    assert response.status_code == 302
    attachment = InfoRequest.objects.get().attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.original_name == "申请书.pdf"


def test_inbox_query_count_does_not_grow(jurisdiction, foi_settings, client_for, django_assert_max_num_queries):
    client = Client()
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    for n in range(3):
        _submit(client, jurisdiction["civil"], name=f"申请人{n}")
    officer.get(reverse("foi_staff:inbox"))
    with CaptureQueriesContext(connection) as few:
        officer.get(reverse("foi_staff:inbox"))
    first = len(few.captured_queries)  # read now: the next request resets Django's query log
    assert first <= 12
    from gongkai.foi.services import PORTAL_RATE_LIMIT

    for n in range(PORTAL_RATE_LIMIT - 3):
        _submit(client, jurisdiction["civil"], name=f"更多{n}")
    for n in range(20):
        _submit(Client(REMOTE_ADDR=f"10.0.0.{n}"), jurisdiction["civil"], name=f"其他{n}")
    with django_assert_max_num_queries(first):
        html = officer.get(reverse("foi_staff:inbox")).content.decode()
    assert html.count("GK") >= 25


def test_officer_registers_a_letter_awaiting_its_signature_date(jurisdiction, foi_settings, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    data = {k: v for k, v in _form().items() if k != "website"}
    data.update(
        {"channel": "post", "submitted_on": "2026-09-21", "signed_on": "", "confirmed_on": "", "registered_mail": "on"}
    )
    response = officer.post(reverse("foi_staff:register", args=[jurisdiction["civil"].pk]), data)
    assert response.status_code == 302
    info_request = InfoRequest.objects.get()
    assert info_request.state == RequestState.AWAITING_RECEIPT and info_request.due_on is None
    officer.post(
        reverse("foi_staff:act", args=[info_request.pk, "receipt_confirmed"]), {"receipt_confirmed-on": "2026-09-24"}
    )
    info_request.refresh_from_db()
    # 条例 第三十一条 (signed for on 9/24) and 第三十三条 (20 working days over 中秋 and 国庆) → 10/29
    assert info_request.received_on == dt.date(2026, 9, 24) and info_request.due_on == dt.date(2026, 10, 29)


def test_guessing_query_codes_is_cut_off(jurisdiction, foi_settings):
    from gongkai.foi.services import TRACKING_FAILURE_LIMIT

    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    guesser = Client(REMOTE_ADDR="10.9.9.9")
    url = reverse("foi_public:track")
    for n in range(TRACKING_FAILURE_LIMIT):
        guesser.post(url, {"tracking_code": info_request.tracking_code, "query_code": f"{n:08d}"})
    # even the right code is refused to this address now, and the page says why
    page = guesser.post(url, {"tracking_code": info_request.tracking_code, "query_code": query_code}).content.decode()
    assert "查询失败次数过多" in page and "办理中" not in page
    other = (
        Client(REMOTE_ADDR="10.9.9.10")
        .post(url, {"tracking_code": info_request.tracking_code, "query_code": query_code})
        .content.decode()
    )
    assert "办理中" in other
