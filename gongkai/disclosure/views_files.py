"""Attachments of published items, served to the public; the staff download (views_staff) answers the same way.

Files live under MEDIA_ROOT, which is never served directly: every download goes through a view that checks the
item's state (public) or the user's agencies (staff).
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from gongkai.disclosure import selectors
from gongkai.disclosure.models import Attachment


def file_response(attachment: Attachment) -> FileResponse:
    """The file as a download under its original name (RFC 5987 ``filename*`` for Chinese names), with the type
    sniffed at upload and browsers told not to guess another."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(request, pk: int) -> FileResponse:
    """Only attachments of published items; 404 for drafts, items in review and withdrawn ones."""
    return file_response(selectors.public_attachment(pk))
