"""Content-Security-Policy on every response, no inline script anywhere, and no-store on pages with personal data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core.headers import INLINE_STYLES_POLICY, POLICY

GONGKAI = Path(__file__).resolve().parents[2] / "gongkai"
# An inline script, an event-handler attribute, a javascript: link, an inline style.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
# The one standalone document: its layout travels with it (gongkai.core.headers.standalone_document).
STANDALONE = {"reports/templates/reports/print.html"}


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_the_policy_allows_scripts_from_the_site_only():
    for policy in (POLICY, INLINE_STYLES_POLICY):
        directives = _directives(policy)
        assert directives["script-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert directives["base-uri"] == "'none'" and directives["form-action"] == "'self'"
    assert _directives(POLICY)["style-src"] == "'self'"


def test_no_template_has_an_inline_script_or_style():
    templates = sorted(GONGKAI.glob("*/templates/**/*.html"))
    assert len(templates) > 50
    scripts, styles = [], []
    for template in templates:
        name = str(template.relative_to(GONGKAI))
        text = template.read_text()
        scripts += [f"{name}: {m.group(0)}" for m in INLINE_SCRIPT.finditer(text)]
        if name not in STANDALONE:
            styles += [f"{name}: {m.group(0)}" for m in INLINE_STYLE.finditer(text)]
    assert scripts == [] and styles == []


@pytest.mark.parametrize("url", ["/", "/search/", "/requests/track/", "/workspace/login/", "/no-such-page/"])
def test_every_page_has_the_policy(db, url):
    response = Client().get(url)
    assert response["Content-Security-Policy"] == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_policy_is_on_redirects_and_static_files(db, client_for):
    assert Client().get(reverse("workspace:home"))["Content-Security-Policy"] == POLICY  # → login
    assert Client().get("/static/gongkai/site.js")["Content-Security-Policy"] == POLICY


def test_the_guards_refusals_have_the_policy(db):
    response = Client().generic("POST", "/requests/track/", b"a=%FF", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response["Content-Security-Policy"] == POLICY


def test_the_admin_may_use_inline_styles_only(db, client_for):
    admin = client_for(superuser=True)
    response = admin.get(reverse("admin:index"))
    assert response.status_code == 200 and response["Content-Security-Policy"] == INLINE_STYLES_POLICY
    assert "no-store" in response["Cache-Control"]


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get("Cache-Control", "")


def test_staff_pages_are_not_stored(jurisdiction, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    for url in (
        reverse("workspace:home"),
        reverse("foi_staff:inbox"),
        reverse("cases_staff:list"),
        reverse("workspace:agency_list"),
    ):
        response = officer.get(url)
        assert response.status_code == 200 and _no_store(response), url
    assert _no_store(Client().get(reverse("workspace:login")))


def test_the_printable_report_carries_its_styles_but_no_script(jurisdiction, client_for):
    from gongkai.reports import services as report_services

    civil = jurisdiction["civil"]
    admin = client_for(Role.AGENCY_ADMIN, civil)
    report = report_services.report_start(actor=admin.user, agency=civil, year=2025)
    response = admin.get(reverse("reports_staff:download", args=[report.pk, "html"]))
    assert response.status_code == 200 and response["Content-Security-Policy"] == INLINE_STYLES_POLICY
    html = response.content.decode()
    assert "<style>" in html and ".report-table" in html and "gongkai/site.js" in html
    assert "onclick" not in html and "data-print hidden" in html
