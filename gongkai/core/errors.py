"""Turning a service's ValidationError into one readable Chinese sentence (CLI and messages)."""

from django.core.exceptions import ValidationError


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "；".join(str(m) for messages in error.message_dict.values() for m in messages)
    return "；".join(str(m) for m in error.messages)
