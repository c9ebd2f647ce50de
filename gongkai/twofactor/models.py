"""Recovery codes: a django-otp device of our own, whose codes are stored as keyed digests, never in the clear.

The TOTP authenticator itself is django-otp's ``otp_totp.TOTPDevice`` (RFC 6238: 6 digits, 30 s steps, one step of
tolerance, a used step never accepted again). django-otp's static device would keep recovery codes as plain text;
here each code is an HMAC (:func:`gongkai.core.crypto.digest`, keyed by the platform's encryption key), so a copy of
the database alone does not give them away. Both devices throttle wrong codes (django-otp's ``ThrottlingMixin``:
after n failures in a row the next try waits 2^(n-1) seconds).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from gongkai.core.crypto import digest


def normalise_code(token: str) -> str:
    """What the user typed, as the code is stored: lower case, without spaces or hyphens."""
    return "".join(ch for ch in str(token).lower() if ch.isalnum())


def code_digest(token: str) -> str:
    return digest("gongkai-recovery-code:" + normalise_code(token))


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """One per user: the unused recovery codes (each accepted once, in place of an authenticator code)."""

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        match = self.codes.filter(digest=code_digest(token)).first()
        if match is None:
            self.throttle_increment(commit=True)
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "digest"], name="recovery_code_unique")]

    def __str__(self) -> str:
        return f"{self.device_id}:{self.digest[:8]}"
