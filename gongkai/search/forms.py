from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import EMPTY_FILTER, FilterForm
from gongkai.disclosure.models import Validity
from gongkai.law.catalog import ARTICLE_20_ITEMS, CIVIL_AFFAIRS_ITEMS

SORT_CHOICES = [("relevance", _("Relevance")), ("date", _("Newest first"))]


class SearchForm(FilterForm):
    """The public search form (GET). Unknown filter values are dropped, not refused: a stale or mistyped link
    (``year=abc``, ``sort=xyz``) shows the page without that parameter."""

    q = forms.CharField(label=_("Search terms"), max_length=100, required=False)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=9999, widget=forms.Select)
    validity = forms.ChoiceField(label=_("Validity"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, *, agencies) -> None:
        data = data.copy()
        super().__init__(data)
        anything = ("", EMPTY_FILTER)
        self.fields["agency"].choices = [anything, *((a.pk, a.name) for a in agencies)]
        self.fields["category"].choices = [
            anything,
            *((code, name) for code, name, _article in ARTICLE_20_ITEMS),
            *((code, name) for code, name in CIVIL_AFFAIRS_ITEMS),
        ]
        self.fields["validity"].choices = [anything, *Validity.choices]
        for name in ("agency", "category", "validity", "sort"):  # a stale link keeps working without the filter
            if data.get(name) and str(data.get(name)) not in {str(v) for v, _label in self.fields[name].choices}:
                data[name] = ""
        year = str(data.get("year") or "")
        if year and not (year.isascii() and year.isdigit() and 1900 <= int(year) <= 9999):
            data["year"] = ""

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "agency_id": data.get("agency"),
            "category_code": data.get("category") or None,
            "year": data.get("year"),
            "validity": data.get("validity") or None,
        }

    def sort_order(self, has_query: bool) -> str:
        """The chosen order; by default relevance for a query, the newest first otherwise."""
        chosen = self.cleaned_data.get("sort")
        order = "date" if chosen == "date" or not has_query else "relevance"
        self.data["sort"] = order  # the select shows the order in effect
        return order

    def show_years(self, facets) -> None:
        """The 年份 options: each year with its number of matching items, newest first."""
        current = self.cleaned_data.get("year") if hasattr(self, "cleaned_data") else None
        options = [("", EMPTY_FILTER)]
        options += [(f.year, f"{f.year}（{f.count}）") for f in facets]
        if current and current not in {f.year for f in facets}:
            options.insert(1, (current, f"{current}（0）"))
        self.fields["year"].widget.choices = options
