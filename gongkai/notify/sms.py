"""Text messages: one interface, the provider chosen by ``GONGKAI_SMS_PROVIDER`` (a dotted path to a class).

A provider is a class with one method, ``send(phone, text)``, that delivers the text or raises (``SmsError`` or
``OSError``). gongkai ships only :class:`LogOnlySmsProvider`, the default: it delivers nothing and logs that a text
would have gone out, with the number masked and never the text (which may hold a query code). A deployment with an
SMS gateway writes a small class calling it and names it in the setting (docs/deployment.md).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.law.pii import mask_phone

logger = logging.getLogger("gongkai.notify")

DEFAULT_PROVIDER = "gongkai.notify.sms.LogOnlySmsProvider"


class SmsError(Exception):
    """The provider could not deliver the text."""


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LogOnlySmsProvider:
    """Delivers nothing; logs one line: the number masked (139****5678) and the text's length, never the text."""

    def send(self, phone: str, text: str) -> None:
        fields = {"event": "sms.log_only", "to": mask_phone(phone), "chars": len(text)}
        logger.info("sms.log_only to=%s chars=%s", fields["to"], fields["chars"], extra={"log_fields": fields})


@lru_cache(maxsize=4)
def _provider_class(path: str) -> type:
    return import_string(path)


def provider() -> SmsProvider:
    """A new instance of the configured provider (``GONGKAI_SMS_PROVIDER``)."""
    return _provider_class(getattr(settings, "GONGKAI_SMS_PROVIDER", "") or DEFAULT_PROVIDER)()
