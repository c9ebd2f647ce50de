"""Letters as an agency sends them (issue 13, item 8): on the official A4 page of GB/T 9704-2012, quoting the request
without doubled punctuation (GB/T 15834-2011), the documents provided one per line, the officer's contact at the end.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import pytest
from django.template import Context
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.foi import services
from gongkai.foi.letter_text import document_list
from gongkai.foi.letters import _ENGINE, DEFAULT_TEMPLATES, _context, letter_docx, letter_html, sample_contexts
from gongkai.foi.models import Applicant, FoiSettings, InfoRequest, Letter, LetterTemplate

TODAY = dt.date(2026, 11, 20)
RECEIVED, REPLIED = dt.date(2026, 10, 12), dt.date(2026, 10, 20)
# Doubled or stacked marks a letter must never contain (GB/T 15834-2011: one end mark, after the quotation).
DOUBLED = ("。。", "。”", "？”", "；。", "，。", "：。", "、。", "。；", "。）。", "““", "””")


def _request(agency, description: str = "养老补贴名单"):
    return services.request_register(
        actor=None,
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=RECEIVED,
        description=description,
    ).request


def _reply(agency, *, description: str = "养老补贴名单", documents: str = "", reason: str = "") -> Letter:
    request = _request(agency, description)
    services.reply_record(
        actor=None, request=request, on=REPLIED, outcome="disclosed", documents=documents, reason=reason, today=TODAY
    )
    return Letter.objects.filter(request=request).get()


def _docx_lines(data: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


# --- the request quoted --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "quoted"),
    [
        ("2025年度低保资金发放情况。", "申请获取“2025年度低保资金发放情况”。"),
        (
            "关于印发《江源市养老服务补贴办法》的通知（含文号）。",
            "申请获取“关于印发《江源市养老服务补贴办法》的通知（含文号）”。",
        ),
        ("2025年本市是否发放了高龄津贴？", "申请获取“2025年本市是否发放了高龄津贴”。"),
        ('关于"惠民工程"验收的会议纪要', "申请获取“关于‘惠民工程’验收的会议纪要”。"),
        ("关于“惠民工程”验收的会议纪要；", "申请获取“关于‘惠民工程’验收的会议纪要”。"),
        ("“养老补贴名单。”", "申请获取“养老补贴名单”。"),
        ("低保名单、审批表等……  ", "申请获取“低保名单、审批表等”。"),
        ("2024年征地补偿标准文件!!", "申请获取“2024年征地补偿标准文件”。"),
        ("。", "（申请编号："),  # nothing left to quote: no empty “”
    ],
)
def test_the_request_is_quoted_once_with_chinese_marks(jurisdiction, foi_settings, description, quoted):
    letter = _reply(jurisdiction["civil"], description=description)
    assert quoted in letter.body
    assert not any(mark in letter.body for mark in DOUBLED), letter.body
    assert '"' not in letter.body and "“”" not in letter.body


def test_a_correction_reason_ending_in_a_full_stop_gets_one(jurisdiction, foi_settings):
    request = _request(jurisdiction["civil"], "关于印发养老补贴办法的通知（含文号）。")
    services.event_add(
        actor=None,
        request=request,
        type="correction_requested",
        on=dt.date(2026, 10, 14),
        period_workdays=10,
        reason="所需信息的文件名称、文号和形成时间。",
        today=TODAY,
    )
    body = Letter.objects.get(request=request, kind="correction").body
    assert "补正以下内容：所需信息的文件名称、文号和形成时间。答复期限" in body
    assert "申请获取“关于印发养老补贴办法的通知（含文号）”。" in body
    assert not any(mark in body for mark in DOUBLED), body


@pytest.mark.parametrize("kind", sorted(DEFAULT_TEMPLATES))
def test_no_default_template_doubles_punctuation_in_any_branch(kind):
    # every combination of the optional values set and empty (letters.sample_contexts), with the values shaped
    for context in sample_contexts():
        body = _ENGINE.from_string(DEFAULT_TEMPLATES[kind]).render(Context(context))
        assert not any(mark in body for mark in DOUBLED), (kind, body)
        assert "“”" not in body and "\n\n。" not in body


# What officers and applicants really type, each ending in its own mark.
TYPED = {
    "description": "关于印发《江源市养老服务补贴办法》的通知（含文号）。",
    "reason": "所需信息的文件名称、文号和形成时间。",
    "documents": "《2025年低保资金发放表》。\n《2025年低保对象名册》；",
}
OUTCOME_OF_KIND = {
    "disclose": "disclosed",
    "partial": "partly_disclosed",
    "withhold": "withheld_state_secret",
    "unavailable": "unavailable_not_held",
    "not_processed": "not_processed_petition",
    "other": "other_other",
}


@pytest.mark.parametrize("kind", sorted(DEFAULT_TEMPLATES))
@pytest.mark.parametrize("given", [("reason", "documents"), ("reason",), ("documents",), ()])
def test_typed_values_ending_in_their_own_mark_get_exactly_one(kind, given):
    request = InfoRequest(
        applicant=Applicant(name="张三"),
        tracking_code="GK2026-ABC234",
        received_on=RECEIVED,
        description=TYPED["description"],
    )
    settings = FoiSettings(reconsideration_body="江源市人民政府", court="江源市江城区人民法院")
    values = {
        **{key: TYPED[key] if key in given else "" for key in ("reason", "documents")},
        "outcome": OUTCOME_OF_KIND.get(kind, ""),
        **dict(workdays=20, amount_yuan="100", due=TODAY, correction_due=TODAY, fee_due=TODAY, third_party_due=TODAY),
    }
    body = _ENGINE.from_string(DEFAULT_TEMPLATES[kind]).render(Context(_context(request, settings, values)))
    assert not any(mark in body for mark in DOUBLED), body
    assert "（含文号）”" in body


# --- the documents provided ----------------------------------------------------------------------------------------

DOCUMENTS = "1、《2025年低保资金发放表》。\n《2025年低保对象名册》；《低保审批流程说明》、《低保申请表（样表）》\n\n"


def test_the_documents_provided_stand_one_per_line_numbered(jurisdiction, foi_settings):
    letter = _reply(jurisdiction["civil"], documents=DOCUMENTS)
    items = [
        "1. 《2025年低保资金发放表》；",
        "2. 《2025年低保对象名册》；",
        "3. 《低保审批流程说明》；",
        "4. 《低保申请表（样表）》。",
    ]
    assert "现向您提供：\n" + "\n".join(items) in letter.body
    assert "<br>".join(items) in letter_html(letter)
    lines = _docx_lines(letter_docx(letter))
    start = next(n for n, line in enumerate(lines) if line.endswith("本机关予以公开。现向您提供："))
    assert lines[start + 1 : start + 5] == items  # each its own paragraph


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("（1）《甲》\n（2）《乙》", "\n1. 《甲》；\n2. 《乙》"),
        ("①《甲》；②《乙》。", "\n1. 《甲》；\n2. 《乙》"),
        ("《甲》、《乙》", "\n1. 《甲》；\n2. 《乙》"),
        ("低保名单、审批表", "低保名单、审批表"),  # 、 inside one document's name is no separator
        ("2025年低保资金发放表\n", "2025年低保资金发放表"),  # a year is not a typed number
        ("；\n  \n", ""),
    ],
)
def test_documents_typed_in_the_usual_ways(typed, listed):
    assert document_list(typed) == listed


def test_one_document_stays_in_the_sentence(jurisdiction, foi_settings):
    letter = _reply(jurisdiction["civil"], documents="《2025年低保资金发放表》。")
    assert "现向您提供：《2025年低保资金发放表》。" in letter.body and "1." not in letter.body
    assert "。。" not in letter.body


# --- the officer's contact -----------------------------------------------------------------------------------------

SETTINGS = {
    "letter_prefix": "江民公开",
    "reconsideration_body": "江源市人民政府",
    "court": "江源市江城区人民法院",
    "fee_method": "per_piece",
}


@pytest.mark.parametrize(
    ("name", "phone", "line"),
    [
        ("王五", "0431-88886666", "联系人：王五　　联系电话：0431-88886666"),
        ("王五", "", "联系人：王五"),
        ("", "0431-88886666", "联系电话：0431-88886666"),
        ("", "", None),
    ],
)
def test_the_contact_from_the_settings_page_ends_each_letter(jurisdiction, client_for, name, phone, line):
    civil = jurisdiction["civil"]
    admin = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("foi_staff:settings", args=[civil.pk])
    page = admin.get(url).content.decode()
    assert "告知书中的联系人" in page and "告知书中的联系电话" in page
    response = admin.post(url, {**SETTINGS, "contact_name": f" {name} ", "contact_phone": phone})
    assert response.status_code == 302
    settings = FoiSettings.objects.get(agency=civil)
    assert (settings.contact_name, settings.contact_phone) == (name, phone)
    assert f'value="{name}"' in admin.get(url).content.decode() or not name
    letter = _reply(civil)
    paragraphs = letter.body.split("\n\n")
    if line is None:
        assert "联系人" not in letter.body and "联系电话" not in letter.body
    else:
        assert paragraphs[-1] == line
        assert _docx_lines(letter_docx(letter))[-3] == line  # before the signature and the date


def test_a_letter_issued_before_the_contact_was_set_stays_as_issued(jurisdiction, foi_settings, client_for):
    civil = jurisdiction["civil"]
    before = _reply(civil)
    body = before.body
    admin = client_for(Role.AGENCY_ADMIN, civil)
    admin.post(
        reverse("foi_staff:settings", args=[civil.pk]),
        {**SETTINGS, "contact_name": "王五", "contact_phone": "0431-88886666"},
    )
    before.refresh_from_db()
    assert before.body == body and "联系人" not in body
    assert "联系人：王五" in _reply(civil).body


def test_a_template_failing_inside_the_contact_branch_is_refused(jurisdiction, foi_settings, client_for):
    admin = client_for(Role.AGENCY_ADMIN, jurisdiction["civil"])
    url = reverse("foi_staff:letter_template", args=[jurisdiction["civil"].pk, "disclose"])
    broken = "{{ applicant }}：{{ remedies }}{% if contact_phone %}{% include '电话.html' %}{% endif %}"
    response = admin.post(url, {"body": broken})
    assert response.status_code == 200 and "TemplateDoesNotExist" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    fine = "{{ applicant }}：{{ remedies }}{% if contact_phone %}电话：{{ contact_phone }}{% endif %}"
    assert admin.post(url, {"body": fine}).status_code == 302


# --- the page ------------------------------------------------------------------------------------------------------


def test_the_docx_is_on_the_official_a4_page(jurisdiction, foi_settings):
    # GB/T 9704-2012 5.2.1: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm; 5.2.3: 22 lines of 28 characters
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Length

    document = Document(io.BytesIO(letter_docx(_reply(jurisdiction["civil"]))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    # the 版心, within the twip Word stores lengths in
    assert abs(Length(section.page_width - section.left_margin - section.right_margin).mm - 156) < 0.05
    assert abs(Length(section.page_height - section.top_margin - section.bottom_margin).mm - 225) < 0.05
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 22 × 28.95 pt = 225 mm
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and round(normal.paragraph_format.line_spacing.pt * 22 / (72 / 25.4)) == 225
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")))  # twentieths of a point
    assert 28 * (16 + spacing / 20) <= 156 * 72 / 25.4 < 28 * (16 + (spacing + 1) / 20)  # 28 characters fill it


@pytest.mark.slow
def test_the_docx_prints_on_a4_through_libreoffice(jurisdiction, foi_settings, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 LibreOffice：scripts/test 会安装 libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    import pymupdf

    letter = _reply(jurisdiction["civil"], documents=DOCUMENTS)
    source = tmp_path / "letter.docx"
    source.write_bytes(letter_docx(letter))
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: runs in parallel do not share a lock
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = pymupdf.open(tmp_path / "letter.pdf")
    assert pdf.page_count >= 1
    assert all(round(page.rect.width) == 595 and round(page.rect.height) == 842 for page in pdf)  # A4 in points
    first = pdf[0]
    text_blocks = [block for block in first.get_text("blocks") if block[4].strip()]
    left = min(block[0] for block in text_blocks)
    top = min(block[1] for block in text_blocks)
    mm = 72 / 25.4
    assert 27 * mm <= left <= 30 * mm  # 订口 28 mm (the text starts at the margin)
    assert 36 * mm <= top <= 42 * mm  # 天头 37 mm (the first line's box starts at or just below it)
    text = "".join("".join(page.get_text().split()) for page in pdf)
    assert "2.《2025年低保对象名册》；" in text
    # 28 characters to a line (GB/T 9704-2012 5.2.3): the first full line of the body, as LibreOffice broke it
    lines = ["".join(line.split()) for line in first.get_text().splitlines()]
    body = next(line for line in lines if line.startswith("本机关于"))
    assert len(body) >= 26, lines  # (digits and Latin letters are narrower, so a line may hold a few more)
