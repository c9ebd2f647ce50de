"""In a real browser: keyboard-only use of the portal and the workspace; focus is visible; errors are announced."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_keyboard_only_login_reaches_the_workspace(live_server, jurisdiction, make_user, page, artifacts):
    make_user(Role.CASE_OFFICER, jurisdiction["civil"], username="wang")
    page.goto(live_server.url + "/workspace/login/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.screenshot(path=str(artifacts / "login.png"), full_page=True)

    # The user-name field has focus on arrival; its label gives it a Chinese accessible name.
    assert page.evaluate("document.activeElement.name") == "username"
    assert page.evaluate("document.activeElement.labels[0].textContent.trim()") == "用户名"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus ring visible to keyboard users
    page.keyboard.type("wang")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.labels[0].textContent.trim()") == "密码"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/workspace/")
    assert "您好" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="江源市民政局").count() == 1
    page.screenshot(path=str(artifacts / "workspace-home.png"), full_page=True)


def test_wrong_password_error_is_announced(live_server, jurisdiction, make_user, page):
    make_user(Role.CASE_OFFICER, jurisdiction["civil"], username="wang")
    page.goto(live_server.url + "/workspace/login/")
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    alert = page.get_by_role("alert")
    assert "用户名和密码" in alert.inner_text()


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(live_server, jurisdiction, page, artifacts):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到正文"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0  # shown on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.screenshot(path=str(artifacts / "portal-home.png"), full_page=True)
