"""Reading files — plain text, HTML, DOCX, XLSX and PDF — and scanning and masking them for personal data: the one
reader for the report checker, work plans and disclosure.

The format is detected from the content, never from a file name.  :func:`extract_text` renders a file as one
deterministic text — DOCX paragraphs, XLSX cells and PDF text lines each on their own line, joined with ``"\\n"``
— and the offsets of :func:`scan_document` index exactly that text.  :func:`mask_document` returns a copy in the
same format with every finding masked (see :mod:`gongkai.law.pii` for the rules) and checks its own output:
a masked copy that still shows personal data is never returned.

- Text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; written back in the same encoding.
- DOCX: the WordprocessingML of the main document, headers, footers, footnotes, endnotes and comments is read
  directly (lxml, which python-docx is built on): every paragraph, including table cells, content controls,
  text boxes, tracked insertions and deletions and field codes.  Masks have the length of what they hide, so
  each masked character goes back into the run it came from: formatting is kept, and a number split over
  several runs is masked in all of them.  All other parts of the package are copied byte for byte.
- XLSX (openpyxl): every non-empty string cell and every integer cell of every worksheet, hidden ones included,
  row by row.  Floating-point cells are skipped: an 18-digit number stored as a float has already lost digits.
- PDF (PyMuPDF): the text layer, page by page and line by line.  Masking uses redactions, so the original
  characters are removed from the file, and writes the masked form in their place.
- HTML (a page saved from a government website) is a text file to :func:`detect_format`; :func:`looks_like_html`
  tells it apart and :func:`html_text` gives its visible text, one block element per line.

The pieces the apps' own structured readers build on (gongkai.checker.sources reads lines of table cells) are public
too: :func:`open_package` (a DOCX/XLSX container, its directory checked), :func:`read_part` (a ZIP member,
size-capped), :func:`safe_xml` (no entities, no network), :func:`open_pdf` (page-capped) and :class:`Deadline`.

Reading is bounded (:class:`Limits`, the defaults in :data:`LIMITS`): a ZIP container is judged from its directory
before anything is unpacked — number of members, total unpacked size, size of each XML part, compression ratio —,
a PDF by its page count, and every reader stops at a character count and a time limit (a :class:`Deadline` checked
while paragraphs, cells and pages are read).  Exceeding any raises :class:`DocumentLimit`, whose message and code
come from :class:`gongkai.core.errors.CoreError` (``core.document_*``): callers refuse with ``exc.refuse("file")``
before anything is stored.  Callers parse outside their write transactions (docs/architecture.md).
"""

from __future__ import annotations

import codecs
import io
import re
import shutil
import struct
import subprocess
import time
import warnings
import zipfile
from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal
from zlib import error as zlib_error

from gongkai.core.errors import CoreError
from gongkai.core.text import blank_controls
from gongkai.law.pii import Finding, mask, scan

__all__ = [
    "LIMITS",
    "Deadline",
    "DocumentError",
    "DocumentLimit",
    "Format",
    "Limits",
    "UnsupportedDocument",
    "check_package",
    "content_types",
    "detect_format",
    "extract_text",
    "html_text",
    "looks_like_html",
    "mask_document",
    "ocr_available",
    "ocr_page_text",
    "open_package",
    "open_pdf",
    "read_part",
    "safe_xml",
    "scan_document",
    "text_layer_garbled",
]

Format = Literal["text", "docx", "xlsx", "pdf"]

SUPPORTED_HINT = "仅支持纯文本（UTF-8 或 GB18030）、DOCX、XLSX 和 PDF 文件"

MB = 1024 * 1024


class DocumentError(Exception):
    """A file could not be scanned or masked; ``message`` is Chinese and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedDocument(DocumentError):
    """The file is not in a supported format, or is damaged or encrypted."""


class DocumentLimit(UnsupportedDocument):
    """Reading the file would cost more than :class:`Limits` allow; nothing was (or may be) stored from it.

    ``refusal`` is the :class:`~gongkai.core.errors.CoreError` member, ``params`` its placeholders; ``message`` is
    its text in the active language.  :meth:`refuse` is the service's refusal."""

    def __init__(self, refusal: CoreError, **params: Any) -> None:
        self.refusal, self.params = refusal, params
        super().__init__(refusal.message(**params))

    def refuse(self, field: str | None = None) -> Any:
        """The ValidationError to raise: the ``core.document_*`` code and message, on ``field`` when given."""
        return self.refusal.refuse(field, **self.params)


