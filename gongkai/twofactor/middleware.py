"""The one place the second step is enforced: django-otp's middleware plus a gate in front of every page.

After the password, a user who must use a second factor (:func:`selectors.required_for`) or who has an
authenticator is, until its session is verified, sent to the verification page (with an authenticator) or to
enrolment (without one) — from every page: the workspace, the system administration, and the public site too
(whoever wants to browse it as the public logs out), except the second step's own pages, logging in and out, and
static files. A session that passed only the password is good for nothing else, and no new page can forget the
check. ``GONGKAI_2FA=off`` turns the gate off.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware

from gongkai.twofactor import policy, selectors

# The pages a half-logged-in user may see: the second step itself, and the ways out.
OPEN_URL_NAMES = ("twofactor:verify", "twofactor:enrol", "workspace:login", "workspace:logout", "admin:logout")


class TwoFactorMiddleware(OTPMiddleware):
    """Installs ``request.user.otp_device`` / ``is_verified()`` (django-otp) and redirects unverified sessions."""

    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self._open_paths: tuple[str, ...] | None = None

    def __call__(self, request):
        self._install_lazy_accessors(request)
        return self._second_step(request) or self.get_response(request)

    def _open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = tuple(reverse(name) for name in OPEN_URL_NAMES)
        static = "/" + settings.STATIC_URL.lstrip("/")
        return path in self._open_paths or path.startswith(static)

    def _second_step(self, request):
        if policy.mode() == policy.OFF:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or self._open(request.path):
            return None
        if selectors.has_authenticator(user):
            target = "twofactor:verify"
        elif selectors.required_for(user):
            target = "twofactor:enrol"
        else:
            return None
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
