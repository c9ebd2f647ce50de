"""Two-factor staff login (gongkai.twofactor): enrolment by QR code confirmed with a real TOTP code, the second
step after the password, recovery codes, throttling and lockout, the audit entries, the administrators' reset and
GONGKAI_2FA's three modes (GB/T 22239-2019 level 3, 身份鉴别)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.models import Role
from gongkai.audit.models import PLATFORM_CHAIN, AuditEntry
from gongkai.twofactor import policy, services
from gongkai.twofactor.models import RecoveryCode, RecoveryCodeDevice
from tests.conftest import password_only_login
from tests.twofactor import totp
from tests.twofactor.conftest import enrolled, log_in

HOME = "/workspace/"


def _actions(user) -> list[str]:
    return list(AuditEntry.objects.filter(actor=user).order_by("id").values_list("action", flat=True))


def _secret_on(page: str) -> str:
    return re.search(r'<code id="manual-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def _verify(client: Client, token: str, next_url: str = HOME):
    return client.post(reverse("twofactor:verify"), {"otp_token": token, "next": next_url})


# --- enrolment --------------------------------------------------------------------------------------------------


def test_a_case_officer_enrols_at_first_login_with_a_real_totp_code(officer):
    client = Client()
    response = log_in(client, "officer")
    assert response.status_code == 302 and response["Location"] == HOME
    to_setup = client.get(HOME)
    assert to_setup.status_code == 302
    location = urlsplit(to_setup["Location"])
    assert location.path == reverse("twofactor:enrol") and parse_qs(location.query)["next"] == [HOME]

    page = client.get(to_setup["Location"]).content.decode()
    assert "绑定身份验证器" in page or "设置双因素认证" in page
    assert "<svg" in page and not re.search(r"<script(?![^>]*\bsrc=)", page)  # drawn here, no inline script
    secret = _secret_on(page)
    # The QR code drawn on the page is exactly the otpauth:// URI of that key.
    key = client.session["twofactor_pending_key"]
    assert totp.secret_of_key(key) == secret
    uri = services.otpauth_uri(officer, key)
    assert uri.startswith("otpauth://totp/gongkai%3Aofficer?secret=" + secret)
    assert (
        segno.make(uri, error="m").svg_inline(scale=5, border=4, title="x", svgclass="qr").split("</title>")[1] in page
    )
    assert _secret_on(client.get(reverse("twofactor:enrol")).content.decode()) == secret  # a reload keeps the key

    wrong = client.post(reverse("twofactor:enrol"), {"otp_token": "000000" if totp.code(secret) != "000000" else "1"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()

    done = client.post(reverse("twofactor:enrol"), {"otp_token": totp.code(secret), "next": HOME})
    html = done.content.decode()
    assert done.status_code == 200 and "恢复码" in html
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert done["Cache-Control"].startswith("max-age=0") and "no-store" in done["Cache-Control"]
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.key == key
    assert client.get(HOME).status_code == 200  # the session is verified
    assert "twofactor_pending_key" not in client.session
    assert _actions(officer) == ["auth.login", "auth.2fa_enrolled"]
    entry = AuditEntry.objects.get(action="auth.2fa_enrolled")
    assert entry.chain == PLATFORM_CHAIN and entry.agency_id is None and entry.changes["recovery_codes"] == 10


def test_the_code_typed_at_enrolment_cannot_log_in_again(officer):
    client = Client()
    log_in(client, "officer")
    secret = _secret_on(client.get(reverse("twofactor:enrol")).content.decode())
    first = totp.code(secret)
    client.post(reverse("twofactor:enrol"), {"otp_token": first})
    client.post(reverse("workspace:logout"))
    log_in(client, "officer")
    assert _verify(client, first).status_code == 200  # refused: that step is used up
    assert client.get(HOME).status_code == 302


def test_recovery_codes_are_stored_as_keyed_digests_only(officer):
    client = Client()
    log_in(client, "officer")
    secret = _secret_on(client.get(reverse("twofactor:enrol")).content.decode())
    html = client.post(reverse("twofactor:enrol"), {"otp_token": totp.code(secret)}).content.decode()
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    stored = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10
    for code in codes:
        plain = code.replace("-", "")
        assert all(plain not in digest and code not in digest for digest in stored)


# --- the second step -----------------------------------------------------------------------------------------


def test_a_user_with_an_authenticator_is_asked_for_a_code_and_a_right_one_lets_it_in(officer):
    _device, secret = enrolled(officer)
    client = Client()
    log_in(client, "officer", next_url="/workspace/requests/")
    step = client.get("/workspace/requests/")
    assert step.status_code == 302 and step["Location"].startswith(reverse("twofactor:verify"))
    page = client.get(step["Location"]).content.decode()
    assert "验证码" in page and "恢复码" in page
    assert 'href="/workspace/requests/"' not in page  # the menu is not offered before the second step
    session_before = client.session.session_key
    response = _verify(client, totp.code(secret), next_url="/workspace/requests/")
    assert response.status_code == 302 and response["Location"] == "/workspace/requests/"
    assert client.session.session_key != session_before  # a new session id once verified
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("otp_totp.totpdevice/")
    assert client.get("/workspace/requests/").status_code == 200
    assert _actions(officer)[-2:] == ["auth.login", "auth.2fa_verified"]


def test_a_wrong_code_is_refused_audited_and_throttled(officer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the first wait 60 s instead of 1 s: no race with a slow machine
    device, secret = enrolled(officer)
    client = Client()
    log_in(client, "officer")
    right = totp.code(secret)
    wrong = "123456" if right != "123456" else "654321"
    response = _verify(client, wrong)
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Straight after a failure even the right code waits (django-otp's exponential back-off: factor × 1, 2, 4 …).
    throttled = _verify(client, right)
    assert throttled.status_code == 200 and "秒后再试" in throttled.content.decode()
    assert client.get(HOME).status_code == 302
    failed = AuditEntry.objects.filter(action="auth.2fa_failed", actor=officer).order_by("id")
    assert [e.changes["reason"] for e in failed] == ["wrong_code", "throttled"]
    assert all(e.chain == PLATFORM_CHAIN for e in failed)
    # Once the wait is over the right code is accepted, and the count starts again.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp - dt.timedelta(seconds=61)
    )
    assert _verify(client, right).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_repeated_wrong_codes_lock_the_account_out_like_wrong_passwords(officer):
    device, secret = enrolled(officer)
    client = Client()
    log_in(client, "officer")
    wrong = "123456" if totp.code(secret) != "123456" else "654321"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)  # past each wait
        assert _verify(client, wrong).status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    locked = _verify(client, wrong)
    assert locked.status_code == 429 and "账号已锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the session is ended
    assert log_in(client, "officer").status_code == 429  # and the password alone is locked out for the cool-off


def test_a_recovery_code_works_once(officer):
    client = Client()
    log_in(client, "officer")
    secret = _secret_on(client.get(reverse("twofactor:enrol")).content.decode())
    html = client.post(reverse("twofactor:enrol"), {"otp_token": totp.code(secret)}).content.decode()
    code = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)[3]
    client.post(reverse("workspace:logout"))

    log_in(client, "officer")
    response = _verify(client, code.upper().replace("-", " "))  # typed loosely: case, spaces
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert RecoveryCode.objects.count() == 9
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("twofactor.recoverycodedevice/")
    entry = AuditEntry.objects.filter(action="auth.2fa_recovery_used").get()
    assert entry.actor == officer and entry.changes["left"] == 9
    client.post(reverse("workspace:logout"))

    log_in(client, "officer")
    again = _verify(client, code)
    assert again.status_code == 200 and "验证码不正确" in again.content.decode()
    assert client.get(HOME).status_code == 302


@pytest.mark.parametrize("role", sorted(policy.REQUIRED_ROLES - {Role.SYSTEM_ADMIN}))
def test_a_required_role_cannot_reach_any_workspace_page_with_the_password_only(jurisdiction, make_user, role):
    civil = jurisdiction["civil"]
    user = make_user(role, civil)
    client = Client()
    password_only_login(client, user)
    for path in (
        HOME,
        "/workspace/requests/",
        "/workspace/disclosure/",
        f"/workspace/agencies/{civil.pk}/",
        "/workspace/reports/",
        reverse("twofactor:manage"),
        "/admin/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("twofactor:enrol")), path
    assert client.get(reverse("twofactor:enrol")).status_code == 200
    assert client.post(reverse("workspace:logout")).status_code == 302


SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}
OPEN = {"workspace/login/", "workspace/logout/", "workspace/2fa/verify/", "workspace/2fa/setup/", "admin/logout/"}


def _staff_paths(patterns=None, prefix=""):
    """Every route of the URLconf under workspace/ and admin/, its converters filled with sample values."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _staff_paths(pattern.url_patterns, route)
        elif isinstance(pattern.pattern, RoutePattern) and route.startswith(("workspace/", "admin/")):
            yield "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)


