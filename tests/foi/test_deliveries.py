"""Deliveries (送达, issue 13 item 1): every letter is sent and received on a recorded day; a letter sent by post stays
in delivery until its signature; a receipt recomputes the clock, which gets each event's ``delivered_on``; the
applicant is told of a new letter by e-mail or text message, recorded as a delivery (item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi import deliveries, services
from gongkai.foi.models import DeliveryEvidence, Letter, LetterDelivery, RequestEvent
from gongkai.notify.models import Message
from tests.foi.test_workflow import PHONE, _submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _correction_notice(officer, info_request, on: dt.date | None = None) -> Letter:
    on = on or timezone.localdate()
    response = officer.post(
        reverse("foi_staff:act", args=[info_request.pk, "correction_requested"]),
        {"correction_requested-on": on.isoformat(), "correction_requested-period_workdays": "10"},
    )
    assert response.status_code == 302
    return Letter.objects.get(request=info_request, kind="correction")


@pytest.fixture
def world(jurisdiction, foi_settings, client_for):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    return {"request": info_request, "query_code": query_code, "officer": officer, "civil": jurisdiction["civil"]}


def _add(officer, letter, **fields):
    prefix = f"delivery-{letter.pk}"
    data = {f"{prefix}-{k}": v for k, v in fields.items()}
    return officer.post(reverse("foi_staff:delivery_add", args=[letter.pk]), data, follow=True)


def test_a_letter_by_post_stays_in_delivery_until_signed_for(world):
    letter = _correction_notice(world["officer"], world["request"])
    today = timezone.localdate()
    page = _add(
        world["officer"], letter, channel="post", sent_on=today.isoformat(), tracking_number="EMS1234567890CN"
    ).content.decode()
    delivery = LetterDelivery.objects.get(letter=letter, channel="post")
    assert delivery.in_delivery and delivery.recorded_by == world["officer"].user
    assert "送达中" in page and "EMS1234567890CN" in page
    prefix = f"receipt-{delivery.pk}"
    page = (
        world["officer"]
        .post(
            reverse("foi_staff:delivery_receipt", args=[delivery.pk]),
            {
                f"{prefix}-received_on": today.isoformat(),
                f"{prefix}-received_how": "signed",
                f"{prefix}-evidence": SimpleUploadedFile("回执.png", PNG, content_type="image/png"),
            },
            follow=True,
        )
        .content.decode()
    )
    delivery.refresh_from_db()
    assert delivery.received_on == today and delivery.received_how == "signed"
    assert "签收" in page and "回执.png" in page
    evidence = DeliveryEvidence.objects.get(delivery=delivery)
    assert evidence.content_type == "image/png"
    download = world["officer"].get(reverse("foi_staff:delivery_evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    actions = set(AuditEntry.objects.filter(object_id=str(world["request"].pk)).values_list("action", flat=True))
    assert {"foi.delivery.record", "foi.delivery.receipt", "foi.delivery.evidence"} <= actions


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sent_on": -1}, "日期不能早于文书出具日期"),
        ({"sent_on": 1}, "日期不能晚于今天"),
        ({"received_on": 1, "received_how": "signed"}, "日期不能晚于今天"),
        ({"received_on": -1, "received_how": "signed"}, "日期不能早于文书出具日期"),
        ({"received_on": 0}, "请选择送达确认方式"),
        ({"channel": "post", "tracking_number": ""}, "请填写邮件单号"),
        ({"channel": "online"}, "选择一个有效的选项"),
    ],
)
def test_a_wrong_delivery_is_refused_in_chinese_and_nothing_stored(world, fields, message):
    letter = _correction_notice(world["officer"], world["request"])
    today = timezone.localdate()
    data = {"channel": "pickup", "sent_on": today.isoformat()}
    for key, value in fields.items():
        data[key] = (today + dt.timedelta(days=value)).isoformat() if isinstance(value, int) else value
    before = LetterDelivery.objects.count()
    page = _add(world["officer"], letter, **data).content.decode()
    assert message in page
    assert LetterDelivery.objects.count() == before


def test_a_receipt_cannot_be_recorded_twice_or_before_it_was_sent(world):
    letter = _correction_notice(world["officer"], world["request"])
    today = timezone.localdate()
    delivery = deliveries.delivery_record(
        actor=world["officer"].user, letter=letter, channel="post", sent_on=today, tracking_number="X1"
    )
    with pytest.raises(Exception, match="日期不能晚于今天"):
        deliveries.delivery_receipt_record(
            actor=None, delivery=delivery, received_on=today + dt.timedelta(days=1), received_how="signed"
        )
    deliveries.delivery_receipt_record(actor=None, delivery=delivery, received_on=today, received_how="signed")
    with pytest.raises(Exception, match="已经登记"):
        deliveries.delivery_receipt_record(actor=None, delivery=delivery, received_on=today, received_how="signed")


def test_another_agencys_officer_gets_404_on_recording_a_delivery(world, jurisdiction, client_for):
    letter = _correction_notice(world["officer"], world["request"])
    delivery = deliveries.delivery_record(
        actor=world["officer"].user, letter=letter, channel="post", sent_on=timezone.localdate(), tracking_number="1"
    )
    other = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    today = timezone.localdate().isoformat()
    response = other.post(
        reverse("foi_staff:delivery_add", args=[letter.pk]),
        {f"delivery-{letter.pk}-channel": "pickup", f"delivery-{letter.pk}-sent_on": today},
    )
    assert response.status_code == 404
    response = other.post(
        reverse("foi_staff:delivery_receipt", args=[delivery.pk]),
        {f"receipt-{delivery.pk}-received_on": today, f"receipt-{delivery.pk}-received_how": "signed"},
    )
    assert response.status_code == 404
    supervisor = client_for(Role.SUPERVISOR, jurisdiction["office"])
    response = supervisor.post(
        reverse("foi_staff:delivery_add", args=[letter.pk]),
        {f"delivery-{letter.pk}-channel": "pickup", f"delivery-{letter.pk}-sent_on": today},
    )
    assert response.status_code == 403
    assert LetterDelivery.objects.count() == 1
    delivery.refresh_from_db()
    assert delivery.in_delivery


# --- the clock gets delivered_on ---------------------------------------------------------------------------------


def test_the_clock_events_carry_the_day_the_notice_was_received(world):
    info_request = world["request"]
    today = timezone.localdate()
    letter = _correction_notice(world["officer"], info_request)
    info_request.refresh_from_db()
    (notice,) = [e for e in services.clock_events_of(info_request) if e.type == "correction_requested"]
    assert notice.delivered_on is None  # not received yet: the law counts from the notice's date
    delivery = deliveries.delivery_record(
        actor=world["officer"].user, letter=letter, channel="post", sent_on=today, tracking_number="1"
    )
    deliveries.delivery_receipt_record(actor=None, delivery=delivery, received_on=today, received_how="signed")
    info_request.refresh_from_db()
    events = services.clock_events_of(info_request)
    assert [e.delivered_on for e in events if e.type == "correction_requested"] == [today]
    assert all(e.delivered_on is None for e in events if e.type != "correction_requested")  # no letter to them


def test_a_receipt_recomputes_the_request(world, monkeypatch):
    """The due date is recomputed when a receipt is recorded (the clock decides what the day changes)."""
    letter = _correction_notice(world["officer"], world["request"])
    seen = []
    real = services.compute_request_clock

    def watching(request, **kwargs):
        seen.append([e.delivered_on for e in services.clock_events_of(request)])
        return real(request, **kwargs)

    monkeypatch.setattr(services, "compute_request_clock", watching)
    today = timezone.localdate()
    deliveries.delivery_record(
        actor=None, letter=letter, channel="pickup", sent_on=today, received_on=today, received_how="confirmed"
    )
    assert [today] in [[d for d in row if d] for row in seen]


def test_each_letter_is_matched_to_the_event_that_sent_it(world):
    """Two notices of one kind (a second 补正 after a first one answered): each event gets its own letter."""
    info_request = world["request"]
    first = _correction_notice(world["officer"], info_request)
    services.event_add(actor=None, request=info_request, type="correction_received", on=timezone.localdate())
    events = list(RequestEvent.objects.filter(request=info_request))
    mapping = deliveries.letters_of_events(events)
    notice = next(e for e in events if e.type == "correction_requested")
    assert mapping == {notice.pk: first.pk}


# --- telling the applicant of a new letter ----------------------------------------------------------------------


def test_a_new_letter_is_mailed_with_a_link_and_recorded_as_a_delivery(
    world, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_BASE_URL = "https://gongkai.jiangyuan.gov.cn"
    with django_capture_on_commit_callbacks(execute=True):
        letter = _correction_notice(world["officer"], world["request"])
    (message,) = smtp_server.messages
    body = message.get_content()
    assert message["To"] == "zhang@example.com" and world["request"].tracking_code in message["Subject"]
    assert "https://gongkai.jiangyuan.gov.cn/requests/track/" in body and letter.number in body
    assert world["query_code"] not in body and "张三" not in body and letter.body[:20] not in body
    delivery = LetterDelivery.objects.get(letter=letter)
    assert delivery.channel == "email" and delivery.in_delivery and delivery.sent_on == timezone.localdate()
    record = Message.objects.get(pk=delivery.message_id)
    assert record.purpose == deliveries.LETTER_PURPOSE and record.object_id == str(letter.pk)
    assert not hasattr(record, "body") and not hasattr(record, "text")


def test_a_text_message_when_the_applicant_wants_it_online(jurisdiction, foi_settings, client_for, settings):
    from tests.foi.test_query_code_resend import RecordingProvider

    settings.GONGKAI_SMS_PROVIDER = "tests.foi.test_query_code_resend.RecordingProvider"
    RecordingProvider.sent.clear()
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"], delivery="online")
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    letter = _correction_notice(officer, info_request)
    (delivery,) = deliveries.notify_letter_issued(letter_id=letter.pk)
    ((phone, text),) = RecordingProvider.sent
    assert phone == PHONE and "/requests/track/" in text and query_code not in text
    assert delivery.channel == "sms" and delivery.in_delivery


def test_post_and_third_party_letters_tell_nobody(jurisdiction, foi_settings, client_for, mailoutbox):
    info_request, _, _ = _submit(Client(), jurisdiction["civil"], delivery="post")
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    letter = _correction_notice(officer, info_request)
    assert deliveries.notify_letter_issued(letter_id=letter.pk) == [] and not mailoutbox
    assert deliveries.notice_channels(info_request) == []


def test_a_failed_mail_records_no_delivery(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    letter = _correction_notice(world["officer"], world["request"])
    assert deliveries.notify_letter_issued(letter_id=letter.pk) == []
    assert not LetterDelivery.objects.filter(letter=letter).exists()
    assert Message.objects.get(purpose=deliveries.LETTER_PURPOSE).delivered is False


def test_the_evidence_is_for_those_who_see_the_applicant_in_full(world, jurisdiction, client_for):
    """A signed receipt names the applicant: an approver of a closed request (who sees the applicant masked) gets
    403, like for the applicant's own attachments."""
    letter = _correction_notice(world["officer"], world["request"])
    delivery = deliveries.delivery_record(
        actor=None,
        letter=letter,
        channel="post",
        sent_on=timezone.localdate(),
        tracking_number="EMS1",
        evidence=SimpleUploadedFile("回执.png", PNG),
    )
    services.event_add(actor=None, request=world["request"], type="withdrawn", on=timezone.localdate())
    url = reverse("foi_staff:delivery_evidence", args=[delivery.evidence.get().pk])
    assert client_for(Role.APPROVER, jurisdiction["civil"]).get(url).status_code == 403
    assert world["officer"].get(url).status_code == 200
