"""Reads: whether a user must use a second factor, which devices it has, and the administrators' list."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.access import access_for
from gongkai.twofactor import policy
from gongkai.twofactor.models import RecoveryCodeDevice


def mode() -> str:
    return policy.mode()


def roles_required() -> frozenset[str]:
    """The roles that must log in with a second factor in the current mode (the demo prints them)."""
    return policy.roles_required()


def required_for(user) -> bool:
    """Whether this user must use a second factor (its roles per ``access_for``, computed once per request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if policy.mode() == policy.OFF:
        return False
    access = access_for(user)
    roles = {role for agency_roles in access.roles.values() for role in agency_roles}
    return policy.roles_require(roles, is_system_admin=access.is_system_admin)


def authenticator_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator (one at most: a new one replaces the old)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def has_authenticator(user) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False)) and TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def recovery_codes_left(user) -> int:
    device = RecoveryCodeDevice.objects.filter(user=user).annotate(left=Count("codes")).first()
    return device.left if device is not None else 0


@dataclass(frozen=True)
class Status:
    mode: str
    required: bool
    authenticator: TOTPDevice | None
    recovery_codes_left: int

    @property
    def enrolled(self) -> bool:
        return self.authenticator is not None


def status_of(user) -> Status:
    return Status(
        mode=policy.mode(),
        required=required_for(user),
        authenticator=authenticator_of(user),
        recovery_codes_left=recovery_codes_left(user),
    )


def enrolled_users(query: str = "") -> QuerySet:
    """Users with an authenticator, for the system administrators' reset page: user name, name, when set up and
    last used, recovery codes left (one query)."""
    codes = RecoveryCodeDevice.objects.filter(user=OuterRef("user")).annotate(left=Count("codes")).values("left")[:1]
    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user").annotate(codes_left=Subquery(codes))
    if query:
        devices = devices.filter(user__username__icontains=query.strip())
    return devices.order_by("user__username", "-id")


def user_by_username(username: str):
    """A user account by its user name, or None (the command line)."""
    return get_user_model().objects.filter(username=username).first()


def user_for_reset(pk: int):
    """A user account by id (404 otherwise), for the reset page."""
    return get_object_or_404(get_user_model(), pk=pk)
