"""The annual report as files: DOCX in the layout agencies publish, XLSX, printable HTML and JSON.

All three table renderings draw the grids of :mod:`gongkai.reports.layout`, so 表二、表三、表四 have the same merged
headers everywhere.  The DOCX follows the usual layout of a published report (GB/T 9704 page margins on A4):
title in 方正小标宋简体, section headings in 黑体, text in 仿宋_GB2312 三号 with a two-character first-line indent,
tables in 9 pt 宋体 with their header rows repeated on each page.  Chinese font names are set in ``w:eastAsia``
(Word and LibreOffice take CJK text from that slot, Latin text and figures from ``w:ascii``/``w:hAnsi``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from copy import deepcopy
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core.dates import chinese_date
from gongkai.core.paper import TEXT_BLOCK_MM, official_page
from gongkai.core.text import export_value
from gongkai.law.outcomes import (
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
)
from gongkai.law.report import is_amount
from gongkai.reports.layout import SECTION2_BLOCKS, Grid, amount, count, grids, narrative_sections
from gongkai.reports.models import NARRATIVE_SECTIONS, AnnualReport

__all__ = ["tables_to_xlsx", "to_docx", "to_html", "to_json", "to_xlsx"]

# --- DOCX --------------------------------------------------------------------------------------------------------

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋_GB2312"  # 正文：仿宋_GB2312 三号
HEADING_FONT = "黑体"  # 一级标题：黑体 三号
TITLE_FONT = "方正小标宋简体"  # 标题：方正小标宋简体 二号
TABLE_FONT = "宋体"
BODY_PT, TITLE_PT, TABLE_PT = 16, 22, 9


def _set_fonts(rpr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or style; theme fonts would win over names, so they are dropped."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _indent_chars(paragraph_format: Any, chars: int, size_pt: int) -> None:
    """First-line indent in characters (w:firstLineChars, what Word's “首行缩进 2 字符” writes) and in points."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph_format.first_line_indent = Pt(chars * size_pt)
    paragraph_format.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(chars * 100))


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_rpr, BODY_FONT)
    lang = default_rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    # python-docx's template declares Japanese as the East-Asian language: glyph fallback would pick Japanese forms.
    for element in document.settings.element.iter(qn("w:themeFontLang")):
        element.set(qn("w:eastAsia"), "zh-CN")

    normal = document.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(fmt, 2, BODY_PT)

    heading = document.styles["Heading 1"]
    _set_fonts(heading.element.get_or_add_rPr(), HEADING_FONT)
    heading.font.size = Pt(BODY_PT)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.keep_with_next = True

    title = document.styles.add_style("Report Title", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _set_fonts(title.element.get_or_add_rPr(), TITLE_FONT)
    title.font.size = Pt(TITLE_PT)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(28)
    _indent_chars(title.paragraph_format, 0, TITLE_PT)

    cell = document.styles.add_style("Report Table", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    _set_fonts(cell.element.get_or_add_rPr(), TABLE_FONT)
    cell.font.size = Pt(TABLE_PT)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraph_format.line_spacing = Pt(12)
    _indent_chars(cell.paragraph_format, 0, TABLE_PT)

    signature = document.styles.add_style("Report Signature", WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = normal
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_chars(signature.paragraph_format, 0, BODY_PT)


def _row_property(row: Any, tag: str) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def _cell_margins(table: Any, left_right_twips: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(left_right_twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _add_grid(document: Any, grid: Grid, width_mm: float) -> Any:
    """One table of the report. python-docx's ``table.cell()`` and ``row.cells`` walk the whole table at each call,
    and ``paragraph.style = style`` searches every style for the default: for 表三's ~300 cells that was 3.5 s of a
    3.6 s DOCX. The cells are listed once, before any merge (a merge only changes the cells of its own span, and
    every span's top-left and bottom-right cells are its own), and the style is set by its id."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table, 40)
    total = sum(grid.widths)
    widths = [Mm(width_mm * w / total) for w in grid.widths]
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    cells = table._cells  # row-major, one per grid position: nothing is merged yet
    rows = table.rows
    for row_index, row in enumerate(rows):
        _row_property(row, "w:cantSplit")
        for index in range(grid.n_cols):
            cells[row_index * grid.n_cols + index].width = widths[index]
    for index in range(grid.header_rows):
        _row_property(rows[index], "w:tblHeader")
    style_id = document.styles["Report Table"].style_id
    for spec in grid.cells:
        cell = cells[spec.row * grid.n_cols + spec.col]
        if spec.merged:
            last = cells[(spec.row + spec.rowspan - 1) * grid.n_cols + spec.col + spec.colspan - 1]
            cell = cell.merge(last)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        # Every row but the last keeps with the next: the table moves to a new page whole rather than split.
        paragraph.paragraph_format.keep_with_next = spec.row + spec.rowspan < grid.n_rows
        paragraph.add_run(export_value(spec.text))
    return table


def to_docx(report: AnnualReport) -> bytes:
    """The report as a Word document in the official layout (sections 一—六, tables 二—四 with merged headers)."""
    from docx import Document

    document = Document()
    _styles(document)
    section = document.sections[0]
    official_page(section, grid=False)  # GB/T 9704-2012 (gongkai.core.paper); its 9 pt tables keep their rows
    width_mm = TEXT_BLOCK_MM[0]
    title, agency_name = export_value(report.title), export_value(report.agency.name)
    document.core_properties.title = title
    document.core_properties.author = agency_name
    document.core_properties.language = "zh-CN"

    document.add_paragraph(title, style="Report Title")
    text = narrative_sections(report.narrative)
    tables = grids(report.tables)
    for heading, paragraphs in text[:1]:
        _add_section(document, heading, paragraphs)
    for grid in tables:
        heading = document.add_paragraph(grid.heading, style="Heading 1")
        # 表三 (28 rows) fits a page but not what is left of one: it starts a page, so its merged row headers are
        # never cut (LibreOffice does not keep a table whole through keep-with-next as Word does).
        heading.paragraph_format.page_break_before = grid.key == "section3"
        _add_grid(document, grid, width_mm)
    for heading, paragraphs in text[1:]:
        _add_section(document, heading, paragraphs)
    document.add_paragraph("", style="Report Signature")
    document.add_paragraph(agency_name, style="Report Signature")
    if report.published_on:
        document.add_paragraph(chinese_date(report.published_on), style="Report Signature")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_section(document: Any, heading: str, paragraphs: Iterable[str]) -> None:
    document.add_paragraph(export_value(heading), style="Heading 1")
    for text in paragraphs:
        document.add_paragraph(export_value(text))  # a narrative stored with a control character still exports


# --- XLSX --------------------------------------------------------------------------------------------------------

_XLSX_FONT = "宋体"
_WIDTH_PER_MM = 0.55  # XLSX column width units (about half a CJK character each) per mm of the DOCX layout


def _number(value: Any) -> int | float:
    """A figure as an XLSX number (万元 amounts as floats, counts as ints)."""
    return value if isinstance(value, int) else float(value)


def _xlsx_styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "centre": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "font": Font(name=_XLSX_FONT, size=10),
        "bold": Font(name=_XLSX_FONT, size=10, bold=True),
        "title": Font(name=_XLSX_FONT, size=14, bold=True),
        "fill": PatternFill("solid", fgColor="F2F2F2"),
    }


def _grid_sheet(workbook: Any, grid: Grid, title: str, styles: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(grid.heading[:31])
    top = 3  # row 1: the report's title; row 2: the section heading
    for row, text, font in ((1, title, styles["title"]), (2, grid.heading, styles["bold"])):
        sheet.cell(row=row, column=1, value=export_value(text)).font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=grid.n_cols)
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            sheet.cell(row=top + r, column=1 + c).border = styles["border"]
    widths = [mm * _WIDTH_PER_MM for mm in grid.widths]
    lines = [1] * grid.n_rows
    for spec in grid.cells:
        cell = sheet.cell(row=top + spec.row, column=1 + spec.col)
        cell.value = _number(spec.value) if spec.is_number else export_value(spec.text)
        cell.alignment = styles["centre"]
        cell.font = styles["font"]
        if spec.header:
            cell.fill = styles["fill"]
        if spec.merged:
            sheet.merge_cells(
                start_row=top + spec.row,
                start_column=1 + spec.col,
                end_row=top + spec.row + spec.rowspan - 1,
                end_column=spec.col + spec.colspan,
            )
        # Neither Excel nor LibreOffice fits wrapped text in merged cells: estimate the lines each row needs.
        span_width = sum(widths[spec.col : spec.col + spec.colspan])
        needed = -(-len(spec.text) * 2 // max(int(span_width) - 1, 2))
        per_row = -(-needed // spec.rowspan)
        for r in range(spec.row, spec.row + spec.rowspan):
            lines[r] = max(lines[r], per_row)
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(1 + index)].width = width
    for r, needed_lines in enumerate(lines):
        sheet.row_dimensions[top + r].height = 14 * needed_lines + 4
    if grid.header_rows:
        sheet.freeze_panes = sheet.cell(row=top + grid.header_rows, column=1)
        sheet.print_title_rows = f"{top}:{top + grid.header_rows - 1}"
    _fit_a4(sheet, landscape=grid.n_cols > 4)


def _fit_a4(sheet: Any, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_xlsx(report: AnnualReport) -> bytes:
    """The report as a workbook: one sheet per table (表二、表三、表四, merged headers as in the DOCX), one for the text."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _xlsx_styles()
    for grid in grids(report.tables):
        _grid_sheet(workbook, grid, report.title, styles)
    sheet = workbook.create_sheet(_("Report text")[:31])
    sheet.column_dimensions["A"].width = 100
    sheet.append([export_value(report.title)])
    sheet["A1"].font = styles["title"]
    for heading, paragraphs in narrative_sections(report.narrative):
        sheet.append([export_value(heading)])
        sheet.cell(row=sheet.max_row, column=1).font = styles["bold"]
        for text in paragraphs:
            sheet.append([export_value(text)])
            cell = sheet.cell(row=sheet.max_row, column=1)
            cell.alignment = styles["left"]
            cell.font = styles["font"]
            sheet.row_dimensions[sheet.max_row].height = 14 * (1 + len(text) // 48)
    _fit_a4(sheet, landscape=False)
    workbook.properties.title = export_value(report.title)
    workbook.properties.creator = export_value(report.agency.name)
    return _save(workbook)


def _flat_section2(tables: Mapping[str, Any]) -> list[tuple[str, int | float]]:
    data = tables.get("section2") or {}
    out: list[tuple[str, int | float]] = []
    for block in SECTION2_BLOCKS:
        for row, row_label in block["rows"].items():
            for col, col_label in block["columns"].items():
                value = (data.get(row) or {}).get(col)
                out.append(
                    (f"{row_label}｜{col_label}", _number(amount(value)) if is_amount(col_label) else count(value))
                )
    return out


def _flat_section3(tables: Mapping[str, Any]) -> list[tuple[str, int | float]]:
    data = tables.get("section3") or {}
    return [
        (f"{SECTION3_ROW_LABELS[row]}｜{SECTION3_COLUMNS[col]}", count((data.get(row) or {}).get(col)))
        for row in SECTION3_ROW_KEYS
        for col in SECTION3_COLUMNS
    ]


def _flat_section4(tables: Mapping[str, Any]) -> list[tuple[str, int | float]]:
    data = tables.get("section4") or {}
    return [
        (f"{SECTION4_GROUPS[group]}｜{SECTION4_COLUMNS[col]}", count((data.get(group) or {}).get(col)))
        for group in SECTION4_GROUPS
        for col in SECTION4_COLUMNS
    ]


def tables_to_xlsx(rows: list[tuple[str, dict]]) -> bytes:
    """Several agencies' tables for the supervisor: per table a sheet, one row per agency, one column per cell.

    Each column is named by the official labels, row and column joined by “｜” (e.g.
    “（三）不予公开/1.属于国家秘密｜法人或其他组织/商业企业”), so the sheet can be filtered and summed as it is.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _xlsx_styles()
    headings = [grid.heading for grid in grids({})]
    for heading, flatten in zip(headings, (_flat_section2, _flat_section3, _flat_section4), strict=True):
        sheet = workbook.create_sheet(heading[:31])
        labels = [label for label, _value in flatten({})]
        sheet.append([_("Agency"), *labels])
        for cell in sheet[1]:
            cell.font = styles["bold"]
            cell.alignment = styles["centre"]
            cell.border = styles["border"]
        for name, tables in rows:
            sheet.append([export_value(name), *(value for _label, value in flatten(tables or {}))])
        sheet.column_dimensions["A"].width = 32
        for index in range(2, len(labels) + 2):
            sheet.column_dimensions[get_column_letter(index)].width = 16
        sheet.row_dimensions[1].height = 90
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(labels) + 1)}{max(len(rows) + 1, 1)}"
    return _save(workbook)


# --- HTML and JSON -------------------------------------------------------------------------------------------------


def to_html(report: AnnualReport) -> str:
    """The printable page (A4, its own print CSS): title, sections 一—六 and the tables as in the DOCX."""
    return render_to_string(
        "reports/print.html",
        {
            "report": report,
            "sections": narrative_sections(report.narrative),
            "published_on": chinese_date(report.published_on),
        },
    )


def to_json(report: AnnualReport) -> dict[str, Any]:
    """The report as data: agency, year, version, publication date, title, the three text sections and the tables."""
    narrative = report.narrative or {}
    return {
        "agency": {"name": report.agency.name, "credit_code": report.agency.credit_code},
        "year": report.year,
        "version": report.version,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "title": report.title,
        "sections": {key: narrative.get(key, "") for key in NARRATIVE_SECTIONS},
        "tables": deepcopy(report.tables),
    }
