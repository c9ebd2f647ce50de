"""A plan document's text: plain text, HTML (as saved from a government website) or Word (DOCX), judged by content.

The format is sniffed by gongkai.disclosure.documents (never by the file's name); DOCX paragraphs come out one per
line, HTML block elements too (lxml), so gongkai.law.workplan reads them like a text file.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from gongkai.core.errors import refusal
from gongkai.disclosure.documents import DocumentError, detect_format, extract_text

MAX_PLAN_BYTES = 5 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "text": "text/plain", "html": "text/html"}
EXTENSIONS = {DOCX: ".docx", "text/plain": ".txt", "text/html": ".html"}
TYPE_HINT = "工作要点须为纯文本（UTF-8 或 GB18030）、网页（HTML）或 Word（DOCX）文件；以文件内容为准，不看扩展名。"

_HTML = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|table|span)\b", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td")


def html_text(markup: str) -> str:
    """The visible text of an HTML page, one block element per line (scripts, styles and the head left out)."""
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise refusal("无法读取网页文件的内容。", "workplan.document", "file") from exc
    for element in root.xpath("//script|//style|//head|//noscript"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return root.text_content()


def read_plan_document(data: bytes) -> tuple[str, str]:
    """(content type, text) of a plan document; a refusal with a Chinese message for anything else."""
    if not data:
        raise refusal("文件是空的。", "workplan.document_empty", "file")
    if len(data) > MAX_PLAN_BYTES:
        raise refusal(
            f"工作要点文件不能超过 {MAX_PLAN_BYTES // (1024 * 1024)} MB（本文件约 {len(data) / 1024 / 1024:.1f} MB）。",
            "too_large",
            "file",
        )
    try:
        kind = detect_format(data)
        if kind not in ("text", "docx"):
            raise refusal(TYPE_HINT, "workplan.document_type", "file")
        text = extract_text(data)
    except DocumentError as exc:
        raise refusal(f"{exc.message}。{TYPE_HINT}", "workplan.document_type", "file") from exc
    if kind == "text" and _HTML.search(text[:5000]):
        kind, text = "html", html_text(text)
    if not text.strip():
        raise refusal("文件中没有文字。", "workplan.document_empty", "file")
    return CONTENT_TYPES[kind], text
