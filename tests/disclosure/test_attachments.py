"""Attachments of drafts: recognised by content, size-capped, stored privately; the personal-data scanner runs on
their text before the first review step and again before publishing (issue #4, item 5); published items'
attachments are downloadable by the public, nothing else is."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from urllib.parse import quote

import docx
import pymupdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.core import documents
from gongkai.core.documents import extract_text
from gongkai.disclosure import attachments, services
from gongkai.disclosure.models import Attachment, CatalogItem, ItemState
from gongkai.law.identifiers import make_resident_id
from tests.core.bombs import bomb_docx

VALID_ID = make_resident_id("11010119900307123")
MASKED_ID = f"{VALID_ID[:6]}********{VALID_ID[-4:]}"
TODAY = dt.date(2026, 11, 23)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_without_text() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 200, 100), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    return document.tobytes()


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def item(jurisdiction, staff, catalog) -> CatalogItem:
    return services.item_create(
        actor=staff["drafter"],
        agency=jurisdiction["civil"],
        category=catalog.get(code="M01"),
        title="2026年10月城市低保名单",
        body="<p>名单见附件。</p>",
    )


def _review_all(item: CatalogItem, staff) -> CatalogItem:
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=TODAY)
    return item


def _publish(item: CatalogItem, staff) -> CatalogItem:
    services.item_submit(actor=staff["drafter"], item=item)
    return _review_all(item, staff)


def _files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_docx_with_a_valid_id_number_blocks_submission_and_masking_unblocks(item, staff, media):
    attachment = attachments.attachment_add(
        actor=staff["drafter"], item=item, upload=_upload("名单.docx", _docx("张三", f"身份证号 {VALID_ID}"))
    )
    assert attachment.content_type.endswith("wordprocessingml.document")
    assert [(f.kind, f.masked, f.attachment) for f in services.open_findings(item)] == [
        ("id_card", MASKED_ID, attachment)
    ]
    assert VALID_ID not in str(attachment.pii_findings)  # only the masked form and a keyed digest are kept
    with pytest.raises(ValidationError, match=r"附件“名单\.docx” 1 处"):
        services.item_submit(actor=staff["drafter"], item=item)
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.DRAFT

    assert attachments.attachment_mask(actor=staff["drafter"], attachment=attachment) == 1
    attachment.refresh_from_db()
    with attachment.file.open("rb") as handle:
        text = extract_text(handle.read())
    assert VALID_ID not in text and MASKED_ID in text and "张三" in text
    assert attachment.pii_findings == [] and attachment.original_name == "名单.docx"
    assert services.open_findings(item) == []
    assert _publish(item, staff).state == ItemState.PUBLISHED
    actions = set(AuditEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert {"disclosure.attachment.add", "disclosure.attachment.mask_pii", "disclosure.item.publish"} <= actions


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("扫描件.pdf", _pdf_without_text(), "application/pdf"),
        ("现场照片.png", PNG, "image/png"),
        ("现场照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg"),
    ],
)
def test_a_pdf_or_image_without_text_passes(item, staff, name, data, content_type):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload(name, data))
    assert (attachment.content_type, attachment.text_length, attachment.pii_findings) == (content_type, 0, [])
    assert _publish(item, staff).state == ItemState.PUBLISHED


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("名单.pdf", b"<html><script>alert(1)</script></html>", "以文件内容为准"),  # the name does not count
        ("名单.zip", b"PK\x03\x04" + b"\x00" * 40, "以文件内容为准"),
        ("空.pdf", b"", "空文件"),
    ],
)
def test_other_files_are_refused_with_a_chinese_message_and_nothing_is_stored(item, staff, media, name, data, message):
    with pytest.raises(ValidationError, match=message):
        attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload(name, data))
    assert not Attachment.objects.exists() and _files(media) == []


def test_the_size_is_capped(item, staff, media, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 1024)
    with pytest.raises(ValidationError, match="不能超过"):
        attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("大.png", PNG + b"\x00" * 2048))
    assert not Attachment.objects.exists() and _files(media) == []


def test_files_are_stored_under_a_random_name_outside_any_public_url(item, staff, media, settings):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("../../名单.png", PNG))
    assert attachment.original_name == "名单.png"
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(media) and "名单" not in stored.name and stored.suffix == ".png"
    assert Client().get(f"/{settings.MEDIA_URL}{attachment.file.name}").status_code == 404


def test_attachments_change_only_while_draft_and_removal_deletes_the_file(
    item, staff, media, django_capture_on_commit_callbacks
):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("a.png", PNG))
    services.item_submit(actor=staff["drafter"], item=item)
    with pytest.raises(ValidationError, match="只有草稿"):
        attachments.attachment_remove(actor=staff["drafter"], attachment=attachment)
    with pytest.raises(ValidationError, match="只有草稿"):
        attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("b.png", PNG))
    services.item_decide(actor=staff["reviewer"], item=item, approved=False, opinion="附件有误")
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_remove(actor=staff["drafter"], attachment=attachment)
    assert not Attachment.objects.exists() and _files(media) == []
    assert AuditEntry.objects.filter(action="disclosure.attachment.remove", object_id=str(item.pk)).exists()


def test_a_reviewer_may_justify_a_finding_in_an_attachment(item, staff):
    attachments.attachment_add(
        actor=staff["drafter"], item=item, upload=_upload("联系人.docx", _docx("经办人手机 13912345678"))
    )
    (finding,) = services.open_findings(item)
    with pytest.raises(ValidationError, match="审核人或签发人"):
        services.pii_justify(actor=staff["drafter"], item=item, finding_digest=finding.digest, reason="工作手机")
    services.pii_justify(actor=staff["reviewer"], item=item, finding_digest=finding.digest, reason="公开的工作手机")
    assert services.open_findings(item) == []
    assert _publish(item, staff).state == ItemState.PUBLISHED


def test_attachments_are_scanned_again_before_publishing(item, staff):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("名单.docx", _docx("无")))
    services.item_submit(actor=staff["drafter"], item=item)
    # The file changes under the item after submission (a restored backup, a new scanner rule): publishing scans it.
    Path(attachment.file.path).write_bytes(_docx(f"张三 {VALID_ID}"))
    for user in (staff["reviewer"], staff["secrecy"]):
        item = services.item_decide(actor=user, item=item, approved=True, today=TODAY)
    with pytest.raises(ValidationError, match="个人信息"):
        services.item_decide(actor=staff["approver"], item=item, approved=True, today=TODAY)
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW and item.index_number is None


def test_a_docx_bomb_is_refused_from_its_directory_and_nothing_is_stored(item, staff, media):
    with pytest.raises(ValidationError) as caught:
        attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("名单.docx", bomb_docx()))
    assert caught.value.error_dict["file"][0].code == "core.document_ratio"
    assert "压缩炸弹" in str(caught.value)
    assert not Attachment.objects.exists() and _files(media) == []


def test_a_document_too_long_to_read_is_refused_with_the_limits_code(item, staff, media, monkeypatch):
    monkeypatch.setattr(documents, "LIMITS", documents.Limits(chars=50))
    with pytest.raises(ValidationError) as caught:
        attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("名单.docx", _docx("低保" * 40)))
    assert caught.value.error_dict["file"][0].code == "core.document_text"
    assert not Attachment.objects.exists() and _files(media) == []


def test_attachments_changed_between_the_scan_and_the_write_are_refused(item, staff):
    first = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("a.docx", _docx("无")))
    scanned = attachments.scan_attachments(item)
    attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("b.docx", _docx("无")))
    with pytest.raises(ValidationError) as caught:
        attachments.findings_refresh(item, scanned)
    assert caught.value.code == "disclosure.attachments_changed"
    attachments.findings_refresh(item, attachments.scan_attachments(item))  # scanned again: accepted
    assert set(attachments.scan_attachments(item)) == {first.pk, first.pk + 1}


# --- the pages --------------------------------------------------------------------------------------------------


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_upload_findings_and_masking_through_the_pages(item, staff):
    drafter = _login(staff["drafter"])
    response = drafter.post(
        reverse("disclosure_staff:attachment_upload", args=[item.pk]),
        {"file": _upload("低保名单.docx", _docx(f"张三 {VALID_ID}"))},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    page = drafter.get(reverse("disclosure_staff:detail", args=[item.pk])).content.decode()
    assert "低保名单.docx" in page and MASKED_ID in page and VALID_ID not in page
    refused = drafter.post(
        reverse("disclosure_staff:attachment_upload", args=[item.pk]),
        {"file": _upload("病毒.pdf", b"MZ\x90\x00")},
        follow=True,
    )
    assert "以文件内容为准" in refused.content.decode() and Attachment.objects.count() == 1
    drafter.post(reverse("disclosure_staff:attachment_action", args=[attachment.pk, "mask"]))
    attachment.refresh_from_db()
    assert attachment.pii_findings == []
    drafter.post(reverse("disclosure_staff:action", args=[item.pk, "submit"]))
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.IN_REVIEW


def test_attachment_pages_are_scoped(item, staff, jurisdiction, client_for):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("a.png", PNG))
    other = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert other.get(reverse("disclosure_staff:attachment", args=[attachment.pk])).status_code == 404
    for action in ("remove", "mask"):
        url = reverse("disclosure_staff:attachment_action", args=[attachment.pk, action])
        assert other.post(url).status_code == 404
    upload = other.post(reverse("disclosure_staff:attachment_upload", args=[item.pk]), {"file": _upload("b.png", PNG)})
    assert upload.status_code == 404
    reviewer = _login(staff["reviewer"])  # reads the draft's files, but does not change them
    assert reviewer.get(reverse("disclosure_staff:attachment", args=[attachment.pk])).status_code == 200
    url = reverse("disclosure_staff:attachment_action", args=[attachment.pk, "remove"])
    assert reviewer.post(url).status_code == 403
    assert Attachment.objects.count() == 1


def test_the_public_downloads_only_attachments_of_published_items(item, staff):
    attachment = attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("低保名单 10月.png", PNG))
    url = reverse("disclosure_files:download", args=[attachment.pk])
    assert Client().get(url).status_code == 404  # draft
    services.item_submit(actor=staff["drafter"], item=item)
    assert Client().get(url).status_code == 404  # in review
    _review_all(item, staff)
    response = Client().get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=utf-8''{quote('低保名单 10月.png')}" in disposition
    services.item_withdraw(actor=staff["approver"], item=item, reason="名单有误")
    assert Client().get(url).status_code == 404  # withdrawn
    assert Client().get(reverse("disclosure_files:download", args=[attachment.pk + 1])).status_code == 404
