"""The client's address behind reverse proxies (gongkai.core.clients) and the login lockout keyed on it (axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from gongkai.core.clients import client_address, parse_networks
from tests.conftest import PASSWORD

PROXY = "10.0.0.5"
BEHIND_PROXY = override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.0/24", "2001:db8::/32"])


def _address(remote: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # no trusted proxy configured: the header is the client's to write and is ignored
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),
        (PROXY, "203.0.113.9", PROXY),
    ],
)
def test_without_trusted_proxies_the_header_is_ignored(remote, forwarded, expected):
    assert _address(remote, forwarded) == expected


@BEHIND_PROXY
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "203.0.113.9", "203.0.113.9"),  # nginx appended the client's address
        (PROXY, None, PROXY),  # nothing forwarded: the proxy itself
        # the client wrote its own X-Forwarded-For: nginx appends the real address; only that one counts
        (PROXY, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # two proxies of ours (a balancer, then nginx): walked from the right past every trusted hop
        (PROXY, "1.2.3.4, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        # a client that is not a trusted proxy cannot choose its address by sending the header
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),
        ("198.51.100.7", "10.0.0.7", "198.51.100.7"),
        # ports, IPv6, IPv4-mapped IPv6
        (PROXY, "203.0.113.9:51234", "203.0.113.9"),
        ("2001:db8::1", "[2001:db9::2]:443", "2001:db9::2"),
        ("::ffff:10.0.0.5", "203.0.113.9", "203.0.113.9"),
        # a trusted proxy passing on garbage: the last address known stands (never the garbage)
        (PROXY, "203.0.113.9, not-an-address", PROXY),
        (PROXY, "not-an-address, 10.0.0.8", "10.0.0.8"),
    ],
)
def test_behind_trusted_proxies_the_header_is_walked_from_the_right(remote, forwarded, expected):
    assert _address(remote, forwarded) == expected


def test_no_request_is_no_address():
    assert client_address(None) == ""


def test_a_bad_network_is_refused_by_name():
    assert [str(n) for n in parse_networks("10.0.0.0/8, 192.0.2.7")] == ["10.0.0.0/8", "192.0.2.7/32"]
    with pytest.raises(ValueError, match=r"10\.0\.0\.300"):
        parse_networks("10.0.0.300")


def test_axes_uses_the_client_address():
    assert settings.AXES_CLIENT_IP_CALLABLE == "gongkai.core.clients.client_address"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def _login(client: Client, username: str, password: str):
    return client.post(reverse("workspace:login"), {"username": username, "password": password})


@BEHIND_PROXY
def test_an_officer_is_not_locked_out_by_failures_from_another_address(make_user):
    """Everyone reaches gongkai through the proxy: the lockout must hold the attacker's address, not the proxy's."""
    make_user(username="wang")
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "wang", "wrong")
    assert _login(attacker, "wang", PASSWORD).status_code == 429  # locked: this user from this address
    officer = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert _login(officer, "wang", PASSWORD).status_code == 302


@BEHIND_PROXY
def test_a_spoofed_forwarded_header_does_not_escape_the_lockout(make_user):
    make_user(username="wang")
    for n in range(settings.AXES_FAILURE_LIMIT):  # straight to gongkai, a new X-Forwarded-For each time
        _login(Client(REMOTE_ADDR="198.51.100.99", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"), "wang", "wrong")
    again = Client(REMOTE_ADDR="198.51.100.99", HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert _login(again, "wang", PASSWORD).status_code == 429
