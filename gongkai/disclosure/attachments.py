"""Attachments of drafts: upload (recognised by content, size-capped, stored privately), removal, and the
personal-data scanner on their text (documents.py), with a one-click masked copy that replaces the file.

Each attachment keeps the scanner's last result (`Attachment.pii_findings`): kind, offsets, masked form and the
keyed digest of each finding — never the number itself — so the item's page need not parse the file again.
The file is scanned again before the first review step and before publication (:func:`scan_attachments`, then
:func:`findings_refresh` in the service's transaction).

Reading, scanning and masking a file can take seconds: it always happens before the write transaction opens (on
SQLite that transaction holds the database's one write lock, and everyone else's writes wait for it).  A write
that finds the attachment changed since it was read refuses (``disclosure.attachments_changed``) instead of
reading it again under the lock.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.crypto import digest
from gongkai.core.documents import DocumentError, DocumentLimit, extract_text, mask_document
from gongkai.core.errors import user_or_none
from gongkai.core.files import (
    DOCUMENT_EXTENSIONS,
    accept_document,
    delete_after_commit,
    original_name,
    save_with_file,
)
from gongkai.core.logs import service
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import Attachment, CatalogItem, ItemState
from gongkai.law.pii import Finding, scan

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 20
# Images have no text for the scanner.
IMAGE_TYPES = {"image/png", "image/jpeg"}


def pii_digest(text: str) -> str:
    """The keyed digest a finding is known by (justifications, attachments' stored findings)."""
    return digest(f"pii:{text}")


def _scan(data: bytes, content_type: str) -> tuple[int, list[dict[str, Any]]]:
    """(length of the file's text, its findings as stored); images and scans without a text layer have none."""
    if content_type in IMAGE_TYPES:
        return 0, []
    try:
        text = extract_text(data)
    except DocumentLimit as exc:
        raise exc.refuse("file") from exc
    except DocumentError as exc:
        raise DisclosureError.ATTACHMENT_UNREADABLE.refuse("file", reason=exc.message) from exc
    return len(text), [_stored(f) for f in scan(text)]


def _stored(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "masked": finding.masked,
        "digest": pii_digest(finding.text),
    }


def _require_draft(item: CatalogItem) -> None:
    if item.state != ItemState.DRAFT:
        raise DisclosureError.ATTACHMENT_NOT_DRAFT.refuse()


def _require_room(item: CatalogItem) -> None:
    _require_draft(item)
    if item.attachments.count() >= MAX_ATTACHMENTS:
        raise DisclosureError.ATTACHMENT_COUNT.refuse("file", max=MAX_ATTACHMENTS)


@service(atomic=False)
def attachment_add(*, actor: Any, item: CatalogItem, upload: UploadedFile) -> Attachment:
    """Attach a PDF, DOCX, XLSX, PNG or JPEG file (judged by content) to a draft; its text is scanned at once —
    before the short transaction that stores it."""
    _require_room(CatalogItem.objects.get(pk=item.pk))  # refused before the file is read
    data, content_type = accept_document(
        upload, noun=_("attachment"), max_bytes=MAX_ATTACHMENT_BYTES, type_code=DisclosureError.ATTACHMENT_TYPE
    )
    text_length, findings = _scan(data, content_type)
    with transaction.atomic():
        item = CatalogItem.objects.select_for_update().get(pk=item.pk)
        _require_room(item)  # again, under the lock
        attachment = Attachment(
            item=item,
            original_name=original_name(upload),
            content_type=content_type,
            size=len(data),
            uploaded_by=user_or_none(actor),
            text_length=text_length,
            pii_findings=findings,
        )
        save_with_file(
            attachment,
            attachment.file,
            data,
            extension=DOCUMENT_EXTENSIONS[content_type],
            then=lambda: record(
                action="disclosure.attachment.add",
                actor=actor,
                obj=item,
                changes={"attachment": attachment.original_name, "size": attachment.size, "findings": len(findings)},
            ),
        )
    return attachment


@service
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    item = CatalogItem.objects.select_for_update().get(pk=attachment.item_id)
    _require_draft(item)
    original, stored = attachment.original_name, attachment.file
    attachment.delete()
    record(action="disclosure.attachment.remove", actor=actor, obj=item, changes={"attachment": original})
    delete_after_commit(stored)


def _justified(item: CatalogItem) -> set[str]:
    return set(item.pii_justifications.values_list("text_digest", flat=True))


def _content(attachment: Attachment) -> bytes:
    try:
        with attachment.file.open("rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise DisclosureError.ATTACHMENT_MISSING.refuse(name=attachment.original_name) from exc


@service(atomic=False)
def attachment_mask(*, actor: Any, attachment: Attachment) -> int:
    """One click: a masked copy (documents.mask_document) replaces the file; justified findings stay as they are.
    Returns how many findings were masked.  The copy is made before the transaction that stores it; when the file
    or the justifications changed meanwhile, nothing is stored (``disclosure.attachments_changed``)."""
    attachment = Attachment.objects.select_related("item").get(pk=attachment.pk)
    item = attachment.item
    _require_draft(item)
    if attachment.content_type in IMAGE_TYPES:
        raise DisclosureError.ATTACHMENT_IMAGE.refuse()
    justified = _justified(item)
    data = _content(attachment)
    before = [f for f in _scan(data, attachment.content_type)[1] if f["digest"] not in justified]
    if not before:
        return 0
    try:
        masked = mask_document(data, keep=lambda finding: pii_digest(finding.text) in justified)
    except DocumentLimit as exc:
        raise exc.refuse() from exc
    except DocumentError as exc:
        raise DisclosureError.MASK_FAILED.refuse(name=attachment.original_name, reason=exc.message) from exc
    text_length, findings = _scan(masked, attachment.content_type)
    with transaction.atomic():
        item = CatalogItem.objects.select_for_update().get(pk=item.pk)
        _require_draft(item)
        current = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if current.file.name != attachment.file.name or _justified(item) != justified:
            raise DisclosureError.ATTACHMENTS_CHANGED.refuse()
        old_file = copy.copy(current.file)
        current.text_length, current.pii_findings, current.size = text_length, findings, len(masked)
        save_with_file(
            current,
            current.file,
            masked,
            extension=DOCUMENT_EXTENSIONS[current.content_type],
            then=lambda: record(
                action="disclosure.attachment.mask_pii",
                actor=actor,
                obj=item,
                changes={"attachment": current.original_name, "masked": [f["kind"] for f in before]},
            ),
        )
        delete_after_commit(old_file)
    return len(before)


Scanned = dict[int, tuple[str, int, list[dict[str, Any]]]]


def scan_attachments(item: CatalogItem) -> Scanned:
    """Every attachment's file read and scanned again — call it before the transaction: attachment id → (the
    stored file's name, the text's length, the findings as stored), for :func:`findings_refresh`."""
    return {
        attachment.pk: (attachment.file.name, *_scan(_content(attachment), attachment.content_type))
        for attachment in Attachment.objects.filter(item=item).order_by("pk")
    }


def findings_refresh(item: CatalogItem, scanned: Scanned) -> None:
    """Store what :func:`scan_attachments` found (before the first review step and before publication); call
    inside the caller's transaction.  Refused when an attachment was added, removed or replaced since the scan."""
    current = list(Attachment.objects.filter(item=item).select_for_update())
    if {a.pk: a.file.name for a in current} != {pk: name for pk, (name, _length, _f) in scanned.items()}:
        raise DisclosureError.ATTACHMENTS_CHANGED.refuse()
    for attachment in current:
        _name, text_length, findings = scanned[attachment.pk]
        if (text_length, findings) != (attachment.text_length, attachment.pii_findings):
            attachment.text_length, attachment.pii_findings = text_length, findings
            attachment.save(update_fields=["text_length", "pii_findings"])
