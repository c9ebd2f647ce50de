"""Uploaded files, the same way everywhere: judged by their content (never by name or declared type), size-capped,
stored under a random name with the original name kept in the row, and removed again when the row is not saved."""

from __future__ import annotations

import os
import uuid
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.core.errors import refusal

# Allowed uploads, recognised by their first bytes.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"PK\x03\x04": "application/zip",  # DOCX/XLSX are ZIP containers; checked further below
}
OFFICE_TYPES = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DOCUMENT_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


def sniff_content_type(upload: Any) -> str | None:
    """The real type of an upload from its content; None for anything not allowed."""
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            if content_type != "application/zip":
                return content_type
            try:
                names = zipfile.ZipFile(upload).namelist()
            except zipfile.BadZipFile:
                return None
            finally:
                upload.seek(0)
            for prefix, office_type in OFFICE_TYPES.items():
                if any(name.startswith(prefix) for name in names):
                    return office_type
            return None
    return None


def original_name(upload: UploadedFile, default: str = "附件") -> str:
    """The file's own name without any path, printable characters only, at most 200 characters."""
    name = os.path.basename((upload.name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name or default)[-200:]


def accept_document(
    upload: UploadedFile,
    *,
    noun: str,
    max_bytes: int,
    type_code: str,
    allowed: dict[str, str] = DOCUMENT_EXTENSIONS,
) -> tuple[bytes, str]:
    """(content, content type) of an acceptable upload, or a refusal naming ``noun`` (附件, 文书, 佐证材料 …)."""
    if upload.size > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise refusal(
            f"{noun}不能超过 {limit} MB（本文件约 {upload.size / 1024 / 1024:.1f} MB）。", "too_large", "file"
        )
    if upload.size == 0:
        raise refusal(f"{noun}是空文件。", "empty", "file")
    content_type = sniff_content_type(upload)
    if content_type not in allowed:
        raise refusal(
            f"{noun}须为 PDF、Word（DOCX）、Excel（XLSX）或图片（PNG、JPEG）文件；以文件内容为准，不看扩展名。",
            type_code,
            "file",
        )
    return upload.read(), content_type


def save_with_file(obj: Any, field_file: Any, data: bytes, extension: str, then: Any = None) -> None:
    """Write ``data`` under a random name and save ``obj`` (then call ``then``, e.g. the audit record); the file is
    removed again when either fails, so a refused or failed write leaves no file behind."""
    field_file.save(f"{uuid.uuid4().hex}{extension}", ContentFile(data), save=False)
    try:
        obj.save()
        if then is not None:
            then()
    except Exception:
        field_file.storage.delete(field_file.name)
        raise


def delete_after_commit(field_file: Any) -> None:
    """Remove a stored file once the transaction that dropped its row has committed."""
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
