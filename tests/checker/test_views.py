"""The checker's upload page: several files at once, findings beside the tables, no file stored, caps enforced — the
number and size of files, a rate per user (issue #12), the reading limits of gongkai.core.documents and a time budget
per upload."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.checker import forms, services, views_staff
from tests.core.bombs import bomb_docx

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
    with django_assert_max_num_queries(14):  # the page's 8, and the rate's count and audit entry
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
    # no file stored: one audit entry says how many files and bytes were checked, and by whom
    assert AuditEntry.objects.count() == entries + 1
    entry = AuditEntry.objects.get(action="checker.check")
    assert (entry.actor, entry.changes["files"]) == (client.user, 3) and entry.changes["bytes"] > 0


def test_any_staff_member_may_check(jurisdiction, client_for):
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    assert client.get(reverse(URL)).status_code == 200


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([SimpleUploadedFile(f"{i}.txt", b"x") for i in range(forms.MAX_FILES + 1)], "一次最多检查"),
        ([SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * forms.MAX_FILE_BYTES)], "超过 10 MB"),
        (
            [SimpleUploadedFile(f"{i}.pdf", b"%PDF-" + b"0" * (forms.MAX_FILE_BYTES - 10)) for i in range(4)],
            "共 40.0 MB，超过一次上传的 30 MB",
        ),
    ],
)
def test_too_many_or_too_large_files_are_refused_with_a_clear_message(jurisdiction, client_for, files, message):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    entries = AuditEntry.objects.count()
    response = client.post(reverse(URL), {"files": files})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="checker-result"' not in html
    assert AuditEntry.objects.count() == entries  # refused before anything is admitted


def test_each_staff_member_may_check_so_many_uploads_an_hour(jurisdiction, client_for, monkeypatch):
    monkeypatch.setattr(services, "CHECKS_PER_HOUR", 2)
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    for _ in range(2):
        html = client.post(reverse(URL), {"files": [seed("003")]}).content.decode()
        assert html.count('class="checker-result"') == 1
    html = client.post(reverse(URL), {"files": [seed("003")]}).content.decode()
    assert "过去一小时内已检查 2 次" in html and 'class="checker-result"' not in html
    other = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])  # the rate is per user
    assert other.post(reverse(URL), {"files": [seed("003")]}).content.decode().count('class="checker-result"') == 1
    # an hour later the first two no longer count
    AuditEntry.objects.filter(action="checker.check", actor=client.user).update(
        at=timezone.now() - dt.timedelta(hours=1, seconds=1)
    )
    assert client.post(reverse(URL), {"files": [seed("003")]}).content.decode().count('class="checker-result"') == 1


def test_a_docx_bomb_is_reported_unread_at_once(jurisdiction, client_for):
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    started = time.perf_counter()
    response = client.post(reverse(URL), {"files": [SimpleUploadedFile("报告.docx", bomb_docx())]})
    assert time.perf_counter() - started < 5  # the probe's file took 58 s and 1.5 GB here
    html = response.content.decode()
    assert "format.unreadable" in html and "疑似压缩炸弹" in html


def test_an_upload_has_a_time_budget(jurisdiction, client_for, monkeypatch):
    monkeypatch.setattr(views_staff, "UPLOAD_SECONDS", 0)
    client = client_for(Role.CASE_OFFICER, jurisdiction["county_civil"])
    html = client.post(reverse(URL), {"files": [seed("003"), seed("004")]}).content.decode()
    assert html.count('class="checker-result"') == 2
    assert html.count("检查时间（0 秒）已用完，此文件未检查") == 2


def test_a_post_without_files_shows_the_form_again(jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    response = client.post(reverse(URL), {})
    assert response.status_code == 200
    assert 'class="checker-result"' not in response.content.decode()


def test_a_2019_format_report_shows_its_own_section2_columns(jurisdiction, client_for):
    # A real 2019-format report (tests/checker/real/docs/2019-2019-shanghai-general-office.html): 表二 with
    # 本年新制作数量/本年新公开数量, 表三 with the single （六）其他处理 row read as 3.其他 in the official layout.
    path = Path(__file__).parent / "real" / "docs" / "2019-2019-shanghai-general-office.html"
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/html")
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    html = client.post(reverse(URL), {"files": [upload]}).content.decode()
    assert "表二（2019年格式）" in html
    assert "本年新制作数量" in html and "本年新公开数量" in html and "本年制发件数" not in html
    assert 'class="report-table report-section3"' in html and 'class="report-table report-section4"' in html
