"""Forms for work plans; the services check everything again and refuse in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import Form, date_field, year_field
from gongkai.workplan.models import TaskStatus
from gongkai.workplan.proposal import KEEP_AS_TEXT, NameMatch, Proposal

# The choice that keeps a written name as text (a form value cannot be empty: empty means "not chosen").
KEEP_CHOICE = "-"


class PlanUploadForm(Form):
    year = year_field(_("Year of the plan"))
    file = forms.FileField(
        label=_("Plan document (plain text, HTML or Word DOCX)"),
        help_text=_(
            "Groups start with 一、, tasks with （一） or 1., and each task ends with who leads and who helps."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class MappingForm(Form):
    """One choice per department name of the plan: the department it means, or keep it as text."""

    def __init__(self, *args, proposal: Proposal, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("", gettext("— choose —")),
            (KEEP_CHOICE, gettext("No department: keep the name as written")),
            *((d.name, d.name) for d in proposal.departments),
        ]
        self.names = {}
        for index, match in enumerate(proposal.names):
            key = f"name_{index}"
            self.names[key] = match
            initial = KEEP_CHOICE if match.how == "kept" else (match.department.name if match.department else "")
            self.fields[key] = forms.ChoiceField(label=match.name, choices=choices, required=False, initial=initial)

    def rows(self) -> list[tuple[forms.BoundField, NameMatch]]:
        """(field, the automatic match of its name), for the review table."""
        return [(self[key], match) for key, match in self.names.items()]

    def mapping(self) -> dict[str, str]:
        """The admin's choices that differ from the automatic match (empty choices leave the name unmapped)."""
        result = {}
        for key, match in self.names.items():
            value = self.cleaned_data.get(key) or ""
            if not value:
                continue
            if value == KEEP_CHOICE:
                result[match.name] = KEEP_AS_TEXT
            elif match.how in ("mapped", "kept") or match.department is None or match.department.name != value:
                result[match.name] = value
        return result


class ProgressForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    note = forms.CharField(
        label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    index_number = forms.CharField(
        label=_("Evidence: index number of a published item"),
        required=False,
        max_length=60,
        help_text=_("Optional: the 索引号 of an item this agency has published, e.g. the quarterly statistics."),
        widget=forms.TextInput(attrs={"list": "published-items"}),
    )


class InstanceDoneForm(Form):
    done_on = date_field(_("Done on"), initial=timezone.localdate)
    index_number = forms.CharField(
        label=_("Index number of the published item (optional)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "published-items"}),
    )


class EvidenceForm(Form):
    file = forms.FileField(label=_("Evidence (PDF, Word, Excel or an image)"))
