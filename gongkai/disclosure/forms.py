from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.models import CatalogCategory, CatalogItem, NormativeKind, Validity


class ItemForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=CatalogCategory.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    doc_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    formed_on = forms.DateField(
        label=_("Date of writing"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.CharField(label=_("Subject"), max_length=60, required=False)
    genre = forms.CharField(label=_("Genre"), max_length=30, required=False)
    normative_kind = forms.ChoiceField(label=_("Normative document"), choices=NormativeKind.choices, required=False)
    validity = forms.ChoiceField(label=_("Validity"), choices=[("", "—"), *Validity.choices], required=False)
    interprets = forms.ModelChoiceField(
        label=_("Interprets the policy"), queryset=CatalogItem.objects.none(), required=False
    )
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Simple HTML is kept (paragraphs, lists, tables, links); scripts are removed."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CatalogCategory.objects.filter(agency=agency).order_by("position", "code")
        self.fields["interprets"].queryset = CatalogItem.objects.filter(agency=agency).exclude(normative_kind="")


class DecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Return to the drafter"))],
    )
    opinion = forms.CharField(label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JustifyForm(forms.Form):
    finding = forms.CharField(widget=forms.HiddenInput)
    kind = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why this may be published unmasked"), max_length=500)
