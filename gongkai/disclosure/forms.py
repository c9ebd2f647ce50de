from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core.dates import EARLIEST_DOCUMENT
from gongkai.core.forms import Form, count_field, date_field
from gongkai.disclosure.editor import BodyEditorWidget
from gongkai.disclosure.models import (
    CatalogCategory,
    CatalogItem,
    ItemState,
    NormativeKind,
    Validity,
    VocabularyKind,
    VocabularyTerm,
)
from gongkai.disclosure.selectors import grouped_term_choices, offered_terms
from gongkai.law.duties import RECURRENCE_LABELS, Recurrence


class ItemForm(Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=CatalogCategory.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    doc_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    # documents still in force may be older than the platform: from the founding of the PRC
    formed_on = date_field(_("Date of writing"), required=False, earliest=EARLIEST_DOCUMENT)
    topic = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=VocabularyTerm.objects.none(),
        required=False,
    )
    genre = forms.ModelChoiceField(label=_("Genre"), queryset=VocabularyTerm.objects.none(), required=False)
    normative_kind = forms.ChoiceField(label=_("Normative document"), choices=NormativeKind.choices, required=False)
    validity = forms.ChoiceField(label=_("Validity"), choices=[("", "—"), *Validity.choices], required=False)
    interprets = forms.ModelChoiceField(
        label=_("Interprets the policy"), queryset=CatalogItem.objects.none(), required=False
    )
    supersedes = forms.ModelChoiceField(
        label=_("Replaces (repeals) the document"), queryset=CatalogItem.objects.none(), required=False
    )
    related = forms.ModelMultipleChoiceField(
        label=_("Related items"),
        queryset=CatalogItem.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Items of this agency only; hold Ctrl to choose several."),
    )
    body = forms.CharField(
        label=_("Body"),
        widget=BodyEditorWidget(),
        required=False,
        help_text=_(
            "Headings, bold and italic text, lists, tables and links are kept; anything else is removed when saved."
        ),
    )

    def __init__(self, *args, agency, item: CatalogItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CatalogCategory.objects.filter(agency=agency).order_by("position", "code")
        self.fields["interprets"].queryset = CatalogItem.objects.filter(agency=agency).exclude(normative_kind="")
        others = CatalogItem.objects.filter(agency=agency).exclude(state=ItemState.WITHDRAWN)
        self.fields["supersedes"].queryset = others.exclude(normative_kind="").exclude(pk=getattr(item, "pk", None))
        if item is not None:
            others = others.exclude(pk=item.pk)
        self.fields["related"].queryset = others.order_by("-published_on", "-id")
        for kind in VocabularyKind:  # active terms only, and the item's own (which may have been deactivated since)
            terms = offered_terms(kind, keep=getattr(item, kind.value) if item is not None else None)
            self.fields[kind.value].queryset = terms
            self.fields[kind.value].choices = [("", "—"), *grouped_term_choices(terms)]


class DecisionForm(Form):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Return to the drafter"))],
    )
    opinion = forms.CharField(label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JustifyForm(Form):
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(label=_("Why this may be published unmasked"), max_length=500)


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Attachment (PDF, Word, Excel or an image, up to 20 MB)"),
        help_text=_("The file is checked for personal data as soon as it is uploaded."),
    )


class WordImportForm(Form):
    """The body imported from a Word file (wordimport.py), on the draft's edit page."""

    file = forms.FileField(
        label=_("Word file"),
        help_text=_(
            "DOCX, up to 20 MB. Headings, lists and tables are kept, pictures become attachments. The body then shows "
            "in the editor below: check it and save; until then nothing of the body is changed."
        ),
    )


class DutyForm(Form):
    """Bounds are checked by the service (duties._checked_fields), with Chinese messages."""

    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=CatalogCategory.objects.none(), required=False, empty_label="—"
    )
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=[(r.value, RECURRENCE_LABELS[r]) for r in Recurrence])
    # wide bounds here (a number, not a 500); the service refuses what the rule does not allow, naming the rule
    months_after = count_field(
        _("Months after the period"),
        initial=1,
        required=False,
        help_text=_("0 = within the period's last month, 1 = the next month, …"),
    )
    day = count_field(_("Day of the month"), required=False, help_text=_("Empty = the last day."))
    month = count_field(
        _("Fixed month (yearly duties)"),
        required=False,
        help_text=_("For a fixed date in the same year, e.g. the budget by 5-31; empty otherwise."),
    )
    starts_on = date_field(_("Starts on"))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CatalogCategory.objects.filter(agency=agency).order_by("position", "code")


class FulfilForm(Form):
    item = forms.ModelChoiceField(label=_("Published item"), queryset=CatalogItem.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = candidates
        self.fields["item"].label_from_instance = lambda item: f"{item.published_on:%Y-%m-%d} {item.title}"


class ChainStepForm(Form):
    name = forms.CharField(label=_("Step"), max_length=60)
    # The initial value keeps an untouched empty row unchanged, so the formset skips it.
    role = forms.ChoiceField(
        label=_("Taken by"),
        choices=[(Role.REVIEWER.value, Role.REVIEWER.label), (Role.APPROVER.value, Role.APPROVER.label)],
        initial=Role.REVIEWER.value,
    )


# Positions (ORDER), removal (DELETE) and one empty row to add a step.
ChainFormSet = forms.formset_factory(ChainStepForm, extra=1, can_order=True, can_delete=True, max_num=12)
