"""Refusals of the case writes (:mod:`gongkai.cases.services`) and of the yearly figures (:mod:`gongkai.cases.figures`,
which keep their historical ``figures.*`` codes). ``%(label)s`` is the name of a field as the message calls it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import CoreError, Refusals


class CaseError(Refusals):
    # any field
    REQUIRED = "cases.required", _("Please enter the %(label)s.")
    FUTURE_DATE = "cases.future_date", _("The %(label)s cannot be later than today.")
    # %(relation)s: “earlier than” or “later than”
    DATE_ORDER = "cases.date_order", _("The %(label)s cannot be %(relation)s the %(other)s.")
    # cases
    KIND = (
        "cases.kind",
        _(
            "Please choose the kind of case: administrative reconsideration, administrative litigation "
            "(without reconsideration) or administrative litigation (after reconsideration)."
        ),
    )
    NUMBER_TAKEN = "cases.number_taken", _("This agency has already registered a case numbered “%(number)s”.")
    REPLY_BEFORE_SERVICE = (
        "cases.reply_before_service",
        _("Before entering the date of the reply (defence), please enter the date the copy was received."),
    )
    NOT_RECONSIDERATION = (
        "cases.not_reconsideration",
        _("The %(label)s applies only to administrative reconsideration cases."),
    )
    EXTENSION = (
        "cases.extension",
        _(
            "The decision period of an administrative reconsideration can be extended by at most %(days)s days "
            "(Administrative Reconsideration Law, Art. 62)."
        ),
    )
    SIMPLIFIED_EXTENSION = (
        "cases.simplified_extension",
        _(
            "A case heard under the simplified procedure is decided within 30 days without extension; to extend, "
            "turn it into the ordinary procedure (Administrative Reconsideration Law, Art. 62 and 55)."
        ),
    )
    JOINT_DEFENDANT = (
        "cases.joint_defendant",
        _("“Co-defendant as the reconsideration body” applies only to lawsuits after reconsideration."),
    )
    REQUEST_AGENCY = "cases.request_agency", _("The request concerned must be a request to this agency.")
    RESULT = "cases.result", _("Please choose the result: upheld, corrected or other.")
    # documents
    DOCUMENT_COUNT = "cases.document_count", _("A case can have at most %(max)s documents.")
    DOCUMENT_TYPE = "cases.document_type", CoreError.FILE_TYPE.label  # %(noun)s: the case document
    # yearly figures: %(label)s is the template's heading of the cell, %(value)s what was entered
    FIGURES_YEAR = (
        "figures.year",
        _("The year “%(value)s” is not valid: it should be a year from %(first)s to %(last)s."),
    )
    FIGURES_COUNT = "figures.count", _("%(label)s “%(value)s” should be a whole number, 0 or more (cases).")
    FIGURES_COUNT_RANGE = "figures.count_range", _("%(label)s “%(value)s” is more than %(max)s.")
    FIGURES_FEES = "figures.fees", _("%(label)s “%(value)s” should be an amount of 0 or more (in 10,000 yuan).")
    FIGURES_FEES_PLACES = (
        "figures.fees_places",
        _("%(label)s “%(value)s” may have at most four decimal places (to the yuan)."),
    )
    FIGURES_SOURCE = "figures.source", _("The source may not be longer than %(max)s characters.")
