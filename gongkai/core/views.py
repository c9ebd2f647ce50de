"""The error pages (400, 403, 404, 413, 500): Chinese, in the site's layout, and safe to render whatever went wrong.

Django's own handlers are wrapped in ``requires_csrf_token``, which reads the POST data again: a request whose POST
data cannot be read (a body in another charset) makes the 400 handler fail in turn, and each middleware then tries
the 500 handler, which fails the same way (an empty 500 and hundreds of log lines). These handlers never read the
request's data, never touch the database or the session (no context processors: the 500 page must render while the
database is down) and never raise: a template that cannot be rendered gives a plain Chinese page instead.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _

# The last resort when even the template fails (a missing static manifest, a broken template): no template, no
# translation catalogue, no database.
FALLBACK = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><h1>{title}</h1><p>{text}</p></body></html>"
)
FALLBACK_TEXTS = {
    400: ("请求无法处理", "请求的格式不正确。请返回上一页重试。"),
    403: ("无权访问", "您没有访问此页面的权限。"),
    404: ("页面不存在", "您访问的页面不存在或已被移除。"),
    413: ("提交的内容过大", "提交的内容超过了允许的大小。"),
    500: ("系统出错", "系统暂时无法处理您的请求，请稍后再试。"),
}


def error_page(status: int, template: str, context: dict | None = None) -> HttpResponse:
    """The page for ``status`` from ``template`` (rendered without the request), or the fallback."""
    try:
        html = loader.render_to_string(template, context or {})
    except Exception:  # an error page must not fail: whatever broke the template, the visitor still gets a page
        title, text = FALLBACK_TEXTS.get(status, FALLBACK_TEXTS[500])
        html = FALLBACK.format(title=title, text=text)
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None) -> HttpResponse:
    return error_page(400, "400.html")


def permission_denied(request, exception=None) -> HttpResponse:
    return error_page(403, "403.html")


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: an expired or missing form token (a page left open, cookies refused)."""
    return error_page(403, "403.html", {"csrf": True})


def page_not_found(request, exception=None) -> HttpResponse:
    return error_page(404, "404.html")


def server_error(request) -> HttpResponse:
    return error_page(500, "500.html")


def request_too_large(request, limit: int) -> HttpResponse:
    """A body over the cap (:class:`gongkai.core.middleware.RequestGuardMiddleware`), refused before it is read."""
    return error_page(413, "413.html", {"limit_bytes": limit})


def undecodable_form(request) -> HttpResponse:
    """A form body that is not UTF-8 (RFC 1866 and the HTML standard: urlencoded form data is UTF-8)."""
    return error_page(400, "400.html", {"reason": _("The form data was not sent in UTF-8.")})


def favicon(request) -> HttpResponse:
    """``/favicon.ico``, which browsers and feed readers ask for whatever the page links: the site's icon among the
    static files (its name carries the file's hash in production, so this redirect is temporary)."""
    return redirect(static("gongkai/favicon.ico"))
