"""The applicant's attachment is stored by the service, with the request, in one transaction: under a random name
with the name it came with kept (a long Chinese name included), audited — and when storing it fails, neither the
request nor the file is left behind."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.foi.models import Applicant, Attachment, InfoRequest, RequestEvent

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