# -- limits -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one document may cost.

    A ZIP container (DOCX, XLSX) is judged from its central directory before any member is unpacked: Python's
    zipfile never returns more bytes of a member than the directory's ``file_size`` says (it cuts the stream
    there), so the sizes checked are the sizes read.  The ratio is unpacked / packed size of one member, checked
    for members above ``ratio_grace`` (Apache POI's ZipSecureFile refuses above the same ratio, 100).

    Measured on this code (the probe's case, issue #12): a 182 KB DOCX whose ``word/document.xml`` unpacks to 60 MB
    took 45 s and 1.7 GB to read before; it is now refused from the directory in about 1 ms with well under
    1 MB allocated (tests/core/test_document_limits.py).  A legitimate DOCX with an 8 MB ``document.xml`` (40 000
    paragraphs, 1.2 million characters) reads in 0.75 s at about 185 MB resident — lxml needs about 25 bytes of
    memory per byte of XML, hence ``part_bytes``.  ``chars`` bounds the text, the segments and PDF glyphs kept
    for masking (about 400 bytes a PDF character).
    """

    entries: int = 1000  # members of a ZIP container (a DOCX has about 20, a large workbook a few hundred)
    total_bytes: int = 100 * MB  # all members unpacked (images included)
    part_bytes: int = 16 * MB  # one XML part unpacked (document.xml, a worksheet, sharedStrings.xml …)
    xml_bytes: int = 24 * MB  # all XML parts unpacked (openpyxl reads every worksheet at once)
    ratio: int = 100  # unpacked / packed size of one member …
    ratio_grace: int = 1 * MB  # … above this unpacked size
    pages: int = 500  # PDF pages
    chars: int = 2_000_000  # characters of the rendered text
    seconds: float = 20.0  # time to read one document
    ocr_pages: int = 10  # scanned PDF pages read by text recognition (a few seconds each)
    ocr_dpi: int = 200  # resolution a scanned page is rendered at for text recognition


# The limits every reader applies when given none (``limits=None``: read at each call).
LIMITS = Limits()


class Deadline:
    """The time limit of reading a document: :meth:`check` raises :class:`DocumentLimit` once ``seconds`` have
    passed since it was made.  Readers call it between paragraphs, rows, cells and pages."""

    __slots__ = ("_ends", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds

    @property
    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def check(self) -> None:
        if time.monotonic() > self._ends:
            raise DocumentLimit(CoreError.DOCUMENT_TIME, limit=_number(self.seconds))


def _number(value: float) -> str:
    return f"{value:g}"


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _directory(data: bytes) -> tuple[int, int] | None:
    """(members, size of the central directory) as the end-of-central-directory record declares them (ZIP64 too,
    APPNOTE 4.3.14–4.3.16), read before zipfile builds an object per member; None when there is no such record
    (zipfile then refuses the file).  zipfile reads the whole directory whatever count it declares, so both bound
    what listing the members costs."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return None
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if entries != 0xFFFF and size != 0xFFFFFFFF:
        return entries, size
    locator = end - 20  # the ZIP64 end-of-central-directory locator, then its record
    if locator < 0 or data[locator : locator + 4] != b"PK\x06\x07":
        return entries, size
    (record,) = struct.unpack_from("<Q", data, locator + 8)
    if record + 56 > len(data) or data[record : record + 4] != b"PK\x06\x06":
        return entries, size
    return struct.unpack_from("<QQ", data, record + 32)


def check_package(archive: zipfile.ZipFile, limits: Limits | None = None) -> None:
    """Refuse a ZIP container whose directory promises more than ``limits`` allow (:class:`DocumentLimit`);
    nothing is unpacked."""
    limits = limits or LIMITS
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise DocumentLimit(CoreError.DOCUMENT_ENTRIES, count=len(infos), limit=limits.entries)
    for info in infos:
        size = info.file_size
        if size > limits.ratio_grace and size > limits.ratio * max(info.compress_size, 1):
            raise DocumentLimit(
                CoreError.DOCUMENT_RATIO,
                name=info.filename[-80:],
                ratio=size // max(info.compress_size, 1),
                limit=limits.ratio,
            )
        if size > limits.part_bytes and _is_xml_part(info.filename):
            raise DocumentLimit(
                CoreError.DOCUMENT_PART, name=info.filename[-80:], size=_mb(size), limit=_mb(limits.part_bytes)
            )
    xml = sum(info.file_size for info in infos if _is_xml_part(info.filename))
    if xml > limits.xml_bytes:
        raise DocumentLimit(CoreError.DOCUMENT_EXPANDS, size=_mb(xml), limit=_mb(limits.xml_bytes))
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        raise DocumentLimit(CoreError.DOCUMENT_EXPANDS, size=_mb(total), limit=_mb(limits.total_bytes))


def open_package(data: bytes, limits: Limits | None = None) -> zipfile.ZipFile:
    """A DOCX/XLSX container whose directory passed :func:`check_package`; :class:`UnsupportedDocument` when it is
    no ZIP file.  Close it (``with open_package(data) as archive:``)."""
    limits = limits or LIMITS
    directory = _directory(data)
    # A central directory entry takes 46 bytes and the member's name; 1 KB a member is far more than names take.
    if directory is not None and (directory[0] > limits.entries or directory[1] > limits.entries * 1024):
        entries = max(directory[0], directory[1] // 1024)
        raise DocumentLimit(CoreError.DOCUMENT_ENTRIES, count=entries, limit=limits.entries)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedDocument("文件是损坏的 ZIP/Office 文件，无法读取") from exc
    try:
        check_package(archive, limits)
    except BaseException:
        archive.close()
        raise
    return archive


# -- format detection ---------------------------------------------------------------------------

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc/.xls/.wps）不受支持，请另存为 DOCX 或 XLSX 后再检查"),
    (b"\x89PNG\r\n\x1a\n", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"\xff\xd8\xff", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"GIF87a", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"GIF89a", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"II*\x00", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"MM\x00*", "图片文件没有文字，无法检查个人信息，请人工核对"),
    (b"Rar!", "不支持压缩包，请解压后逐个检查"),
    (b"7z\xbc\xaf\x27\x1c", "不支持压缩包，请解压后逐个检查"),
    (b"\x1f\x8b", "不支持压缩包，请解压后逐个检查"),
)

# [Content_Types].xml content types of the main part (ECMA-376 Part 2; the ms-* ones are macro-enabled variants).
_DOCX_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
_DOCX_OTHER_TYPES = frozenset(
    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{name}+xml"
    for name in ("header", "footer", "footnotes", "endnotes", "comments")
)
_XLSX_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
    }
)
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without leading slash) → content type, from the package's [Content_Types].xml overrides."""
    try:
        root = safe_xml(read_part(archive, "[Content_Types].xml"))
    except KeyError:
        return {}
    except Exception:  # lxml's XMLSyntaxError and friends: a damaged [Content_Types].xml declares nothing
        return {}
    return {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
        for el in root.iter(f"{_CT_NS}Override")
        if el.get("PartName")
    }


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits | None = None) -> bytes:
    """A member of a DOCX/XLSX package; :class:`DocumentLimit` when it unpacks to more than ``limits.part_bytes``,
    KeyError when there is no such member."""
    limits = limits or LIMITS
    size = archive.getinfo(name).file_size
    if size > limits.part_bytes:
        raise DocumentLimit(CoreError.DOCUMENT_PART, name=name[-80:], size=_mb(size), limit=_mb(limits.part_bytes))
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as exc:
        raise UnsupportedDocument(f"文件中的“{name[-80:]}”已损坏，无法读取") from exc


