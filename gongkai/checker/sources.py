"""A report file as *lines of cells* in reading order, whatever its format (the input of gongkai.law.report_reading).

The file is read with gongkai.core.documents: the format judged by content (:func:`~gongkai.core.documents.detect_format`),
never by the file's name; text that holds HTML tags is read as HTML (:func:`~gongkai.core.documents.looks_like_html`).  A paragraph becomes a line of one cell, a table row a line of its cells, a
merged cell once (where it starts), so every format gives what a web-page copy of the report gives:

- text: the lines, ``|`` / tab separating the cells of a flattened table row (law.report_reading.text_lines);
- HTML (lxml): block elements as paragraphs, ``<br>`` as a line break, ``<tr>`` rows of ``<th>``/``<td>`` cells;
- DOCX (lxml over word/document.xml): paragraphs and table rows in body order; a vertically merged cell's
  continuation (``w:vMerge`` without ``restart``) is skipped, a horizontally merged one (``w:gridSpan``) is one cell;
- XLSX (openpyxl): every sheet, row by row;
- PDF (PyMuPDF): per page, the tables that ``find_tables`` sees in the ruling lines (merged cells come back as None
  and are skipped) and the text blocks outside them, top to bottom.  A table split over two pages is two tables
  here; the reader finds rows by their labels, so the split does not matter.  A page that holds an image and whose
  text layer is missing or garbled is read by Tesseract instead (docs/report-checker.md, "Scanned PDFs (OCR)"):
  a recognised line is a line, three spaces or more parting its cells; :class:`Scanned` tells which pages were.

Reading keeps to the limits of gongkai.core.documents (:data:`~gongkai.core.documents.LIMITS`): a DOCX/XLSX is
judged from its ZIP directory before it is unpacked, a PDF by its page count, and a
:class:`~gongkai.core.documents.Deadline` is checked between lines, rows and pages; a file beyond them is
:class:`Unreadable` with the limit's Chinese message.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gongkai.core.documents import (
    LIMITS,
    Deadline,
    DocumentError,
    DocumentLimit,
    Limits,
    detect_format,
    extract_text,
    looks_like_html,
    ocr_available,
    ocr_page_text,
    open_package,
    open_pdf,
    read_part,
    safe_xml,
    text_layer_garbled,
)
from gongkai.core.errors import CoreError
from gongkai.law.report_reading import text_lines

__all__ = ["MAX_BYTES", "Scanned", "Unreadable", "read_lines"]

MAX_BYTES = 20 * 1024 * 1024
Lines = list[list[str]]


class Unreadable(Exception):
    """The file cannot be read as a report; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Scanned:
    """The scanned pages of a PDF (1-based): those read by text recognition and those left unread, with why."""

    read: list[int] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    reason: str = ""  # Chinese: why ``unread`` were not read


def read_lines(
    data: bytes, *, limits: Limits | None = None, deadline: Deadline | None = None, scanned: Scanned | None = None
) -> tuple[str, Lines]:
    """(the file's format — text, html, docx, xlsx or pdf — and its lines of cells); :class:`Unreadable` else.
    Reading stops at ``deadline`` (by default ``limits.seconds`` from now).  A PDF page whose text layer is missing
    or garbled is read by text recognition (Tesseract), within ``limits.ocr_pages`` and the deadline; ``scanned``,
    when given, is told which pages were."""
    limits = limits or LIMITS
    deadline = deadline or Deadline(limits.seconds)
    if not data:
        raise Unreadable("文件是空的。")
    if len(data) > MAX_BYTES:
        raise Unreadable(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，未读取。")
    try:
        fmt = detect_format(data, limits)
    except DocumentError as exc:
        raise Unreadable(exc.message) from exc
    try:
        if fmt == "text":
            text = extract_text(data, limits=limits)
            if looks_like_html(text):
                return "html", html_lines(text, deadline)
            return "text", text_lines(text)
        if fmt == "docx":
            return "docx", docx_lines(data, limits, deadline)
        if fmt == "xlsx":
            return "xlsx", xlsx_lines(data, limits, deadline)
        return "pdf", pdf_lines(data, limits, deadline, scanned)
    except DocumentError as exc:
        raise Unreadable(exc.message) from exc
    except Exception as exc:  # a damaged file may fail anywhere inside the parsing libraries
        raise Unreadable(f"无法解析 {fmt.upper()} 文件，文件可能已损坏或加密：{exc}") from exc


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# --- HTML ----------------------------------------------------------------------------------------------------------

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "pre",
        "blockquote",
        "tr",
        "dd",
        "dt",
    ]
)


