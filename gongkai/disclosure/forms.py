from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core.dates import EARLIEST_DOCUMENT
from gongkai.core.forms import BLANK_CHOICE, Form, count_field, date_field
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
from gongkai.disclosure.picker import PICKER_HELP, PICKER_HELP_ONE, ItemPickerField
from gongkai.disclosure.selectors import (
    PICK_INTERPRETS,
    PICK_KINDS,
    PICK_RELATED,
    PICK_SUPERSEDES,
    grouped_term_choices,
    offered_terms,
)
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
    validity = forms.ChoiceField(label=_("Validity"), choices=[BLANK_CHOICE, *Validity.choices], required=False)
    # the item picker (gongkai.disclosure.picker): a search-as-you-type combobox, a text field of 索引号 without scripts
    interprets = ItemPickerField(
        label=_("Interprets the policy"),
        kind=PICK_INTERPRETS,
        multiple=False,
        required=False,
        help_text=PICKER_HELP_ONE,
    )
    supersedes = ItemPickerField(
        label=_("Replaces (repeals) the document"),
        kind=PICK_SUPERSEDES,
        multiple=False,
        required=False,
        help_text=PICKER_HELP_ONE,
    )
    related = ItemPickerField(label=_("Related items"), kind=PICK_RELATED, required=False, help_text=PICKER_HELP)
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
        search_url = reverse("disclosure_staff:related_search", args=[agency.pk])
        for name in PICK_KINDS:
            self.fields[name].configure(agency_id=agency.pk, exclude=getattr(item, "pk", None), search_url=search_url)
        for kind in VocabularyKind:  # active terms only, and the item's own (which may have been deactivated since)
            terms = offered_terms(kind, keep=getattr(item, kind.value) if item is not None else None)
            self.fields[kind.value].queryset = terms
            self.fields[kind.value].choices = [BLANK_CHOICE, *grouped_term_choices(terms)]


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
    category = forms.ModelChoiceField(label=_("Category"), queryset=CatalogCategory.objects.none(), required=False)
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


# --- repeal or expiry of a normative document (the item's staff page) --------------------------------------------


class RepealForm(Form):
    validity = forms.ChoiceField(
        label=_("Repealed or expired"),
        choices=[(Validity.REPEALED.value, Validity.REPEALED.label), (Validity.EXPIRED.value, Validity.EXPIRED.label)],
    )
    on = date_field(_("Repealed or expired on"), earliest=EARLIEST_DOCUMENT)
    replaced_by = forms.ModelChoiceField(
        label=_("Replaced by (optional)"),
        queryset=CatalogItem.objects.none(),
        required=False,
        help_text=_("A published rule or normative document of this agency that replaces it."),
    )

    def __init__(self, *args, item: CatalogItem, **kwargs):
        super().__init__(*args, **kwargs)
        # the errors come back as one message above the page: each names its field
        self.fields["validity"].error_messages.update(
            required=_("Please choose repealed or expired."), invalid_choice=_("Please choose repealed or expired.")
        )
        self.fields["on"].error_messages.update(
            required=_("Please enter the date of repeal or expiry."),
            invalid=_("Please enter a valid date of repeal or expiry."),
        )
        self.fields["replaced_by"].error_messages["invalid_choice"] = _(
            "Please choose the replacing document from the list."
        )
        self.fields["replaced_by"].queryset = (
            CatalogItem.objects.filter(agency_id=item.agency_id, state=ItemState.PUBLISHED)
            .exclude(normative_kind=NormativeKind.NONE)
            .exclude(pk=item.pk)
            .filter(Q(supersedes__isnull=True) | Q(supersedes=item))  # a document records one it replaces
            .order_by("-published_on", "-id")
        )
        if item.validity in (Validity.REPEALED, Validity.EXPIRED):
            self.initial.setdefault("validity", item.validity)
            self.initial.setdefault("on", item.repealed_on)
