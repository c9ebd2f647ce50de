"""Requests for disclosure (依申请公开): applicants, requests, their timeline, replies and letters.

The clock's rules live in :mod:`gongkai.law.clock`; here the events are rows, and the request keeps its current due
date and state as stored columns, recomputed by the services after every event.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.crypto import EncryptedTextField
from gongkai.core.files import StoredFile
from gongkai.core.keyset import coalesced
from gongkai.law import clock, fees
from gongkai.law.outcomes import APPLICANT_KIND_LABELS, APPLICANT_KINDS, RESULT_ROWS, RESULT_SHORT_LABELS
from gongkai.law.receipt import CHANNEL_LABELS, Channel

APPLICANT_KIND_CHOICES = [(key, APPLICANT_KIND_LABELS[key]) for key in APPLICANT_KINDS]
CHANNEL_CHOICES = [(c.value, CHANNEL_LABELS[c]) for c in Channel]
OUTCOME_CHOICES = [(key, RESULT_SHORT_LABELS[key]) for key in RESULT_ROWS]


class RequestState(models.TextChoices):
    AWAITING_RECEIPT = clock.AWAITING_RECEIPT, _("Awaiting confirmation of receipt")
    OPEN = clock.OPEN, _("In progress")
    ANSWERED = clock.ANSWERED, _("Answered")
    ABANDONED_NO_CORRECTION = clock.ABANDONED_NO_CORRECTION, _("Closed: not corrected in time")
    ABANDONED_FEE_UNPAID = clock.ABANDONED_FEE_UNPAID, _("Closed: fee not paid in time")
    WITHDRAWN = clock.WITHDRAWN, _("Withdrawn")


CLOSED_STATES = tuple(RequestState(state) for state in clock.CLOSED_STATES)
NOT_CLOSED = ~models.Q(state__in=CLOSED_STATES)

# The inbox's sort keys (gongkai.foi.selectors.INBOX_DUE_KEYS, INBOX_CLOSED_KEYS): due date, no due date last;
# closing date, latest first.  Written as expressions that are never NULL so that one index serves the ORDER BY and
# the keyset seek on both databases.
INBOX_NO_DUE_DATE = dt.date(9999, 12, 31)
INBOX_NO_CLOSE_DATE = dt.date(1, 1, 1)
INBOX_DUE = coalesced("due_on", INBOX_NO_DUE_DATE)
INBOX_CLOSED = coalesced("closed_on", INBOX_NO_CLOSE_DATE)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    OTHER = "other", _("Other document")


class Applicant(models.Model):
    """Who asked. Contact data and the ID number are encrypted at rest; ``id_digest`` finds repeat applicants."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applicants")
    kind = models.CharField(_("applicant type"), max_length=30, choices=APPLICANT_KIND_CHOICES)
    name = models.CharField(_("name"), max_length=200)
    id_type = models.CharField(_("ID document"), max_length=20, choices=IdType.choices, blank=True)
    id_number = EncryptedTextField(_("ID number"), blank=True)
    id_digest = models.CharField(max_length=64, blank=True, db_index=True)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    address = EncryptedTextField(_("postal address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.name


class WantedForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    OTHER = "other", _("Other")


class Delivery(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    PICKUP = "pickup", _("Collect in person")
    ONLINE = "online", _("Download online")


class Source(models.TextChoices):
    PORTAL = "portal", _("Online form")
    OFFICER = "officer", _("Registered by an officer")
    IMPORT = "import", _("Imported register")


class InfoRequest(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="info_requests")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="requests")
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=128, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.OFFICER)
    channel = models.CharField(_("channel"), max_length=20, choices=CHANNEL_CHOICES)
    submitted_on = models.DateField(_("submitted on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    # Sent as an ordinary letter (平常信函, no signature): 条例 第三十一条第（二）项 wants receipt confirmed with the
    # applicant on the day it arrived (submitted_on); the clock flags a later confirmation.
    ordinary_letter = models.BooleanField(default=False)
    description = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose"), blank=True)
    wanted_form = models.CharField(
        _("wanted form"), max_length=20, choices=WantedForm.choices, default=WantedForm.ELECTRONIC
    )
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.EMAIL)
    state = models.CharField(
        _("state"), max_length=30, choices=RequestState.choices, default=RequestState.AWAITING_RECEIPT, db_index=True
    )
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    paused = models.CharField(max_length=20, blank=True)
    calendar_provisional = models.BooleanField(default=False)
    outcome = models.CharField(_("outcome"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    fee_method = models.CharField(_("fee method"), max_length=20, blank=True)
    note = models.TextField(_("remarks"), blank=True)
    submitter_digest = models.CharField(max_length=64, blank=True, db_index=True)
    # keyed digests of the applicant's normalised e-mail and phone (gongkai.core.contacts): a lost query code is
    # sent again to the contact the citizen names, found without decrypting any applicant
    email_digest = models.CharField(max_length=64, blank=True, db_index=True)
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("request for disclosure")
        verbose_name_plural = _("requests for disclosure")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on"]),
            # the inbox (keyset pages, docs/performance.md, List pages): in progress (the default), one state, all, closed
            models.Index("agency", INBOX_DUE, "id", name="foi_inbox_open_idx", condition=NOT_CLOSED),
            models.Index(INBOX_DUE, "id", name="foi_inbox_open_all_idx", condition=NOT_CLOSED),
            models.Index("agency", "state", INBOX_DUE, "id", name="foi_inbox_state_idx"),
            models.Index("agency", INBOX_DUE, "id", name="foi_inbox_due_idx"),
            models.Index("agency", INBOX_CLOSED.desc(), models.F("id").desc(), name="foi_inbox_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES


class RequestEvent(models.Model):
    """One line of a request's timeline. Clock events (``law.clock.EVENT_TYPES``) drive the due date; the others
    record what happened around it, including every change of the due date with the date it replaced."""

    OTHER_TYPES = {
        "submitted": "提交申请",
        "receipt_confirmed": "确认收到申请",
        "due_changed": "答复期限变更",
        "letter_issued": "出具告知书",
        "note": "备注",
    }

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40)
    on = models.DateField()
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["request", "on"])]

    def __str__(self) -> str:
        return f"{self.request} {self.type} {self.on}"

    @property
    def label(self) -> str:
        return clock.EVENT_TYPES.get(self.type) or self.OTHER_TYPES.get(self.type, self.type)

    @property
    def is_clock_event(self) -> bool:
        return self.type in clock.EVENT_TYPES

    DATA_LABELS = {
        "period_workdays": _("Period (working days)"),
        "workdays": _("Working days added"),
        "until": _("Until"),
        "amount_yuan": _("Amount (yuan)"),
        "pages": _("Pages"),
        "explanation": _("How the fee was computed"),
        "reason": _("Explanation"),
        "outcome": _("Outcome"),
        "documents": _("Information provided"),
        "previous": _("Previous due date"),
        "new": _("New due date"),
        "number": _("Letter number"),
        "channel": _("Channel"),
        "fee_waived": _("Fee waived"),
        "fee_free": _("Free of charge"),
    }
    HIDDEN_DATA = {"letter_id", "kind", "source", "method"}

    def display_data(self) -> list[tuple[str, str]]:
        """The event's details with readable labels, for the timeline."""
        rows = []
        for key, value in (self.data or {}).items():
            if key in self.HIDDEN_DATA or value in (None, "", False):
                continue
            if key == "outcome":
                value = RESULT_SHORT_LABELS.get(value, value)
            elif key == "channel":
                value = CHANNEL_LABELS.get(value, value)
            elif value is True:
                value = "✓"
            rows.append((str(self.DATA_LABELS.get(key, key)), str(value)))
        return rows


class Correction(models.Model):
    """The corrections an applicant sent online from the tracking page (条例 第三十条); its files are
    :class:`Attachment` rows pointing here. Recorded as the ``correction_received`` event on ``received_on``."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("corrections"), blank=True)
    received_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.received_on}"


class Attachment(StoredFile):
    """A file the applicant sent with the request (the public form: no one is ``uploaded_by``), or with a correction."""

    upload_dir = "foi"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="attachments")
    correction = models.ForeignKey(
        Correction, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )


class FoiSettings(models.Model):
    """Per-agency settings for requests and letters."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="foi_settings")
    letter_prefix = models.CharField(
        _("letter number prefix"), max_length=30, help_text=_("e.g. 江民公开 gives 江民公开〔2026〕12号")
    )
    reconsideration_body = models.CharField(_("reconsideration body"), max_length=200)
    court = models.CharField(_("court"), max_length=200)
    fee_method = models.CharField(_("fee method"), max_length=20, default=fees.DEFAULT_METHOD.value)
    # the officer named at the end of letters (联系人、联系电话), when set
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True, default="")
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.agency} settings"


