"""Who is asked for a second factor at login, and how the setting ``GONGKAI_2FA`` chooses.

GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》, level 3, 安全计算环境 · 身份鉴别: users are identified
and authenticated at login, with login-failure handling (ending the session, limiting failed attempts), and — as the
issue summarises item d) — authenticated by a combination of two or more techniques (password, cryptography,
biometrics …), one of them cryptographic. A TOTP authenticator (RFC 6238, an HMAC over a shared key) with the
password is such a combination.

The roles that see applicants' personal data (ID numbers, phones, addresses: 条例 第二十九条's application form) are
asked in the default mode: the case officer who handles the request, the approver who signs the reply, the agency
administrator who manages its staff, and the system administrator who sees every agency. Drafters, reviewers and
supervisors work on what is published or reported and are asked only when ``GONGKAI_2FA=required`` — or when they
have enrolled of their own accord.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from gongkai.agencies.models import Role

REQUIRED = "required"  # everyone with a workspace account
ROLES = "roles"  # the roles below (the default)
OFF = "off"  # nobody (a demo on one's own machine, a test): no second step at all
MODES = (REQUIRED, ROLES, OFF)
DEFAULT_MODE = ROLES

REQUIRED_ROLES = frozenset({Role.CASE_OFFICER, Role.APPROVER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN})


def mode() -> str:
    """The mode in force (read on every request, so a test's ``settings`` fixture can change it)."""
    value = getattr(settings, "GONGKAI_2FA", DEFAULT_MODE)
    if value not in MODES:
        raise ValueError(f"GONGKAI_2FA must be one of {', '.join(MODES)}, not {value!r}")
    return value


def roles_require(roles: Iterable[str], *, is_system_admin: bool) -> bool:
    """Whether a user holding ``roles`` (at any agency) must log in with a second factor in the current mode."""
    current = mode()
    if current == OFF:
        return False
    if current == REQUIRED:
        return True
    held = set(roles) | ({Role.SYSTEM_ADMIN} if is_system_admin else set())
    return bool(held & REQUIRED_ROLES)


def roles_required() -> frozenset[str]:
    """The roles asked for a second factor in the current mode (every role under ``required``, none under ``off``)."""
    return {OFF: frozenset(), ROLES: REQUIRED_ROLES, REQUIRED: frozenset(Role.values)}[mode()]
