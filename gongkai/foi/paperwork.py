"""Paper for applicants: the 回执 printed or downloaded after an online submission, and the blank 政府信息公开申请表
for letters and requests handed in at the office (DOCX, A4; a PDF through LibreOffice when it is installed).

The form asks what the online form asks (:mod:`gongkai.foi.forms`) and what 条例 第二十九条第二款 requires of an
application (quoted from :data:`gongkai.law.guide.APPLICATION_CONTENTS`); its options are the online form's choices.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from gongkai.core.dates import chinese_date
from gongkai.core.text import export_value
from gongkai.foi.models import APPLICANT_KIND_CHOICES, Delivery, IdType, InfoRequest, WantedForm
from gongkai.law import clock as law_clock
from gongkai.law import guide as law_guide

FORM_TITLE = "政府信息公开申请表"
RECEIPT_TITLE = "政府信息公开申请回执"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
A4_MM = (210, 297)
MARGINS_MM = {"top": 25, "bottom": 25, "left": 25, "right": 25}
PDF_TIMEOUT_SECONDS = 120
FORM_LAYOUT_VERSION = 1  # raise when application_form_docx's layout changes: cached PDFs are keyed on it
BOX = "□"

# 条例 第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日 — the online form confirms at once.
RECEIPT_BASIS = "《中华人民共和国政府信息公开条例》第三十一条第（三）项"
REPLY_BASIS = "《中华人民共和国政府信息公开条例》第三十三条"


# --- the 回执 --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptRow:
    label: str
    value: str


def receipt_rows(info_request: InfoRequest, query_code: str) -> list[ReceiptRow]:
    """What the 回执 says, for its HTML page and its DOCX alike: the dates as stored by the submission (the receipt
    date fixed by :func:`gongkai.law.receipt.receipt_date`, the due date by the clock)."""
    return [
        ReceiptRow("受理机关", info_request.agency.name),
        ReceiptRow("跟踪码", info_request.tracking_code),
        ReceiptRow("查询码", query_code),
        ReceiptRow("提交日期", chinese_date(info_request.submitted_on)),
        ReceiptRow("收到申请日期", f"{chinese_date(info_request.received_on)}（依据{RECEIPT_BASIS}）"),
        ReceiptRow(
            "答复期限",
            f"{chinese_date(info_request.due_on)}前（自收到申请之日起{law_clock.REPLY_WORKDAYS}个工作日，"
            f"依据{REPLY_BASIS}；依法延长、补正、征求意见或缴费期间另行告知）",
        ),
        ReceiptRow("所需信息的内容描述", info_request.description),
    ]


RECEIPT_NOTE = (
    "请妥善保管跟踪码和查询码：凭二者可在本平台“查询办理进度”页面查看办理情况和告知书。"
    "查询码只在提交后显示，系统不保存其原文，遗失后可通过申请时填写的联系方式找回。"
)


def receipt_docx(info_request: InfoRequest, query_code: str) -> bytes:
    """The 回执 as an A4 DOCX."""
    document = _document()
    _title(document, RECEIPT_TITLE)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in receipt_rows(info_request, query_code):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = row.label, export_value(row.value)
    document.add_paragraph()
    document.add_paragraph(RECEIPT_NOTE)
    return _save(document)


# --- the paper application form ---------------------------------------------------------------------------------


def _choices(choices: Any) -> str:
    with translation.override("zh-hans"):
        return "　".join(f"{BOX}{label}" for _, label in choices)


def form_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """The form's sections and their (label, pre-printed content) rows; empty content is left to fill in."""
    person_kinds = [(k, label) for k, label in APPLICANT_KIND_CHOICES if k != "natural_person"]
    with translation.override("zh-hans"):
        id_types = [(k, label) for k, label in IdType.choices if k != IdType.CREDIT_CODE]
    return [
        (
            "申请人信息（公民）",
            [
                ("姓名", ""),
                ("证件类型", _choices(id_types)),
                ("证件号码", ""),
                ("联系电话", ""),
                ("电子邮箱", ""),
                ("通信地址", ""),
                ("邮政编码", ""),
            ],
        ),
        (
            "申请人信息（法人或其他组织）",
            [
                ("类型", _choices(person_kinds)),
                ("名称", ""),
                ("统一社会信用代码", ""),
                ("法定代表人", ""),
                ("联系人", ""),
                ("联系电话", ""),
                ("电子邮箱", ""),
                ("通信地址", ""),
                ("邮政编码", ""),
            ],
        ),
        (
            "所需信息",
            [
                ("所需信息的名称、文号或者便于查询的其他特征性描述", ""),
                ("用途（选填）", ""),
                ("所需信息的形式", _choices(WantedForm.choices)),
                ("获取信息的方式", _choices(Delivery.choices)),
            ],
        ),
        ("申请人确认", [("申请人签名（盖章）", ""), ("申请日期", "　　年　　月　　日")]),
    ]


