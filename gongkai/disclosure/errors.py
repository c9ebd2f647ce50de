"""Refusals of proactive disclosure: the review chain, drafts, personal data, review, withdrawal and repeal
(:mod:`gongkai.disclosure.services`), attachments (:mod:`gongkai.disclosure.attachments`) and the recurring duties
(:mod:`gongkai.disclosure.duties`).

``%(reason)s`` passes on the Chinese message of :mod:`gongkai.core.documents` or :mod:`gongkai.law.duties`. An
upload refused for its size or type keeps the code of :mod:`gongkai.core.files` (``disclosure.attachment_type`` …).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import CoreError, Refusals


class DisclosureError(Refusals):
    # the review chain
    CHAIN_EMPTY = "disclosure.chain_empty", _("The review chain needs at least one step.")
    CHAIN_BUSY = (
        "disclosure.chain_busy",
        _("Some information is still in review; the review chain can be changed once that review is finished."),
    )
    CHAIN_STEP = "disclosure.chain_step", _("Each review step needs a name and the role of reviewer or approver.")
    CHAIN_STEP_TOO_LONG = (
        "disclosure.chain_step_too_long",
        _("The name of the review step “%(name)s…” is too long: at most %(max_length)s characters."),
    )
    # drafts
    TITLE_REQUIRED = "disclosure.title_required", _("Please enter the title.")
    CATEGORY = "disclosure.category", _("Please choose a category of this agency's catalogue.")
    INTERPRETS = "disclosure.interprets", _("Only a policy this agency has published can be interpreted.")
    RELATED = "disclosure.related", _("Only information of this agency can be linked.")
    SUPERSEDES = (
        "disclosure.supersedes",
        _("Only another rule or normative document of this agency can be replaced by this one."),
    )
    # %(vocabulary)s: 主题分类 or 体裁
    TERM = "disclosure.term", _("Please choose a term of the list of %(vocabulary)s.")
    TERM_INACTIVE = (
        "disclosure.term_inactive",
        _("“%(term)s” is no longer offered; please choose another term of the list of %(vocabulary)s."),
    )
    TERM_PARENT = "disclosure.term_parent", _("A sub-term must belong to a main term of the same list.")
    NOT_DRAFT = (
        "disclosure.not_draft",
        _("Only a draft can be changed; information sent for review must first be sent back."),
    )
    PUBLISHED = "disclosure.published", _("Published information cannot be changed directly.")
    # personal data
    JUSTIFY_ROLE = (
        "disclosure.justify_role",
        _("Only a reviewer or an approver can give the reason for keeping personal data."),
    )
    JUSTIFY_REASON_REQUIRED = (
        "disclosure.justify_reason_required",
        _("Please give the reason for keeping this personal data."),
    )
    FINDING_GONE = (
        "disclosure.finding_gone",
        _("This personal data is no longer in the body or the attachments, or its reason has already been given."),
    )
    # %(kinds)s: the kinds of personal data found; %(places)s: where, and how many in each place
    PII = (
        "disclosure.pii",
        _(
            "%(count)s findings of personal data have not been dealt with (%(kinds)s; %(places)s): please mask them, "
            "or have a reviewer give the reason for keeping them, before submitting."
        ),
    )
    # the review
    SUBMIT_NOT_DRAFT = "disclosure.submit_not_draft", _("Only a draft can be sent for review.")
    NOT_IN_REVIEW = "disclosure.not_in_review", _("This information is not in review.")
    STEP_ROLE = "disclosure.step_role", _("“%(step)s” must be decided by this agency's %(role)s.")
    # separation of duties (disclosure.separation); %(earlier)s and %(step)s: names of the agency's review steps
    SAME_PERSON_STEPS = (
        "disclosure.same_person_steps",
        _(
            "The same person cannot take both “%(earlier)s” and “%(step)s” of the same information: please ask "
            "another colleague to take “%(step)s”."
        ),
    )
    DRAFTER_REVIEWS = (
        "disclosure.drafter_reviews",
        _("The drafter cannot review their own information: please ask another colleague to take “%(step)s”."),
    )
    REJECT_REASON_REQUIRED = (
        "disclosure.reject_reason_required",
        _("Please give the reason for sending it back."),
    )
    # withdrawal and repeal
    NOT_PUBLISHED = "disclosure.not_published", _("Only published information can be withdrawn.")
    WITHDRAW_ROLE = (
        "disclosure.withdraw_role",
        _("Withdrawing published information is decided by an approver or an agency administrator."),
    )
    WITHDRAW_REASON_REQUIRED = "disclosure.withdraw_reason_required", _("Please give the reason for the withdrawal.")
    NOT_NORMATIVE = (
        "disclosure.not_normative",
        _("Only a published rule or administrative normative document can be repealed."),
    )
    VALIDITY = "disclosure.validity", _("The validity must be repealed or expired.")
    # attachments
    ATTACHMENT_NOT_DRAFT = (
        "disclosure.attachment_not_draft",
        _(
            "Attachments can be added, removed or masked only in a draft; information sent for review must first be "
            "sent back."
        ),
    )
    ATTACHMENT_COUNT = "disclosure.attachment_count", _("An item may have at most %(max)s attachments.")
    ATTACHMENT_TYPE = "disclosure.attachment_type", CoreError.FILE_TYPE.label  # a file not allowed (%(noun)s)
    ATTACHMENT_UNREADABLE = (
        "disclosure.attachment_unreadable",
        _("The attachment cannot be checked for personal data: %(reason)s."),
    )
    ATTACHMENT_IMAGE = (
        "disclosure.attachment_image",
        _("An image has no text layer and cannot be masked automatically; please mask it and upload it again."),
    )
    MASK_FAILED = "disclosure.mask_failed", _("“%(name)s” cannot be masked automatically: %(reason)s.")
    ATTACHMENT_MISSING = (
        "disclosure.attachment_missing",
        _("The file of the attachment “%(name)s” is missing; please remove the attachment and upload it again."),
    )
    ATTACHMENTS_CHANGED = (
        "disclosure.attachments_changed",
        _("The attachments changed while they were being checked; nothing was saved, please try again."),
    )
    # the body imported from a Word file (wordimport.py)
    WORD_NOT_DRAFT = (
        "disclosure.word_not_draft",
        _(
            "The body can be imported from a Word file only into a draft; information sent for review must first be sent back."
        ),
    )
    WORD_TYPE = (
        "disclosure.word_type",
        _(
            "Only a Word file (DOCX) can be imported as the body; save a .doc or WPS file as .docx first. Its content "
            "decides, not its extension."
        ),
    )
    WORD_UNREADABLE = (
        "disclosure.word_unreadable",
        _("The Word file cannot be read; it may be damaged. Nothing was imported."),
    )
    WORD_EMPTY = "disclosure.word_empty", _("The Word file has no text to import as the body.")
    WORD_PICTURES = (
        "disclosure.word_pictures",
        _(
            "The Word file has %(count)s pictures, which become attachments, but this item can take only %(room)s "
            "more (at most %(max)s attachments). Nothing was imported."
        ),
    )
    # duties
    DUTY_NAME_REQUIRED = "disclosure.duty_name_required", _("Please enter the name of the disclosure duty.")
    DUTY_RECURRENCE = (
        "disclosure.duty_recurrence",
        _("Please choose the recurrence: monthly, quarterly, half-yearly or yearly."),
    )
    DUTY_RECURRENCE_LOCKED = (
        "disclosure.duty_recurrence_locked",
        _(
            "Periods have already been created, so the recurrence can no longer change; please deactivate this duty "
            "and create a new one."
        ),
    )
    DUTY_MONTHS_AFTER = (
        "disclosure.duty_months_after",
        _("The months after the period must be between 0 and %(max)s."),
    )
    DUTY_DAY = "disclosure.duty_day", _("The day must be between 1 and 31 (empty for the last day of the month).")
    DUTY_MONTH_NOT_YEARLY = "disclosure.duty_month_not_yearly", _("Only a yearly duty can have a fixed month.")
    DUTY_MONTH = "disclosure.duty_month", _("The month must be between 1 and 12.")
    DUTY_STARTS_ON_REQUIRED = "disclosure.duty_starts_on_required", _("Please enter the date it starts on.")
    DUTY_RULE = "disclosure.duty_rule", _("The due date rule is not valid: %(reason)s.")
    DUTY_ITEM = "disclosure.duty_item", _("Only information this agency has published can fulfil this duty.")
    DUTY_ITEM_SINCE = (
        "disclosure.duty_item_since",
        _("Please choose information published on or after %(year)s-%(month)s-%(day)s."),
    )
    DUTY_ITEM_CATEGORY_SINCE = (
        "disclosure.duty_item_category_since",
        _("Please choose information in the category “%(category)s” published on or after %(year)s-%(month)s-%(day)s."),
    )
    DUTY_DONE = "disclosure.duty_done", _("This period has already been fulfilled.")
    # the item picker of the draft form (gongkai.disclosure.picker); %(values)s: what was typed, quoted
    PICK_UNKNOWN = (
        "disclosure.pick_unknown",
        _(
            "This agency has no information with the index number or number %(values)s; please enter index numbers "
            "or #numbers of this agency's information, separated by commas, spaces or new lines."
        ),
    )
    PICK_SELF = "disclosure.pick_self", _("Information cannot name itself here (%(values)s).")
    PICK_WITHDRAWN = "disclosure.pick_withdrawn", _("%(values)s has been withdrawn and cannot be chosen here.")
    PICK_NOT_NORMATIVE = (
        "disclosure.pick_not_normative",
        _("%(values)s is not a rule or administrative normative document and cannot be chosen here."),
    )
    PICK_ONE = "disclosure.pick_one", _("Please enter one item only (%(count)s were entered).")
    # repeal or expiry recorded on the item's staff page (services.normative_repeal)
    REPEAL_ROLE = (
        "disclosure.repeal_role",
        _("A repeal or expiry is recorded by an approver or an agency administrator."),
    )
    REPEAL_BEFORE_WRITING = (
        "disclosure.repeal_before_writing",
        _("The date cannot be earlier than the document's date of writing (%(formed)s)."),
    )
    REPLACED_BY = (
        "disclosure.replaced_by",
        _("The replacing document must be another published rule or normative document of this agency."),
    )
    REPLACED_BY_TAKEN = (
        "disclosure.replaced_by_taken",
        _("The replacing document already replaces “%(other)s”; a document records only one it replaces."),
    )
