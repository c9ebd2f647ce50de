"""Writes of two-factor login: enrol an authenticator, verify a code, recovery codes, removal and reset.

Every one is audited on the platform chain (no agency), like logins: ``auth.2fa_enrolled``, ``auth.2fa_verified``,
``auth.2fa_failed``, ``auth.2fa_recovery_used``, ``auth.2fa_recovery_renewed``, ``auth.2fa_device_removed``,
``auth.2fa_reset``. Nothing here knows HTTP: the views keep the session (:func:`django_otp.login`) and count a wrong
code toward the login lockout.
"""

from __future__ import annotations

import secrets
import time
from binascii import Error as BinasciiError
from binascii import unhexlify
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, key_validator
from django_otp.util import random_hex

from gongkai.audit.services import record
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.twofactor import policy, selectors
from gongkai.twofactor.errors import TwoFactorError
from gongkai.twofactor.models import RecoveryCode, RecoveryCodeDevice, code_digest, normalise_code

RECOVERY_CODE_COUNT = 10
# 31 letters and digits without the look-alikes (0/o, 1/l/i): 10 of them carry about 50 bits.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOTP_DIGITS = 6
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def new_key() -> str:
    """A fresh TOTP key (20 random bytes, hex) for an enrolment in progress; nothing is stored until confirmed."""
    return random_hex(20)


