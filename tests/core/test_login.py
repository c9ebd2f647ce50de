"""Login in Chinese, lockout after repeated failures (django-axes), and login events in the audit log."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from tests.conftest import PASSWORD


def _login(client: Client, username: str, password: str):
    return client.post(reverse("workspace:login"), {"username": username, "password": password})


def test_login_page_is_in_chinese_by_default(db):
    html = Client().get(reverse("workspace:login")).content.decode()
    assert 'lang="zh-CN"' in html
    assert "登录工作台" in html and "用户名" in html and "密码" in html
    assert "跳到正文" in html  # skip link for keyboard users


def test_successful_login_and_logout_are_audited(make_user):
    user = make_user(username="wang")
    client = Client()
    response = _login(client, "wang", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("workspace:home")
    home = client.get(reverse("workspace:home")).content.decode()
    assert "您好" in home
    client.post(reverse("workspace:logout"))
    actions = list(AuditEntry.objects.filter(actor=user).order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["auth.login", "auth.logout"]


def test_wrong_password_shows_a_chinese_error(make_user):
    make_user(username="wang")
    html = _login(Client(), "wang", "wrong").content.decode()
    assert "请输入一个正确的" in html or "用户名和密码" in html
    assert AuditEntry.objects.filter(action="auth.login_failed", actor_label="wang").exists()


def test_account_locks_after_repeated_failures_even_with_the_right_password(make_user):
    make_user(username="wang")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wang", "wrong").status_code == 200
    locked = _login(client, "wang", "wrong")
    assert locked.status_code == 429
    assert "账号已锁定" in locked.content.decode()
    again = _login(client, "wang", PASSWORD)
    assert again.status_code == 429  # the right password does not help while locked
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_user_does_not_lock_another(make_user):
    make_user(username="wang")
    make_user(username="li")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wang", "wrong")
    assert _login(client, "li", PASSWORD).status_code == 302
