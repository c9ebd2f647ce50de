"""Refusals of the report checker's upload (:mod:`gongkai.checker.forms`): nothing is checked when one is refused."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class CheckerError(Refusals):
    TOO_MANY = "checker.too_many", _("At most %(max)s files can be checked at once; %(count)s were chosen.")
    TOO_LARGE = "checker.too_large", _("“%(name)s” is larger than %(limit)s MB; no file was checked.")
