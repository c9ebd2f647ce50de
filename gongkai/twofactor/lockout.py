"""A wrong second-factor code counts as a failed login for django-axes (``GONGKAI_LOGIN_FAILURE_LIMIT`` in a row
locks the user name at this address out for an hour, as wrong passwords do), on top of the devices' own
exponential throttle, which survives a new password login."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import logout


def count_failure(request, user) -> bool:
    """Count one failure; when it locks the account out, end the session. True when locked out."""
    AxesProxyHandler.user_login_failed(
        sender=count_failure, credentials={"username": user.get_username()}, request=request
    )
    if getattr(request, "axes_locked_out", False):
        logout(request)  # the AxesMiddleware answers with the lockout page
        return True
    return False