def _zip_format(data: bytes, limits: Limits | None = None) -> Format:
    limits = limits or LIMITS
    with open_package(data, limits) as archive:
        types = set(content_types(archive).values())
        names = set(archive.namelist())
    if types & _DOCX_MAIN_TYPES or "word/document.xml" in names:
        return "docx"
    if types & _XLSX_MAIN_TYPES or "xl/workbook.xml" in names:
        return "xlsx"
    raise UnsupportedDocument(f"不支持的压缩文件（可能是 ODT、OFD 或普通 ZIP）：{SUPPORTED_HINT}")


def detect_format(data: bytes, limits: Limits | None = None) -> Format:
    """``"text"``, ``"docx"``, ``"xlsx"`` or ``"pdf"``, judged by content; else :class:`UnsupportedDocument`
    (:class:`DocumentLimit` for a ZIP container whose directory exceeds ``limits``)."""
    limits = limits or LIMITS
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    # ISO 32000-1 §7.5.2: the header %PDF-n.m; readers accept it within the first 1024 bytes.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, limits)
    for signature, message in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedDocument(message)
    _decode_text(data)  # raises UnsupportedDocument for binary data
    return "text"


# -- the common interface -----------------------------------------------------------------------


class _Document(ABC):
    """An opened file: its text rendering and a way to write a masked copy, both within ``limits`` and before
    ``deadline``."""

    text: str

    def __init__(self, data: bytes, limits: Limits, deadline: Deadline) -> None:
        self._limits, self._deadline = limits, deadline

    def _check_length(self, length: int) -> None:
        """Between pieces of text: the time limit and the character count."""
        self._deadline.check()
        if length > self._limits.chars:
            raise DocumentLimit(CoreError.DOCUMENT_TEXT, limit=self._limits.chars)

    @abstractmethod
    def masked(self, findings: Sequence[Finding]) -> bytes:
        """The document again, in its own format, with ``findings`` replaced by their masked form."""


