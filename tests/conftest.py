from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import demo
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import membership_grant, user_create

PASSWORD = "correct-horse-battery-9"

# Django's own force_login: a session that passed the password only (tests/twofactor use it).
password_only_login = Client.force_login


def verify_second_factor(client: Client, user) -> TOTPDevice:
    """Mark the client's session as past the second step of the login, as after typing an authenticator code
    (gongkai.twofactor): the user gets a confirmed authenticator if it has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_step(monkeypatch):
    """``client.force_login(user)`` in any test logs in with both factors, as staff do every day: the suite runs
    with the default GONGKAI_2FA=roles, and tests about the second step itself use ``password_only_login``."""

    def force_login(self, user, backend=None):
        password_only_login(self, user, backend)
        verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def jurisdiction(db) -> dict[str, Agency]:
    """The demo jurisdiction: city, its office (supervisor), city 民政局, county, county 民政局."""
    return demo.load_jurisdiction()


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def _make(role: str | None = None, agency: Agency | None = None, *, superuser: bool = False, username=None):
        counter["n"] += 1
        user = user_create(
            actor=None,
            username=username or f"user{counter['n']}",
            password=PASSWORD,
            full_name=f"测试用户{counter['n']}",
            is_superuser=superuser,
        )
        if role and agency:
            membership_grant(actor=None, user=user, agency=agency, role=role)
        return user

    return _make


@pytest.fixture
def client_for(make_user):
    """A logged-in test client for a fresh user holding ``role`` at ``agency``."""

    def _client(role: str | None = None, agency: Agency | None = None, *, superuser: bool = False) -> Client:
        user = make_user(role, agency, superuser=superuser)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return _client


__all__ = ["PASSWORD", "Role", "password_only_login", "verify_second_factor"]


class _Inbox:
    """What a real SMTP server on loopback (aiosmtpd) received: one ``email.message.Message`` per message."""

    def __init__(self) -> None:
        self.messages: list = []
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd) with gongkai's e-mail settings pointing at it; yields its inbox."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "gongkai@jiangyuan.gov.cn"
    try:
        yield inbox
    finally:
        controller.stop()
