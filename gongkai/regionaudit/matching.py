"""Which agency of the region a report belongs to, by the name the checker read from it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_SPACE = re.compile(r"[\s\u3000·・()（）【】\[\]]+")


def name_key(name: str) -> str:
    """A name as compared: full-width folded, spaces and brackets out, 人民政府 ≡ 政府 and 办公厅 ≡ 办公室.

    A government and its office stay apart (江源市人民政府 ≠ 江源市人民政府办公室): 办公室 is never dropped."""
    key = _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))
    return key.replace("人民政府", "政府").replace("办公厅", "办公室")


def match_agency(read_name: str, agencies: Iterable[Any]) -> tuple[Any | None, str, list[Any]]:
    """(agency, how, candidates): an exact full name first, then one agency whose normalised full or short name is
    the read name's (or the read name + 政府: a government's report often names only the place). Two or more
    candidates, or none, give no agency: the supervisor assigns it by hand."""
    agencies = list(agencies)
    if not read_name:
        return None, "unmatched", []
    exact = [a for a in agencies if a.name == read_name]
    if len(exact) == 1:
        return exact[0], "exact", exact
    key = name_key(read_name)
    keys = {key, key + "政府"} if not key.endswith(("政府", "局", "室", "委", "办", "处", "所", "厅")) else {key}
    found = [a for a in agencies if name_key(a.name) in keys or (a.short_name and name_key(a.short_name) in keys)]
    if len(found) == 1:
        return found[0], "normalised", found
    return None, "unmatched", found
