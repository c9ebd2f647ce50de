"""Control characters: removed from text where it enters (forms, imports, documents read), removed again where it
leaves (every DOCX and XLSX written), and repaired in rows stored before (the apps' data migrations).

A C0 control other than tab and newline (a NUL, ``\\x01``, a vertical tab pasted from Word …), DEL, the C1 range,
a lone surrogate and the non-characters U+FFFE/U+FFFF are not XML: python-docx and openpyxl refuse to write them,
so one such character in a stored text made every export holding it fail for good; PostgreSQL refuses a NUL in a
text column outright. Word's manual line break (``\\x0b``) and page break (``\\x0c``) become a newline; ``\\r\\n``
and a lone ``\\r`` become ``\\n``; the rest is dropped. Cleaning is silent: the characters are invisible anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "blank_controls",
    "clean_data",
    "clean_json",
    "clean_text",
    "export_value",
    "has_controls",
    "repair_rows",
]

# What XML 1.0 refuses or discourages, less tab, newline and carriage return (handled first).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c]")
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # also \r


def has_controls(value: str) -> bool:
    """Whether :func:`clean_text` would change ``value``."""
    return bool(_ANY.search(value))


def clean_text(value: str) -> str:
    """``value`` without control characters: line breaks as ``\\n``, tab kept, the rest removed."""
    if not _ANY.search(value):
        return value
    return _CONTROLS.sub("", _BREAKS.sub("\n", value))


def blank_controls(value: str) -> str:
    """``value`` with each control character a space: the text read from a document, whose findings' offsets
    (gongkai.core.documents) must stay where they were."""
    return _CONTROLS.sub(" ", value) if _ANY.search(value) else value


def export_value(value: Any) -> Any:
    """A value as a document writer may take it: text cleaned, anything else as it is (numbers, dates, None)."""
    return clean_text(value) if isinstance(value, str) else value


def clean_json(value: Any) -> Any:
    """A JSON value with every string in it (keys too) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


def clean_data(data: Any) -> Any:
    """A form's submitted data (a ``QueryDict`` or a plain dict) with every text value cleaned; files untouched."""

    def clean(value: Any) -> Any:
        return clean_text(value) if isinstance(value, str) else value

    if hasattr(data, "getlist") and hasattr(data, "setlist"):
        if not any(has_controls(v) for _key, values in data.lists() for v in values if isinstance(v, str)):
            return data
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [clean(v) for v in values])
        return cleaned
    if isinstance(data, Mapping):
        return {k: [clean(x) for x in v] if isinstance(v, list | tuple) else clean(v) for k, v in data.items()}
    return data


# --- repairing stored rows (data migrations) -------------------------------------------------------------------


def repair_rows(model: Any, fields: Iterable[str], *, batch_size: int = 500) -> int:
    """Clean ``fields`` (text or JSON) of every row of ``model``; only rows that change are written, one UPDATE each.

    Works on a migration's historical model: an encrypted field decrypts and encrypts again through its own field
    class. Returns the number of rows changed.
    """
    fields = list(fields)
    changed = 0
    for row in model._base_manager.only("pk", *fields).iterator(chunk_size=batch_size):
        updates = {}
        for name in fields:
            value = getattr(row, name)
            cleaned = clean_json(value) if not isinstance(value, str) else clean_text(value)
            if cleaned != value:
                updates[name] = cleaned
        if updates:
            model._base_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed
