"""Hostile and oversized documents for the tests of reading limits (issue #12): built in the test, never stored."""

from __future__ import annotations

import io
import zipfile

import docx
import pymupdf

MB = 1024 * 1024
_RUN = "<w:r><w:t>啊</w:t></w:r>"


def docx_bytes(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_document_xml(source: bytes, document_xml: bytes) -> bytes:
    """``source`` (a DOCX) with its word/document.xml replaced, every member deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = document_xml if info.filename == "word/document.xml" else old.read(info.filename)
            new.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def bomb_docx(unpacked: int = 60 * MB) -> bytes:
    """The probe's DOCX: a valid package whose document.xml is one paragraph of a run repeated until it unpacks to
    about ``unpacked`` bytes (60 MB from about 180 KB)."""
    template = docx_bytes("x")
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        body = archive.read("word/document.xml").decode()
    at = body.index("<w:body>") + len("<w:body>")
    run = _RUN.encode()
    paragraph = b"<w:p>" + run * (unpacked // len(run)) + b"</w:p>"
    return with_document_xml(template, body[:at].encode() + paragraph + body[at:].encode())


def many_runs_docx(runs: int) -> bytes:
    """A legitimate-looking DOCX of ``runs`` distinct short paragraphs (slow to read only by its size)."""
    template = docx_bytes("x")
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        body = archive.read("word/document.xml").decode()
    at = body.index("<w:body>") + len("<w:body>")
    paragraphs = "".join(f"<w:p><w:r><w:t>第{n}段：城乡低保资金发放情况</w:t></w:r></w:p>" for n in range(runs))
    return with_document_xml(template, (body[:at] + paragraphs + body[at:]).encode())


def pdf_pages(count: int, text: str = "page {n}") -> bytes:
    document = pymupdf.open()
    for n in range(count):
        document.new_page().insert_text((72, 72), text.format(n=n + 1))
    return document.tobytes()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
