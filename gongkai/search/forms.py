from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import Form
from gongkai.disclosure.models import Validity
from gongkai.law.catalog import ARTICLE_20_ITEMS, CIVIL_AFFAIRS_ITEMS


class SearchForm(Form):
    """The public search form (GET). Unknown filter values are dropped, not refused."""

    q = forms.CharField(label=_("Search terms"), max_length=100, required=False)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    validity = forms.ChoiceField(label=_("Validity"), required=False)

    def __init__(self, data, *, agencies, years):
        data = data.copy()
        super().__init__(data)
        anything = ("", _("All"))
        self.fields["agency"].choices = [anything, *((a.pk, a.name) for a in agencies)]
        self.fields["category"].choices = [
            anything,
            *((code, name) for code, name, _article in ARTICLE_20_ITEMS),
            *((code, name) for code, name in CIVIL_AFFAIRS_ITEMS),
        ]
        self.fields["year"].choices = [anything, *((y, y) for y in years)]
        self.fields["validity"].choices = [anything, *Validity.choices]
        for name in ("agency", "category", "year", "validity"):  # a stale link keeps working without the filter
            if data.get(name) and str(data.get(name)) not in {str(v) for v, _label in self.fields[name].choices}:
                data[name] = ""

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "agency_id": data.get("agency"),
            "category_code": data.get("category") or None,
            "year": data.get("year"),
            "validity": data.get("validity") or None,
        }
