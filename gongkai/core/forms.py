"""Running a service from a validated form: the service's ValidationError lands on the form, nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit_form(request, form: forms.BaseForm, action: Callable[[dict[str, Any]], Any]) -> bool:
    """True when the request is a POST, the form is valid and the service accepted it."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    return True


def form_errors(form: forms.BaseForm) -> str:
    """All of a form's errors as one sentence, for a message after a redirect."""
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


def int_param(value: str | None) -> int | None:
    """A query-string number, or None for anything else (filters never fail on bad input)."""
    return int(value) if value and value.isdigit() else None


def year_param(value: str | None) -> int | None:
    """A query-string year between 2000 and 2100, or None."""
    year = int_param(value)
    return year if year and 2000 <= year <= 2100 else None
