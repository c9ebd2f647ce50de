"""Forms for engagement records; the services check everything again and refuse in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import departments_of
from gongkai.core.forms import BLANK_CHOICE, Form, date_field
from gongkai.engagement import services
from gongkai.engagement.models import Channel, OpinionLevel, PressKind, ProposalKind


def _date(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return date_field(label, required=required, help_text=help_text)


def _choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[BLANK_CHOICE, *choices])


class RecordForm(Form):
    """A record's fields for :func:`gongkai.engagement.services.record_create` / ``record_update``."""

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    @classmethod
    def initial_from(cls, obj) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in cls.base_fields}

    def record_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ConsultationForm(RecordForm):
    channel = _choice(_("Channel"), Channel.choices)
    asked_on = _date(_("Date"), required=True)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    answered = forms.BooleanField(label=_("Answered"), required=False)
    answered_on = _date(_("Answered on"))
    asker_name = forms.CharField(
        label=_("Name of the person asking (optional)"),
        max_length=100,
        required=False,
        help_text=_(
            "Personal data: shown in full only to the agency's case officers and administrators, "
            "never exported or written to the audit log."
        ),
    )


class ProposalForm(RecordForm):
    kind = _choice(_("Kind"), ProposalKind.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    subject = forms.CharField(label=pgettext_lazy("proposal", "Subject"), max_length=300)
    lead_department = forms.ModelChoiceField(label=_("Lead department"), queryset=None, required=False)
    received_on = _date(_("Assigned on"), required=True)
    due_on = _date(
        _("Reply due"),
        help_text=_(
            "Empty: three months after the assignment date. Up to six months with the assigning office's consent."
        ),
    )
    replied_on = _date(_("Replied on"))
    reply_published = forms.BooleanField(label=_("Reply published in full"), required=False)
    reply_index_number = forms.CharField(
        label=_("Index number of the published reply (optional)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"list": "published-items"}),
    )

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.fields["lead_department"].queryset = departments_of(agency)

    @classmethod
    def initial_from(cls, obj) -> dict[str, Any]:
        initial = {name: getattr(obj, name) for name in cls.base_fields if name != "reply_index_number"}
        initial["reply_index_number"] = obj.reply_item.index_number if obj.reply_item else ""
        return initial

    def clean_reply_index_number(self):
        try:
            return services.published_item(self.agency, self.cleaned_data.get("reply_index_number", ""))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages, code="engagement.item_not_found") from None

    def record_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["reply_item"] = data.pop("reply_index_number", None)
        return data


class OpinionForm(RecordForm):
    level = _choice(_("Level"), OpinionLevel.choices)
    first_seen = _date(_("First seen on"), required=True)
    responded_on = _date(_("Responded on"))
    channel = forms.CharField(label=_("Where it arose"), max_length=100, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class PressForm(RecordForm):
    kind = _choice(_("Kind"), PressKind.choices)
    held_on = _date(_("Date"), required=True)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    speakers = forms.CharField(label=_("Speakers"), max_length=300, required=False)
    link = forms.CharField(label=_("Link"), max_length=500, required=False, help_text=_("https://…"))


FORMS: dict[str, type[RecordForm]] = {
    "consultations": ConsultationForm,
    "proposals": ProposalForm,
    "opinion": OpinionForm,
    "press": PressForm,
}


class ImportForm(Form):
    file = forms.FileField(
        label=_("Table (Excel XLSX or CSV)"),
        help_text=_("The columns of the export; all rows are imported or none."),
    )
