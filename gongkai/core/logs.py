"""Structured logs: one line per service call and per HTTP request, never personal data.

- :func:`service` replaces ``@transaction.atomic`` on every public write. The outermost service call logs one line
  on ``gongkai.service``: the action (``foi.event_add``), the audit actions and agencies it recorded, the acting
  user's id, the request id, the outcome and the duration. Services it calls log nothing of their own.
- The request id comes from :class:`gongkai.core.middleware.RequestLogMiddleware` (web) or ``gongkai.cli``
  (``cli-…``) and is added to every log line written while it is set.
- :class:`TextFormatter` writes ``key=value`` lines, :class:`JsonFormatter` one JSON object a line; settings pick
  one with ``GONGKAI_LOG_FORMAT``.

What a line may hold is fixed here: names of actions, ids, codes, class names, numbers. Arguments, messages of
refusals and exceptions, and object labels are never logged, because they can carry applicants' data.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.tabular import ImportRejected

logger = logging.getLogger("gongkai.service")

F = TypeVar("F", bound=Callable[..., Any])

# --- context: what the current request or command is ---------------------------------------------------------

_request_id: ContextVar[str | None] = ContextVar("gongkai_request_id", default=None)
# The request's user object (possibly Django's lazy one): read only when a service has no ``actor`` of its own.
_user: ContextVar[Any] = ContextVar("gongkai_user", default=None)


@dataclass
class _Call:
    """The outermost service call in progress: what the audit layer recorded during it."""

    audit: list[str] = field(default_factory=list)
    agencies: list[int] = field(default_factory=list)


_call: ContextVar[_Call | None] = ContextVar("gongkai_service_call", default=None)


def new_request_id(prefix: str = "") -> str:
    token = secrets.token_hex(16 if not prefix else 8)
    return f"{prefix}-{token}" if prefix else token


def current_request_id() -> str | None:
    return _request_id.get()


@contextmanager
def context(*, request_id: str) -> Iterator[None]:
    """Everything logged inside carries ``request_id``; the user set by :func:`set_user` is forgotten after."""
    tokens = (_request_id.set(request_id), _user.set(None))
    try:
        yield
    finally:
        _user.reset(tokens[1])
        _request_id.reset(tokens[0])


def set_user(user: Any) -> None:
    """The signed-in user of the current request (evaluated only when a service needs it)."""
    _user.set(user)


def user_id(user: Any) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


def note_audit(action: str, agency_id: int | None) -> None:
    """Called by the audit layer for each entry it writes, so the service line can name it."""
    call = _call.get()
    if call is None:
        return
    if action not in call.audit:
        call.audit.append(action)
    if agency_id is not None and agency_id not in call.agencies:
        call.agencies.append(agency_id)


# --- the service decorator ------------------------------------------------------------------------------------


def _action_name(fn: Callable[..., Any]) -> str:
    module = fn.__module__.removeprefix("gongkai.").removesuffix(".services")
    return f"{module}.{fn.__qualname__}"


def _refusal_codes(exc: Exception) -> list[str]:
    if isinstance(exc, ImportRejected):
        return ["import_rejected"]
    assert isinstance(exc, ValidationError)
    errors = (
        [e for field_errors in exc.error_dict.values() for e in field_errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return list(dict.fromkeys(str(e.code or "invalid") for e in errors))


def _agency_of_arguments(kwargs: dict[str, Any]) -> list[int]:
    """For a call that recorded nothing (most refusals): the agency it was about, from its arguments."""
    agency = kwargs.get("agency")
    if isinstance(agency, int):
        return [agency]
    if getattr(agency, "pk", None) is not None:
        return [agency.pk]
    for value in kwargs.values():
        agency_id = getattr(value, "agency_id", None)
        if isinstance(agency_id, int):
            return [agency_id]
    return []


def _log_call(action: str, call: _Call, kwargs: dict[str, Any], started: float, exc: Exception | None) -> None:
    fields: dict[str, Any] = {"action": action}
    level = logging.INFO
    if exc is None:
        fields["outcome"] = "ok"
    elif isinstance(exc, ValidationError | ImportRejected):
        fields.update(outcome="refused", code=_refusal_codes(exc))
    else:
        fields.update(outcome="error", error=type(exc).__name__)
        level = logging.ERROR
    user = user_id(kwargs.get("actor")) or user_id(_user.get())
    fields.update(
        audit=call.audit,
        agency=call.agencies or _agency_of_arguments(kwargs),
        user=user if user is not None else "system",
        request_id=current_request_id(),
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
    logger.log(level, "%s %s", action, fields["outcome"], extra={"log_fields": fields})


def service(fn: F | None = None, *, atomic: bool = True) -> F:
    """Use instead of ``@transaction.atomic`` on a public write: one transaction, one log line.

    ``@service(atomic=False)`` is for a write that manages its own transactions (importers, the daily job's
    loops) and for every write that reads an uploaded document: text extraction, the personal-data scan, masking
    and reading a plan or report take seconds, so they run first and the write then opens a short
    ``transaction.atomic()`` (on SQLite a transaction holds the database's one write lock). It logs the same one
    line, and the services it calls log none of their own.
    """
    if fn is None:
        return functools.partial(service, atomic=atomic)  # type: ignore[return-value]
    action = _action_name(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _call.get() is not None:  # called by another service: its line covers this call
            if not atomic:
                return fn(*args, **kwargs)
            with transaction.atomic():
                return fn(*args, **kwargs)
        call = _Call()
        token = _call.set(call)
        started = time.perf_counter()
        try:
            if atomic:
                with transaction.atomic():
                    result = fn(*args, **kwargs)
            else:
                result = fn(*args, **kwargs)
        except Exception as exc:
            _log_call(action, call, kwargs, started, exc)
            raise
        finally:
            _call.reset(token)
        _log_call(action, call, kwargs, started, None)
        return result

    return wrapper  # type: ignore[return-value]


# --- formatters -----------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[^\x00-\x20\x7f\"'=\\]+")


def _fields_of(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "log_fields", None)
    if fields is not None:
        return dict(fields)
    plain: dict[str, Any] = {"msg": record.getMessage()}
    request_id = current_request_id()
    if request_id:
        plain["request_id"] = request_id
    return plain


def _time_of(record: logging.LogRecord) -> str:
    return dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


def _text_value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ",".join(_text_value(v) for v in value) or "-"
    text = str(value)
    return text if _PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``2026-01-05T09:30:00.123+08:00 INFO gongkai.service action=foi.event_add outcome=ok …``"""

    def format(self, record: logging.LogRecord) -> str:
        pairs = " ".join(f"{key}={_text_value(value)}" for key, value in _fields_of(record).items())
        line = f"{_time_of(record)} {record.levelname} {record.name} {pairs}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ``time``, ``level``, ``logger`` and the line's fields (``msg`` for other loggers)."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {"time": _time_of(record), "level": record.levelname, "logger": record.name}
        data.update(_fields_of(record))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)
