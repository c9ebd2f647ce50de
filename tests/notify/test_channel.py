"""The notification channel (gongkai.notify): e-mail through Django's backend to a real SMTP server, texts through
the provider a setting names, and a record of every message that holds neither its text nor the address in clear."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.db import connection

from gongkai.audit.models import AuditEntry
from gongkai.core.contacts import EMAIL, PHONE, contact_digest, normalise_phone
from gongkai.notify import selectors, sms
from gongkai.notify.services import send_email, send_sms

ADDRESS = "wang.wu@example.org"
NUMBER = "13800138000"
SECRET = "本条消息的正文 12345678"


class Recording:
    calls: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        Recording.calls.append((phone, text))


class Broken:
    def send(self, phone: str, text: str) -> None:
        raise sms.SmsError("gateway down")


@pytest.fixture(autouse=True)
def _clear():
    Recording.calls.clear()


def _row_text() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM notify_message")
        return " ".join(str(v) for row in cursor.fetchall() for v in row)


def test_an_email_reaches_a_real_smtp_server_and_is_recorded_without_its_text(jurisdiction, smtp_server):
    agency = jurisdiction["civil"]
    message = send_email(to=ADDRESS, subject="通知", body=SECRET, purpose="test.notice", obj=agency)
    (received,) = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == [ADDRESS] and received["From"] == "gongkai@jiangyuan.gov.cn"
    assert received["Subject"] == "通知" and SECRET in received.get_content()
    assert message.delivered and message.channel == "email" and message.agency_id == agency.pk
    assert message.to_digest == contact_digest(EMAIL, " Wang.Wu@Example.org")
    stored = _row_text()
    assert ADDRESS not in stored and "12345678" not in stored and "正文" not in stored
    assert list(selectors.messages_about(agency, purpose="test.notice")) == [message]
    (entry,) = AuditEntry.objects.filter(action="notify.message.sent")
    assert entry.changes["message"] == message.pk and ADDRESS not in str(entry.changes)


def test_an_unreachable_smtp_server_is_recorded_as_not_delivered(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    message = send_email(to=ADDRESS, subject="通知", body=SECRET, purpose="test.notice")
    assert not message.delivered and message.failure == "ConnectionRefusedError"
    assert AuditEntry.objects.filter(action="notify.message.failed").count() == 1


def test_the_log_only_provider_is_the_default_and_logs_no_number_and_no_text(db, caplog):
    assert isinstance(sms.provider(), sms.LogOnlySmsProvider)
    with caplog.at_level(logging.INFO, logger="gongkai.notify"):
        message = send_sms(phone=NUMBER, text=SECRET, purpose="test.notice")
    (line,) = [r for r in caplog.records if r.name == "gongkai.notify"]
    logged = line.getMessage() + str(line.log_fields)
    assert "138****8000" in logged and NUMBER not in logged and "12345678" not in logged and "正文" not in logged
    assert message.delivered and message.to_masked == "138****8000"
    assert NUMBER not in _row_text() and mail.outbox == []


def test_the_provider_is_chosen_by_a_setting(db, settings):
    settings.GONGKAI_SMS_PROVIDER = "tests.notify.test_channel.Recording"
    message = send_sms(phone="+86 138 0013 8000", text=SECRET, purpose="test.notice")
    assert Recording.calls == [("+86 138 0013 8000", SECRET)] and message.delivered
    assert message.to_digest == contact_digest(PHONE, NUMBER)
    settings.GONGKAI_SMS_PROVIDER = "tests.notify.test_channel.Broken"
    failed = send_sms(phone=NUMBER, text=SECRET, purpose="test.notice")
    assert not failed.delivered and failed.failure == "SmsError"


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("13800138000", NUMBER),
        ("+86 138-0013-8000", NUMBER),
        ("0086 13800138000", NUMBER),
        ("８６１３８００１３８０００", NUMBER),
        ("010-6512 3456", "01065123456"),
    ],
)
def test_phone_numbers_are_compared_by_their_digits(typed, normal):
    assert normalise_phone(typed) == normal


def test_the_demo_writes_mail_to_the_data_dirs_mail_folder(db, settings, tmp_path, monkeypatch):
    from gongkai.ops.management.commands.demo import Command

    monkeypatch.delenv("GONGKAI_EMAIL_HOST", raising=False)
    monkeypatch.delenv("GONGKAI_EMAIL_BACKEND", raising=False)
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    Command()._mail_to_folder()
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert send_email(to=ADDRESS, subject="通知", body=SECRET, purpose="test.notice").delivered
    (written,) = (tmp_path / "mail").iterdir()
    assert ADDRESS in written.read_text()