def form_labels() -> list[str]:
    return [label for _, rows in form_sections() for label, _ in rows]


def form_note(agency: Any) -> list[str]:
    """The footer: what 条例 第二十九条 requires, and where the form goes."""
    contents = "；".join(f"（{n}）{line}" for n, line in zip("一二三", law_guide.APPLICATION_CONTENTS, strict=True))
    where = "，".join(
        part
        for part in (
            f"请将本表交至或邮寄至{agency.name}政府信息公开工作机构",
            f"地址：{agency.address}" if agency.address else "",
            f"邮政编码：{agency.postcode}" if agency.postcode else "",
            f"电话：{agency.phone}" if agency.phone else "",
        )
        if part
    )
    return [
        f"说明：依据《中华人民共和国政府信息公开条例》第二十九条，政府信息公开申请应当包括下列内容：{contents}。"
        "公民请填写“申请人信息（公民）”，法人或其他组织请填写“申请人信息（法人或其他组织）”，并附身份证明复印件。",
        where + "。也可以在本机关政府信息公开平台网上提交申请。",
    ]


def application_form_docx(agency: Any) -> bytes:
    """The blank application form of ``agency`` as an A4 DOCX."""
    from docx.shared import Pt

    document = _document()
    _title(document, FORM_TITLE)
    document.add_paragraph(f"受理机关：{agency.name}")
    for heading, rows in form_sections():
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        head = table.rows[0].cells
        merged = head[0].merge(head[1])
        merged.text = heading
        merged.paragraphs[0].runs[0].bold = True
        for label, content in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, content
            if label.startswith("所需信息的名称"):
                cells[1].add_paragraph("\n\n\n")  # room to write
        document.add_paragraph()
    for line in form_note(agency):
        paragraph = document.add_paragraph(export_value(line))
        for run in paragraph.runs:
            run.font.size = Pt(9)
    return _save(document)


def pdf_available() -> bool:
    return shutil.which("soffice") is not None


def application_form_pdf(agency: Any) -> bytes | None:
    """The form as a PDF through LibreOffice (``soffice``), or None when it is not installed. The PDF is kept in the
    data directory under the hash of what the form says (a DOCX's bytes carry its creation time): the page is public,
    and LibreOffice takes seconds to start."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    content = repr((FORM_LAYOUT_VERSION, agency.name, form_sections(), form_note(agency)))
    cache = Path(settings.DATA_DIR) / "cache" / "forms"
    cached = cache / f"{hashlib.sha256(content.encode()).hexdigest()}.pdf"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory(prefix="gongkai-form-") as work:
        folder = Path(work)
        (folder / "form.docx").write_bytes(application_form_docx(agency))
        profile = (folder / "profile").as_uri()  # its own profile: conversions in parallel share no lock
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run(
            [*command, "--outdir", work, str(folder / "form.docx")],
            check=True,
            capture_output=True,
            timeout=PDF_TIMEOUT_SECONDS,
        )
        data = (folder / "form.pdf").read_bytes()
    cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(cached)
    return data


# --- the DOCX page ----------------------------------------------------------------------------------------------


def _document() -> Any:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(11)
    return document


def _title(document: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(18)


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
