"""A draft's body imported from a Word file (.docx): mammoth turns it into clean HTML — headings, bold and italic
text, numbered and bulleted lists, tables — and each picture becomes an attachment of the item that the body links
to (never a ``data:`` URI in the body).

The file is judged like any upload (:func:`gongkai.core.files.accept_document`: by its content, within the
attachments' size cap and the unpacking limits of :mod:`gongkai.core.documents`) and converted before the write
transaction opens; a file that is not a Word document, or one that cannot be read, is refused with a Chinese message
and nothing changes. The one write, :func:`word_import`, stores the pictures and audits the import; the body itself
is not saved: it goes back to the editor for the drafter to check, and the draft's save (``item_update``) stores it.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mammoth
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from mammoth import html as mammoth_html

from gongkai.audit.services import record
from gongkai.core.errors import user_or_none
from gongkai.core.files import DOCX, accept_document, original_name, save_with_file, sniff_content_type
from gongkai.core.logs import service
from gongkai.disclosure.attachments import IMAGE_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import Attachment, CatalogItem, ItemState
from gongkai.disclosure.services import clean_body

# The page's title is its h1: Word's first heading level becomes the body's h2 (clean_body keeps h2–h4). Word stores
# its built-in styles under English names whatever the language of its menus; WPS may write the Chinese ones.
STYLE_MAP = "\n".join(
    [
        *(f"p[style-name='{name}'] => h2:fresh" for name in ("Title", "标题")),
        *(
            f"p[style-name='{prefix} {level}'] => h{min(level + 1, 4)}:fresh"
            for prefix in ("Heading", "heading", "标题")
            for level in range(1, 7)
        ),
        "u => u",
    ]
)
PICTURE_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg"}


@dataclass
class Picture:
    number: int
    name: str
    content_type: str
    data: bytes


@dataclass
class Converted:
    """A Word file read: the body's HTML and the pictures to attach, linked from it through ``placeholder`` and
    their number (a random one, so that no link the document itself holds is taken for a picture's)."""

    html: str
    placeholder: str
    pictures: list[Picture] = field(default_factory=list)
    skipped_pictures: int = 0


@dataclass(frozen=True)
class Imported:
    """What :func:`word_import` gives the edit page: the body to review, the attachments made of the pictures."""

    html: str
    attachments: list[Attachment]
    skipped_pictures: int


def convert(data: bytes, *, name: str = "Word") -> Converted:
    """The Word file's body as HTML (not yet sanitised), and its PNG and JPEG pictures; pictures of other kinds
    (EMF, WMF, GIF …) are left out and counted. Refuses a file mammoth cannot read."""
    stem = os.path.splitext(name)[0] or "Word"
    converted = Converted(html="", placeholder=f"#word-picture-{secrets.token_hex(8)}-")

    def picture(image: Any) -> list:
        try:
            with image.open() as handle:
                content = handle.read()
        except Exception:  # a picture linked to a file outside the document, or a part that is missing
            content = b""
        content_type = sniff_content_type(io.BytesIO(content))  # judged by content, as every upload
        if content_type not in IMAGE_TYPES:
            converted.skipped_pictures += 1
            return [mammoth_html.text(_("[a picture that is not PNG or JPEG was left out]"))]
        number = len(converted.pictures) + 1
        word = _("picture")
        filename = f"{stem}-{word}{number}{PICTURE_EXTENSIONS[content_type]}"
        converted.pictures.append(Picture(number, filename, content_type, content))
        label = _("Picture %(number)s (attachment “%(name)s”)") % {"number": number, "name": filename}
        return [mammoth_html.element("a", {"href": f"{converted.placeholder}{number}"}, [mammoth_html.text(label)])]

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=picture,
            external_file_access=False,  # a picture linked to a file outside the document is never read
        )
    except Exception as exc:  # a damaged package or XML: whatever mammoth raises, the file is unreadable
        raise DisclosureError.WORD_UNREADABLE.refuse("file") from exc
    converted.html = result.value
    return converted


def _accepted(upload: UploadedFile) -> bytes:
    try:
        data, _content_type = accept_document(
            upload,
            noun=_("Word file"),
            max_bytes=MAX_ATTACHMENT_BYTES,
            type_code=DisclosureError.WORD_TYPE,
            allowed={DOCX: ".docx"},
        )
    except ValidationError as exc:
        codes = [error.code for error in getattr(exc, "error_dict", {}).get("file", [])]
        if DisclosureError.WORD_TYPE.value in codes:  # the shared message names PDF and images: say what is meant
            raise DisclosureError.WORD_TYPE.refuse("file") from exc
        raise
    return data


def _require_room(item: CatalogItem, pictures: int) -> None:
    if item.state != ItemState.DRAFT:
        raise DisclosureError.WORD_NOT_DRAFT.refuse()
    room = MAX_ATTACHMENTS - item.attachments.count()
    if pictures > room:
        raise DisclosureError.WORD_PICTURES.refuse("file", count=pictures, room=max(room, 0), max=MAX_ATTACHMENTS)


def _store_pictures(
    actor: Any, item: CatalogItem, pictures: list[Picture], *, then: Callable[[list[Attachment]], Any]
) -> list[Attachment]:
    """The pictures as attachments, then ``then`` (the audit record), inside the caller's transaction; a failure
    removes the files already written (their rows go with the rollback)."""
    stored: list[Attachment] = []
    try:
        for picture in pictures:
            attachment = Attachment(
                item=item,
                original_name=original_name(picture.name),
                content_type=picture.content_type,
                size=len(picture.data),
                uploaded_by=user_or_none(actor),
                text_length=0,
                pii_findings=[],
            )
            save_with_file(
                attachment, attachment.file, picture.data, extension=PICTURE_EXTENSIONS[picture.content_type]
            )
            stored.append(attachment)
        then(stored)
    except BaseException:
        for attachment in stored:
            with contextlib.suppress(Exception):
                attachment.file.storage.delete(attachment.file.name)
        raise
    return stored


@service(atomic=False)
def word_import(*, actor: Any, item: CatalogItem, upload: UploadedFile) -> Imported:
    """Read a Word file into a draft's body for review: the HTML (sanitised) to put in the editor, the pictures
    stored as the item's attachments and linked from it. The body is saved only when the drafter saves the draft."""
    _require_room(CatalogItem.objects.get(pk=item.pk), 0)  # refused before the file is read
    data = _accepted(upload)
    name = original_name(upload)
    converted = convert(data, name=name)
    if not clean_body(converted.html).strip():
        raise DisclosureError.WORD_EMPTY.refuse("file")
    with transaction.atomic():
        item = CatalogItem.objects.select_for_update().get(pk=item.pk)
        _require_room(item, len(converted.pictures))  # again, under the lock
        attached = _store_pictures(
            actor,
            item,
            converted.pictures,
            then=lambda stored: record(
                action="disclosure.item.word_import",
                actor=actor,
                obj=item,
                changes={
                    "file": name,
                    "size": len(data),
                    "pictures": [attachment.original_name for attachment in stored],
                    "skipped_pictures": converted.skipped_pictures,
                },
            ),
        )
    html = converted.html
    for picture, attachment in zip(converted.pictures, attached, strict=True):
        url = reverse("disclosure_files:download", args=[attachment.pk])
        html = html.replace(f'href="{converted.placeholder}{picture.number}"', f'href="{url}"')
    return Imported(html=clean_body(html), attachments=attached, skipped_pictures=converted.skipped_pictures)