def _open(data: bytes, limits: Limits, deadline: Deadline) -> _Document:
    fmt = detect_format(data, limits)
    data = bytes(data)
    opener: Callable[[bytes, Limits, Deadline], _Document] = {
        "text": _TextDocument,
        "docx": _DocxDocument,
        "xlsx": _XlsxDocument,
        "pdf": _PdfDocument,
    }[fmt]
    try:
        return opener(data, limits, deadline)
    except DocumentError:
        raise
    except Exception as exc:  # a damaged file may fail anywhere inside the parsing libraries
        raise UnsupportedDocument(f"无法解析 {fmt.upper()} 文件，文件可能已损坏：{exc}") from exc


def extract_text(data: bytes, *, limits: Limits | None = None) -> str:
    """The text that :func:`scan_document` scans and its offsets index, each control character a space
    (gongkai.core.text: the offsets stay; what is stored or shown from it holds none)."""
    limits = limits or LIMITS
    return blank_controls(_open(data, limits, Deadline(limits.seconds)).text)


def scan_document(data: bytes, *, today: date | None = None, limits: Limits | None = None) -> list[Finding]:
    """The personal data found in a file (offsets into :func:`extract_text`)."""
    limits = limits or LIMITS
    return scan(blank_controls(_open(data, limits, Deadline(limits.seconds)).text), today=today)


def mask_document(data: bytes, *, keep: Callable[[Finding], bool] | None = None, limits: Limits | None = None) -> bytes:
    """A copy of the file in the same format with all personal data masked, except findings for which ``keep``
    answers True (e.g. those a reviewer justified).  The copy is scanned again and :class:`DocumentError` raised
    if anything else is still found: a copy that still shows personal data is never returned.  A file without
    findings to mask comes back unchanged.  Reading, masking and reading the copy share one time limit."""
    limits = limits or LIMITS
    kept = keep or (lambda finding: False)
    deadline = Deadline(limits.seconds)
    document = _open(data, limits, deadline)
    findings = [f for f in scan(document.text) if not kept(f)]
    if not findings:
        return bytes(data)
    try:
        result = document.masked(findings)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"遮蔽时出错：{exc}") from exc
    left = [f for f in scan(_open(result, limits, deadline).text) if not kept(f)]
    if left:
        raise DocumentError(f"遮蔽后仍检出 {len(left)} 处个人信息，未生成文件，请人工处理")
    return result


def _shift(findings: Sequence[Finding], offset: int) -> list[Finding]:
    return [replace(f, start=f.start - offset, end=f.end - offset) for f in findings]


# -- plain text ---------------------------------------------------------------------------------

# C0 control characters that do not occur in text files (tab, newlines, form feed, EOF and escape do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")


