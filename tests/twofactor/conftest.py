from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from tests.twofactor import totp


def log_in(client: Client, username: str, password: str = PASSWORD, next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("workspace:login"), data)


def enrolled(user) -> tuple[TOTPDevice, str]:
    """A confirmed authenticator for ``user`` and its base32 secret (what the phone holds)."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device, totp.secret_of_key(device.key)


@pytest.fixture
def officer(jurisdiction, make_user):
    from gongkai.agencies.models import Role

    return make_user(Role.CASE_OFFICER, jurisdiction["civil"], username="officer")
