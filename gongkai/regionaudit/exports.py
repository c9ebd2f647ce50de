"""The 体检报告 of a region (or of one agency in it) on a year, as XLSX (sheets 缺报, 比较, 风险, 问题清单) and as
DOCX on the official page (GB/T 9704-2012, :mod:`gongkai.core.paper`). Built from :func:`selectors.benchmark`'s
rows: no query of its own."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from gongkai.core.paper import official_page, official_text
from gongkai.law.report_rates import RATE_CODES, RATE_LABELS, percent
from gongkai.regionaudit.selectors import MISSING, BenchRow

STATE_LABELS = {"published": "已发布", "missing": "缺报", "not_due": "未到期"}
SEVERITY_LABELS = {"error": "错误", "warning": "提示"}
REVIEW_LABELS = {"confirmed": "已确认", "dismissed": "已排除", None: "待审核"}


def title(name: str, year: int) -> str:
    return f"{name}{year}年度政府信息公开工作年度报告体检报告"


def _findings(rows: Iterable[BenchRow]) -> list[tuple[str, str, str, str, str, str]]:
    """(agency, report, severity, code, message, review) of each finding of each row's latest reading."""
    out = []
    for row in rows:
        if row.reading is None:
            continue
        reviews = {r.index: r for r in row.reading.reviews.all()}
        for index, finding in enumerate(row.reading.findings):
            review = reviews.get(index)
            out.append(
                (
                    row.agency.name,
                    row.report.source_name if row.report else "",
                    SEVERITY_LABELS.get(finding.get("severity", ""), finding.get("severity", "")),
                    finding.get("code", ""),
                    finding.get("message", ""),
                    REVIEW_LABELS[review.status if review else None]
                    + (f"：{review.note}" if review and review.note else ""),
                )
            )
    return out


def _missing(rows: Iterable[BenchRow]) -> list[BenchRow]:
    return [row for row in rows if row.state == MISSING]


def _rate_cells(row: BenchRow) -> list[str]:
    return [percent(row.rate(code)) for code in RATE_CODES]


COMPARISON_HEAD = ["机关", "报告", *[RATE_LABELS[c] for c in RATE_CODES]]
FINDINGS_HEAD = ["机关", "报告文件", "性质", "代码", "问题", "审核"]


def to_xlsx(name: str, year: int, rows: list[BenchRow], medians: dict[str, Decimal | None]) -> bytes:
    """Sheets 缺报 (agencies whose report is missing), 比较 (the rates, the region's median last), 风险 (each risk
    with its reason) and 问题清单 (every finding with its review)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    bold = Font(bold=True)

    def sheet(title_: str, head: list[str], body: Iterable[Iterable[Any]], first: bool = False) -> None:
        ws = workbook.active if first else workbook.create_sheet()
        ws.title = title_
        ws.append([title(name, year)])
        ws.append(head)
        for cell in ws[2]:
            cell.font = bold
        for line in body:
            ws.append(list(line))
        ws.column_dimensions["A"].width = 36

    sheet(
        "缺报", ["机关", "年度", "状态"], ([r.agency.name, year, STATE_LABELS[r.state]] for r in _missing(rows)), True
    )
    sheet(
        "比较",
        COMPARISON_HEAD,
        [
            *([r.agency.name, STATE_LABELS[r.state], *_rate_cells(r)] for r in rows),
            ["本地区中位数", "", *[percent(medians.get(c)) for c in RATE_CODES]],
        ],
    )
    sheet("风险", ["机关", "原因"], ([r.agency.name, risk.reason] for r in rows for risk in r.risks))
    sheet("问题清单", FINDINGS_HEAD, _findings(rows))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# GB/T 9704-2012 7.3: 标题 方正小标宋简体 二号, 一级标题 黑体 三号, 正文 仿宋_GB2312 三号 (as the annual report's DOCX).
FONTS = {"Normal": ("仿宋_GB2312", 16), "Title": ("方正小标宋简体", 22), "Heading 1": ("黑体", 16)}
LATIN_FONT = "Times New Roman"


def _official_fonts(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, (east_asia, size) in FONTS.items():
        style = document.styles[name]
        style.font.size, style.font.color.rgb, style.font.bold = Pt(size), RGBColor(0, 0, 0), name == "Title"
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in list(fonts.attrib):
            if attr.lower().endswith("theme"):
                del fonts.attrib[attr]  # a theme font would win over the names
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), east_asia)


def to_docx(name: str, year: int, rows: list[BenchRow], medians: dict[str, Decimal | None]) -> bytes:
    """The same four parts as headed sections of a document on the official page."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    official_page(document.sections[0], grid=False)  # its tables of small print would snap to a line grid
    official_text(document.styles["Normal"])
    _official_fonts(document)
    document.add_heading(title(name, year), level=0)

    def table(head: list[str], body: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(head))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, head, strict=True):
            cell.text = text
        for line in body:
            for cell, text in zip(grid.add_row().cells, line, strict=True):
                cell.text = str(text)
        for row in grid.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)

    missing = _missing(rows)
    document.add_heading("一、缺报情况", level=1)
    if missing:
        document.add_paragraph(
            f"{len(missing)}个机关未按期发布{year}年度报告：" + "、".join(r.agency.name for r in missing) + "。"
        )
    else:
        document.add_paragraph(f"各机关均已发布{year}年度报告或尚未到发布期限。")
    document.add_heading("二、横向比较", level=1)
    document.add_paragraph("比率为考评惯例口径，非法定口径；按期答复率年度报告表格未提供，以“—”表示。")
    table(
        COMPARISON_HEAD,
        [
            *([r.agency.name, STATE_LABELS[r.state], *_rate_cells(r)] for r in rows),
            ["本地区中位数", "", *[percent(medians.get(c)) for c in RATE_CODES]],
        ],
    )
    document.add_heading("三、风险清单", level=1)
    risks = [[r.agency.name, risk.reason] for r in rows for risk in r.risks]
    if risks:
        table(["机关", "原因"], risks)
    else:
        document.add_paragraph("未发现风险。")
    document.add_heading("四、问题清单", level=1)
    findings = [list(f) for f in _findings(rows)]
    if findings:
        table(FINDINGS_HEAD, findings)
    else:
        document.add_paragraph("检查未发现问题。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
