"""The password hasher of a login (issue 14: login took 1.1–2.2 s, all of it one PBKDF2 run of 1,000,000 rounds).

Production hashes with Argon2id; PBKDF2 hashes already stored still verify and are rehashed at the next login; a login
checks the password once. The suite itself hashes with MD5 (tests/settings.py), so these tests use the real list.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import hashers
from django.test import override_settings
from django.urls import reverse

import gongkai.settings as production
from tests.conftest import PASSWORD


def test_production_hashes_with_argon2_and_keeps_pbkdf2_at_djangos_rounds():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production.PASSWORD_HASHERS
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        hashers.get_hashers.cache_clear()
        try:
            pbkdf2 = hashers.get_hasher("pbkdf2_sha256")
            assert type(pbkdf2) is hashers.PBKDF2PasswordHasher  # Django's rounds, not a weakened subclass
            assert hashers.make_password(PASSWORD).startswith("argon2$argon2id$")
        finally:
            hashers.get_hashers.cache_clear()


@pytest.fixture
def real_hashers():
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        hashers.get_hashers.cache_clear()
        hashers.get_hashers_by_algorithm.cache_clear()
        yield
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


def test_a_login_checks_the_password_once_and_upgrades_a_pbkdf2_hash(real_hashers, make_user, client, monkeypatch):
    user = make_user()
    # a PBKDF2 hash as stored before Argon2 (few rounds, so the test is quick: the rounds are read from the hash)
    user.password = hashers.PBKDF2PasswordHasher().encode(PASSWORD, hashers.PBKDF2PasswordHasher().salt(), 1000)
    user.save(update_fields=["password"])
    calls = []
    for cls in (hashers.PBKDF2PasswordHasher, hashers.Argon2PasswordHasher):
        original = cls.verify
        monkeypatch.setattr(
            cls, "verify", lambda self, p, e, _o=original: calls.append(self.algorithm) or _o(self, p, e)
        )
    response = client.post(reverse("workspace:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert calls == ["pbkdf2_sha256"]
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    client.logout()
    calls.clear()
    client.post(reverse("workspace:login"), {"username": user.username, "password": PASSWORD})
    assert calls == ["argon2"]