class LetterKind(models.TextChoices):
    DISCLOSE = "disclose", "予以公开告知书"
    PARTIAL = "partial", "部分公开告知书"
    WITHHOLD = "withhold", "不予公开告知书"
    UNAVAILABLE = "unavailable", "无法提供告知书"
    NOT_PROCESSED = "not_processed", "不予处理告知书"
    CORRECTION = "correction", "补正申请告知书"
    EXTENSION = "extension", "延期答复告知书"
    THIRD_PARTY = "third_party", "征求第三方意见书"
    FEE = "fee", "收费通知书"
    OTHER = "other", "告知书"


class LetterTemplate(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()}"


class Letter(models.Model):
    """An issued letter, frozen as issued (its text never changes after issue)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="letters")
    request = models.ForeignKey(InfoRequest, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    year = models.PositiveIntegerField()
    serial = models.PositiveIntegerField()
    number = models.CharField(_("letter number"), max_length=60)
    issued_on = models.DateField()
    title = models.CharField(max_length=100)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "serial"], name="letter_serial_unique")]

    def __str__(self) -> str:
        return self.number


class TrackingAttempt(models.Model):
    """A failed look-up on the public tracking page; too many from one address in an hour are refused."""

    client_digest = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.client_digest[:8]} {self.at:%Y-%m-%d %H:%M}"


class QueryCodeResendAttempt(models.Model):
    """One request to send a lost query code again, matched or not (``subject_digest``: the tracking code named, or the
    contact when none was, keyed);
    counted per client address and per tracking code to limit them (gongkai.foi.services.query_code_resend)."""

    client_digest = models.CharField(max_length=64, db_index=True)
    subject_digest = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.client_digest[:8]} {self.at:%Y-%m-%d %H:%M}"


class DeliveryChannel(models.TextChoices):
    """How a letter reached (or was sent to) its addressee; the values shared with :class:`Delivery` are the same."""

    PORTAL = Delivery.ONLINE.value, _("Download on the portal")
    EMAIL = Delivery.EMAIL.value, _("E-mail")
    SMS = "sms", _("Text message with a link")
    POST = Delivery.POST.value, _("Post (tracking number)")
    IN_PERSON = Delivery.PICKUP.value, _("Handed over in person")
    FAX = "fax", _("Fax")


class ReceivedHow(models.TextChoices):
    SIGNED = "signed", _("Signed for")
    OPENED = "opened", _("Opened on the portal")
    CONFIRMED = "confirmed", _("Confirmed by the addressee")
    DEEMED = "deemed", _("Deemed delivered")


class LetterDelivery(models.Model):
    """One delivery (送达) of a letter: sent on a day by a channel, received (or not yet: *in delivery*) on a day.
    The periods that run from the addressee's receipt count from the earliest ``received_on`` of a letter
    (gongkai.foi.deliveries). Evidence: a file (:class:`DeliveryEvidence`), the notify message, or an id."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=20, choices=DeliveryChannel.choices)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    sent_on = models.DateField(_("sent on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_how = models.CharField(_("how received"), max_length=20, choices=ReceivedHow.choices, blank=True)
    message = models.ForeignKey(
        "notify.Message", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the e-mail or text gongkai sent (no text kept there)
    external_message_id = models.CharField(_("e-mail message id"), max_length=200, blank=True)
    note = models.CharField(_("remarks"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [
            # opening a letter on the portal is recorded once, however often it is opened
            models.UniqueConstraint(
                fields=["letter"], condition=models.Q(channel="online"), name="letter_delivery_one_portal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter} {self.channel} {self.sent_on}"

    @property
    def in_delivery(self) -> bool:
        return self.received_on is None


class DeliveryEvidence(StoredFile):
    """A scan of the signed receipt (回执), the post office's record … kept with a delivery."""

    upload_dir = "foi-deliveries"

    delivery = models.ForeignKey(LetterDelivery, on_delete=models.CASCADE, related_name="evidence")
