"""Attachments of published items, served to the public; the staff download (views_staff) answers the same way.

Files live under MEDIA_ROOT, which is never served directly: every download goes through a view that checks the
item's state (public) or the user's agencies (staff).
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from gongkai.core.files import stored_file_response
from gongkai.disclosure import selectors


def download(request, pk: int) -> FileResponse:
    """Only attachments of published items; 404 for drafts, items in review and withdrawn ones — except for staff
    who may read the item: a draft's body links its pictures here (wordimport.py), and its preview shows them."""
    try:
        return stored_file_response(selectors.public_attachment(pk))
    except Http404:
        if not request.user.is_authenticated:
            raise
    return stored_file_response(selectors.attachment_for_user(request.user, pk))
