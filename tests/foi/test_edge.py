"""The portal at the web edge: limits per client (behind the proxy, each citizen apart) and per agency (a flood stops
there); the applicant's pages are never cached."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from gongkai.foi.models import InfoRequest
from gongkai.foi.services import PORTAL_RATE_LIMIT, TRACKING_FAILURE_LIMIT
from tests.foi.test_workflow import _form, _submit

PROXY = "10.0.0.5"
BEHIND_PROXY = override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.0/24"])


def _citizen(address: str) -> Client:
    """A browser reaching gongkai through nginx, which appends the browser's address."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def _apply(client: Client, agency):
    return client.post(reverse("foi_public:apply", args=[agency.credit_code]), _form())


@BEHIND_PROXY
def test_behind_the_proxy_two_citizens_are_limited_separately(jurisdiction, foi_settings):
    civil = jurisdiction["civil"]
    first = _citizen("203.0.113.1")
    for _ in range(PORTAL_RATE_LIMIT):
        _submit(first, civil)
    refused = _apply(first, civil)
    assert refused.status_code == 200 and "提交过于频繁" in refused.content.decode()
    _submit(_citizen("203.0.113.2"), civil)  # another citizen, same proxy: not refused
    assert InfoRequest.objects.count() == PORTAL_RATE_LIMIT + 1


@BEHIND_PROXY
def test_an_untrusted_client_cannot_spoof_its_address(jurisdiction, foi_settings):
    civil = jurisdiction["civil"]
    for n in range(PORTAL_RATE_LIMIT):  # straight to the app server, a new X-Forwarded-For each time
        _submit(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"), civil)
    spoofed = _apply(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.99"), civil)
    assert "提交过于频繁" in spoofed.content.decode()
    assert InfoRequest.objects.count() == PORTAL_RATE_LIMIT


@override_settings(GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT=3)
def test_one_agency_accepts_at_most_its_hourly_ceiling_from_all_clients(jurisdiction, foi_settings):
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    for n in range(3):
        _submit(Client(REMOTE_ADDR=f"203.0.113.{n}"), civil)
    refused = _apply(Client(REMOTE_ADDR="203.0.113.50"), civil).content.decode()
    assert "本机关在线申请过多" in refused and "信函" in refused
    assert InfoRequest.objects.filter(agency=civil).count() == 3
    _submit(Client(REMOTE_ADDR="203.0.113.50"), county)  # another agency is not affected


@BEHIND_PROXY
def test_behind_the_proxy_a_guesser_is_locked_out_alone(jurisdiction, foi_settings):
    info_request, query_code, _ack = _submit(_citizen("203.0.113.1"), jurisdiction["civil"])
    url = reverse("foi_public:track")
    guesser = _citizen("203.0.113.66")
    for n in range(TRACKING_FAILURE_LIMIT):
        guesser.post(url, {"tracking_code": info_request.tracking_code, "query_code": f"{n:08d}"})
    data = {"tracking_code": info_request.tracking_code, "query_code": query_code}
    assert "查询失败次数过多" in guesser.post(url, data).content.decode()
    assert "办理中" in _citizen("203.0.113.1").post(url, data).content.decode()


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get("Cache-Control", "")


def test_the_applicants_pages_are_not_stored_and_public_pages_may_be(jurisdiction, foi_settings):
    civil = jurisdiction["civil"]
    client = Client()
    assert _no_store(client.get(reverse("foi_public:track")))
    assert _no_store(client.post(reverse("foi_public:track"), {"tracking_code": "GK2026-AAAAAA", "query_code": "1"}))
    submitted = client.post(reverse("foi_public:apply", args=[civil.credit_code]), _form())
    assert _no_store(submitted)
    acknowledgment = client.get(submitted["Location"])
    assert "查询码" in acknowledgment.content.decode() and _no_store(acknowledgment)
    assert not _no_store(Client().get(reverse("portal:home")))  # public pages keep ordinary caching