def _decode_text(data: bytes) -> tuple[str, Callable[[str], bytes]]:
    """Decode a text file; return the text and an encoder that writes text back the same way."""
    boms: tuple[tuple[bytes, str], ...] = (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnsupportedDocument(f"文件以 {encoding.upper()} 标记开头，但内容无法按该编码读取") from exc
            return _checked(text), lambda s, bom=bom, encoding=encoding: bom + s.encode(encoding)
    if b"\x00" in data:
        raise UnsupportedDocument(f"无法识别的二进制文件：{SUPPORTED_HINT}")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text), lambda s, encoding=encoding: s.encode(encoding)
    raise UnsupportedDocument(f"无法识别文件的字符编码或格式：{SUPPORTED_HINT}")


def _checked(text: str) -> str:
    # More than 1 % control characters: binary data that happened to decode.
    if len(_CONTROL.findall(text)) * 100 > len(text):
        raise UnsupportedDocument(f"无法识别的二进制文件：{SUPPORTED_HINT}")
    return text


class _TextDocument(_Document):
    def __init__(self, data: bytes, limits: Limits, deadline: Deadline) -> None:
        super().__init__(data, limits, deadline)
        self.text, self._encode = _decode_text(data)
        self._check_length(len(self.text))

    def masked(self, findings: Sequence[Finding]) -> bytes:
        return self._encode(mask(self.text, findings))


# -- HTML ---------------------------------------------------------------------------------------

# A tag that only a web page has near its start (a text report may well contain "<" and ">" elsewhere).
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|p|div|br|table|span|h[1-6])\b", re.IGNORECASE)
_HTML_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td")


def looks_like_html(text: str) -> bool:
    """Whether a text file (see :func:`detect_format`) is a web page: an HTML tag among its first 5000 characters."""
    return bool(_HTML.search(text[:5000]))


def html_text(markup: str) -> str:
    """The visible text of an HTML page, one block element per line (scripts, styles and the head left out)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise UnsupportedDocument("无法读取网页文件的内容") from exc
    for element in root.xpath("//script|//style|//head|//noscript"):
        element.drop_tree()
    for element in root.iter(*_HTML_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return root.text_content()


# -- DOCX ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_R = f"{_W}p", f"{_W}r"
# ECMA-376 Part 1 §17.3.3: run content.  Text (w:t), deleted text (w:delText) and field codes (w:instrText) are
# stored in the file and can be masked; tabs, breaks and non-breaking hyphens stand for one character each.
_W_TEXT = frozenset({f"{_W}t", f"{_W}delText", f"{_W}instrText"})
_W_CHARS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_W_ALL = (*_W_TEXT, *_W_CHARS)


def safe_xml(data: bytes) -> Any:
    """An lxml element tree of untrusted XML: entities are not resolved, no DTD or network is loaded."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


@dataclass(slots=True)
class _Segment:
    """A stretch of the rendered text: a w:t-like element whose text it is, or a fixed character (element None)."""

    element: Any
    start: int
    text: str


