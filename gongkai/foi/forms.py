"""Forms for requests: the public form, the officer's registration, and one small form per clock action."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import accept_document
from gongkai.core.forms import Form, count_field, date_field
from gongkai.foi.errors import FoiError
from gongkai.foi.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    OUTCOME_CHOICES,
    Delivery,
    IdType,
    ReceivedHow,
    WantedForm,
)
from gongkai.foi.services import MAX_ATTACHMENT_BYTES
from gongkai.law import clock as law_clock
from gongkai.law.fees import FeeMethod
from gongkai.law.outcomes import AUTOMATIC_OUTCOMES


def _date_field(label: str, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return date_field(label, required=required, initial=timezone.localdate if initial_today else None)


class ApplicantFields(Form):
    kind = forms.ChoiceField(label=_("Applicant type"), choices=APPLICANT_KIND_CHOICES, initial="natural_person")
    name = forms.CharField(label=_("Name of the person or organisation"), max_length=200)
    id_type = forms.ChoiceField(label=_("ID document"), choices=[("", "—"), *list(IdType.choices)], required=False)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=40,
        required=False,
        help_text=_(
            "A person gives a resident identity card number; a legal person or other organisation gives its "
            "unified social credit code."
        ),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=40)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)

    APPLICANT_KEYS = ("kind", "name", "id_type", "id_number", "contact_person", "phone", "email", "address")

    def applicant_data(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.APPLICANT_KEYS}


class RequestFields(Form):
    description = forms.CharField(
        label=_("Name or reference number of the government information, or another description that helps find it"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    wanted_form = forms.ChoiceField(
        label=_("Form of the information"), choices=WantedForm.choices, initial=WantedForm.ELECTRONIC
    )
    delivery = forms.ChoiceField(
        label=_("How to receive the information"), choices=Delivery.choices, initial=Delivery.EMAIL
    )

    def request_data(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in ("wanted_form", "delivery")}


class PublicRequestForm(ApplicantFields, RequestFields):
    attachment = forms.FileField(
        label=_("Attachment (optional: PDF, Word, Excel or an image, up to 10 MB)"), required=False
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        # the service's own check, beside the field (the service judges the file again when it stores it)
        try:
            accept_document(
                upload, noun=gettext("attachment"), max_bytes=MAX_ATTACHMENT_BYTES, type_code=FoiError.ATTACHMENT_TYPE
            )
        except ValidationError as exc:
            raise forms.ValidationError(exc.error_dict["file"]) from None
        finally:
            upload.seek(0)
        return upload


class RegisterForm(ApplicantFields, RequestFields):
    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNEL_CHOICES)
    submitted_on = _date_field(_("Date submitted"), initial_today=True)
    signed_on = _date_field(_("Date signed for (registered post, courier)"), required=False)
    confirmed_on = _date_field(
        _("Date confirmed with the applicant (ordinary post, online, fax, e-mail)"), required=False
    )
    registered_mail = forms.BooleanField(label=_("Post that must be signed for"), required=False, initial=True)


class OnForm(Form):
    on = _date_field(_("Date"), initial_today=True)
    reason = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CorrectionForm(OnForm):
    period_workdays = forms.IntegerField(
        label=_("Time to correct (working days)"), min_value=1, max_value=60, initial=10
    )


class ExtensionForm(OnForm):
    # 条例 第三十三条第二款: at most 20 working days in all (law.clock checks the total)
    workdays = forms.IntegerField(
        label=_("Working days of extension"),
        min_value=1,
        max_value=law_clock.MAX_EXTENSION_WORKDAYS,
        initial=law_clock.MAX_EXTENSION_WORKDAYS,
    )


class DelayForm(OnForm):
    until = _date_field(_("Reply postponed until"))


class FeeForm(OnForm):
    """The amount is computed by the agency's fee method (国办函〔2020〕109号), never typed."""

    pages = count_field(_("Pages (charging by quantity only)"), required=False)
    waive = forms.BooleanField(label=_("Waive the fee (give the reason)"), required=False)


