"""A plan document's text: plain text, HTML (as saved from a government website) or Word (DOCX), judged by content.

The file is read by gongkai.core.documents (never judged by its name); DOCX paragraphs come out one per line, HTML
block elements too, so gongkai.law.workplan reads them like a text file. Which formats a plan may be, its size cap
and the messages are this app's.
"""

from __future__ import annotations

from gongkai.core.documents import DocumentError, detect_format, extract_text, html_text, looks_like_html
from gongkai.core.errors import refusal

MAX_PLAN_BYTES = 5 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "text": "text/plain", "html": "text/html"}
EXTENSIONS = {DOCX: ".docx", "text/plain": ".txt", "text/html": ".html"}
TYPE_HINT = "工作要点须为纯文本（UTF-8 或 GB18030）、网页（HTML）或 Word（DOCX）文件；以文件内容为准，不看扩展名。"


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
    if kind == "text" and looks_like_html(text):
        try:
            kind, text = "html", html_text(text)
        except DocumentError as exc:
            raise refusal(f"{exc.message}。", "workplan.document", "file") from exc
    if not text.strip():
        raise refusal("文件中没有文字。", "workplan.document_empty", "file")
    return CONTENT_TYPES[kind], text
