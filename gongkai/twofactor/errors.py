"""Refusals of the two-factor writes (:mod:`gongkai.twofactor.services`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class TwoFactorError(Refusals):
    WRONG_CODE = "twofactor.wrong_code", _("The code is not correct. Check the time on your phone and try again.")
    BAD_KEY = "twofactor.bad_key", _("The set-up key has expired. Scan the new QR code and enter its code.")
    NOT_VERIFIED = (
        "twofactor.not_verified",
        _("Enter a code from your current authenticator first: then you may replace it."),
    )
    REQUIRED = (
        "twofactor.required",
        _("Your role requires two-factor login: it cannot be switched off, only replaced."),
    )
    NOT_ADMIN = "twofactor.not_admin", _("Only a system administrator may reset another user's two-factor login.")
    NOT_ENROLLED = "twofactor.not_enrolled", _("This user has not set up two-factor login.")
