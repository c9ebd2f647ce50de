"""Attachments of published items, served to the public (placeholder until attachments land)."""

from django.http import Http404


def download(request, pk: int):
    raise Http404