def otpauth_uri(user, key: str) -> str:
    """The ``otpauth://totp/…`` URI an authenticator app scans (issuer ``OTP_TOTP_ISSUER``)."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS).config_url


def otpauth_issuer() -> str:
    """The issuer an authenticator app shows beside the account (``GONGKAI_2FA_ISSUER``)."""
    return str(getattr(settings, "OTP_TOTP_ISSUER", "") or "")


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _is_totp_code(token: str) -> bool:
    return len(token) == TOTP_DIGITS and token.isdigit()


def _verified(user, verified_by: Device | None) -> bool:
    return verified_by is not None and verified_by.user_id == user.pk and verified_by.confirmed


def _renew_recovery_codes(user) -> list[str]:
    device, _created = RecoveryCodeDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_NAME})
    device.codes.all().delete()
    device.throttle_reset(commit=False)
    device.save()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(device=device, digest=digest) for digest in {code_digest(c) for c in codes}]
    )
    return codes


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


@service
def totp_enrol(*, actor: Any, key: str, token: str, verified_by: Device | None = None) -> Enrolment:
    """Confirm a new authenticator with its first code; it replaces any earlier one (which needs a verified
    session: whoever has only the password cannot swap the phone) and comes with new recovery codes."""
    user = actor
    try:
        key_validator(key)
        bin_key = unhexlify(key.encode())
    except (ValidationError, BinasciiError, AttributeError, ValueError):
        raise TwoFactorError.BAD_KEY.refuse("otp_token") from None
    if len(bin_key) < 16:
        raise TwoFactorError.BAD_KEY.refuse("otp_token")
    old = list(TOTPDevice.objects.filter(user=user))
    if any(d.confirmed for d in old) and not _verified(user, verified_by):
        raise TwoFactorError.NOT_VERIFIED.refuse()
    token = normalise_code(token)
    totp = TOTP(bin_key, step=30, t0=0, digits=TOTP_DIGITS, drift=0)
    totp.time = time.time()
    if not _is_totp_code(token) or not totp.verify(int(token), tolerance=1):
        raise TwoFactorError.WRONG_CODE.refuse("otp_token")
    for device in old:
        record(action="auth.2fa_device_removed", actor=user, obj=device, changes={"reason": "replaced"})
        device.delete()
    # The step of the code just typed is used up: it cannot log in again (replay).
    device = TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, key=key, digits=TOTP_DIGITS, confirmed=True, last_t=totp.t()
    )
    device.set_last_used_timestamp()
    codes = _renew_recovery_codes(user)
    record(
        action="auth.2fa_enrolled",
        actor=user,
        obj=device,
        changes={"replaced": len(old), "recovery_codes": len(codes)},
    )
    return Enrolment(device=device, recovery_codes=codes)


@dataclass(frozen=True)
class Verification:
    """What a code did: ``device`` verified the session, or ``None``; ``throttled`` when the code was not even
    tried (the device still waits ``wait_seconds`` after earlier failures)."""

    device: Device | None
    method: str  # "totp" or "recovery"
    throttled: bool = False
    wait_seconds: int = 0
    recovery_codes_left: int | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def _wait(device: Device) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return 0
    return max(1, int((info["locked_until"] - timezone.now()).total_seconds() + 0.999))


@service
def two_factor_verify(*, actor: Any, token: str) -> Verification:
    """Check a code typed at the second step: six digits against the authenticator, anything else against the
    recovery codes (each accepted once). Never refuses: a wrong code is recorded (and throttled), not rolled back."""
    user = actor
    token = normalise_code(token)
    method = "totp" if _is_totp_code(token) else "recovery"
    model = TOTPDevice if method == "totp" else RecoveryCodeDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("-id").first()
    if device is None:
        record(action="auth.2fa_failed", actor=user, changes={"method": method, "reason": "no_device"})
        return Verification(None, method)
    wait = _wait(device)
    if wait:
        record(action="auth.2fa_failed", actor=user, obj=device, changes={"method": method, "reason": "throttled"})
        return Verification(None, method, throttled=True, wait_seconds=wait)
    if not device.verify_token(token):
        record(
            action="auth.2fa_failed",
            actor=user,
            obj=device,
            changes={"method": method, "reason": "wrong_code", "failures": device.throttling_failure_count},
        )
        return Verification(None, method, wait_seconds=_wait(device))
    if method == "totp":
        record(action="auth.2fa_verified", actor=user, obj=device, changes={"method": method})
        return Verification(device, method)
    left = device.codes.count()
    record(action="auth.2fa_recovery_used", actor=user, obj=device, changes={"method": method, "left": left})
    return Verification(device, method, recovery_codes_left=left)


@service
def recovery_codes_renew(*, actor: Any, verified_by: Device | None) -> list[str]:
    """Ten new recovery codes in place of the old ones (all of which stop working); shown once."""
    user = actor
    if not selectors.has_authenticator(user):
        raise TwoFactorError.NOT_ENROLLED.refuse()
    if not _verified(user, verified_by):
        raise TwoFactorError.NOT_VERIFIED.refuse()
    codes = _renew_recovery_codes(user)
    record(action="auth.2fa_recovery_renewed", actor=user, changes={"recovery_codes": len(codes)})
    return codes


def _remove_all(user, *, actor: Any, reason: str) -> int:
    removed = 0
    for model in (TOTPDevice, RecoveryCodeDevice):
        for device in model.objects.filter(user=user):
            record(action="auth.2fa_device_removed", actor=actor, obj=device, changes={"reason": reason})
            device.delete()
            removed += 1
    return removed


@service
def two_factor_remove(*, actor: Any, verified_by: Device | None) -> int:
    """A user whose role does not require it switches two-factor login off (authenticator and recovery codes)."""
    user = actor
    if selectors.required_for(user):
        raise TwoFactorError.REQUIRED.refuse()
    if not _verified(user, verified_by):
        raise TwoFactorError.NOT_VERIFIED.refuse()
    return _remove_all(user, actor=user, reason="switched_off")


@service
def two_factor_reset(*, actor: Any, user: Any, reason: str = "") -> int:
    """A system administrator (or ``gongkai twofactor reset`` on the server) removes a user's authenticator and
    recovery codes, e.g. after a lost phone: at the next login the user enrols again (if its role requires it)."""
    admin = user_or_none(actor)
    if admin is not None and not admin.is_superuser:
        raise TwoFactorError.NOT_ADMIN.refuse()
    if not selectors.has_authenticator(user) and not RecoveryCodeDevice.objects.filter(user=user).exists():
        raise TwoFactorError.NOT_ENROLLED.refuse()
    removed = _remove_all(user, actor=admin, reason="reset")
    record(
        action="auth.2fa_reset",
        actor=admin,
        obj=user,
        changes={"devices_removed": removed, "reason": reason.strip()[:300], "mode": policy.mode()},
    )
    return removed
