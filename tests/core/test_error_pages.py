"""Hostile or broken requests get a Chinese page in the site's layout and a line or two of log, never a 500."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.core import views


def _csrf_client() -> Client:
    """A browser that holds the CSRF cookie and sends its token, as a real one does."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("foi_public:track"))
    return client


def _token(client: Client) -> str:
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"tracking_code=%D6%D0&query_code=1", "application/x-www-form-urlencoded; charset=gbk"),
        (b"tracking_code=\xd6\xd0&query_code=1", "application/x-www-form-urlencoded"),  # raw GBK bytes
        (b"tracking_code=%D6%D0&query_code=1", "application/x-www-form-urlencoded"),  # GBK, percent-encoded
        (b"tracking_code=abc", "application/x-www-form-urlencoded; charset=utf8"),  # Django accepts only utf-8
    ],
)
def test_a_form_body_not_in_utf8_is_a_chinese_400_with_two_log_lines(db, caplog, body, content_type):
    client = _csrf_client()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        response = client.generic(
            "POST", reverse("foi_public:track"), body, content_type=content_type, HTTP_X_CSRFTOKEN=_token(client)
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请求无法处理" in html and "UTF-8" in html and 'lang="zh-CN"' in html and "site.css" in html
    lines = [r for r in caplog.records if not r.name.startswith("django.db")]
    assert len(lines) <= 2, [(r.name, r.getMessage()) for r in lines]
    assert not any(r.exc_info for r in lines)


def test_a_utf8_form_still_goes_through(db):
    client = _csrf_client()
    body = b"tracking_code=GK2026-ABCDEF&query_code=12345678&note=%E4%B8%AD%E6%96%87"
    response = client.generic(
        "POST",
        reverse("foi_public:track"),
        body,
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
        HTTP_X_CSRFTOKEN=_token(client),
    )
    assert response.status_code == 200 and "查询" in response.content.decode()


def test_the_error_handlers_never_read_the_post_data(rf):
    """Django's handlers re-run the CSRF check (requires_csrf_token), which reads the POST data again."""
    request = rf.generic("POST", "/", b"a=b", content_type="application/x-www-form-urlencoded; charset=gbk")
    for response in (
        views.bad_request(request),
        views.permission_denied(request),
        views.page_not_found(request),
        views.server_error(request),
    ):
        assert response.status_code in {400, 403, 404, 500}


@pytest.mark.parametrize(
    ("status", "title"), [(400, "请求无法处理"), (403, "无权访问"), (404, "页面不存在"), (500, "系统出错")]
)
def test_error_pages_are_chinese_in_the_site_layout(status, title):
    response = {400: views.bad_request, 403: views.permission_denied, 404: views.page_not_found}.get(
        status, lambda request, exception=None: views.server_error(request)
    )(None)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<title>{title}" in html and "site-header" in html and "返回首页" in html


def test_a_missing_page_is_the_chinese_404(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_page_of_another_agency_is_the_chinese_403(jurisdiction, client_for):
    from gongkai.agencies.models import Role

    # a supervisor may read a subordinate's requests but holds no role to change its settings
    supervisor = client_for(Role.SUPERVISOR, jurisdiction["office"])
    response = supervisor.get(reverse("foi_staff:settings", args=[jurisdiction["civil"].pk]))
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_a_missing_csrf_token_is_the_chinese_403(db):
    response = Client(enforce_csrf_checks=True).post(reverse("foi_public:track"), {"tracking_code": "x"})
    assert response.status_code == 403 and "表单已过期" in response.content.decode()


def test_the_500_page_renders_without_the_database(db, django_assert_num_queries):
    """A database that is down must not take the 500 page with it: no query, no session, no user."""
    with django_assert_num_queries(0):
        response = views.server_error(None)
    assert response.status_code == 500 and "系统出错" in response.content.decode()


def test_an_error_inside_a_view_is_the_chinese_500(db, monkeypatch, caplog):
    from gongkai.portal import views as portal_views

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(portal_views, "public_agency_list", boom)
    response = Client(raise_request_exception=False).get(reverse("portal:home"))
    assert response.status_code == 500 and "系统出错" in response.content.decode()


def test_a_broken_template_falls_back_to_a_plain_chinese_page(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(views.loader, "render_to_string", broken)
    response = views.server_error(None)
    assert response.status_code == 500 and "系统出错" in response.content.decode()


# --- body caps ---------------------------------------------------------------------------------------------------


def test_a_body_over_the_public_cap_is_refused_before_it_is_read(db, settings):
    settings.GONGKAI_MAX_PUBLIC_REQUEST_BYTES = 1000
    url = reverse("foi_public:apply", args=["X"])
    response = Client().generic(
        "POST",
        url,
        b"x" * 10,  # the body is never read: the declared length decides
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH="300000000",
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode() and "0 MB" not in response.content.decode()


def test_signed_in_staff_have_the_larger_cap(jurisdiction, client_for, settings):
    from gongkai.agencies.models import Role

    settings.GONGKAI_MAX_PUBLIC_REQUEST_BYTES = 1000
    settings.GONGKAI_MAX_REQUEST_BYTES = 5000
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    url = reverse("foi_staff:inbox")
    small = officer.generic("POST", url, b"", content_type="multipart/form-data; boundary=z", CONTENT_LENGTH="4000")
    assert small.status_code != 413
    large = officer.generic("POST", url, b"", content_type="multipart/form-data; boundary=z", CONTENT_LENGTH="6000")
    assert large.status_code == 413


def test_a_form_over_the_field_cap_is_a_413_not_a_traceback(db, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    data = {"tracking_code": "x" * 500, "query_code": "1"}
    with caplog.at_level(logging.DEBUG):
        as_multipart = Client().post(reverse("foi_public:track"), data)
        urlencoded = Client().post(
            reverse("foi_public:track"), urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    assert as_multipart.status_code == 413 and urlencoded.status_code == 413
    assert "提交的内容过大" in urlencoded.content.decode()
    assert not any(r.exc_info for r in caplog.records)


def test_a_broken_multipart_body_is_a_400_not_a_traceback(db, caplog):
    with caplog.at_level(logging.DEBUG):
        response = Client().generic(
            "POST", reverse("foi_public:track"), b"--zzz\r\nbroken", content_type="multipart/form-data"
        )
    assert response.status_code == 400 and "请求无法处理" in response.content.decode()
    assert not any(r.exc_info for r in caplog.records)


def test_a_content_length_that_is_no_number_is_a_400(db):
    response = Client().generic("POST", reverse("foi_public:track"), b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400 and "请求无法处理" in response.content.decode()


def test_the_caps_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE and settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    # the public cap holds the public form's attachment; the staff cap the checker's 20 files of 10 MB
    from gongkai.checker.forms import MAX_FILE_BYTES, MAX_FILES
    from gongkai.foi.services import MAX_ATTACHMENT_BYTES

    assert MAX_ATTACHMENT_BYTES < settings.GONGKAI_MAX_PUBLIC_REQUEST_BYTES <= MAX_ATTACHMENT_BYTES + 2 * 1024 * 1024
    assert MAX_FILES * MAX_FILE_BYTES < settings.GONGKAI_MAX_REQUEST_BYTES <= MAX_FILES * MAX_FILE_BYTES + 4 * 1024**2


@override_settings(DEBUG=False)
def test_the_handlers_are_gongkais():
    from gongkai import urls

    assert urls.handler400 == "gongkai.core.views.bad_request"
    assert urls.handler500 == "gongkai.core.views.server_error"
