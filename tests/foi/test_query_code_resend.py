"""A lost query code, sent again (issue 12, item 9): a request stored just before its worker died left the citizen
without the query code and no way to get it. Now 找回查询码 sends a new one to the e-mail or phone given in the
application — the same answer whether or not anything matched, rate-limited per client and per tracking code."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.core import views as core_views
from gongkai.foi.models import InfoRequest, QueryCodeResendAttempt
from gongkai.foi.services import (
    QUERY_CODE_PURPOSE,
    RESEND_CLIENT_LIMIT,
    RESEND_SUBJECT_LIMIT,
    check_query_code,
    request_register,
)
from gongkai.notify.models import Message
from tests.foi.test_workflow import PHONE, _form

EMAIL = "zhang@example.com"
ANSWER = "若信息匹配，新的查询码已发送至您填写的联系方式"
RESEND = reverse("foi_public:resend")
TRACK = reverse("foi_public:track")
BEHIND_PROXY = override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.0/24"])


class RecordingProvider:
    """An SMS provider that keeps what it was asked to send (GONGKAI_SMS_PROVIDER names it)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        RecordingProvider.sent.append((phone, text))


@pytest.fixture(autouse=True)
def _no_recorded_texts():
    RecordingProvider.sent.clear()


def _stored_but_never_seen(agency, **overrides) -> tuple[InfoRequest, str]:
    """The found case: the form was posted and the request stored, but the citizen never saw the acknowledgment
    (the worker died before answering). Returns the request and the query code nobody saw."""
    browser = Client()
    response = browser.post(reverse("foi_public:apply", args=[agency.credit_code]), _form(**overrides))
    assert response.status_code == 302
    unseen = browser.session["foi_ack"]  # what the acknowledgment would have shown
    return InfoRequest.objects.get(pk=unseen["id"]), unseen["query_code"]


def _tracks(tracking_code: str, query_code: str) -> bool:
    page = Client().post(TRACK, {"tracking_code": tracking_code, "query_code": query_code}).content.decode()
    return "办理中" in page


def _resend(client: Client | None = None, *, tracking_code: str = "", contact: str = EMAIL):
    return (client or Client()).post(RESEND, {"tracking_code": tracking_code, "contact": contact})


def _code_in(text: str) -> str:
    return re.search(r"(?:新的查询码：|查询码为 )(\d{8})", text).group(1)


def test_the_found_case_is_recovered_end_to_end_by_email(jurisdiction, foi_settings, smtp_server):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"])
    tracking_page = Client().get(TRACK).content.decode()
    assert f'href="{RESEND}"' in tracking_page and "找回查询码" in tracking_page
    # the citizen saw neither code: the contact alone finds the request
    response = _resend(contact="  Zhang@Example.COM ")
    assert response.status_code == 200 and ANSWER in response.content.decode()
    (message,) = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == [EMAIL]
    assert info_request.tracking_code in message["Subject"]
    body = message.get_content()
    assert info_request.tracking_code in body and "原查询码已失效" in body and "/track/" in body
    new_code = _code_in(body)
    assert _tracks(info_request.tracking_code, new_code)
    assert not _tracks(info_request.tracking_code, old_code)


def test_with_the_tracking_code_the_email_goes_out_too(jurisdiction, foi_settings, smtp_server):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"])
    assert ANSWER in _resend(tracking_code=info_request.tracking_code.lower()).content.decode()
    new_code = _code_in(smtp_server.messages[0].get_content())
    assert _tracks(info_request.tracking_code, new_code) and not _tracks(info_request.tracking_code, old_code)


@override_settings(GONGKAI_SMS_PROVIDER="tests.foi.test_query_code_resend.RecordingProvider")
def test_a_phone_gets_the_new_code_by_text_message(jurisdiction, foi_settings):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"], email="")
    response = _resend(tracking_code=info_request.tracking_code, contact="+86 139-1234-5678")
    assert ANSWER in response.content.decode()
    ((phone, text),) = RecordingProvider.sent
    assert phone == PHONE and info_request.tracking_code in text and "江源市民政局" in text
    assert _tracks(info_request.tracking_code, _code_in(text))
    assert not _tracks(info_request.tracking_code, old_code)
    assert mail.outbox == []


