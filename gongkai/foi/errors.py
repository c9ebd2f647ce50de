"""Refusals of the request writes (:mod:`gongkai.foi.services`, :mod:`~gongkai.foi.fees`,
:mod:`~gongkai.foi.configuration`, :mod:`~gongkai.foi.letters`).

The applicant's type and document keep their historical ``applicant.*`` codes. The law's own refusals pass through
with the law's code: an invalid document number (``uscc.check``, ``id.length`` …), a fee standard not in force
(``law.not_in_force``), an event the clock does not allow (``clock.extension_limit`` …).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import REASON, CoreError, Refusals


class FoiError(Refusals):
    # applicants
    APPLICANT_KIND = "applicant.kind", _("Please choose the kind of applicant from the list.")
    APPLICANT_ID_TYPE = "applicant.id_type", _("A natural person must use an identity document.")
    NAME_REQUIRED = "foi.name_required", _("Please enter the applicant's name.")
    # requests
    DESCRIPTION_REQUIRED = (
        "foi.description_required",
        _(
            "Please describe the government information you need: its title, reference number "
            "or other features that help find it (条例第二十九条)."
        ),
    )
    ATTACHMENT_TYPE = "foi.attachment_type", CoreError.FILE_TYPE.label  # the applicant's attachment (%(noun)s)
    RATE_LIMITED = (
        "foi.rate_limited",
        _("Too many submissions. Please try again in an hour, or apply by letter, in person or another way."),
    )
    AGENCY_BUSY = (
        "foi.agency_busy",
        _(
            "This agency is receiving too many online requests at the moment. Please try again in an hour, or apply "
            "by letter, in person or another way."
        ),
    )
    CHANNEL = "foi.channel", _("Please choose how the request was made from the list.")
    # receipt: the law's sentence on the dates that fix it (gongkai.law.receipt)
    RECEIPT_DATE = "foi.receipt_date", REASON
    ALREADY_RECEIVED = "foi.already_received", _("Receipt of this request has already been confirmed.")
    DATE = "foi.date", _("The date of receipt cannot be earlier than the date of submission.")
    # events on the clock
    EVENT_TYPE = "foi.event_type", _("This step cannot be recorded for a request (%(type)s).")
    NOT_RECEIVED = "foi.not_received", _("Please first confirm the date the request was received (条例第三十一条).")
    APPROVAL_REQUIRED = (
        "foi.approval_required",
        _("Extending the reply period needs the approval of the person in charge; please choose the approver."),
    )
    APPROVER_ROLE = "foi.approver_role", _("The approver must be a signatory (person in charge) of this agency.")
    # replies
    OUTCOME = "foi.outcome", _("Please choose the outcome.")
    OUTCOME_AUTOMATIC = (
        "foi.outcome_automatic",
        _(
            "This outcome is set by the system when the correction or payment period lapses; "
            "it cannot be chosen by hand."
        ),
    )
    # fees: the law's sentence on the figures given (gongkai.law.fees)
    FEE_INPUT = "foi.fee_input", REASON
    # a system administrator's reveal of an applicant (gongkai.foi.privacy)
    REVEAL_NOT_ALLOWED = (
        "foi.reveal_not_allowed",
        _("Only a system administrator can reveal an applicant's personal data this way."),
    )
    REVEAL_REASON = (
        "foi.reveal_reason",
        _(
            "Please write why you need to see the applicant's personal data (at least %(min)s characters); "
            "the reason is kept in the audit log."
        ),
    )
    # the tracking page
    TRACKING_LOCKED = "foi.tracking_locked", _("Too many failed look-ups. Please try again in an hour.")
    # a lost query code, sent again
    RESEND_CLIENT_LIMITED = (
        "foi.resend_client_limited",
        _(
            "Too many requests to send a query code. Please try again in an hour, or ask the agency handling the request."
        ),
    )
    RESEND_SUBJECT_LIMITED = (
        "foi.resend_subject_limited",
        _(
            "A query code for this tracking code or contact has been asked for too often today. Please try again "
            "tomorrow, or ask the agency handling the request."
        ),
    )
    # configuration
    FEE_METHOD = "foi.fee_method", _("Please choose how fees are charged: per application or by quantity.")
    LETTER_KIND = "foi.letter_kind", _("Please choose a kind of letter from the list.")
    TEMPLATE_SYNTAX = "foi.template_syntax", _("The template text cannot be read: %(reason)s")
    TEMPLATE_BRANCH = (
        "foi.template_branch",
        _("The template fails when these values are empty (%(empty)s): %(reason)s"),
    )
    TEMPLATE_BROKEN = (
        "foi.template_broken",
        _(
            "The %(kind)s template cannot produce this letter (%(reason)s); nothing was recorded. Please ask the agency admin to correct the template."
        ),
    )
    # deliveries of letters (gongkai.foi.deliveries)
    DELIVERY_CHANNEL = "foi.delivery_channel", _("Please choose how the letter was delivered from the list.")
    DELIVERY_BEFORE_LETTER = (
        "foi.delivery_before_letter",
        _("The date cannot be earlier than the date of the letter (%(issued)s)."),
    )
    DELIVERY_IN_FUTURE = "foi.delivery_in_future", _("The date cannot be later than today.")
    RECEIVED_BEFORE_SENT = "foi.received_before_sent", _("The date received cannot be earlier than the date sent.")
    RECEIVED_HOW = "foi.received_how", _("Please choose how the letter was received.")
    TRACKING_NUMBER_REQUIRED = "foi.tracking_number_required", _("Please give the tracking number of the post.")
    ALREADY_DELIVERED = "foi.already_delivered", _("The receipt of this delivery has already been recorded.")
    # corrections sent online (the tracking page)
    CORRECTION_EMPTY = "foi.correction_empty", _("Please write the corrections or attach a file.")
    CORRECTION_NOT_ASKED = "foi.correction_not_asked", _("No correction of this request is being asked for.")
    CORRECTION_FILES = "foi.correction_files", _("At most %(max)s files can be attached.")
    CORRECTION_TOO_LONG = (
        "foi.correction_too_long",
        _(
            "The corrections can be at most %(max)s characters; they have %(count)s. Please shorten them and send again."
        ),
    )
