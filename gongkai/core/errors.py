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

A refusal that passes on the law's own sentence (:mod:`gongkai.law` refuses in Chinese) has the label
:data:`REASON` and is raised with ``reason=str(exc)``; one that keeps the law's own code too (``uscc.check``,
``clock.extension_limit`` …) is raised as ``ValidationError(exc.message, code=exc.code)``.

This module also holds core's own registry, :class:`CoreError`: the refusals of an upload
(:func:`gongkai.core.files.accept_document`) and of a document too costly to read (:mod:`gongkai.core.documents`:
``core.document_*``, raised through ``DocumentLimit.refuse``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The label of a refusal whose message is the law's own (Chinese) sentence, passed on as ``reason``.
REASON = "%(reason)s"


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


class CoreError(Refusals):
    """The refusals of an upload; ``%(noun)s`` names the file as the caller calls it (attachment, case document …).
    The ``document_*`` ones are :class:`gongkai.core.documents.Limits` exceeded: nothing of the file is stored."""

    FILE_TOO_LARGE = (
        "core.file_too_large",
        _("The %(noun)s may not be larger than %(limit)s MB (this file is about %(size)s MB)."),
    )
    FILE_EMPTY = "core.file_empty", _("The %(noun)s is an empty file.")
    # the default code: a caller names a file of the wrong type with its own (foi.attachment_type …)
    FILE_TYPE = (
        "core.file_type",
        _(
            "The %(noun)s must be a PDF, Word (DOCX), Excel (XLSX) or image (PNG, JPEG) file; "
            "its content decides, not its extension."
        ),
    )
    # a document too costly to read (gongkai.core.documents.Limits), judged before it is unpacked or read on
    DOCUMENT_ENTRIES = (
        "core.document_entries",
        _("The file is a package of %(count)s parts, more than the %(limit)s that can be read; it was not read."),
    )
    DOCUMENT_RATIO = (
        "core.document_ratio",
        _(
            "The part “%(name)s” of the file is compressed %(ratio)s times (more than %(limit)s times): the file "
            "looks like a compression bomb and was not read."
        ),
    )
    DOCUMENT_PART = (
        "core.document_part",
        _("The part “%(name)s” of the file unpacks to %(size)s MB, more than the %(limit)s MB that can be read."),
    )
    DOCUMENT_EXPANDS = (
        "core.document_expands",
        _("The file unpacks to %(size)s MB, more than the %(limit)s MB that can be read; it was not read."),
    )
    DOCUMENT_PAGES = (
        "core.document_pages",
        _("The PDF has %(count)s pages, more than the %(limit)s that can be read; please split it."),
    )
    DOCUMENT_TEXT = (
        "core.document_text",
        _("The file holds more than %(limit)s characters of text, more than can be read; please split it."),
    )
    DOCUMENT_TIME = (
        "core.document_time",
        _("Reading the file took longer than %(limit)s seconds and was stopped; please split it into smaller files."),
    )


def user_or_none(actor):
    """The acting user for a foreign key; None for the system (commands, imports, the daily job)."""
    return actor if getattr(actor, "is_authenticated", False) else None