class _DocxDocument(_Document):
    def __init__(self, data: bytes, limits: Limits, deadline: Deadline) -> None:
        super().__init__(data, limits, deadline)
        self._data = data
        self._roots: dict[str, Any] = {}
        with open_package(data, limits) as archive:
            types = content_types(archive)
            main = [name for name, ct in types.items() if ct in _DOCX_MAIN_TYPES] or ["word/document.xml"]
            others = sorted(name for name, ct in types.items() if ct in _DOCX_OTHER_TYPES)
            names = set(archive.namelist())
            for name in [*main, *others]:
                if name in names:
                    self._roots[name] = safe_xml(read_part(archive, name, limits))
                    deadline.check()
        self._segments: list[tuple[str, _Segment]] = []
        paragraphs: list[str] = []
        offset = 0
        for part, root in self._roots.items():
            for p in root.iter(_W_P):
                pieces: list[str] = []
                for count, el in enumerate(p.iter(*_W_ALL)):
                    if count % 1000 == 999:  # one paragraph may hold a great many runs
                        self._check_length(offset)
                    # Only run content belongs to this paragraph (w:tab also defines tab stops in w:pPr), and a
                    # text box inside a run holds paragraphs of its own.
                    if el.getparent().tag != _W_R or next(el.iterancestors(_W_P)) is not p:
                        continue
                    if el.tag in _W_TEXT:
                        piece, element = el.text or "", el
                    else:
                        piece, element = _W_CHARS[el.tag], None
                    if piece:
                        self._segments.append((part, _Segment(element, offset, piece)))
                        pieces.append(piece)
                        offset += len(piece)
                paragraphs.append("".join(pieces))
                offset += 1  # the "\n" between paragraphs
                self._check_length(offset)
        self.text = "\n".join(paragraphs)

    def masked(self, findings: Sequence[Finding]) -> bytes:
        from lxml import etree

        masked_text = list(mask(self.text, findings))
        touched: set[str] = set()
        for part, seg in self._segments:
            new = "".join(masked_text[seg.start : seg.start + len(seg.text)])
            if new == seg.text:
                continue
            if seg.element is None:  # a tab or break inside a finding: cannot happen, masks keep separators
                raise DocumentError("个人信息跨越了制表符或换行，无法在原格式中遮蔽")
            seg.element.text = new
            touched.add(part)
        replaced = {
            part: etree.tostring(self._roots[part], xml_declaration=True, encoding="UTF-8", standalone=True)
            for part in touched
        }
        return _rewrite_zip(self._data, replaced, self._limits, self._deadline)


def _rewrite_zip(data: bytes, replaced: dict[str, bytes], limits: Limits, deadline: Deadline) -> bytes:
    """The same ZIP package with some members replaced; member order, names and compression are kept."""
    out = io.BytesIO()
    with open_package(data, limits) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            deadline.check()
            target.writestr(info, replaced.get(info.filename) or source.read(info.filename))
    return out.getvalue()


# -- XLSX ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cell:
    cell: Any
    start: int
    text: str


class _XlsxDocument(_Document):
    def __init__(self, data: bytes, limits: Limits, deadline: Deadline) -> None:
        import openpyxl

        super().__init__(data, limits, deadline)
        # openpyxl reads every worksheet at once (about 6 s and 100 MB for 16 MB of sheet XML, measured): the
        # directory check bounds that before it starts, the deadline and the character count the reading after.
        open_package(data, limits).close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about every extension it does not read
            self._book = openpyxl.load_workbook(io.BytesIO(data), rich_text=False)
        self._cells: list[_Cell] = []
        offset = 0
        for sheet in self._book.worksheets:
            for row in sheet.iter_rows():
                self._check_length(offset)
                for cell in row:
                    value = cell.value
                    if isinstance(value, str) and value:
                        text = value
                    elif isinstance(value, int) and not isinstance(value, bool):
                        # Integer cells keep every digit (Excel writes IDs typed as numbers as floats, which
                        # have already lost the last digits: those are not read).
                        text = str(value)
                    else:
                        continue
                    self._cells.append(_Cell(cell, offset, text))
                    offset += len(text) + 1
        self._check_length(offset)
        self.text = "\n".join(c.text for c in self._cells)

    def masked(self, findings: Sequence[Finding]) -> bytes:
        starts = [entry.start for entry in self._cells]
        by_cell: dict[int, list[Finding]] = {}
        for finding in findings:  # a finding never spans cells: they are separated by "\n"
            by_cell.setdefault(bisect_right(starts, finding.start) - 1, []).append(finding)
        for index, mine in by_cell.items():
            entry = self._cells[index]
            entry.cell.value = mask(entry.text, _shift(mine, entry.start))
        self._deadline.check()
        out = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._book.save(out)
        return out.getvalue()


# -- PDF ----------------------------------------------------------------------------------------


# Full-width ASCII → half-width: the standard PDF font used for the masked form has no full-width digits.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(slots=True)
class _Glyph:
    page: int
    bbox: tuple[float, float, float, float]
    origin: tuple[float, float]
    size: float
    color: int
    direction: tuple[float, float]
    visible: bool


