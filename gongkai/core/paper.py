"""The official page of a Chinese government document, for every DOCX gongkai writes (letters, the annual report).

GB/T 9704-2012《党政机关公文格式》5.1–5.2 (read in the standard's text as reproduced at
https://www.xiaomilidoc.com/p-10407509.html and http://caiyes.cn/thread-28386-1-1.html, which agree): A4 paper
(210 mm × 297 mm); 天头 (top margin) 37 mm ± 1 mm, 订口 (left margin) 28 mm ± 1 mm, 版心 (text block) 156 mm ×
225 mm, so the right margin is 26 mm and the bottom 35 mm; text in 3号仿宋 (16 pt), 22 lines of 28 characters a
page, filling the text block.
"""

from __future__ import annotations

import math
from typing import Any

PAGE_MM = (210, 297)  # A4, width × height
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_BLOCK_MM = (
    PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"],
    PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"],
)
BODY_PT = 16  # 3号
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

_PT_PER_MM = 72 / 25.4
LINE_PITCH_PT = TEXT_BLOCK_MM[1] * _PT_PER_MM / LINES_PER_PAGE  # 28.99 pt: 22 lines fill the 225 mm
CHAR_PITCH_PT = TEXT_BLOCK_MM[0] * _PT_PER_MM / CHARS_PER_LINE  # 15.79 pt: 28 characters fill the 156 mm


# 28 characters of 16 pt need 448 pt and the line has 442 pt: each character is drawn 0.25 pt closer (w:spacing, in
# twentieths of a point, rounded down so the 28th still fits). A character grid (w:docGrid linesAndChars) would do
# the same in Word, but LibreOffice then gives every character two grid cells: 14 to a line.
CHAR_SPACING_TWIPS = math.floor((CHAR_PITCH_PT - BODY_PT) * 20)  # -5


def official_page(section: Any, *, grid: bool = True) -> None:
    """Lay a python-docx section out on the official page: A4, the margins above, and with ``grid`` a line grid of
    22 lines (``w:docGrid``, its pitch in twips) that Word and WPS snap the text to — left out where tables of
    small print would snap to it too (the annual report)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    if not grid:
        return
    sect_pr = section._sectPr
    doc_grid = sect_pr.find(qn("w:docGrid"))
    if doc_grid is None:
        doc_grid = OxmlElement("w:docGrid")
        sect_pr.append(doc_grid)
    doc_grid.attrib.clear()
    doc_grid.set(qn("w:type"), "lines")
    doc_grid.set(qn("w:linePitch"), str(int(LINE_PITCH_PT * 20)))


def official_text(style: Any) -> None:
    """The body text of the official page on a python-docx paragraph style: 3号 (16 pt), lines exactly the grid's
    pitch (22 to the page in any reader), 28 characters to the line, and CJK punctuation such as “” set in the East
    Asian font."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.size = Pt(BODY_PT)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(LINE_PITCH_PT)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.append(spacing)
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