def html_lines(text: str, deadline: Deadline | None = None) -> Lines:
    from lxml import html

    deadline = deadline or Deadline(LIMITS.seconds)
    root = html.fromstring(text or "<p></p>")
    lines: Lines = []
    buffer: list[str] = []

    def flush() -> None:
        joined = _clean("".join(buffer))
        if joined:
            lines.extend([[part] for part in joined.split("\n") if part.strip()] if "\n" in joined else [[joined]])
        buffer.clear()

    def walk(element) -> None:
        deadline.check()
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "head"):
            return
        if tag == "table":
            flush()
            for row in element.iter("tr"):
                cells = [_clean(cell.text_content()) for cell in row if cell.tag in ("td", "th")]
                if any(cells):
                    lines.append(cells)
            return
        if tag == "br" or tag in _BLOCKS:
            flush()
        if element.text and tag:
            buffer.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if tag in _BLOCKS:
            flush()

    walk(root)
    flush()
    return lines


# --- DOCX ----------------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph) -> str:
    pieces = []
    for element in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        pieces.append(element.text or "" if element.tag == f"{_W}t" else " ")
    return "".join(pieces)


def _docx_body(element, deadline: Deadline) -> Iterator[list[str]]:
    for child in element:
        deadline.check()
        if child.tag == f"{_W}p":
            yield [_paragraph_text(child)]
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                deadline.check()
                cells = []
                for cell in row.iter(f"{_W}tc"):
                    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                    if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                        continue
                    cells.append(_clean(" ".join(_paragraph_text(p) for p in cell.iter(f"{_W}p"))))
                yield cells
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_body(child, deadline)


def docx_lines(data: bytes, limits: Limits | None = None, deadline: Deadline | None = None) -> Lines:
    limits = limits or LIMITS
    deadline = deadline or Deadline(limits.seconds)
    with open_package(data, limits) as archive:
        root = safe_xml(read_part(archive, "word/document.xml", limits))
    body = root.find(f"{_W}body")
    if body is None:
        return []
    return [line for line in _docx_body(body, deadline) if any(c.strip() for c in line)]


# --- XLSX ----------------------------------------------------------------------------------------------------------


def xlsx_lines(data: bytes, limits: Limits | None = None, deadline: Deadline | None = None) -> Lines:
    from openpyxl import load_workbook

    limits = limits or LIMITS
    deadline = deadline or Deadline(limits.seconds)
    open_package(data, limits).close()  # the ZIP directory within the limits before openpyxl unpacks anything
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: Lines = []
    chars = 0
    try:
        for sheet in workbook.worksheets:
            for values in sheet.iter_rows(values_only=True):
                deadline.check()
                cells = [
                    "" if v is None else _clean(str(int(v) if isinstance(v, float) and v.is_integer() else v))
                    for v in values
                ]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    lines.append(cells if len(cells) > 1 else [cells[0]])
                    chars += sum(len(c) for c in cells)
                    if chars > limits.chars:
                        raise DocumentLimit(CoreError.DOCUMENT_TEXT, limit=limits.chars)
    finally:
        workbook.close()
    return lines


# --- PDF -----------------------------------------------------------------------------------------------------------


def _inside(box: tuple[float, ...], area: tuple[float, ...]) -> bool:
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    return area[0] - 1 <= x <= area[2] + 1 and area[1] - 1 <= y <= area[3] + 1


_NEW_PARAGRAPH = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])")


def _pdf_paragraphs(page, areas: list[tuple[float, ...]]) -> list[tuple[float, str]]:
    """(top, text) of the paragraphs outside the tables: a line that reaches the right margin continues in the next
    one, unless that one is indented or starts a numbered heading."""
    lines = []
    for block in page.get_text("dict", sort=True)["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"])
            box = tuple(line["bbox"])
            if text.strip() and not any(_inside(box, area) for area in areas):
                size = max((span["size"] for span in line["spans"]), default=10)
                lines.append((box, text.strip(), size))
    if not lines:
        return []
    left = min(box[0] for box, _t, _s in lines)
    right = max(box[2] for box, _t, _s in lines)
    paragraphs: list[tuple[float, str]] = []
    open_paragraph = False
    for box, text, size in sorted(lines, key=lambda item: (round(item[0][1]), item[0][0])):
        indented = box[0] > left + size * 1.5
        if open_paragraph and paragraphs and not indented and not _NEW_PARAGRAPH.match(text):
            top, before = paragraphs[-1]
            paragraphs[-1] = (top, before + text)
        else:
            paragraphs.append((box[1], text))
        # A right-aligned line (the signature, the date) ends where it stands.
        open_paragraph = box[2] >= right - size * 1.5 and box[0] <= left + size * 2.5
    return paragraphs


