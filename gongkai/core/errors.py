"""Turning a service's ValidationError into one readable Chinese sentence (CLI and messages)."""

from django.core.exceptions import ValidationError


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "；".join(str(m) for messages in error.message_dict.values() for m in messages)
    return "；".join(str(m) for m in error.messages)


def refusal(message: str, code: str, field: str | None = None) -> ValidationError:
    """A service's refusal: a Chinese message with a stable code, attached to a form field when one is named."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def user_or_none(actor):
    """The acting user for a foreign key; None for the system (commands, imports, the daily job)."""
    return actor if getattr(actor, "is_authenticated", False) else None
