"""The applicant's page (issue 13 item 2): after the tracking code and query code, the letters addressed to the
applicant (HTML and DOCX; the first opening records the portal delivery), the deadline in words, and corrections
sent online (条例 第三十条: the reply period starts again on the day they arrive)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.core.dates import chinese_date
from gongkai.foi import deliveries, services
from gongkai.foi.models import Attachment, Correction, InfoRequest, Letter, LetterDelivery, TrackingAttempt
from gongkai.foi.services import MAX_ATTACHMENT_BYTES
from gongkai.foi.views_public import TRACK_SESSION_KEY
from tests.foi.test_deliveries import PNG, _correction_notice
from tests.foi.test_workflow import _submit

TRACK = reverse("foi_public:track")
CORRECT = reverse("foi_public:track_correction")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(jurisdiction, foi_settings, client_for):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    letter = _correction_notice(officer, info_request)
    citizen = Client()
    page = citizen.post(TRACK, {"tracking_code": info_request.tracking_code, "query_code": query_code})
    assert page.status_code == 200
    return {"request": info_request, "query_code": query_code, "officer": officer, "letter": letter, "citizen": citizen}


def _letter_url(letter, fmt="html"):
    return reverse("foi_public:track_letter", args=[letter.pk, fmt])


def test_the_page_lists_the_letters_and_the_correction_deadline_in_words(world):
    page = world["citizen"].get(TRACK).content.decode()  # the session keeps the request: no codes typed again
    clock = services.compute_request_clock(InfoRequest.objects.get(pk=world["request"].pk))
    assert f"请于{chinese_date(clock.correction_due)}前补正" in page
    assert world["letter"].number in page and _letter_url(world["letter"]) in page
    assert _letter_url(world["letter"], "docx") in page and "在线补正" in page
    assert world["query_code"] not in " ".join(re.findall(r'(?:href|action)="([^"]*)"', page))


def test_opening_a_letter_records_the_portal_delivery_once(world, smtp_server):
    letter = world["letter"]
    (mailed,) = deliveries.notify_letter_issued(letter_id=letter.pk)
    html = world["citizen"].get(_letter_url(letter)).content.decode()
    assert letter.number in html and "补正" in html and "张三" in html  # the applicant's own letter, unmasked
    world["citizen"].get(_letter_url(letter))
    response = world["citizen"].get(_letter_url(letter, "docx"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert letter.number in text and "no-store" in response["Cache-Control"]
    (portal,) = LetterDelivery.objects.filter(letter=letter, channel="online")
    assert portal.received_on == timezone.localdate() and portal.received_how == "opened"
    mailed.refresh_from_db()
    assert mailed.received_on == timezone.localdate()  # the e-mail's link was followed
    assert AuditEntry.objects.filter(action="foi.delivery.portal_opened").count() == 1


def test_letters_need_the_session_and_belong_to_its_request(world, jurisdiction, foi_settings):
    letter = world["letter"]
    assert Client().get(_letter_url(letter)).status_code == 404  # no look-up in this browser
    other_request, other_code, _ = _submit(Client(REMOTE_ADDR="192.0.2.7"), jurisdiction["civil"])
    other = Client()
    other.post(TRACK, {"tracking_code": other_request.tracking_code, "query_code": other_code})
    assert other.get(_letter_url(letter)).status_code == 404
    assert world["citizen"].get(_letter_url(letter, "pdf")).status_code == 404
    assert not LetterDelivery.objects.filter(channel="online").exists()


def test_a_letter_to_the_third_party_is_not_the_applicants(world):
    letter = Letter.objects.create(
        agency=world["letter"].agency,
        request=world["request"],
        kind="third_party",
        year=2026,
        serial=99,
        number="江民公开〔2026〕99号",
        issued_on=timezone.localdate(),
        title="征求第三方意见书",
        body="第三方：……",
    )
    assert world["citizen"].get(_letter_url(letter)).status_code == 404
    assert letter.number not in world["citizen"].get(TRACK).content.decode()


def test_a_session_id_planted_before_the_look_up_gains_nothing(jurisdiction, foi_settings, client_for):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    letter = _correction_notice(client_for(Role.CASE_OFFICER, jurisdiction["civil"]), info_request)
    citizen = Client()
    citizen.get(TRACK)
    session = citizen.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    citizen.post(TRACK, {"tracking_code": info_request.tracking_code, "query_code": query_code})
    assert citizen.session.session_key != planted
    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert attacker.get(_letter_url(letter)).status_code == 404
    assert citizen.get(_letter_url(letter)).status_code == 200


def test_the_session_expires_and_a_failed_look_up_ends_it(world):
    citizen = world["citizen"]
    session = citizen.session
    session[TRACK_SESSION_KEY] = {**session[TRACK_SESSION_KEY], "until": timezone.now().timestamp() - 1}
    session.save()
    assert citizen.get(_letter_url(world["letter"])).status_code == 404
    citizen.post(TRACK, {"tracking_code": world["request"].tracking_code, "query_code": world["query_code"]})
    assert citizen.get(_letter_url(world["letter"])).status_code == 200
    before = TrackingAttempt.objects.count()
    citizen.post(TRACK, {"tracking_code": world["request"].tracking_code, "query_code": "00000000"})
    assert TrackingAttempt.objects.count() == before + 1  # counted by the lockout
    assert citizen.get(_letter_url(world["letter"])).status_code == 404


def test_a_correction_online_restarts_the_reply_period(world):
    info_request = world["request"]
    assert InfoRequest.objects.get(pk=info_request.pk).paused == "correction"
    response = world["citizen"].post(
        CORRECT,
        {
            "text": "所需信息为2025年度江城区城乡低保资金发放明细表",
            "files": [
                SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf"),
                SimpleUploadedFile("截图.png", PNG, content_type="image/png"),
            ],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "补正材料已收到" in page and f"已于{chinese_date(timezone.localdate())}收到（附件2个）" in page
    info_request.refresh_from_db()
    today = timezone.localdate()
    event = info_request.events.get(type="correction_received")
    assert event.on == today and event.actor is None
    clock = services.compute_request_clock(info_request)
    assert info_request.paused == "" and info_request.due_on == clock.due and clock.due > today
    assert info_request.due_on.strftime("%Y年%-m月%-d日") in page and "在线补正" not in page
    correction = Correction.objects.get(request=info_request)
    assert correction.received_on == today and "低保" in correction.text
    assert sorted(a.content_type for a in Attachment.objects.filter(correction=correction)) == [
        "application/pdf",
        "image/png",
    ]
    assert AuditEntry.objects.filter(action="foi.correction.online", object_id=str(info_request.pk)).exists()
    detail = world["officer"].get(reverse("foi_staff:detail", args=[info_request.pk])).content.decode()
    assert "在线提交的补正" in detail and "说明.pdf" in detail


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "  "}, "请填写补正内容或上传补正材料"),
        (
            {"files": [SimpleUploadedFile("大.pdf", b"%PDF-1.4\n" + b"0" * MAX_ATTACHMENT_BYTES)]},
            "附件不能超过 10 MB",
        ),
        ({"text": "见附件", "files": [SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10)]}, "附件须为 PDF"),
        ({"files": [SimpleUploadedFile(f"{n}.png", PNG) for n in range(6)]}, "最多可上传5个文件"),
    ],
)
def test_a_bad_correction_is_refused_in_chinese_and_nothing_stored(world, data, message):
    response = world["citizen"].post(CORRECT, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Correction.objects.exists() and not Attachment.objects.filter(correction__isnull=False).exists()
    assert not world["request"].events.filter(type="correction_received").exists()


def test_the_service_refuses_an_empty_correction_too(world):
    from django.core.exceptions import ValidationError

    from gongkai.foi.corrections import correction_submit_online

    with pytest.raises(ValidationError, match="请填写补正内容或上传补正材料"):
        correction_submit_online(request=world["request"], text=" \n ", files=[])
    assert not Correction.objects.exists()


def test_no_correction_when_none_is_asked_for(jurisdiction, foi_settings):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    citizen = Client()
    page = citizen.post(TRACK, {"tracking_code": info_request.tracking_code, "query_code": query_code})
    assert "在线补正" not in page.content.decode() and "前补正" not in page.content.decode()
    response = citizen.post(CORRECT, {"text": "补充说明"})
    assert "本申请当前无需补正" in response.content.decode()
    assert not Correction.objects.exists()


def test_without_a_look_up_the_correction_form_sends_back_to_the_codes(world):
    response = Client().post(CORRECT, {"text": "补充说明"})
    assert response.status_code == 302 and response["Location"] == TRACK
    assert not Correction.objects.exists()


def test_leaving_ends_the_session(world):
    world["citizen"].post(reverse("foi_public:track_leave"))
    assert world["citizen"].get(_letter_url(world["letter"])).status_code == 404


def test_the_tracking_page_makes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    info_request = world["request"]
    for n in range(5):  # more letters and deliveries do not add queries
        letter = Letter.objects.create(
            agency=world["letter"].agency,
            request=info_request,
            kind="extension",
            year=2026,
            serial=100 + n,
            number=f"江民公开〔2026〕{100 + n}号",
            issued_on=timezone.localdate() - dt.timedelta(days=0),
            title="延期答复告知书",
            body="……",
        )
        deliveries.letter_opened_on_portal(letter=letter)
    with django_assert_max_num_queries(9):
        page = world["citizen"].get(TRACK).content.decode()
    assert page.count("延期答复告知书") == 5
