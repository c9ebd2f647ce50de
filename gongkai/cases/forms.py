"""Forms for cases and yearly figures; the services check everything again and refuse in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.cases import figures
from gongkai.cases.models import KIND_CHOICES, RESULT_CHOICES
from gongkai.core.forms import BLANK_CHOICE, Form, count_field, date_field, year_field
from gongkai.foi import selectors as foi_selectors
from gongkai.law import cases as law_cases
from gongkai.law.report import ENTERED_ROWS, is_amount


def _date(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return date_field(label, required=required, help_text=help_text)


class CaseForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[BLANK_CHOICE, *KIND_CHOICES])
    number = forms.CharField(label=_("Case number"), max_length=80)
    party_name = forms.CharField(
        label=_("Applicant or plaintiff"),
        max_length=200,
        help_text=_(
            "Personal data: shown in full only to the agency's case officers and administrators, masked to supervisors."
        ),
    )
    filed_on = _date(_("Filed on"), required=True)
    received_on = _date(
        _("Copy received on"),
        help_text=_(
            "The day this agency was served the copy of the application or complaint; the reply is due from it."
        ),
    )
    accepted_on = _date(
        _("Accepted on (reconsideration)"),
        help_text=_(
            "The decision is due 60 days after acceptance (30 under the simplified procedure); without this date "
            "the application counts as accepted when the 5-working-day review ends (Art. 30)."
        ),
    )
    decision_extension_days = forms.IntegerField(
        label=_("Decision period extended by (days, reconsideration)"),
        min_value=0,
        max_value=law_cases.DECISION_EXTENSION_MAX_DAYS,
        initial=0,
        required=False,
    )
    simplified_procedure = forms.BooleanField(
        label=_("Heard under the simplified procedure (reconsideration, Art. 53)"),
        help_text=_("Reply within 5 working days of receiving the copy, decision within 30 days (Art. 54 and 62)."),
        required=False,
    )
    replied_on = _date(_("Reply or defence submitted on"))
    deciding_body = forms.CharField(label=_("Reconsideration body or court"), max_length=200, required=False)
    joint_defendant = forms.BooleanField(
        label=_("This agency is a co-defendant only as the reconsideration body (not counted in the annual report)"),
        required=False,
    )
    request_code = forms.CharField(label=_("Tracking code of the request concerned"), max_length=20, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_request_code(self):
        code = (self.cleaned_data.get("request_code") or "").strip().upper()
        if not code:
            return None
        request = foi_selectors.request_by_code(self.agency.pk, code)
        if request is None:
            raise forms.ValidationError(
                gettext("This agency has no request with tracking code %(code)s.") % {"code": code},
                code="cases.request_not_found",
            )
        return request

    def case_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["info_request"] = data.pop("request_code", None)
        data["decision_extension_days"] = data.get("decision_extension_days") or 0
        return data


class ConcludeForm(Form):
    concluded_on = date_field(_("Concluded on"), initial=timezone.localdate)
    result = forms.ChoiceField(label=_("Result"), choices=[BLANK_CHOICE, *RESULT_CHOICES])


class DocumentForm(Form):
    file = forms.FileField(label=_("Document (PDF, Word, Excel or an image)"))


class FiguresForm(Form):
    """One year's figures: a field per cell of every entered row of 表二 (labels as the template words them) and a
    source per row; built from ``law.report.ENTERED_ROWS``, so a row added to the template appears here."""

    year = year_field(_("Year"), first=figures.FIRST_YEAR)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for row in ENTERED_ROWS:
            for column, label in row.columns:
                name = figures.field_name(row.key, column)
                if is_amount(label):
                    self.fields[name] = forms.DecimalField(
                        label=f"{row.label}：{label}",
                        min_value=0,
                        max_digits=14,
                        decimal_places=4,
                        initial=0,
                        help_text=_("In units of 10,000 yuan, up to four decimal places (to the yuan)."),
                    )
                else:
                    self.fields[name] = count_field(f"{row.label}：{label}", initial=0)
            self.fields[figures.source_field(row.key)] = forms.CharField(
                label=_("Source of the %(row)s figure") % {"row": row.label},
                max_length=figures.MAX_SOURCE,
                required=False,
            )

    @staticmethod
    def initial_for(current) -> dict:
        """The form's initial data from stored figures (a YearFigures, saved or not)."""
        initial = {"year": current.year}
        for row in ENTERED_ROWS:
            for column, _label in row.columns:
                initial[figures.field_name(row.key, column)] = current.value(row.key, column)
            initial[figures.source_field(row.key)] = current.source(row.key)
        return initial

    def figures(self) -> dict:
        """The cleaned data as ``figures_save`` takes it: year, values by row and column, sources by row."""
        data = self.cleaned_data
        return {
            "year": data["year"],
            "values": {
                row.key: {column: data.get(figures.field_name(row.key, column)) for column, _label in row.columns}
                for row in ENTERED_ROWS
            },
            "sources": {row.key: data.get(figures.source_field(row.key), "") for row in ENTERED_ROWS},
        }
