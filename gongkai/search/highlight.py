"""Highlighted titles and snippets: the matched terms wrapped in ``<mark>``, everything else HTML-escaped."""

from __future__ import annotations

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.search.grams import runs

SNIPPET_BEFORE = 40
SNIPPET_LENGTH = 160


def _normalised_with_origin(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for normal in unicodedata.normalize("NFKC", char).lower():
            chars.append(normal)
            origin.append(index)
    return "".join(chars), origin


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while needle:
        found = haystack.find(needle, start)
        if found < 0:
            break
        spans.append((found, found + len(needle)))
        start = found + len(needle)
    return spans


def spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans of ``text`` (original offsets) where the terms occur, case/width-insensitive."""
    normal, origin = _normalised_with_origin(text)
    found: list[tuple[int, int]] = []
    for term in terms:
        term_spans = _find_all(normal, term)
        if not term_spans:  # matched across punctuation or width variants: mark its pieces
            for _, run in runs(term):
                if len(run) >= 2:
                    term_spans.extend(_find_all(normal, run))
        found.extend(term_spans)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [(origin[start], origin[end - 1] + 1) for start, end in merged]


def _render(text: str, marks: list[tuple[int, int]], start: int, end: int) -> str:
    parts, position = [], start
    for mark_start, mark_end in marks:
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        if mark_start >= mark_end:
            continue
        parts.append(escape(text[position:mark_start]))
        parts.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        position = mark_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight(text: str, terms: list[str]) -> SafeString:
    return mark_safe(_render(text, spans(text, terms), 0, len(text)))  # every piece is escaped


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around the first match (its beginning when nothing matches)."""
    marks = spans(text, terms)
    start = max(0, marks[0][0] - SNIPPET_BEFORE) if marks else 0
    end = min(len(text), start + length)
    if end - start < length:
        start = max(0, end - length)
    html = _render(text, marks, start, end)
    return mark_safe(("…" if start > 0 else "") + html + ("…" if end < len(text) else ""))
