"""A draft's body imported from a real Word file (python-docx): headings, lists, tables and bold text kept as the
body's HTML, pictures stored as attachments and linked (never a data: URI), the import audited; a file that is not
Word, is damaged, is too large or has too many pictures is refused with a Chinese message and nothing changes."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import attachments, services, wordimport
from gongkai.disclosure.models import Attachment, CatalogItem, ItemState
from tests.core.bombs import bomb_docx, with_document_xml
from tests.disclosure.documents import GIF, sample_docx, tiny_png

EXPECTED_TEXT = (
    "<h2>一、调整标准</h2>"
    "<p>经市人民政府同意，<strong>自2026年1月1日起</strong>调整城乡低保标准。</p>"
    "<ol><li>城市低保每人每月850元</li><li>农村低保每人每月620元</li></ol>"
    "<h3>（一）适用范围</h3>"
    "<ul><li>城市居民</li><li>农村居民</li></ul>"
    "<table><tbody><tr><td><p>城市</p></td><td><p>850元</p></td></tr><tr><td><p>农村</p></td><td><p>620元</p></td></tr>"
    "</tbody></table>"
)


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
        title="关于调整城乡低保标准的通知",
        body="<p>原来的正文。</p>",
    )


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _refused(item: CatalogItem, staff, upload: SimpleUploadedFile) -> ValidationError:
    before = (AuditEntry.objects.count(), Attachment.objects.count(), CatalogItem.objects.get(pk=item.pk).body)
    with pytest.raises(ValidationError) as refused:
        wordimport.word_import(actor=staff["drafter"], item=item, upload=upload)
    after = (AuditEntry.objects.count(), Attachment.objects.count(), CatalogItem.objects.get(pk=item.pk).body)
    assert after == before  # nothing changed
    return refused.value


def _codes(error: ValidationError) -> list[str]:
    return (
        [e.code for e in error.error_list]
        if not hasattr(error, "error_dict")
        else [e.code for errors in error.error_dict.values() for e in errors]
    )


# --- the conversion --------------------------------------------------------------------------------------------


def test_headings_lists_tables_and_bold_text_are_kept():
    converted = wordimport.convert(sample_docx(picture=False), name="通知.docx")
    without_tbody = EXPECTED_TEXT.replace("<tbody>", "").replace("</tbody>", "")
    assert converted.html == without_tbody + "<p>特此通知。</p>"
    # the sanitiser keeps all of it, only the table's implied <tbody> written out
    assert services.clean_body(converted.html) == EXPECTED_TEXT + "<p>特此通知。</p>"
    assert converted.pictures == [] and converted.skipped_pictures == 0


def test_a_picture_is_taken_out_of_the_body_and_linked_through_a_placeholder():
    converted = wordimport.convert(sample_docx(), name="低保标准通知.docx")
    [picture] = converted.pictures
    assert (picture.name, picture.content_type, picture.data) == ("低保标准通知-图1.png", "image/png", tiny_png())
    link = f'<p><a href="{converted.placeholder}1">图1（附件“低保标准通知-图1.png”）</a></p>'
    assert converted.placeholder.startswith("#word-picture-") and link in converted.html
    assert "data:" not in converted.html and "<img" not in converted.html


@pytest.mark.parametrize(
    ("style", "tag"),
    [("Heading 1", "h2"), ("Heading 2", "h3"), ("Heading 3", "h4"), ("Heading 4", "h4"), ("Title", "h2")],
)
def test_word_headings_start_at_the_bodys_second_level(style, tag):
    document = docx.Document()
    document.add_paragraph("标题文字", style=style)
    out = io.BytesIO()
    document.save(out)
    assert wordimport.convert(out.getvalue()).html == f"<{tag}>标题文字</{tag}>"


def test_a_damaged_document_is_unreadable():
    damaged = with_document_xml(sample_docx(picture=False), b"<w:document><w:body><w:p>")
    with pytest.raises(ValidationError) as refused:
        wordimport.convert(damaged)
    assert _codes(refused.value) == ["disclosure.word_unreadable"]
    assert "无法读取该 Word 文件" in str(refused.value)


# --- the service -----------------------------------------------------------------------------------------------


def test_the_import_stores_the_pictures_audits_and_leaves_the_body_to_be_saved(item, staff):
    imported = wordimport.word_import(
        actor=staff["drafter"], item=item, upload=_upload("低保标准通知.docx", sample_docx())
    )
    [attachment] = imported.attachments
    assert attachment.item_id == item.pk and attachment.content_type == "image/png"
    assert attachment.original_name == "低保标准通知-图1.png"
    with attachment.file.open("rb") as handle:
        assert handle.read() == tiny_png()
    link = f'<p><a href="/files/{attachment.pk}/">图1（附件“低保标准通知-图1.png”）</a></p>'
    assert imported.html == EXPECTED_TEXT + link + "<p>特此通知。</p>"
    assert CatalogItem.objects.get(pk=item.pk).body == "<p>原来的正文。</p>"  # saved only with the draft
    entry = AuditEntry.objects.filter(action="disclosure.item.word_import").get()
    assert entry.changes == {
        "file": "低保标准通知.docx",
        "size": len(sample_docx()),
        "pictures": ["低保标准通知-图1.png"],
        "skipped_pictures": 0,
    }
    # the drafter saves what the editor shows: the body is stored as imported
    services.item_update(actor=staff["drafter"], item=item, body=imported.html)
    assert CatalogItem.objects.get(pk=item.pk).body == imported.html


def test_a_picture_that_is_neither_png_nor_jpeg_is_left_out_and_counted(item, staff):
    with_gif = sample_docx(picture_data=GIF)
    imported = wordimport.word_import(actor=staff["drafter"], item=item, upload=_upload("通知.docx", with_gif))
    assert imported.attachments == [] and imported.skipped_pictures == 1
    assert "［此处图片不是 PNG 或 JPEG 格式，未导入］" in imported.html
    assert not item.attachments.exists()


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("通知.pdf", b"%PDF-1.7\n%%EOF\n", "disclosure.word_type", "只能从 Word（DOCX）文件导入正文"),
        ("通知.docx", b"this is not a Word file", "disclosure.word_type", "只能从 Word（DOCX）文件导入正文"),
        ("图片.docx", tiny_png(), "disclosure.word_type", "只能从 Word（DOCX）文件导入正文"),
        ("空.docx", b"", "core.file_empty", "空文件"),
        ("炸弹.docx", bomb_docx(), "core.document_ratio", "压缩"),
    ],
)
def test_a_file_that_is_no_word_document_is_refused_and_nothing_changes(item, staff, name, data, code, words):
    refused = _refused(item, staff, _upload(name, data))
    assert _codes(refused) == [code]
    assert words in " ".join(refused.messages)


def test_a_damaged_word_file_is_refused_and_nothing_changes(item, staff):
    damaged = with_document_xml(sample_docx(), b"<w:document><w:body><w:p>")
    refused = _refused(item, staff, _upload("坏文件.docx", damaged))
    assert _codes(refused) == ["disclosure.word_unreadable"]


def test_a_word_file_larger_than_the_attachments_limit_is_refused(item, staff):
    too_large = sample_docx() + b"\0" * (attachments.MAX_ATTACHMENT_BYTES - len(sample_docx()) + 1)
    refused = _refused(item, staff, _upload("通知.docx", too_large))
    assert _codes(refused) == ["core.file_too_large"]
    assert "Word 文件不能超过 20 MB" in " ".join(refused.messages)


def test_an_empty_document_is_refused(item, staff):
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    refused = _refused(item, staff, _upload("空白.docx", out.getvalue()))
    assert _codes(refused) == ["disclosure.word_empty"]


def test_more_pictures_than_the_item_can_take_are_refused_before_any_is_stored(item, staff, monkeypatch):
    monkeypatch.setattr(wordimport, "MAX_ATTACHMENTS", 1)
    attachments.attachment_add(actor=staff["drafter"], item=item, upload=_upload("a.png", tiny_png()))
    refused = _refused(item, staff, _upload("通知.docx", sample_docx()))
    assert _codes(refused) == ["disclosure.word_pictures"]
    assert "还能添加 0 个附件" in " ".join(refused.messages)


def test_only_a_draft_takes_an_import(item, staff):
    services.item_submit(actor=staff["drafter"], item=item)
    assert CatalogItem.objects.get(pk=item.pk).state == ItemState.IN_REVIEW
    refused = _refused(item, staff, _upload("通知.docx", sample_docx()))
    assert _codes(refused) == ["disclosure.word_not_draft"]


def test_a_failed_audit_leaves_no_picture_file_behind(item, staff, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(wordimport, "record", broken)
    with pytest.raises(RuntimeError):
        wordimport.word_import(actor=staff["drafter"], item=item, upload=_upload("通知.docx", sample_docx()))
    assert not Attachment.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


# --- the pages -------------------------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_edit_page_shows_the_imported_body_in_the_editor_for_review(item, staff):
    drafter = _client(staff["drafter"])
    response = drafter.post(
        reverse("disclosure_staff:word_import", args=[item.pk]), {"file": _upload("通知.docx", sample_docx())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "请检查正文后保存" in page
    assert f'action="{reverse("disclosure_staff:edit", args=[item.pk])}"' in page  # the form saves the draft
    assert "&lt;h2&gt;一、调整标准&lt;/h2&gt;" in page  # in the body's textarea, which the editor shows
    assert CatalogItem.objects.get(pk=item.pk).body == "<p>原来的正文。</p>"


def test_a_refused_file_goes_back_to_the_edit_page_with_the_reason(item, staff):
    drafter = _client(staff["drafter"])
    response = drafter.post(
        reverse("disclosure_staff:word_import", args=[item.pk]),
        {"file": _upload("通知.docx", b"not a word file")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("disclosure_staff:edit", args=[item.pk])
    assert "只能从 Word（DOCX）文件导入正文" in response.content.decode()
    assert not AuditEntry.objects.filter(action="disclosure.item.word_import").exists()


def test_another_agencys_drafter_cannot_import_into_the_item(item, jurisdiction, make_user):
    stranger = make_user(Role.DRAFTER, jurisdiction["county_civil"])
    response = _client(stranger).post(
        reverse("disclosure_staff:word_import", args=[item.pk]), {"file": _upload("通知.docx", sample_docx())}
    )
    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_a_reviewer_cannot_import(item, staff):
    response = _client(staff["reviewer"]).post(
        reverse("disclosure_staff:word_import", args=[item.pk]), {"file": _upload("通知.docx", sample_docx())}
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_staff_open_a_drafts_picture_through_its_public_link_and_the_public_cannot(item, staff):
    imported = wordimport.word_import(actor=staff["drafter"], item=item, upload=_upload("通知.docx", sample_docx()))
    url = reverse("disclosure_files:download", args=[imported.attachments[0].pk])
    assert Client().get(url).status_code == 404  # a draft's: not public
    response = _client(staff["reviewer"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == tiny_png()
