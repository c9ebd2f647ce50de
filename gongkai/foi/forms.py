"""Forms for requests: the public form, the officer's registration, and one small form per clock action."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import accept_document
from gongkai.core.forms import BLANK_CHOICE, Form, LongTextField, count_field, date_field, field_messages
from gongkai.foi.corrections import CORRECTION_MAX_CHARS
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
from gongkai.law.identifiers import InvalidIdentifier, is_valid_uscc, validate_resident_id, validate_uscc
from gongkai.law.outcomes import AUTOMATIC_OUTCOMES


def _date_field(label: str, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return date_field(label, required=required, initial=timezone.localdate if initial_today else None)


_MOBILE = re.compile(r"(?:\+?86|0086)?(1[3-9]\d{9})")
_LANDLINE = re.compile(
    r"[(（]?(0\d{2,3})[)）]?[\s-]?(\d{7,8})(?:\s*(?:转|分机|-|#|ext\.?|x)\s*(\d{1,6}))?", re.IGNORECASE
)
_RESIDENT_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_OTHER_ID = re.compile(r"[0-9A-Za-z()（）-]{4,40}")


def normalise_phone(value: str) -> str | None:
    """A mainland mobile (1[3-9] and 9 digits, optionally +86, spaces or hyphens) as its 11 digits, or a landline
    (区号-号码, optionally 转/分机 and the extension) as ``010-12345678`` / ``010-12345678转123``; None for anything else.
    Only separators and the country code go: the contact's digest (gongkai.core.contacts) is the same before and
    after."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    mobile = _MOBILE.fullmatch(re.sub(r"[\s-]", "", text))
    if mobile:
        return mobile.group(1)
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"转{extension}" if extension else "")
    return None


_RESIDENT_ID_MESSAGES = {
    "id.length": _("An ID card number has 18 characters; this one has %(length)d. Please check it"),
    "id.charset": _("An ID card number is 17 digits and a final digit or X. Please check it"),
    "id.birthdate": _("The date of birth in the ID card number (%(born)s) is not a possible date. Please check it"),
    "id.check": _("The check digit of the ID card number is wrong. Please check it"),
}


def _resident_id(number: str) -> str:
    try:
        return validate_resident_id(number, timezone.localdate())
    except InvalidIdentifier as exc:
        params = {"length": len(number), "born": number[6:14]}
        raise forms.ValidationError(_RESIDENT_ID_MESSAGES[exc.code], code=exc.code, params=params) from None


def _credit_code(number: str) -> str:
    try:
        return validate_uscc(number)
    except InvalidIdentifier as exc:
        if exc.code == "uscc.check":
            message = _("The check character of the unified social credit code is wrong. Please check it")
        else:
            message = _(
                "A unified social credit code has 18 digits or capital letters (no I, O, Z, S or V). Please check it"
            )
        raise forms.ValidationError(message, code=exc.code) from None


def _other_id(number: str) -> str:
    if not _OTHER_ID.fullmatch(number):
        raise forms.ValidationError(
            _("A document number has 4 to 40 letters, digits, hyphens or brackets. Please check it"), code="id.other"
        )
    return number


class ApplicantFields(Form):
    kind = forms.ChoiceField(
        label=_("Applicant type"),
        choices=APPLICANT_KIND_CHOICES,
        initial="natural_person",
        error_messages=field_messages(_("the applicant type"), choose=True),
    )
    name = forms.CharField(
        label=_("Name of the person or organisation"),
        max_length=200,
        error_messages=field_messages(_("the name of the person or organisation")),
    )
    id_type = forms.ChoiceField(
        label=_("ID document"),
        choices=[BLANK_CHOICE, *list(IdType.choices)],
        required=False,
        error_messages=field_messages(_("the ID document"), choose=True),
    )
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=40,
        required=False,
        help_text=_(
            "A person gives a resident identity card number; a legal person or other organisation gives its "
            "unified social credit code."
        ),
        error_messages=field_messages(_("the ID number")),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        required=False,
        error_messages=field_messages(_("the contact person")),
    )
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=40,
        help_text=_("A mobile number, or a landline with its area code (e.g. 010-12345678)."),
        error_messages=field_messages(_("the contact phone")),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages=field_messages(
            _("the e-mail address"), invalid=_("Please enter a valid e-mail address, such as name@example.com")
        ),
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        required=False,
        error_messages=field_messages(_("the postal address")),
    )

    APPLICANT_KEYS = ("kind", "name", "id_type", "id_number", "contact_person", "phone", "email", "address")

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("phone", ""))
        if phone is None:
            raise forms.ValidationError(
                _("Please enter a valid mobile or landline number (e.g. 010-12345678)"), code="phone"
            )
        return phone

    def clean(self):
        data = super().clean()
        number = unicodedata.normalize("NFKC", data.get("id_number") or "").strip().upper()
        id_type = data.get("id_type") or ""
        if not number or "id_number" in self.errors or "id_type" in self.errors:
            return data
        try:
            if not id_type:
                # 证件类型 left at "—": an 18-character number is a 身份证 or a 统一社会信用代码; anything else needs the type
                looks_resident = bool(_RESIDENT_ID_SHAPE.fullmatch(number))
                if data.get("kind") != "natural_person" and is_valid_uscc(number):
                    id_type = IdType.CREDIT_CODE
                elif looks_resident:
                    id_type = IdType.RESIDENT_ID
                else:
                    self.add_error("id_type", forms.ValidationError(_("Please choose the ID document"), code="id_type"))
                    return data
            checks = {IdType.RESIDENT_ID: _resident_id, IdType.CREDIT_CODE: _credit_code}
            data["id_number"] = checks.get(id_type, _other_id)(number)
            data["id_type"] = id_type
        except forms.ValidationError as error:
            self.add_error("id_number", error)
        return data

    def applicant_data(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.APPLICANT_KEYS}


class RequestFields(Form):
    description = LongTextField(
        label=_("Name or reference number of the government information, or another description that helps find it"),
        max_length=4000,
        error_messages=field_messages(_("the description of the information")),
    )
    wanted_form = forms.ChoiceField(
        label=_("Form of the information"),
        choices=WantedForm.choices,
        initial=WantedForm.ELECTRONIC,
        error_messages=field_messages(_("the form of the information"), choose=True),
    )
    delivery = forms.ChoiceField(
        label=_("How to receive the information"),
        choices=Delivery.choices,
        initial=Delivery.EMAIL,
        error_messages=field_messages(_("how to receive the information"), choose=True),
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
    channel = forms.ChoiceField(
        label=_("Channel"), choices=CHANNEL_CHOICES, error_messages=field_messages(_("the channel"), choose=True)
    )
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
        choices=[BLANK_CHOICE] + [c for c in OUTCOME_CHOICES if c[0] not in AUTOMATIC_OUTCOMES],
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

    # the cap shown by site.js's live counter, as on the application form; a longer text is refused with its count
    text = LongTextField(
        label=_("Corrections"),
        required=False,
        max_length=CORRECTION_MAX_CHARS,
        error_messages=field_messages(_("the corrections")),
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
    return [BLANK_CHOICE, *ReceivedHow.choices]


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
