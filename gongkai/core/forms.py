"""Running a service from a validated form: the service's ValidationError lands on the form, nothing is saved.

Every form of the apps is a :class:`Form` (or :class:`ModelForm`): submitted text loses its control characters.

And the bounded fields every form uses for numbers and dates (``date_field``, ``count_field``, ``year_field``): a
value out of range is an error in Chinese beside its field, never a 500 from the database or the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core import dates, text

# The largest value of an IntegerField's column on every database Django supports (SQLite, PostgreSQL: 32 bits).
MAX_INTEGER = 2_147_483_647
# Annual reports, figures and work plans: from the first year under the 条例 (in force 2008-05-01).
FIRST_YEAR = 2008
LAST_YEAR = dates.LATEST.year


class DateRangeValidator:
    """A date within ``earliest``–``latest`` (gongkai.core.dates)."""

    message = _("Enter a date between %(earliest)s and %(latest)s.")
    code = "date_range"

    def __init__(self, earliest: dt.date, latest: dt.date) -> None:
        self.earliest, self.latest = earliest, latest

    def __call__(self, value: dt.date) -> None:
        if value is not None and not dates.within(value, self.earliest, self.latest):
            params = {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRangeValidator) and (self.earliest, self.latest) == (other.earliest, other.latest)


ISO_DATE = "%Y-%m-%d"  # the only value format of <input type="date"> (HTML: a valid date string)


def date_field(
    label: Any,
    *,
    required: bool = True,
    initial: Any = None,
    help_text: Any = "",
    earliest: dt.date = dates.EARLIEST,
    latest: dt.date = dates.LATEST,
) -> forms.DateField:
    """A date picker (``<input type="date">`` with its ``min`` and ``max``) accepting ``earliest``–``latest`` only.

    Its value is always ISO (``2026-12-02``) whatever the active language: an ``<input type="date">`` discards any
    other value (the Chinese format ``2026/12/02`` left every date field blank in a zh-CN browser); the browser shows
    the date in the user's own format."""
    widget = forms.DateInput(
        format=ISO_DATE, attrs={"type": "date", "min": earliest.isoformat(), "max": latest.isoformat()}
    )
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=widget,
        validators=[DateRangeValidator(earliest, latest)],
    )


def date_bounds(field: forms.DateField) -> tuple[dt.date | None, dt.date | None]:
    """The range a date field accepts (None, None without a :class:`DateRangeValidator`)."""
    for validator in field.validators:
        if isinstance(validator, DateRangeValidator):
            return validator.earliest, validator.latest
    return None, None


def count_field(label: Any, *, min_value: int = 0, max_value: int = MAX_INTEGER, **kwargs: Any) -> forms.IntegerField:
    """A whole number within the database column's range (by default 0 up to :data:`MAX_INTEGER`)."""
    return forms.IntegerField(label=label, min_value=min_value, max_value=min(max_value, MAX_INTEGER), **kwargs)


def year_field(label: Any, *, first: int = FIRST_YEAR, **kwargs: Any) -> forms.IntegerField:
    """A year from ``first`` (the 条例's first year by default) to 2100."""
    return forms.IntegerField(label=label, min_value=first, max_value=LAST_YEAR, **kwargs)


# --- the empty choice of a select: a word, never Django's "---------" or a bare dash (issue 14) -------------------

EMPTY_REQUIRED = _("Please choose")  # 请选择: a required select, until something is chosen
EMPTY_OPTIONAL = _("(none)")  # （无）: an optional select of an edit form, left empty
EMPTY_FILTER = _("(any)")  # （不限）: a filter (search, inbox, lists) that does not narrow
# an empty first choice; EmptyChoiceMixin labels it when the field is rendered
BLANK_CHOICE = ("", "")
# the empty choices' labels the apps and Django used to show, replaced on rendering
PLACEHOLDERS = frozenset({"", "-", "—", "--", "---------"})


