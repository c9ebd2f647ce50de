"""The applicant's attachment is stored by the service, with the request, in one transaction: under a random name
with the name it came with kept (a long Chinese name included), audited — and when storing it fails, neither the
request nor the file is left behind."""

from __future__ import annotations

import errno
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi.models import Applicant, Attachment, InfoRequest, RequestEvent
from tests.core.bombs import bomb_docx, zip_of

PDF = b"%PDF-1.4\n" + b"%" * 4096 + b"\n%%EOF\n"


def _form(**overrides):
    return {
        "kind": "natural_person",
        "name": "张三",
        "phone": "13912345678",
        "address": "江源市幸福路9号",
        "description": "2025年度城乡低保资金发放明细",
        "wanted_form": "electronic",
        "delivery": "email",
        "website": "",
        **overrides,
    }


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class FullDiskStorage(FileSystemStorage):
    """A disk that fills up while the file is written: the first bytes land on disk, then the write fails."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(100))
        raise OSError(errno.ENOSPC, "No space left on device", str(path))


def test_a_long_chinese_file_name_is_kept_and_the_query_code_shown(jurisdiction, foi_settings, media):
    name = "关于申请公开二〇二五年度城乡最低生活保障资金发放明细的说明材料" * 8 + ".pdf"
    name = name[-250:]
    assert len(name) == 250
    client = Client()
    response = client.post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]),
        {**_form(), "attachment": SimpleUploadedFile(name, PDF, content_type="application/octet-stream")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ack = client.get(response["Location"]).content.decode()
    assert re.search(r"查询码</dt><dd><strong>\d{8}</strong>", ack)

    request = InfoRequest.objects.get()
    attachment = Attachment.objects.get(request=request)
    assert attachment.original_name == name[-200:] and attachment.original_name.endswith(".pdf")
    assert (attachment.content_type, attachment.size, attachment.uploaded_by) == ("application/pdf", len(PDF), None)
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(media / "foi") and stored.read_bytes() == PDF
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.name)  # a random name: nothing of the applicant's
    assert _files(media) == [stored]
    entry = AuditEntry.objects.get(action="foi.attachment.add", object_id=str(request.pk))
    assert entry.changes == {"content_type": "application/pdf", "size": len(PDF)}


def test_a_failure_while_storing_the_attachment_leaves_no_request_and_no_file(
    jurisdiction, foi_settings, media, settings
):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]),
        {**_form(), "attachment": SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 500
    assert not InfoRequest.objects.exists() and not Applicant.objects.exists()
    assert not RequestEvent.objects.exists() and not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="foi.").exists()
    assert _files(media) == []


def test_a_request_without_an_attachment_stores_no_file(jurisdiction, foi_settings, media):
    response = Client().post(reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]), _form())
    assert response.status_code == 302
    assert InfoRequest.objects.count() == 1 and not Attachment.objects.exists() and _files(media) == []


# --- officers download the applicant's attachment (issue #12, item 7) ---------------------------------------------


@pytest.fixture
def submitted(jurisdiction, foi_settings, media) -> Attachment:
    response = Client().post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]),
        {**_form(), "attachment": SimpleUploadedFile("张三的身份证明.pdf", PDF, content_type="text/html")},
    )
    assert response.status_code == 302
    return Attachment.objects.get()


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.AGENCY_ADMIN, Role.APPROVER])
def test_officers_download_the_applicants_attachment_and_each_download_is_audited(
    jurisdiction, client_for, submitted, role
):
    officer = client_for(role, jurisdiction["civil"])
    page = officer.get(reverse("foi_staff:detail", args=[submitted.request_id])).content.decode()
    url = reverse("foi_staff:attachment", args=[submitted.pk])
    assert f'href="{url}"' in page
    for _ in range(2):
        response = officer.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"  # as sniffed, not as the browser declared it
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('张三的身份证明.pdf')}"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"].startswith("no-store")
    entries = AuditEntry.objects.filter(action="foi.attachment.download", object_id=str(submitted.request_id))
    assert [(e.actor, e.agency_id) for e in entries] == [(officer.user, jurisdiction["civil"].pk)] * 2
    assert entries[0].changes == {"attachment": submitted.pk, "content_type": "application/pdf", "size": len(PDF)}


@pytest.mark.parametrize(
    ("role", "agency", "status"),
    [
        (Role.CASE_OFFICER, "county_civil", 404),  # another agency's staff: not even its existence
        (Role.SUPERVISOR, "office", 403),  # reads the request, but the applicant's file is the officers'
        (Role.DRAFTER, "civil", 403),
    ],
)
def test_no_one_else_downloads_it(jurisdiction, client_for, submitted, role, agency, status):
    client = client_for(role, jurisdiction[agency])
    assert client.get(reverse("foi_staff:attachment", args=[submitted.pk])).status_code == status
    if status == 403:
        page = client.get(reverse("foi_staff:detail", args=[submitted.request_id])).content.decode()
        assert "张三的身份证明.pdf" in page and reverse("foi_staff:attachment", args=[submitted.pk]) not in page
    assert not AuditEntry.objects.filter(action="foi.attachment.download").exists()
    anonymous = Client().get(reverse("foi_staff:attachment", args=[submitted.pk]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_a_missing_file_is_404_and_not_audited(jurisdiction, client_for, submitted):
    Path(submitted.file.path).unlink()
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    assert officer.get(reverse("foi_staff:attachment", args=[submitted.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="foi.attachment.download").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zip_of({"word/": b""}), "以文件内容为准"),  # the probe's ZIP: a word/ folder passed as a Word file
        (bomb_docx(), "疑似压缩炸弹"),  # 180 KB unpacking to 60 MB
    ],
)
def test_a_zip_that_is_no_complete_docx_or_a_bomb_is_refused_on_the_form(
    jurisdiction, foi_settings, media, data, message
):
    response = Client().post(
        reverse("foi_public:apply", args=[jurisdiction["civil"].credit_code]),
        {**_form(), "attachment": SimpleUploadedFile("申请书.docx", data)},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not InfoRequest.objects.exists() and not Attachment.objects.exists() and _files(media) == []


def test_an_approver_does_not_download_the_attachment_of_a_closed_request(jurisdiction, client_for, submitted):
    # The need-to-know table (docs/security.md): an approver sees a closed request's applicant masked, and an
    # attachment may be a scan of an ID card — so no download either, and no link.
    from gongkai.foi import services

    request = submitted.request
    services.reply_record(actor=None, request=request, on=request.received_on, outcome="disclosed")
    approver = client_for(Role.APPROVER, jurisdiction["civil"])
    url = reverse("foi_staff:attachment", args=[submitted.pk])
    assert f'href="{url}"' not in approver.get(reverse("foi_staff:detail", args=[request.pk])).content.decode()
    assert approver.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="foi.attachment.download").exists()
    assert client_for(Role.CASE_OFFICER, jurisdiction["civil"]).get(url).status_code == 200
