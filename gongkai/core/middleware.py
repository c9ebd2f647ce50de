"""The request id and the access line of every HTTP request."""

from __future__ import annotations

import logging
import re
import time

from gongkai.core import logs

logger = logging.getLogger("gongkai.http")

# What a reverse proxy may hand us as the request id; anything else is replaced by one of ours.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


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