def label_empty_choice(field: forms.Field, label: Any) -> None:
    """Give a select's empty first choice (``""``, labelled ``PLACEHOLDERS``) the label ``label``; a choice with a
    label of its own ("从机关名称判断") and radio buttons stay as they are."""
    widget = field.widget
    if not isinstance(widget, forms.Select) or isinstance(widget, forms.SelectMultiple):
        return
    if isinstance(field, forms.ModelChoiceField) and not hasattr(field, "_choices"):
        if field.empty_label is not None:  # Django drops it for a required field with an initial value
            field.empty_label = label
        return
    choices = list(widget.choices)
    if not choices or choices[0][0] not in ("", None) or isinstance(choices[0][1], list | tuple):
        return
    if str(choices[0][1]).strip() not in PLACEHOLDERS:
        return
    relabelled = [(choices[0][0], label), *choices[1:]]
    if isinstance(field, forms.ChoiceField):
        field.choices = relabelled
    else:  # a Select on another field (a year as a number)
        widget.choices = relabelled


class EmptyChoiceMixin:
    """Every select's empty choice says what it means: "请选择" on a required field, "（无）" on an optional one; a
    form sets ``empty_choice_label`` for one label of its own on all of them (:class:`FilterForm`: "（不限）").
    Labelled when a field is first rendered or read, so choices set in a form's ``__init__`` are labelled too."""

    empty_choice_label: Any = None

    def empty_label_for(self, field: forms.Field) -> Any:
        if self.empty_choice_label is not None:
            return self.empty_choice_label
        return EMPTY_REQUIRED if field.required else EMPTY_OPTIONAL

    def __getitem__(self, name: str) -> forms.BoundField:
        if name in self.fields and name not in self._bound_fields_cache:
            label_empty_choice(self.fields[name], self.empty_label_for(self.fields[name]))
        return super().__getitem__(name)


class CleanTextMixin:
    """The submitted text loses its control characters (gongkai.core.text) before any field sees it: every form of
    the apps is a :class:`Form` or :class:`ModelForm` (tests/core/test_control_characters.py walks them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = text.clean_data(self.data)


class Form(EmptyChoiceMixin, CleanTextMixin, forms.Form):
    """The base of every form of the apps: Django's form, its text cleaned of control characters, its selects' empty
    choices labelled (:class:`EmptyChoiceMixin`)."""


class FilterForm(Form):
    """A form that filters a list or a search (GET): an empty choice does not narrow it, "（不限）"."""

    empty_choice_label = EMPTY_FILTER


class ModelForm(EmptyChoiceMixin, CleanTextMixin, forms.ModelForm):
    """The base of every model form of the apps: Django's model form, its text cleaned of control characters, its
    selects' empty choices labelled (:class:`EmptyChoiceMixin`)."""


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


# --- specific messages instead of Django's stock ones ("这个字段是必填项", "确保该变量包含不超过 4000 字符") --------


def field_messages(noun: Any, *, choose: bool = False, **extra: Any) -> dict[str, Any]:
    """The ``error_messages`` of a field named ``noun``: "请填写{noun}" (or "请选择{noun}" for a choice) when it is
    missing, "{noun}最多 N 字，当前 M 字" when it is too long; ``extra`` adds or replaces messages by code."""
    required = _("Please choose {noun}") if choose else _("Please fill in {noun}")
    return {
        "required": format_lazy(required, noun=noun),
        "max_length": format_lazy(_("{noun}: at most %(limit_value)d characters, now %(show_value)d"), noun=noun),
        **extra,
    }


class LongTextField(forms.CharField):
    """A text area whose limit the browser does not enforce by cutting (no ``maxlength``: pasted text is kept);
    site.js counts the characters under it (``data-count-max``) and the server refuses a text too long with its
    count. Line breaks count as one character, as the counter counts them."""

    def __init__(self, *args: Any, rows: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.widget.attrs["data-count-max"] = str(self.max_length)
            self.widget.attrs["data-count-format"] = _("%(count)s / %(max)s characters typed")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): the cleaned value is the list of files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f] or super().clean(None, initial)