def open_pdf(data: bytes, *, limits: Limits | None = None) -> Any:
    """A PyMuPDF document, with MuPDF's messages on stderr silenced; :class:`UnsupportedDocument` when the file
    cannot be opened, :class:`DocumentLimit` when it has more than ``limits.pages`` pages. An encrypted file
    opens: the caller checks ``needs_pass``."""
    limits = limits or LIMITS
    pymupdf = _pymupdf()
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise UnsupportedDocument("PDF 文件已损坏，无法读取") from exc
    if document.page_count > limits.pages:
        count = document.page_count
        document.close()
        raise DocumentLimit(CoreError.DOCUMENT_PAGES, count=count, limit=limits.pages)
    return document


def _pymupdf() -> Any:
    try:
        import pymupdf
    except ImportError as exc:  # pragma: no cover - pymupdf is a dependency
        raise UnsupportedDocument("未安装 PDF 组件（pymupdf），无法检查 PDF 文件") from exc
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    # PyMuPDF prints its own messages (“Consider using the pymupdf_layout package…” from find_tables) on standard
    # output, which must stay pure for `check-report --json`: they go to the logging module instead.
    if hasattr(pymupdf, "no_recommend_layout"):
        pymupdf.no_recommend_layout()
    pymupdf.set_messages(pylogging=True)
    return pymupdf


# -- scanned pages (text recognition) ----------------------------------------------------------

# Characters a text layer of a Chinese report is made of: CJK ideographs and punctuation, full-width forms, ASCII.
_READABLE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\x21-\x7e\u2010-\u2027\u00b7]")
# What a broken text layer shows instead: private-use code points and replacement characters (fonts without a
# ToUnicode map), controls, Latin-1 letters (GBK bytes read as Latin-1), “(cid:12)” placeholders.
_GARBLE = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f\x7f-\xff]|\(cid:\d+\)")


def text_layer_garbled(text: str) -> bool:
    """Whether a page's text layer is unreadable: fewer than 5 visible characters, or more than a fifth of them
    garbled (private-use, replacement, control or Latin-1 characters, ``(cid:NN)``), or fewer than half of them
    readable (CJK, full-width, ASCII)."""
    visible = re.sub(r"\s+", "", text)
    if len(visible) < 5:
        return True
    garbled = sum(len(m) for m in _GARBLE.findall(visible))
    readable = len(_READABLE.findall(_GARBLE.sub("", visible)))
    return garbled > len(visible) / 5 or readable < len(visible) / 2


def ocr_available(language: str = "chi_sim") -> bool:
    """Whether text recognition can run: the ``tesseract`` program with the ``language`` data installed (Debian's
    tesseract-ocr and tesseract-ocr-chi-sim; nothing is downloaded)."""
    program = shutil.which("tesseract")
    if program is None:
        return False
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return language in listed.stdout.split()


def ocr_page_text(page: Any, *, dpi: int, seconds: float, language: str = "chi_sim") -> str:
    """The text Tesseract recognises on ``page`` rendered at ``dpi`` (its text layer ignored), one printed line a
    line, the gaps between table cells kept as runs of spaces.  :class:`DocumentLimit` when it takes more than
    ``seconds``; :class:`DocumentError` when Tesseract fails."""
    image = page.get_pixmap(dpi=dpi, colorspace=_pymupdf().csGRAY).tobytes("png")
    program = shutil.which("tesseract") or "tesseract"
    # --psm 4: a single column of text of variable sizes, which keeps each table row on one line.
    command = [program, "stdin", "stdout", "-l", language, "--psm", "4", "-c", "preserve_interword_spaces=1"]
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=max(seconds, 0.1), check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocumentLimit(CoreError.DOCUMENT_TIME, limit=_number(seconds)) from exc
    except OSError as exc:
        raise DocumentError(f"文字识别程序（tesseract）无法运行：{exc}") from exc
    if done.returncode != 0:
        raise DocumentError("文字识别程序（tesseract）未能识别此页")
    return done.stdout.decode("utf-8", errors="replace")


def _inset(rect: Any, dx: float, dy: float) -> Any:
    """``rect`` shrunk by ``dx`` on the left and right and by ``dy`` at the top and bottom."""
    return type(rect)(rect.x0 + dx, rect.y0 + dy, rect.x1 - dx, rect.y1 - dy)


