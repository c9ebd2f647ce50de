"""Uploaded files, the same way everywhere.

- :class:`StoredFile`: the abstract model of an uploaded file — stored under a random name, with the original name,
  the content type (sniffed), the size, when and by whom it was uploaded;
- :func:`sniff_content_type` and :func:`accept_document`: an upload is judged by its content (never by its name or
  declared type) and size-capped; a DOCX or XLSX must hold its package's required parts and stay within the
  unpacking limits of :mod:`gongkai.core.documents`;
- :func:`save_with_file` stores the content under a random name and saves the row, and removes the file again when
  that fails, so a refused or failed write leaves no file behind; :func:`delete_after_commit` removes a file once
  its row is gone for good;
- :func:`file_response` / :func:`stored_file_response`: the download, under the original name (RFC 5987
  ``filename*`` for Chinese names), with the sniffed type, browsers told not to guess another and nothing cached
  (``Cache-Control: no-store``).

Files live under MEDIA_ROOT, which is never served directly: every download goes through a view that checks access.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone

from gongkai.core import documents
from gongkai.core.errors import CoreError

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "StoredFile",
    "accept_document",
    "delete_after_commit",
    "file_response",
    "original_name",
    "random_name",
    "save_with_file",
    "sniff_content_type",
    "stored_file_path",
    "stored_file_response",
]

# Allowed uploads, recognised by their first bytes.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"PK\x03\x04": "application/zip",  # DOCX/XLSX are ZIP containers; checked further below
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An Office Open XML package is a ZIP with [Content_Types].xml (ECMA-376 Part 2 §10.1.2.4) and its main part, whose
# declared content type (when it declares one) is the document's or template's, never a macro-enabled one.
CONTENT_TYPES_PART = "[Content_Types].xml"
OFFICE_TYPES = {
    "word/document.xml": (
        DOCX,
        {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        },
    ),
    "xl/workbook.xml": (
        XLSX,
        {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        },
    ),
}
# Content type (sniffed) → the extension of the stored file.
DOCUMENT_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}
_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")


# --- judging an upload -----------------------------------------------------------------------------------------


def sniff_content_type(upload: Any) -> str | None:
    """The real type of an upload from its content; None for anything not allowed (a ZIP that is no complete DOCX
    or XLSX package — a ``word/`` folder alone is not a Word file — or one beyond the unpacking limits)."""
    data = upload.read()
    upload.seek(0)
    try:
        return _sniff(data)
    except documents.DocumentLimit:
        return None


def _sniff(data: bytes) -> str | None:
    """:func:`sniff_content_type` of the content; :class:`~gongkai.core.documents.DocumentLimit` for a package
    whose ZIP directory exceeds the unpacking limits (judged before anything is unpacked)."""
    for signature, content_type in SIGNATURES.items():
        if data.startswith(signature):
            return content_type if content_type != "application/zip" else _office_type(data)
    return None


def _office_type(data: bytes) -> str | None:
    try:
        with documents.open_package(data) as archive:
            names = set(archive.namelist())
            if CONTENT_TYPES_PART not in names:
                return None
            declared = documents.content_types(archive)
    except documents.DocumentLimit:
        raise
    except documents.DocumentError:
        return None
    for part, (office_type, main_types) in OFFICE_TYPES.items():
        if part in names and declared.get(part, next(iter(main_types))) in main_types:
            return office_type
    return None


def original_name(upload: Any, default: str = "附件", *, max_length: int = 200) -> str:
    """The name the file came with (an upload's ``name``, or a string) without any path, printable characters only,
    at most ``max_length`` characters (the end is kept, so is the extension); ``default`` when nothing is left."""
    name = upload if isinstance(upload, str) else getattr(upload, "name", "")
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name or default)[-max_length:]


def accept_document(
    upload: Any,
    *,
    noun: Any,
    max_bytes: int,
    type_code: str = CoreError.FILE_TYPE,
    allowed: dict[str, str] = DOCUMENT_EXTENSIONS,
) -> tuple[bytes, str]:
    """(content, content type) of an acceptable upload, or a :class:`~gongkai.core.errors.CoreError` on ``file``
    naming ``noun``, the file as the caller calls it (a translated word: attachment, case document …). A file of
    the wrong type is refused under the caller's ``type_code`` (``foi.attachment_type``: a member of its registry)."""
    if upload.size > max_bytes:
        raise CoreError.FILE_TOO_LARGE.refuse(
            "file", noun=noun, limit=max_bytes // (1024 * 1024), size=f"{upload.size / 1024 / 1024:.1f}"
        )
    if upload.size == 0:
        raise CoreError.FILE_EMPTY.refuse("file", noun=noun)
    upload.seek(0)
    data = upload.read()
    try:
        content_type = _sniff(data)
    except documents.DocumentLimit as exc:  # the unpacking limits, from the ZIP directory: nothing is unpacked
        raise exc.refuse("file") from exc
    if content_type not in allowed:
        # the shared message under the caller's code
        error = ValidationError(CoreError.FILE_TYPE.message(noun=noun), code=str(type_code))
        raise ValidationError({"file": error})
    return data, content_type


# --- storing ---------------------------------------------------------------------------------------------------


def random_name(extension: str = "") -> str:
    """A file name that tells nothing about the file: 32 random hex digits and ``extension`` (e.g. ``.pdf``)."""
    return f"{uuid.uuid4().hex}{extension}"


def stored_file_path(instance: Any, filename: str) -> str:
    """Where a :class:`StoredFile` goes: ``<upload_dir>/<year>/<month>/<random name>``, keeping only a plain
    extension of ``filename`` (whatever name the file is given, it is stored under a random one)."""
    extension = os.path.splitext(filename)[1].lower()
    if not _EXTENSION.fullmatch(extension):
        extension = ""
    return f"{instance.upload_dir}/{timezone.now():%Y/%m}/{random_name(extension)}"


def save_with_file(
    obj: models.Model,
    field_file: FieldFile,
    data: bytes,
    *,
    extension: str,
    then: Callable[[], Any] | None = None,
) -> None:
    """Write ``data`` under a random name and save ``obj`` (then call ``then``, e.g. the audit record).

    The file is removed again when any of this fails — also when the storage fails half-way through writing — so
    a refused or failed write leaves no file behind. Call it last in the caller's transaction: a rollback after it
    returned would leave the file."""
    field = field_file.field
    storage = field_file.storage
    name = field.generate_filename(obj, random_name(extension))
    stored = None
    try:
        stored = storage.save(name, ContentFile(data), max_length=field.max_length)
        field_file.name = stored
        setattr(obj, field.attname, stored)
        field_file._committed = True
        obj.save()
        if then is not None:
            then()
    except BaseException:
        for leftover in {name, stored} - {None}:
            with contextlib.suppress(Exception):  # the first error is the one to report
                storage.delete(leftover)
        raise


def delete_after_commit(field_file: FieldFile) -> None:
    """Remove a stored file once the transaction that dropped its row has committed."""
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- the model -------------------------------------------------------------------------------------------------


class StoredFile(models.Model):
    """An uploaded file: stored privately under a random name (see :func:`stored_file_path`; subclasses name their
    folder in ``upload_dir``), with the name it came with, its sniffed type and size, when and by whom (no one for
    the public) it was uploaded. Write it with :func:`save_with_file`."""

    upload_dir: ClassVar[str] = "files"

    file = models.FileField(upload_to=stored_file_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


# --- downloading -----------------------------------------------------------------------------------------------


def file_response(
    field_file: FieldFile, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """The file as a download (or shown inline) under ``filename`` (RFC 5987 ``filename*`` for Chinese names), with
    the type sniffed at upload and browsers told not to guess another; 404 when the file is missing."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"  # private files: no copy left in a shared browser's or proxy's cache
    return response


def stored_file_response(stored: StoredFile, *, as_attachment: bool = True) -> FileResponse:
    """:func:`file_response` for a :class:`StoredFile` row, under its original name."""
    return file_response(
        stored.file, filename=stored.original_name, content_type=stored.content_type, as_attachment=as_attachment
    )
