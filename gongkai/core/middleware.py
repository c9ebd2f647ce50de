"""The request id and the access line of every HTTP request; the security headers; the guard on request bodies."""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError

from gongkai.core import headers, logs

logger = logging.getLogger("gongkai.http")

# What a reverse proxy may hand us as the request id; anything else is replaced by one of ours.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestLogMiddleware:
    """Put the request id (the proxy's ``X-Request-ID`` when well-formed, else a new one) in the log context,
    return it as ``X-Request-ID`` and log one line per request on ``gongkai.http``.

    The line has the path without the query string: query strings (search terms, filters) can carry personal data.
    First in ``MIDDLEWARE``, so that every response, even a redirect or a static file, has its id and its line.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else logs.new_request_id()
        started = time.perf_counter()
        with logs.context(request_id=request_id):
            response = self.get_response(request)
            user = logs.user_id(getattr(request, "user", None))
            fields = {
                "method": request.method,
                "path": request.path[:300],
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user if user is not None else "-",
                "request_id": request_id,
            }
            logger.info("%s %s %s", request.method, fields["path"], response.status_code, extra={"log_fields": fields})
        response["X-Request-ID"] = request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Authentication has run by now; the (lazy) user is read only if a service without an actor needs it.
        logs.set_user(getattr(request, "user", None))


class SecurityHeadersMiddleware:
    """``Content-Security-Policy`` on every response (:mod:`gongkai.core.headers`), and ``Cache-Control: no-store``
    on every staff response (the workspace and the admin show personal data; a shared computer's cache, or a proxy,
    must not keep them). Pages for the applicant alone mark themselves with ``never_cache``.

    Second in ``MIDDLEWARE``: responses made by any later middleware (redirects, the guard's 400 and 413) get them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.staff_prefixes: tuple[str, ...] | None = None

    def _staff_prefixes(self) -> tuple[str, ...]:
        if self.staff_prefixes is None:  # reversed on the first request: the URLconf is not loaded at start-up
            from django.urls import reverse

            self.staff_prefixes = (reverse("workspace:home"), reverse("admin:index"))
        return self.staff_prefixes

    def __call__(self, request):
        response = self.get_response(request)
        workspace, admin = self._staff_prefixes()
        headers.apply(
            response, admin=request.path.startswith(admin), no_store=request.path.startswith((workspace, admin))
        )
        return response


class RequestGuardMiddleware:
    """Refuse what must not reach a view, before anything reads the body, with the Chinese 400 or 413 page and no
    traceback in the log:

    - a body larger than the cap — ``Content-Length`` above ``GONGKAI_MAX_REQUEST_BYTES`` for a signed-in user,
      ``GONGKAI_MAX_PUBLIC_REQUEST_BYTES`` for everyone else —: 413 before a byte is read, so a large upload is never
      streamed to disk; form fields above ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413 too;
    - a form body (``application/x-www-form-urlencoded``) that declares another charset than UTF-8 or is not UTF-8:
      400. Django refuses such a body only when it is first read — by the CSRF check, then again by every error
      handler wrapped in ``requires_csrf_token`` —, which ended in an empty 500 and hundreds of log lines;
    - a form that cannot be parsed (a broken multipart body, too many fields or files): 400.

    The form is parsed here, once (the views read the parsed ``request.POST``). Last in ``MIDDLEWARE`` (the earlier
    ones never read the body), after authentication (the cap depends on it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.refused(request) or self.get_response(request)

    def refused(self, request):
        from django.conf import settings

        from gongkai.core import views

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return views.bad_request(request)
        if length > settings.GONGKAI_MAX_PUBLIC_REQUEST_BYTES:  # only then is the user looked up
            user = getattr(request, "user", None)
            signed_in = bool(user is not None and user.is_authenticated)
            cap = settings.GONGKAI_MAX_REQUEST_BYTES if signed_in else settings.GONGKAI_MAX_PUBLIC_REQUEST_BYTES
            if length > cap:
                return views.request_too_large(request, cap)
        if request.method != "POST" or request.content_type not in FORM_TYPES:
            return None
        try:
            if request.content_type == "application/x-www-form-urlencoded":
                encoding = request.encoding  # the declared charset, if Python knows it; Django refuses all but UTF-8
                if encoding is not None and encoding.lower() != "utf-8":
                    return views.undecodable_form(request)
                # Django would read a body that is not UTF-8 as Latin-1: refused instead, escapes included
                unquote_to_bytes(request.body.decode("utf-8").replace("+", " ")).decode("utf-8")
            request.POST  # noqa: B018 — parsed here, where a broken body is refused without a traceback
        except UnicodeDecodeError:
            return views.undecodable_form(request)
        except RequestDataTooBig:
            return views.request_too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        except (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError):
            return views.bad_request(request)
        return None
