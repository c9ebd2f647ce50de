"""Refusals: every service refuses with a stable code and a translated message.

Each app lists its refusals in its own ``errors.py``, a :class:`Refusals` registry in the style of Django's
``TextChoices``: the member's value is the stable code (``foi.already_received``), its label the message as a
gettext msgid in English (translated to Chinese in the catalogue), with ``%(name)s`` placeholders::

    class FoiError(Refusals):
        ALREADY_RECEIVED = "foi.already_received", _("Receipt of this request has already been confirmed.")

    raise FoiError.ALREADY_RECEIVED.refuse()                  # a ValidationError with that code
    raise FoiError.EVENT_TYPE.refuse("type", type=kind)        # attached to the form field "type"

Forms show the message beside the field, the CLI prints it and exits 1, logs record the code (never the message:
it may quote what the user typed).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


def validation_message(error: ValidationError) -> str:
    """A service's ValidationError as one readable sentence (CLI and messages)."""
    if hasattr(error, "error_dict"):
        return "；".join(str(m) for messages in error.message_dict.values() for m in messages)
    return "；".join(str(m) for m in error.messages)


def refusal(message: str, code: str, field: str | None = None) -> ValidationError:
    """A refusal with a stable code, attached to a form field when one is named (prefer a registry member)."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


class Refusals(models.TextChoices):
    """Base of each app's registry of refusals: value = stable code, label = translatable message."""

    def message(self, **params: Any) -> str:
        """The message in the active language, its placeholders filled in."""
        text = str(self.label)
        return text % params if params else text

    def refuse(self, field: str | None = None, **params: Any) -> ValidationError:
        """The ValidationError a service raises: this code, the translated message, on ``field`` when given."""
        return refusal(self.message(**params), self.value, field)


def user_or_none(actor):
    """The acting user for a foreign key; None for the system (commands, imports, the daily job)."""
    return actor if getattr(actor, "is_authenticated", False) else None