def test_the_log_only_provider_logs_the_text_without_number_or_code(jurisdiction, foi_settings, caplog):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"])
    with caplog.at_level(logging.INFO, logger="gongkai.notify"):
        _resend(tracking_code=info_request.tracking_code, contact=PHONE)
    (line,) = [r for r in caplog.records if r.name == "gongkai.notify"]
    logged = line.getMessage() + str(getattr(line, "log_fields", ""))
    assert "sms.log_only" in logged and "139****5678" in logged and PHONE not in logged
    info_request.refresh_from_db()
    assert not check_query_code(info_request, old_code)  # a new code went out (to the log-only provider)
    assert not re.search(r"\d{8}", logged)


def test_a_wrong_contact_or_an_unknown_code_gets_the_same_answer_and_nothing_is_sent(jurisdiction, foi_settings):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"])
    answers = [
        _resend(tracking_code=info_request.tracking_code, contact="other@example.com"),
        _resend(tracking_code=info_request.tracking_code, contact="13900000000"),
        _resend(tracking_code="GK2026-ZZZZZZ", contact=EMAIL),
        _resend(contact="nobody@example.com"),
    ]
    right = _resend(Client(REMOTE_ADDR="192.0.2.9"), tracking_code=info_request.tracking_code)

    def shown(response) -> tuple[int, str]:
        page = response.content.decode()
        return response.status_code, re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)

    assert {shown(r) for r in answers} == {shown(right)}  # byte for byte the same page
    assert len(mail.outbox) == 1 and Message.objects.count() == 1  # only the right one sent anything
    assert QueryCodeResendAttempt.objects.count() == 5  # every attempt counted, matched or not
    assert not check_query_code(InfoRequest.objects.get(pk=info_request.pk), old_code)


def test_a_request_registered_without_a_contact_sends_nothing_and_says_ask_the_agency(
    jurisdiction, foi_settings, make_user
):
    officer = make_user(Role.CASE_OFFICER, jurisdiction["civil"])
    letter = request_register(
        actor=officer,
        agency=jurisdiction["civil"],
        applicant={"kind": "natural_person", "name": "李四"},
        channel="post",
        submitted_on=timezone.localdate(),
        signed_on=timezone.localdate(),
        description="2025年度养老机构名录",
    ).request
    assert (letter.email_digest, letter.phone_digest) == ("", "")
    page = _resend(tracking_code=letter.tracking_code, contact="").content.decode()
    assert "这个字段是必填项" in page  # a contact is needed to send anything …
    for contact in ("lisi@example.com", "无", "-"):  # no phone on file matches no digits typed either
        page = _resend(Client(REMOTE_ADDR="192.0.2.1"), tracking_code=letter.tracking_code, contact=contact)
        assert ANSWER in page.content.decode() and "请联系受理机关" in page.content.decode()  # the agency is the way
    assert mail.outbox == [] and Message.objects.count() == 0


def test_one_client_is_limited_per_hour_and_the_refusal_sends_nothing(jurisdiction, foi_settings):
    info_request, _old = _stored_but_never_seen(jurisdiction["civil"])
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(RESEND_CLIENT_LIMIT):
        _resend(client, tracking_code=f"GK2026-AAAAA{n + 2}")
    refused = _resend(client, tracking_code=info_request.tracking_code)
    assert refused.status_code == 200 and "找回查询码的次数过多" in refused.content.decode()
    assert ANSWER not in refused.content.decode()
    assert mail.outbox == [] and Message.objects.count() == 0
    QueryCodeResendAttempt.objects.update(at=timezone.now() - dt.timedelta(minutes=61))  # an hour later
    assert ANSWER in _resend(client, tracking_code=info_request.tracking_code).content.decode()
    assert len(mail.outbox) == 1


