from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies import demo
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import membership_grant, user_create

PASSWORD = "correct-horse-battery-9"


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


__all__ = ["PASSWORD", "Role"]