class _PdfDocument(_Document):
    def __init__(self, data: bytes, limits: Limits, deadline: Deadline) -> None:
        super().__init__(data, limits, deadline)
        pymupdf = _pymupdf()
        self._doc = open_pdf(data, limits=limits)
        if self._doc.needs_pass:
            raise UnsupportedDocument("PDF 文件已加密，请先解除密码保护再检查")
        flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
        self._glyphs: list[_Glyph | None] = []
        pages: list[str] = []
        for number, page in enumerate(self._doc):
            self._check_length(len(self._glyphs))
            lines: list[str] = []
            for block in page.get_text("rawdict", flags=flags)["blocks"]:
                self._check_length(len(self._glyphs))
                if block.get("type") != 0:
                    continue
                for line in block["lines"]:
                    chars: list[str] = []
                    direction = tuple(line["dir"])
                    for span in line["spans"]:
                        for ch in span["chars"]:
                            chars.append(ch["c"])
                            glyph = _Glyph(
                                page=number,
                                bbox=tuple(ch["bbox"]),
                                origin=tuple(ch["origin"]),
                                size=span["size"],
                                color=span["color"],
                                direction=direction,
                                # Invisible text (render mode 3) is the OCR layer of a scanned page.
                                visible=span.get("alpha", 255) != 0,
                            )
                            self._glyphs.append(glyph)
                    lines.append("".join(chars))
                    self._glyphs.append(None)  # the "\n" after the line
            pages.append("\n".join(lines))
            if not lines:
                self._glyphs.append(None)
        self._check_length(len(self._glyphs))
        self.text = "\n".join(pages)

    def masked(self, findings: Sequence[Finding]) -> bytes:
        pymupdf = _pymupdf()
        inserts: list[tuple[int, Any, str, float, int, int]] = []
        scanned_pages: set[int] = set()
        for finding in findings:
            glyphs = [g for g in self._glyphs[finding.start : finding.end] if g is not None]
            if not glyphs or len({g.page for g in glyphs}) != 1:
                raise DocumentError("PDF 中的个人信息跨越了页面，无法遮蔽")
            first = glyphs[0]
            page = self._doc[first.page]
            rect = pymupdf.Rect()
            for g in glyphs:
                rect |= pymupdf.Rect(g.bbox)
            # Glyph boxes of neighbouring lines overlap: redact only the middle band of the line (across the
            # writing direction) so that the lines above and below are not touched.  Invisible text is the OCR
            # layer of a scanned image that shows the same digits: there the whole box is redacted, image included.
            dx, dy = first.direction
            visible = any(g.visible for g in glyphs)
            across = 0.3 if visible else 0.0
            if abs(dy) < 0.01:  # horizontal text
                rotate, length = (0 if dx > 0 else 180), rect.width
                band = _inset(rect, 0.5, rect.height * across)
            elif abs(dx) < 0.01:  # vertical text (rotated by 90 or 270 degrees)
                rotate, length = (90 if dy < 0 else 270), rect.height
                band = _inset(rect, rect.width * across, 0.5)
            else:  # slanted text: the box of the whole finding, the masked form written horizontally
                rotate, length, band = 0, rect.width, _inset(rect, 0.5, 0.5)
            if not visible:
                scanned_pages.add(first.page)
            page.add_redact_annot(band, fill=False, cross_out=False)
            overlay = finding.masked.translate(_HALF_WIDTH)
            width = pymupdf.get_text_length(overlay, fontname="helv", fontsize=1) or 1
            inserts.append((first.page, first.origin, overlay, min(first.size, length / width), first.color, rotate))
        for number, page in enumerate(self._doc):
            self._deadline.check()
            # Remove the text under the redactions, and leave line art (table rules) alone.  Images (seals,
            # letterheads) are left alone too, except on scanned pages, where the image shows the digits.
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS if number in scanned_pages else pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
        for number, origin, overlay, size, color, rotate in inserts:
            rgb = tuple(((color >> shift) & 0xFF) / 255 for shift in (16, 8, 0))
            self._doc[number].insert_text(origin, overlay, fontname="helv", fontsize=size, color=rgb, rotate=rotate)
        # A full rewrite with garbage collection: the old content streams are not kept in the file.
        return self._doc.tobytes(garbage=3, deflate=True)
