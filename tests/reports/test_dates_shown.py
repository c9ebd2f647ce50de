"""Issue 14, Chinese everywhere a user looks: the annual report's pages, staff and public, write dates as 公文 do
(2026年1月20日); an ISO date is left only in a ``<time datetime>`` attribute, for machines."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from tests.reports.test_views import published  # noqa: F401 (the fixture)

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _text(response) -> str:
    """What a reader sees: the page without its tags (and so without their attributes)."""
    assert response.status_code == 200
    return re.sub(r"<[^>]*>", " ", response.content.decode())


@pytest.mark.parametrize("page", ["list", "detail"])
def test_staff_report_pages_show_chinese_dates(published, jurisdiction, client_for, page):  # noqa: F811
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    report = published["civil"]
    url = reverse("reports_staff:list") if page == "list" else reverse("reports_staff:detail", args=[report.pk])
    text = _text(client.get(url))
    assert "2026年1月20日" in text  # published on (the fixture's day)
    assert "2026年1月31日" in text  # the deadline of 条例 第四十九条 for a department of a people's government
    assert not ISO_DATE.findall(text)


def test_list_keeps_the_iso_date_for_machines(published, jurisdiction, client_for):  # noqa: F811
    html = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"]).get(reverse("reports_staff:list")).content.decode()
    assert '<time datetime="2026-01-20">2026年1月20日</time>' in html


def test_oversight_shows_chinese_dates(published, jurisdiction, client_for):  # noqa: F811
    text = _text(
        client_for(Role.SUPERVISOR, jurisdiction["office"]).get(reverse("reports_staff:oversight") + "?year=2025")
    )
    assert "2026年1月20日" in text and "2026年1月31日" in text
    assert not ISO_DATE.findall(text)


def test_public_report_pages_show_chinese_dates(published, jurisdiction, client):  # noqa: F811
    civil = jurisdiction["civil"]
    for url in (
        reverse("portal:annual_reports", args=[civil.credit_code]),
        reverse("portal:annual_report", args=[civil.credit_code, 2025]),
    ):
        text = _text(client.get(url))
        assert "2026年1月20日" in text
        assert not ISO_DATE.findall(text)
