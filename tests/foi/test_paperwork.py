"""Paper for applicants: the printable 回执 after an online submission (条例 第三十一条 receipt date, 第三十三条 reply
deadline, the query code only in the submitting session) and the blank 政府信息公开申请表 (条例 第二十九条) as DOCX and
PDF."""

from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from gongkai.core.dates import chinese_date
from gongkai.foi import paperwork, views_public
from gongkai.law.guide import APPLICATION_CONTENTS
from tests.foi.test_workflow import ID_NUMBER, PHONE, _submit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_text(data: bytes) -> tuple[str, object]:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells), document


def _is_a4(document) -> bool:
    section = document.sections[0]
    return round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


# --- the 回执 --------------------------------------------------------------------------------------------------


def test_the_receipt_prints_and_downloads_with_the_codes_and_the_dates_the_law_assigns(jurisdiction, foi_settings):
    civil = jurisdiction["civil"]
    browser = Client()
    info_request, query_code, ack = _submit(browser, civil)
    assert reverse("foi_public:receipt") in ack and reverse("foi_public:receipt_docx") in ack
    page = browser.get(reverse("foi_public:receipt"))
    html = page.content.decode()
    assert page.status_code == 200 and _no_store(page)
    received, due = chinese_date(info_request.received_on), chinese_date(info_request.due_on)
    for text in (civil.name, info_request.tracking_code, query_code, received, due, "第三十一条", "第三十三条"):
        assert text in html, text
    assert "data-print" in html and "政府信息公开申请回执" in html
    for private in (ID_NUMBER, PHONE, "zhang@example.com", "幸福路"):  # what the applicant typed about themselves
        assert private not in html

    download = browser.get(reverse("foi_public:receipt_docx"))
    assert download.status_code == 200 and download["Content-Type"] == DOCX and _no_store(download)
    assert "attachment" in download["Content-Disposition"]
    text, document = _docx_text(download.content)
    for value in (civil.name, info_request.tracking_code, query_code, received, due, info_request.description):
        assert value in text, value
    assert ID_NUMBER not in text and PHONE not in text and _is_a4(document)
    # the query code is not in the request's row: only its hash
    assert query_code not in str(type(info_request).objects.values().get(pk=info_request.pk))


def test_the_receipt_is_for_the_submitting_session_only_and_expires(jurisdiction, foi_settings, monkeypatch):
    browser = Client()
    _submit(browser, jurisdiction["civil"])
    for url in (reverse("foi_public:receipt"), reverse("foi_public:receipt_docx")):
        assert Client().get(url).status_code == 302  # another browser: nothing to show
    assert browser.get(reverse("foi_public:acknowledgment")).status_code == 200  # a reload still shows it
    later = time.time() + views_public.ACK_SECONDS + 1
    monkeypatch.setattr(views_public.time, "time", lambda: later)
    assert browser.get(reverse("foi_public:receipt_docx")).status_code == 302
    assert "foi_ack" not in browser.session  # dropped, not merely hidden
    assert browser.get(reverse("foi_public:acknowledgment")).status_code == 302


def test_the_print_styles_hide_everything_but_the_receipt():
    css = (Path(django_settings.BASE_DIR) / "core/static/gongkai/site.css").read_text()
    prints = "".join(re.findall(r"@media print \{(.*?)\n\}", css, flags=re.S))
    assert ".print-actions" in prints and ".site-header" in prints and "size: A4" in prints


# --- the paper application form ---------------------------------------------------------------------------------

CONTACT = ("联系电话", "电子邮箱", "通信地址", "邮政编码")
SECTIONS = {  # 条例 第二十九条第二款（一）name, identity, contact; （二）the description; （三）form and way
    "申请人信息（公民）": ("姓名", "证件类型", "证件号码", *CONTACT),
    "申请人信息（法人或其他组织）": ("类型", "名称", "统一社会信用代码", "法定代表人", "联系人", *CONTACT),
    "所需信息": (
        "所需信息的名称、文号或者便于查询的其他特征性描述",
        "用途（选填）",
        "所需信息的形式",
        "获取信息的方式",
    ),
    "申请人确认": ("申请人签名（盖章）", "申请日期"),
}
LABELS = tuple(dict.fromkeys(label for labels in SECTIONS.values() for label in labels))
# the online form's choices (gongkai.foi.forms), as the Chinese catalogue translates them
OPTIONS = ("□居民身份证", "□其他证件", "□商业企业", "□纸质", "□电子", "□邮寄", "□电子邮件", "□自行领取", "□网上获取")


def test_the_form_docx_has_every_field_the_online_form_and_article_29_ask_for(jurisdiction):
    civil = jurisdiction["civil"]
    response = Client().get(reverse("foi_public:form_docx", args=[civil.credit_code]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    text, document = _docx_text(response.content)
    assert _is_a4(document) and "政府信息公开申请表" in text and civil.name in text
    sections = {
        table.rows[0].cells[0].text: tuple(row.cells[0].text for row in table.rows[1:]) for table in document.tables
    }
    assert sections == SECTIONS
    for option in OPTIONS:
        assert option in text, option
    assert "第二十九条" in text and all(line in text for line in APPLICATION_CONTENTS)
    if civil.address:
        assert civil.address in text
    assert set(paperwork.form_labels()) == set(LABELS)


def test_the_form_is_linked_from_the_agency_page_the_guide_and_the_apply_page(jurisdiction):
    civil = jurisdiction["civil"]
    link = reverse("foi_public:form_docx", args=[civil.credit_code])
    for name in ("portal:agency", "portal:guide", "foi_public:apply"):
        page = Client().get(reverse(name, args=[civil.credit_code])).content.decode()
        assert link in page, name
        assert reverse("foi_public:form_pdf", args=[civil.credit_code]) in page, name


def test_without_libreoffice_only_the_docx_is_offered(jurisdiction, monkeypatch):
    civil = jurisdiction["civil"]
    monkeypatch.setattr(paperwork.shutil, "which", lambda name: None)
    page = Client().get(reverse("foi_public:apply", args=[civil.credit_code])).content.decode()
    assert reverse("foi_public:form_docx", args=[civil.credit_code]) in page
    assert reverse("foi_public:form_pdf", args=[civil.credit_code]) not in page and "不提供 PDF" in page
    assert Client().get(reverse("foi_public:form_pdf", args=[civil.credit_code])).status_code == 404


@pytest.mark.slow
def test_the_form_pdf_renders_on_a4_with_the_chinese_text_extractable(jurisdiction):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    import pymupdf

    civil = jurisdiction["civil"]
    started = time.perf_counter()
    response = Client().get(reverse("foi_public:form_pdf", args=[civil.credit_code]))
    first = time.perf_counter() - started
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pymupdf.open(stream=response.content, filetype="pdf")
    assert all(round(page.rect.width) == 595 and round(page.rect.height) == 842 for page in pdf)  # A4
    text = "".join("".join(page.get_text().split()) for page in pdf)
    for label in ("政府信息公开申请表", civil.name, *LABELS, "第二十九条"):
        assert "".join(label.split()) in text, label
    started = time.perf_counter()
    again = Client().get(reverse("foi_public:form_pdf", args=[civil.credit_code]))
    assert again.content == response.content and time.perf_counter() - started < first / 5  # kept, not redone