class ReplyForm(OnForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "—")] + [c for c in OUTCOME_CHOICES if c[0] not in AUTOMATIC_OUTCOMES],
    )
    documents = forms.CharField(
        label=_("Information provided"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One document per line: the letter lists several one per line, numbered."),
    )


class TrackForm(Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=20)
    query_code = forms.CharField(label=_("Query code"), max_length=20)


class ResendForm(Form):
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        required=False,
        help_text=_("Leave it empty if you never saw it: your newest requests made with this contact are sent."),
    )
    contact = forms.CharField(
        label=_("E-mail or mobile phone given in the application"),
        max_length=254,
        help_text=_("The new query code is sent there: by e-mail to an e-mail address, by text message to a phone."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is judged by :func:`_judged`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _judged(upload, noun: str, max_bytes: int):
    """The service's own check of an upload, beside the field (the service judges the file again)."""
    try:
        accept_document(upload, noun=noun, max_bytes=max_bytes, type_code=FoiError.ATTACHMENT_TYPE)
    except ValidationError as exc:
        raise forms.ValidationError(exc.error_dict["file"]) from None
    finally:
        upload.seek(0)
    return upload


class CorrectionOnlineForm(Form):
    """The applicant's corrections, sent from the tracking page (条例 第三十条)."""

    text = forms.CharField(
        label=_("Corrections"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    files = MultipleFileField(
        label=_("Files (optional: PDF, Word, Excel or images, up to 10 MB each, at most 5)"), required=False
    )

    def clean_files(self):
        from gongkai.foi.corrections import MAX_CORRECTION_FILES

        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_CORRECTION_FILES:
            raise forms.ValidationError(FoiError.CORRECTION_FILES.message(max=MAX_CORRECTION_FILES))
        return [_judged(f, gettext("attachment"), MAX_ATTACHMENT_BYTES) for f in files]

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("files"):
            raise forms.ValidationError(FoiError.CORRECTION_EMPTY.message(), code=FoiError.CORRECTION_EMPTY.value)
        return data


def _received_how_choices():
    return [("", "—"), *ReceivedHow.choices]


class DeliveryForm(Form):
    """An officer records how a letter was sent (送达), and its receipt when known."""

    channel = forms.ChoiceField(label=_("Channel"), choices=())
    sent_on = _date_field(_("Sent on"), initial_today=True)
    tracking_number = forms.CharField(label=_("Tracking number (post)"), max_length=60, required=False)
    received_on = _date_field(_("Received on (leave empty while in delivery)"), required=False)
    received_how = forms.ChoiceField(label=_("How received"), choices=_received_how_choices, required=False)
    external_message_id = forms.CharField(label=_("E-mail message id"), max_length=200, required=False)
    note = forms.CharField(label=_("Remarks"), max_length=500, required=False)
    evidence = forms.FileField(label=_("Evidence (scan of the receipt: PDF or image, up to 10 MB)"), required=False)

    def __init__(self, *args, **kwargs):
        from gongkai.foi.deliveries import OFFICER_CHANNELS

        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = OFFICER_CHANNELS

    def clean_evidence(self):
        from gongkai.foi.deliveries import MAX_EVIDENCE_BYTES

        upload = self.cleaned_data.get("evidence")
        return _judged(upload, gettext("evidence of delivery"), MAX_EVIDENCE_BYTES) if upload else None


class ReceiptForm(Form):
    received_on = _date_field(_("Received on"), initial_today=True)
    received_how = forms.ChoiceField(label=_("How received"), choices=ReceivedHow.choices)
    evidence = forms.FileField(label=_("Evidence (scan of the receipt: PDF or image, up to 10 MB)"), required=False)

    clean_evidence = DeliveryForm.clean_evidence


ACTION_FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "receipt_confirmed": (OnForm, _("Confirm receipt of the request")),
    "correction_requested": (CorrectionForm, _("Send a correction notice")),
    "correction_received": (OnForm, _("Corrections received")),
    "third_party_sent": (OnForm, _("Consult a third party")),
    "third_party_replied": (OnForm, _("Third party replied")),
    "other_agency_sent": (OnForm, _("Consult another agency")),
    "other_agency_replied": (OnForm, _("Other agency replied")),
    "extension": (ExtensionForm, _("Extend the reply period (needs the person in charge)")),
    "reasonable_delay": (DelayForm, _("Set a postponed reply date (第三十五条, needs the person in charge)")),
    "fee_notice": (FeeForm, _("Send a fee notice")),
    "fee_paid": (OnForm, _("Applicant paid the fee")),
    "withdrawn": (OnForm, _("Applicant withdrew")),
    "reply": (ReplyForm, _("Reply")),
}


class FoiSettingsForm(Form):
    letter_prefix = forms.CharField(
        label=_("Letter number prefix"),
        max_length=30,
        help_text=_("e.g. 江民公开 gives letter numbers like 江民公开〔2026〕12号"),
    )
    reconsideration_body = forms.CharField(label=_("Reconsideration body"), max_length=200)
    court = forms.CharField(label=_("Court with jurisdiction"), max_length=200)
    fee_method = forms.ChoiceField(
        label=_("How information processing fees are charged"),
        choices=[(FeeMethod.PER_PIECE.value, _("Per application")), (FeeMethod.PER_PAGE.value, _("By quantity"))],
    )
    contact_name = forms.CharField(
        label=_("Contact person named in letters"),
        max_length=50,
        required=False,
        help_text=_("Letters end with 联系人 and 联系电话 when they are set; letters already issued do not change."),
    )
    contact_phone = forms.CharField(label=_("Contact phone named in letters"), max_length=60, required=False)


class LetterTemplateForm(Form):
    body = forms.CharField(
        label=_("Template text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Variables: {{ applicant }} {{ received_on }} {{ tracking_code }} {{ description }} "
            "{{ outcome }} {{ article }} {{ documents }} {{ reason }} {{ remedies }} {{ due }} "
            "{{ workdays }} {{ correction_due }} {{ third_party_due }} {{ fee_due }} {{ amount_yuan }} "
            "{{ contact_name }} {{ contact_phone }}. The request, the reason and the documents come without a final "
            "punctuation mark: the template adds its own. Save it empty to restore the default text."
        ),
    )
