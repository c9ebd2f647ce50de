"""Refusals of the public search (:func:`gongkai.search.selectors.parse`): the page shows them instead of results."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class SearchError(Refusals):
    TOO_SHORT = (
        "search.too_short",
        _(
            "Search terms need at least two characters: “%(terms)s” is too short. "
            "Please enter a fuller word (for example 低保 or 救助)."
        ),
    )
    EMPTY = "search.empty", _("Please enter a search term.")