_CELL_GAP = re.compile(r"\s{3,}")
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\d])|(?<=\d) (?=[\u4e00-\u9fff])"
)


def ocr_lines(text: str) -> Lines:
    """Recognised text as lines of cells: three spaces or more between two pieces of a line part table cells; the
    single spaces Tesseract puts between Chinese characters are dropped."""
    lines: Lines = []
    for raw in text.splitlines():
        cells = [_CJK_SPACE.sub("", c.strip()) for c in _CELL_GAP.split(raw.strip())]
        if any(cells):
            lines.append([c for c in cells if c])
    return lines


def _page_lines(page, deadline: Deadline) -> Lines:
    items: list[tuple[float, Lines]] = []
    # Tables are found in the ruling lines: a page that draws no vector graphics (running text) has none, and
    # find_tables' pass over every character is most of the time a PDF takes (bench/checker_speed_bench.py).
    tables = page.find_tables().tables if page.get_cdrawings() else []
    areas = [tuple(t.bbox) for t in tables]
    for table in tables:
        deadline.check()
        rows = [[_clean(c) for c in row if c is not None] for row in table.extract()]
        items.append((table.bbox[1], [r for r in rows if any(r)]))
    items += [(top, [[text]]) for top, text in _pdf_paragraphs(page, areas)]
    lines: Lines = []
    for _y, block_lines in sorted(items, key=lambda item: item[0]):
        lines.extend(block_lines)
    return lines


# A page is not begun with less time left than this (one takes about 3 s on a shared 2-core machine).
_OCR_SECONDS = 3.0


def _scanned_page(page) -> bool:
    """A page with an image and no readable text layer (missing, or garbled: core.documents.text_layer_garbled)."""
    return bool(page.get_image_info()) and text_layer_garbled(page.get_text("text"))


def pdf_lines(
    data: bytes, limits: Limits | None = None, deadline: Deadline | None = None, scanned: Scanned | None = None
) -> Lines:
    limits = limits or LIMITS
    deadline = deadline or Deadline(limits.seconds)
    scanned = scanned if scanned is not None else Scanned()
    document = open_pdf(data, limits=limits)
    lines: Lines = []
    available: bool | None = None
    try:
        if document.needs_pass:
            raise Unreadable("PDF 文件已加密，无法读取。")
        for number, page in enumerate(document, 1):
            deadline.check()
            if not _scanned_page(page):
                lines.extend(_page_lines(page, deadline))
                continue
            if available is None:
                available = ocr_available()
            if not available:
                scanned.unread.append(number)
                scanned.reason = "未安装文字识别程序（tesseract-ocr 及其简体中文数据 tesseract-ocr-chi-sim）"
            elif len(scanned.read) >= limits.ocr_pages:
                scanned.unread.append(number)
                scanned.reason = f"每份文件最多识别 {limits.ocr_pages} 页扫描页"
            elif deadline.remaining < _OCR_SECONDS:
                scanned.unread.append(number)
                scanned.reason = f"读取时间（{limits.seconds:g} 秒）已用完"
            else:
                try:
                    # A second is left for the pages after: running out of time costs the unread pages only.
                    text = ocr_page_text(page, dpi=limits.ocr_dpi, seconds=deadline.remaining - 1)
                except DocumentLimit:
                    scanned.unread.append(number)
                    scanned.reason = f"读取时间（{limits.seconds:g} 秒）已用完"
                    continue
                except DocumentError as exc:  # tesseract failed on this page: the others are still read
                    scanned.unread.append(number)
                    scanned.reason = exc.message
                    continue
                scanned.read.append(number)
                lines.extend(ocr_lines(text))
    finally:
        document.close()
    if not any(line for line in lines):
        if scanned.unread:
            pages = "、".join(str(n) for n in scanned.unread)
            raise Unreadable(f"PDF 为扫描件（第 {pages} 页没有可用的文字层），{scanned.reason}，无法读取，无法检查。")
        raise Unreadable("PDF 没有可读取的文字层（可能是扫描件或图片），无法检查。")
    return lines