def test_one_tracking_code_is_limited_per_day_from_any_client(jurisdiction, foi_settings):
    info_request, _old = _stored_but_never_seen(jurisdiction["civil"])
    for n in range(RESEND_SUBJECT_LIMIT):
        _resend(Client(REMOTE_ADDR=f"203.0.113.{n}"), tracking_code=info_request.tracking_code)
    assert len(mail.outbox) == RESEND_SUBJECT_LIMIT
    refused = _resend(Client(REMOTE_ADDR="203.0.113.50"), tracking_code=info_request.tracking_code)
    assert "今天找回查询码的次数过多" in refused.content.decode()
    assert len(mail.outbox) == RESEND_SUBJECT_LIMIT
    # the same limit for a contact named without a tracking code
    for n in range(RESEND_SUBJECT_LIMIT):
        _resend(Client(REMOTE_ADDR=f"198.51.100.{n}"))
    assert "今天找回查询码的次数过多" in _resend(Client(REMOTE_ADDR="198.51.100.50")).content.decode()
    assert len(mail.outbox) == 2 * RESEND_SUBJECT_LIMIT


@BEHIND_PROXY
def test_behind_the_proxy_two_clients_are_limited_separately(jurisdiction, foi_settings):
    info_request, _old = _stored_but_never_seen(jurisdiction["civil"])
    guesser = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for n in range(RESEND_CLIENT_LIMIT):
        _resend(guesser, tracking_code=f"GK2026-BBBBB{n + 2}")
    assert "找回查询码的次数过多" in _resend(guesser, tracking_code="GK2026-CCCCCC").content.decode()
    citizen = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert ANSWER in _resend(citizen, tracking_code=info_request.tracking_code).content.decode()
    assert len(mail.outbox) == 1


def test_the_message_record_and_the_audit_hold_no_contact_and_no_code(jurisdiction, foi_settings):
    info_request, _old = _stored_but_never_seen(jurisdiction["civil"])
    _resend(tracking_code=info_request.tracking_code)
    new_code = _code_in(mail.outbox[0].body)
    (message,) = Message.objects.all()
    assert (message.channel, message.purpose, message.delivered) == ("email", QUERY_CODE_PURPOSE, True)
    assert (message.object_type, message.object_id, message.agency_id) == (
        "foi.inforequest",
        str(info_request.pk),
        info_request.agency_id,
    )
    assert message.to_masked == "z****@example.com"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM notify_message")
        stored = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute("SELECT * FROM foi_queryCodeResendAttempt".lower())
        stored += " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert EMAIL not in stored and new_code not in stored and "zhang" not in stored
    entries = AuditEntry.objects.filter(action="foi.query_code.resend", object_id=str(info_request.pk))
    (entry,) = entries
    assert entry.changes["channel"] == "email" and entry.changes["delivered"] is True
    assert AuditEntry.objects.filter(action="notify.message.sent", object_id=str(info_request.pk)).count() == 1
    audited = " ".join(str(e.changes) for e in AuditEntry.objects.all())
    assert new_code not in audited and EMAIL not in audited and PHONE not in audited


def test_an_undelivered_message_keeps_the_old_code(jurisdiction, foi_settings, settings):
    info_request, old_code = _stored_but_never_seen(jurisdiction["civil"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    assert ANSWER in _resend(tracking_code=info_request.tracking_code).content.decode()
    (message,) = Message.objects.all()
    assert not message.delivered and message.failure
    assert _tracks(info_request.tracking_code, old_code)


def test_the_500_page_the_tracking_page_and_a_refused_form_link_to_it(jurisdiction, foi_settings):
    error = core_views.server_error(None).content.decode()
    assert f'href="{RESEND}"' in error and "如提交申请后未看到查询码" in error
    assert f'href="{RESEND}"' in Client().get(TRACK).content.decode()
    refused = Client().post(reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), _form(name=""))
    assert refused.status_code == 200 and f'href="{RESEND}"' in refused.content.decode()
    assert "找回查询码" in Client().get(RESEND).content.decode()


def test_the_data_migration_fills_the_digests_of_requests_stored_before(jurisdiction, foi_settings):
    import importlib

    info_request, _old = _stored_but_never_seen(jurisdiction["civil"], email="Zhang@Example.com ")
    expected = (info_request.email_digest, info_request.phone_digest)
    assert all(expected)
    InfoRequest.objects.update(email_digest="", phone_digest="")
    importlib.import_module("gongkai.foi.migrations.0006_fill_contact_digests").fill(django_apps, None)
    info_request.refresh_from_db()
    assert (info_request.email_digest, info_request.phone_digest) == expected