def test_every_staff_route_asks_for_the_second_step_first(officer):
    # The gate is one middleware: no page added later can forget it.
    client = Client()
    password_only_login(client, officer)
    entries = AuditEntry.objects.count()
    paths = sorted(set(_staff_paths()))
    assert len(paths) > 60 and "/workspace/requests/" in paths
    for path in paths:
        if path.lstrip("/") in OPEN:
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("twofactor:enrol") + "?next="), path
    assert AuditEntry.objects.count() == entries  # nothing was written on the way


def test_a_system_administrator_needs_the_second_step_for_the_admin_too(make_user):
    admin = make_user(superuser=True, username="root")
    enrolled(admin)
    client = Client()
    password_only_login(client, admin)
    for path in ("/admin/", "/admin/auth/user/", reverse("twofactor:users"), HOME):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify")), path


@pytest.mark.parametrize("role", [Role.DRAFTER, Role.REVIEWER, Role.SUPERVISOR])
def test_other_roles_follow_the_setting(jurisdiction, make_user, settings, role):
    user = make_user(role, jurisdiction["civil"])
    client = Client()
    password_only_login(client, user)
    assert client.get(HOME).status_code == 200  # roles (the default): not asked
    settings.GONGKAI_2FA = "required"
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:enrol"))
    # Who has set up an authenticator of its own accord is asked for it in any mode but off.
    settings.GONGKAI_2FA = "roles"
    enrolled(user)
    assert client.get(HOME)["Location"].startswith(reverse("twofactor:verify"))


