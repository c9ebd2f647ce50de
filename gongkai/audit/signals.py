"""Authentication events in the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.audit.services import record_standalone


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    record_standalone(action="auth.login", actor=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record_standalone(action="auth.logout", actor=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    record_standalone(action="auth.login_failed", actor_label=username or "?", changes={"username": username})
