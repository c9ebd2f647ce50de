"""The checker's upload page: several files at once, findings beside the tables, nothing stored, caps enforced."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.checker import forms

SEEDS = Path(__file__).parent / "seeds"
URL = "checker_staff:upload"


def seed(prefix: str) -> SimpleUploadedFile:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def test_sign_in_is_required(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "login" in response["Location"]


def test_several_files_checked_at_once_with_findings_beside_the_tables(
    jurisdiction, client_for, django_assert_max_num_queries
):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    entries = AuditEntry.objects.count()
    with django_assert_max_num_queries(8):
        response = client.post(
            reverse(URL),
            {"files": [seed("003"), seed("004"), SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 9)]},
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="checker-result"') == 3
    assert "2022年度政府信息公开工作年度报告" in html  # the year.mismatch finding of seed 003
    assert "year.mismatch" in html and "format.unreadable" in html
    assert 'class="report-table report-section3"' in html  # seed 003's tables, read and shown
    assert "余杭区民政局" in html and "proactive_items" in html  # seed 004's figures
    assert AuditEntry.objects.count() == entries  # nothing stored


def test_any_staff_member_may_check(jurisdiction, client_for):
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    assert client.get(reverse(URL)).status_code == 200


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([SimpleUploadedFile(f"{i}.txt", b"x") for i in range(forms.MAX_FILES + 1)], "一次最多检查"),
        ([SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * forms.MAX_FILE_BYTES)], "超过 10 MB"),
    ],
)
def test_too_many_or_too_large_files_are_refused_with_a_clear_message(jurisdiction, client_for, files, message):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    response = client.post(reverse(URL), {"files": files})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="checker-result"' not in html


def test_a_post_without_files_shows_the_form_again(jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    response = client.post(reverse(URL), {})
    assert response.status_code == 200
    assert 'class="checker-result"' not in response.content.decode()