def test_off_switches_the_second_step_off(officer, settings):
    settings.GONGKAI_2FA = "off"
    enrolled(officer)
    client = Client()
    log_in(client, "officer")
    assert client.get(HOME).status_code == 200
    assert client.get("/workspace/requests/").status_code == 200
    assert client.get(reverse("twofactor:verify")).status_code == 302  # nothing to verify
    assert "GONGKAI_2FA=off" in client.get(reverse("twofactor:manage")).content.decode()


def test_the_setting_is_checked(settings):
    settings.GONGKAI_2FA = "sometimes"
    with pytest.raises(ValueError, match="GONGKAI_2FA"):
        policy.mode()


def test_next_never_leaves_the_site(officer):
    _device, secret = enrolled(officer)
    client = Client()
    log_in(client, "officer")
    response = _verify(client, totp.code(secret), next_url="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == HOME


# --- replacing, renewing, switching off -----------------------------------------------------------------------


def test_the_authenticator_is_replaced_only_from_a_verified_session(officer):
    old, secret = enrolled(officer)
    client = Client()
    log_in(client, "officer")
    # Whoever has only the password cannot swap in a phone of its own.
    response = client.get(reverse("twofactor:enrol"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))
    with pytest.raises(ValidationError) as refused:
        services.totp_enrol(actor=officer, key=services.new_key(), token="123456", verified_by=None)
    assert refused.value.code == "twofactor.not_verified"

    _verify(client, totp.code(secret))
    page = client.get(reverse("twofactor:enrol")).content.decode()
    new_secret = _secret_on(page)
    assert client.post(reverse("twofactor:enrol"), {"otp_token": totp.code(new_secret)}).status_code == 200
    keys = list(TOTPDevice.objects.filter(user=officer).values_list("key", flat=True))
    assert [totp.secret_of_key(k) for k in keys] == [new_secret]  # the old authenticator is gone
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    removed = AuditEntry.objects.get(action="auth.2fa_device_removed")
    assert removed.object_id == str(old.pk) and removed.changes == {"reason": "replaced"}
    assert client.get(HOME).status_code == 200  # verified by the new authenticator


def test_new_recovery_codes_replace_the_old_ones(officer):
    client = Client()
    log_in(client, "officer")
    secret = _secret_on(client.get(reverse("twofactor:enrol")).content.decode())
    html = client.post(reverse("twofactor:enrol"), {"otp_token": totp.code(secret)}).content.decode()
    old = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    renewed = client.post(reverse("twofactor:recovery_renew")).content.decode()
    new = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", renewed)
    assert len(new) == 10 and not set(new) & set(old)
    assert "auth.2fa_recovery_renewed" in _actions(officer)
    client.post(reverse("workspace:logout"))
    log_in(client, "officer")
    assert _verify(client, old[0]).status_code == 200  # an old code no longer works
    RecoveryCodeDevice.objects.update(throttling_failure_timestamp=None)  # past the wait after that failure
    assert _verify(client, new[0]).status_code == 302


def test_a_required_role_cannot_switch_two_factor_off_but_a_drafter_can(jurisdiction, make_user, officer):
    client = Client()
    client.force_login(officer)  # both factors
    client.post(reverse("twofactor:remove"))
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert "不能关闭" in client.get(reverse("twofactor:manage")).content.decode()

    drafter = make_user(Role.DRAFTER, jurisdiction["civil"])
    other = Client()
    other.force_login(drafter)
    other.post(reverse("twofactor:remove"))
    assert not TOTPDevice.objects.filter(user=drafter).exists()
    assert AuditEntry.objects.filter(action="auth.2fa_device_removed", actor=drafter).exists()
    assert other.get(HOME).status_code == 200


# --- the administrators' reset ---------------------------------------------------------------------------------


def test_a_system_administrator_resets_a_lost_phone_and_the_user_enrols_again(officer, make_user):
    enrolled(officer)
    admin = make_user(superuser=True, username="root")
    client = Client()
    client.force_login(admin)
    listing = client.get(reverse("twofactor:users")).content.decode()
    assert "officer" in listing
    page = client.get(reverse("twofactor:reset", args=[officer.pk]))
    assert page.status_code == 200
    assert client.post(reverse("twofactor:reset", args=[officer.pk]), {"reason": ""}).status_code == 200  # required
    response = client.post(reverse("twofactor:reset", args=[officer.pk]), {"reason": "手机遗失，已当面核实身份"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = AuditEntry.objects.get(action="auth.2fa_reset")
    assert entry.actor == admin and entry.object_id == str(officer.pk) and entry.chain == PLATFORM_CHAIN
    assert entry.changes["reason"] == "手机遗失，已当面核实身份"

    user_client = Client()
    log_in(user_client, "officer")
    assert user_client.get(HOME)["Location"].startswith(reverse("twofactor:enrol"))


def test_only_a_system_administrator_may_reset(officer, jurisdiction, make_user):
    agency_admin = make_user(Role.AGENCY_ADMIN, jurisdiction["civil"])
    client = Client()
    client.force_login(agency_admin)
    assert client.get(reverse("twofactor:users")).status_code == 403
    assert client.post(reverse("twofactor:reset", args=[officer.pk]), {"reason": "x"}).status_code == 403
    with pytest.raises(ValidationError) as refused:
        services.two_factor_reset(actor=agency_admin, user=officer, reason="x")
    assert refused.value.code == "twofactor.not_admin"


def test_the_command_line_resets_too(officer, capsys):
    enrolled(officer)
    call_command("twofactor", "status")
    assert "officer" in capsys.readouterr().out
    call_command("twofactor", "reset", "officer", "--reason", "唯一的系统管理员手机遗失")
    assert "已清除 officer" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert AuditEntry.objects.get(action="auth.2fa_reset").actor_label == "system"


def test_the_system_administration_shows_devices_read_only_without_their_keys(officer, make_user):
    device, _secret = enrolled(officer)
    admin = make_user(superuser=True, username="root")
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and "officer" in listing.content.decode()
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    detail = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in detail and totp.secret_of_key(device.key) not in detail
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
