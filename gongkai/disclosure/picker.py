"""The item picker of the draft form (issue 14): related items, the policy interpreted, the document replaced.

Without scripts it is a text field: the 索引号 of the agency's items or their numbers (``#12``), separated by commas,
spaces or new lines; anything unknown, another agency's or not offered is refused by name and nothing is saved.
``gongkai/picker.js`` turns it into a search-as-you-type combobox over :func:`views_staff.related_search` (titles and
索引号 of the agency's own items) with the choices as removable chips; it writes the same text (``#12, #34``) into the
field, so the server reads one format either way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure import selectors
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import CatalogItem, ItemState

SEPARATORS = re.compile(r"[\s,，、;；]+")


def references(text: str) -> list[str]:
    """The 索引号 and numbers in ``text``, each once (case-insensitive), in the order typed."""
    seen: set[str] = set()
    found = []
    for token in SEPARATORS.split(text or ""):
        key = token.upper()
        if token and key not in seen:
            seen.add(key)
            found.append(token)
    return found


def token_of(item: CatalogItem) -> str:
    """How the text field names an item: its 索引号 once published, else its number."""
    return item.index_number or f"#{item.pk}"


def label_of(item: CatalogItem) -> str:
    """The item as a chip or an option names it: title, then 索引号 (or number) and, unless published, its state."""
    details = [item.index_number or f"#{item.pk}"]
    if item.state != ItemState.PUBLISHED:
        details.append(str(item.get_state_display()))
    return f"{item.title}（{'，'.join(details)}）"


def option_of(item: CatalogItem) -> dict[str, Any]:
    """One option of the search endpoint's answer."""
    return {"id": item.pk, "token": f"#{item.pk}", "label": label_of(item), "title": item.title}


def _quoted(tokens: list[str]) -> str:
    return "、".join(f"“{token}”" for token in tokens)


@dataclass(frozen=True)
class Choice:
    """A value of the field as the page shows it: an item found, or what was typed and not found (``item`` None)."""

    token: str
    label: str
    item: CatalogItem | None = None


class ItemPickerWidget(forms.Widget):
    template_name = "disclosure/picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = True) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.search_url = ""
        self.kind = ""
        self.exclude: int | None = None

    @property
    def media(self) -> forms.Media:
        return forms.Media(css={"all": ["gongkai/picker.css"]}, js=[forms.Script("gongkai/picker.js", defer=True)])

    def value_from_datadict(self, data, files, name) -> str:
        # several values (a script, a test, an old bookmark posting ids) read as one text
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return " ".join(str(value) for value in values if value)

    def format_value(self, value: Any) -> str:
        if isinstance(value, list):
            return "，".join(choice.token for choice in value)
        return value or ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        texts = {
            "placeholder": gettext("Type words of the title or an index number"),
            "chosen": gettext("Chosen"),
            "remove": gettext("Remove “%(label)s”"),
            "added": gettext("“%(label)s” chosen."),
            "removed": gettext("“%(label)s” removed."),
            "results": gettext("%(count)s found: choose with the arrow keys and press Enter."),
            "more": gettext("Only the first %(count)s are shown: type more words to narrow them."),
            "none": gettext("Nothing found among this agency's information."),
            "failed": gettext("The search is not available; please enter index numbers or #numbers."),
        }
        context["widget"].update(
            {
                "chosen": value if isinstance(value, list) else [],
                "multiple": self.multiple,
                "search_url": self.search_url,
                "kind": self.kind,
                "exclude": self.exclude or "",
                "texts": json.dumps(texts, ensure_ascii=False),
            }
        )
        return context


class ItemPickerField(forms.Field):
    """Items of one agency named by 索引号 or number: a list of them (``multiple``) or one (or None)."""

    widget = ItemPickerWidget

    def __init__(self, *, kind: str, multiple: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", ItemPickerWidget(multiple=multiple))
        super().__init__(**kwargs)
        self.kind, self.multiple = kind, multiple
        self.agency_id: int | None = None
        self.exclude: int | None = None

    def configure(self, *, agency_id: int, exclude: int | None, search_url: str) -> None:
        """The agency whose items it names, the item being edited (never offered) and the search endpoint."""
        self.agency_id, self.exclude = agency_id, exclude
        self.widget.search_url, self.widget.kind, self.widget.exclude = search_url, self.kind, exclude

    def to_python(self, value: Any) -> list[str]:
        return references(str(value or ""))

    def _found(self, tokens: list[str]) -> dict[str, CatalogItem]:
        """Each token's item of the agency (any state), keyed by the upper-case token."""
        numbers = {n for n in (selectors.item_number(t) for t in tokens) if n is not None}
        named = {t for t in tokens if selectors.item_number(t) is None}
        items = selectors.items_by_references(self.agency_id, numbers, named) if self.agency_id else []
        by_pk = {item.pk: item for item in items}
        by_index = {item.index_number.upper(): item for item in items if item.index_number}
        found = {}
        for token in tokens:
            number = selectors.item_number(token)
            item = by_pk.get(number) if number is not None else by_index.get(token.upper())
            if item is not None:
                found[token.upper()] = item
        return found

    def prepare_value(self, value: Any) -> list[Choice]:
        if isinstance(value, CatalogItem):
            value = [value]
        if value is None or value == "":
            return []
        if isinstance(value, str):
            tokens = references(value)
            found = self._found(tokens)
            return [
                Choice(t, label_of(found[t.upper()]), found[t.upper()]) if t.upper() in found else Choice(t, t)
                for t in tokens
            ]
        return [Choice(token_of(item), label_of(item), item) for item in value if isinstance(item, CatalogItem)]

    def has_changed(self, initial: Any, data: Any) -> bool:
        before = {choice.item.pk for choice in self.prepare_value(initial) if choice.item}
        return before != {choice.item.pk for choice in self.prepare_value(data) if choice.item}

    def clean(self, value: Any) -> list[CatalogItem] | CatalogItem | None:
        tokens = self.to_python(value)
        self.validate(tokens)
        if not tokens:
            return [] if self.multiple else None
        if not self.multiple and len(tokens) > 1:
            raise DisclosureError.PICK_ONE.refuse(count=len(tokens))
        found = self._found(tokens)
        offered = selectors.offered_among(
            self.agency_id, self.kind, {item.pk for item in found.values()}, exclude=self.exclude
        )
        unknown = [t for t in tokens if t.upper() not in found]
        refused: dict[DisclosureError, list[str]] = {}
        for token in tokens:
            item = found.get(token.upper())
            if item is None or item.pk in offered:
                continue
            if item.pk == self.exclude:
                refused.setdefault(DisclosureError.PICK_SELF, []).append(token)
            elif item.state == ItemState.WITHDRAWN and self.kind != selectors.PICK_INTERPRETS:
                refused.setdefault(DisclosureError.PICK_WITHDRAWN, []).append(token)
            else:
                refused.setdefault(DisclosureError.PICK_NOT_NORMATIVE, []).append(token)
        errors = [DisclosureError.PICK_UNKNOWN.refuse(values=_quoted(unknown))] if unknown else []
        errors += [member.refuse(values=_quoted(values)) for member, values in refused.items()]
        if errors:
            raise ValidationError(errors)
        items = [found[t.upper()] for t in tokens]
        return items if self.multiple else items[0]


PICKER_HELP = _(
    "Type words of the title or an index number and choose among this agency's information; without scripts, "
    "enter index numbers or #numbers separated by commas, spaces or new lines."
)
PICKER_HELP_ONE = _(
    "Type words of the title or an index number and choose among this agency's information; without scripts, "
    "enter its index number or #number."
)
