"""Refusals of the engagement records' checks (the ``clean_*`` functions of :mod:`gongkai.engagement.services`),
shared by the forms, the imports and the demo. ``%(label)s`` is the name of a field as the message calls it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class EngagementError(Refusals):
    # any field
    REQUIRED = "engagement.required", _("Please enter the %(label)s.")
    TOO_LONG = "engagement.too_long", _("The %(label)s may not be longer than %(max_length)s characters.")
    FUTURE_DATE = "engagement.future_date", _("The %(label)s cannot be later than today.")
    DATE_ORDER = "engagement.date_order", _("The %(label)s cannot be earlier than the %(earlier)s.")
    # choices
    CHANNEL = "engagement.channel", _("Please choose the channel: hotline, online, in person or letter.")
    KIND = "engagement.kind", _("Please choose the type: %(choices)s.")
    LEVEL = "engagement.level", _("Please choose the level of the public opinion event: major, significant or general.")
    # consultations
    ANSWERED = "engagement.answered", _("A consultation with a date of the answer must be marked as answered.")
    # suggestions and proposals
    DEPARTMENT = "engagement.department", _("The lead department must be a department of this agency.")
    DEPARTMENT_NOT_FOUND = "engagement.department_not_found", _("This agency has no department named “%(name)s”.")
    NUMBER_TAKEN = (
        "engagement.number_taken",
        _("In %(year)s this agency has already registered the %(kind)s numbered “%(number)s”."),
    )
    DUE_ON = (
        "engagement.due_on",
        _(
            "The reply is due on or after the date of assignment and at most %(months)s months later "
            "(with the consent of the body that assigned it)."
        ),
    )
    ITEM = "engagement.item", _("The published reply can only be information this agency has published.")
    ITEM_NOT_FOUND = (
        "engagement.item_not_found",
        _("This agency has published no information with index number “%(index_number)s”."),
    )
    PUBLISHED_BEFORE_REPLY = (
        "engagement.published_before_reply",
        _("Please enter the date of the reply before publishing the reply in full."),
    )
    # press conferences and interviews
    LINK = "engagement.link", _("The link must be a web address starting with http:// or https://.")
