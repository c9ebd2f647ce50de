"""The Content-Security-Policy and the no-store rule (set by :class:`gongkai.core.middleware.SecurityHeadersMiddleware`).

Pages load scripts and styles from the site's own static files only: no inline script, no event-handler attribute
(``onclick=``), no ``<style>`` element — so text that slipped into a page cannot run. Behaviour the pages need
(a select that submits its form, a confirmation before a destructive action, the print button) is in
``gongkai/core/static/gongkai/site.js``, driven by ``data-`` attributes. Two kinds of response may also use inline
styles, never inline scripts:

- the printable annual report (``reports/print.html``), a standalone document whose layout travels with it when it
  is saved (:func:`standalone_document`);
- the Django admin (read-only, for system administrators), whose templates carry a few ``<style>`` elements.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

HEADER = "Content-Security-Policy"


def _policy(style_src: str) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


POLICY = _policy("'self'")
INLINE_STYLES_POLICY = _policy("'self' 'unsafe-inline'")


def standalone_document(response: HttpResponse) -> HttpResponse:
    """Let this response (a document that carries its own styles) use inline styles; scripts stay 'self' only."""
    response[HEADER] = INLINE_STYLES_POLICY
    return response


def apply(response: HttpResponse, *, admin: bool = False, no_store: bool = False) -> HttpResponse:
    if HEADER not in response:
        response[HEADER] = INLINE_STYLES_POLICY if admin else POLICY
    if no_store:
        add_never_cache_headers(response)
    return response
