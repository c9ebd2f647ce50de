"""Refusals of the report checker's upload (:mod:`gongkai.checker.forms`, :mod:`gongkai.checker.services`): nothing
is checked when one is refused."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class CheckerError(Refusals):
    TOO_MANY = "checker.too_many", _("At most %(max)s files can be checked at once; %(count)s were chosen.")
    TOO_LARGE = "checker.too_large", _("“%(name)s” is larger than %(limit)s MB; no file was checked.")
    TOTAL_TOO_LARGE = (
        "checker.total_too_large",
        _("The files chosen add up to %(size)s MB, more than the %(limit)s MB of one upload; no file was checked."),
    )
    RATE_LIMITED = (
        "checker.rate_limited",
        _("You have already checked %(max)s uploads in the past hour; please try again later."),
    )
