"""A plan document's text: plain text, HTML (as saved from a government website) or Word (DOCX), judged by content.

The file is read by gongkai.core.documents (never judged by its name); DOCX paragraphs come out one per line, HTML
block elements too, so gongkai.law.workplan reads them like a text file. Which formats a plan may be, its size cap
and the messages are this app's; a document beyond the reading limits is refused with the core's ``core.document_*``
code.
"""

from __future__ import annotations

from gongkai.core.documents import (
    DocumentError,
    DocumentLimit,
    detect_format,
    extract_text,
    html_text,
    looks_like_html,
)
from gongkai.workplan.errors import WorkplanError

MAX_PLAN_BYTES = 5 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "text": "text/plain", "html": "text/html"}
EXTENSIONS = {DOCX: ".docx", "text/plain": ".txt", "text/html": ".html"}


def read_plan_document(data: bytes) -> tuple[str, str]:
    """(content type, text) of a plan document; a refusal (a :class:`~gongkai.workplan.errors.WorkplanError`) for
    anything else."""
    if not data:
        raise WorkplanError.DOCUMENT_EMPTY.refuse("file")
    if len(data) > MAX_PLAN_BYTES:
        raise WorkplanError.TOO_LARGE.refuse(
            "file", limit=MAX_PLAN_BYTES // (1024 * 1024), size=f"{len(data) / 1024 / 1024:.1f}"
        )
    try:
        kind = detect_format(data)
        if kind not in ("text", "docx"):
            raise WorkplanError.DOCUMENT_TYPE.refuse("file")
        text = extract_text(data)
    except DocumentLimit as exc:  # too costly to read (gongkai.core.documents.Limits): the core's refusal
        raise exc.refuse("file") from exc
    except DocumentError as exc:
        raise WorkplanError.DOCUMENT_UNREADABLE.refuse("file", reason=exc.message) from exc
    if kind == "text" and looks_like_html(text):
        try:
            kind, text = "html", html_text(text)
        except DocumentError as exc:
            raise WorkplanError.DOCUMENT.refuse("file") from exc
    if not text.strip():
        raise WorkplanError.DOCUMENT_NO_TEXT.refuse("file")
    return CONTENT_TYPES[kind], text
