"""The catalog's controlled vocabularies (主题分类, 体裁): the data file, and the two steps the data migrations take
with it — loading the terms, and turning the free text items held before into terms.

Both take the model class as an argument, so a migration passes its historical model and a test the real one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "vocabularies.json"
KINDS = ("topic", "genre")
LEGACY_PREFIX = "legacy-"  # the code of a term made from a value typed before the vocabularies


def read_data() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {kind: data[kind] for kind in KINDS}


def load_terms(term_model: Any) -> int:
    """Create the terms of the data file that are missing (by kind and code); returns how many were created. Terms
    already there keep what the administrator made of them (label, order, active)."""
    created = 0
    for kind, entries in read_data().items():
        for position, entry in enumerate(entries):
            parent, made = term_model.objects.get_or_create(
                kind=kind, code=entry["code"], defaults={"label": entry["label"], "position": position}
            )
            created += made
            for child_position, child in enumerate(entry.get("children", ())):
                _term, made = term_model.objects.get_or_create(
                    kind=kind,
                    code=child["code"],
                    defaults={"label": child["label"], "parent": parent, "position": child_position},
                )
                created += made
    return created


def _full_label(term: Any) -> str:
    return f"{term.parent.label}\\{term.label}" if term.parent_id else term.label


def terms_for_values(term_model: Any, kind: str, values: Iterable[str]) -> dict[str, Any]:
    """The term for each free-text value: the one term whose label (or 大类\\小类 label) is exactly the value, else
    a new inactive term keeping the value as its label (so an item shows what it showed before, and nothing is
    lost). A label shared by several terms (each 大类 has its 其他) matches none of them. Blank values map to None."""
    terms = list(term_model.objects.filter(kind=kind).select_related("parent"))
    by_label: dict[str, list[Any]] = {}
    for term in terms:
        for label in {term.label, _full_label(term)}:
            by_label.setdefault(label, []).append(term)
    legacy = sum(term.code.startswith(LEGACY_PREFIX) for term in terms)
    found: dict[str, Any] = {}
    for value in sorted({v for v in values}):
        text = value.strip()
        if not text:
            found[value] = None
            continue
        matches = by_label.get(text, [])
        if len(matches) == 1:
            found[value] = matches[0]
            continue
        legacy += 1
        term = term_model.objects.create(
            kind=kind, code=f"{LEGACY_PREFIX}{legacy}", label=text[:60], active=False, position=10_000 + legacy
        )
        by_label[text] = [term]
        found[value] = term
    return found
