"""The second step of the staff login, enrolment, recovery codes, and the administrators' reset page.

Thin, as every view: the services write (and audit); the views keep the session — a verified session is the
device's id in it (:func:`django_otp.login`), after a new session key — and count a wrong code toward the lockout.
"""

from __future__ import annotations

from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for
from gongkai.core.errors import validation_message
from gongkai.core.forms import apply_validation_error, submit_form
from gongkai.twofactor import lockout, policy, qr, selectors, services
from gongkai.twofactor.forms import CodeForm, ResetForm

PENDING_KEY = "twofactor_pending_key"
PAGE_SIZE = 25


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("workspace:home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _mark_verified(request, device) -> None:
    request.session.cycle_key()  # a new session id once the second factor is proven
    django_otp.login(request, device)


def _verified_device(request):
    return getattr(request.user, "otp_device", None)


def _is_verified(request) -> bool:
    return _verified_device(request) is not None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user, next_url = request.user, _next_url(request)
    if policy.mode() == policy.OFF or _is_verified(request):
        return redirect(next_url)
    if not selectors.has_authenticator(user):
        return redirect(_with_next("twofactor:enrol", next_url))
    form = CodeForm(request.POST or None, autofocus=True, help_id="otp-help")
    if request.method == "POST" and form.is_valid():
        result = services.two_factor_verify(actor=user, token=form.cleaned_data["otp_token"])
        if result.ok:
            _mark_verified(request, result.device)
            if result.method == "recovery":
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(count)d is left. Set up your authenticator again or make new "
                        "recovery codes on the two-factor login page.",
                        "You used a recovery code: %(count)d are left. Set up your authenticator again or make new "
                        "recovery codes on the two-factor login page.",
                        result.recovery_codes_left,
                    )
                    % {"count": result.recovery_codes_left},
                )
            return redirect(next_url)
        if lockout.count_failure(request, user):
            return render(request, "workspace/locked_out.html", status=429)
        if result.throttled:
            form.add_error(
                "otp_token",
                _("Too many wrong codes. Wait %(seconds)s seconds before the next try.")
                % {"seconds": result.wait_seconds},
            )
        else:
            form.add_error("otp_token", _("The code is not correct. Check the time on your phone and try again."))
    return render(request, "twofactor/verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    user, next_url = request.user, _next_url(request)
    replacing = selectors.has_authenticator(user)
    if replacing and not _is_verified(request) and policy.mode() != policy.OFF:
        return redirect(_with_next("twofactor:verify", reverse("twofactor:enrol")))
    key = request.session.get(PENDING_KEY) or services.new_key()
    request.session[PENDING_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.totp_enrol(
                actor=user, key=key, token=form.cleaned_data["otp_token"], verified_by=_verified_device(request)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            request.session.pop(PENDING_KEY, None)
            _mark_verified(request, enrolment.device)
            return render(
                request,
                "twofactor/recovery_codes.html",
                {"codes": enrolment.recovery_codes, "next": next_url, "enrolled": True},
            )
    uri = services.otpauth_uri(user, key)
    return render(
        request,
        "twofactor/enrol.html",
        {
            "form": form,
            "next": next_url,
            "replacing": replacing,
            "verified": _is_verified(request),
            "required": selectors.required_for(user),
            "qr_svg": qr.svg(uri, title=_("QR code for your authenticator app")),
            "manual_key": qr.manual_key(key),
            "issuer": services.otpauth_issuer(),
        },
    )


@login_required
def manage(request):
    return render(
        request,
        "twofactor/manage.html",
        {"status": selectors.status_of(request.user), "is_system_admin": access_for(request.user).is_system_admin},
    )


@never_cache
@login_required
@require_POST
def recovery_renew(request):
    try:
        codes = services.recovery_codes_renew(actor=request.user, verified_by=_verified_device(request))
    except ValidationError as exc:
        messages.error(request, validation_message(exc))
        return redirect("twofactor:manage")
    return render(request, "twofactor/recovery_codes.html", {"codes": codes, "next": reverse("twofactor:manage")})


@login_required
@require_POST
def remove(request):
    try:
        services.two_factor_remove(actor=request.user, verified_by=_verified_device(request))
    except ValidationError as exc:
        messages.error(request, validation_message(exc))
    else:
        messages.success(request, _("Two-factor login is switched off for your account."))
    return redirect("twofactor:manage")


def _require_system_admin(user) -> None:
    if not access_for(user).is_system_admin:
        raise PermissionDenied


@login_required
def users(request):
    _require_system_admin(request.user)
    query = request.GET.get("q", "").strip()[:150]
    page = Paginator(selectors.enrolled_users(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "twofactor/users.html", {"page_obj": page, "q": query, "mode": policy.mode()})


@login_required
@require_http_methods(["GET", "POST"])
def reset(request, pk: int):
    _require_system_admin(request.user)
    target = selectors.user_for_reset(pk)
    form = ResetForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.two_factor_reset(actor=request.user, user=target, reason=data["reason"]),
    ):
        messages.success(
            request,
            _("Two-factor login of %(user)s was reset: the next login asks to set it up again.")
            % {"user": target.get_username()},
        )
        return redirect("twofactor:users")
    return render(
        request,
        "twofactor/reset.html",
        {"form": form, "target": target, "status": selectors.status_of(target)},
    )
