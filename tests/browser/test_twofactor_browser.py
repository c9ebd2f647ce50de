"""In zh-CN Chromium: a case officer's first login goes through enrolment (QR code, first code, recovery codes);
the next login asks for a code. The codes are computed here from the key the page shows, as a phone would."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from tests.conftest import PASSWORD
from tests.twofactor import totp

pytestmark = pytest.mark.browser


def _password(page, base: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")


def test_a_case_officer_enrols_at_first_login_then_verifies(
    live_server, jurisdiction, make_user, page, artifacts, settings
):
    settings.GONGKAI_2FA = "roles"
    officer = make_user(Role.CASE_OFFICER, jurisdiction["civil"], username="officer")
    base = live_server.url
    _password(page, base)
    page.wait_for_url(f"{base}/workspace/2fa/setup/?next=%2Fworkspace%2F")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.get_by_role("heading", level=1).inner_text() == "绑定身份验证器"
    qr = page.locator("svg.qr")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150  # large enough to scan from the screen
    assert page.get_by_role("link", name="依申请公开").count() == 0  # no way round the step
    page.screenshot(path=str(artifacts / "twofactor-enrol.png"), full_page=True)

    secret = page.locator("#manual-key").inner_text()
    page.get_by_label("验证码").fill(totp.code(secret))
    page.get_by_role("button", name="确认").click()
    assert page.get_by_role("heading", level=1).inner_text() == "您的恢复码"
    codes = page.locator("ol.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path=str(artifacts / "twofactor-recovery-codes.png"), full_page=True)
    page.get_by_role("link", name="我已保存恢复码，继续").click()
    page.wait_for_url(f"{base}/workspace/")
    assert "您好" in page.locator("h1").inner_text()

    page.get_by_role("button", name="退出登录（officer）").click()
    _password(page, base)
    page.wait_for_url(f"{base}/workspace/2fa/verify/?next=%2Fworkspace%2F")
    field = page.get_by_label("验证码")
    assert page.evaluate("document.activeElement.name") == "otp_token"  # focus is on the code
    field.fill("000000" if totp.next_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="验证").click()
    assert "验证码不正确" in page.get_by_role("alert").inner_text()
    page.screenshot(path=str(artifacts / "twofactor-verify-wrong.png"), full_page=True)
    page.wait_for_timeout(1100)  # django-otp's back-off after one wrong code: 1 second
    page.get_by_label("验证码").fill(totp.next_code(secret))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(f"{base}/workspace/")
    page.goto(f"{base}/workspace/requests/")
    assert page.get_by_role("heading", level=1).count() == 1
    actions = list(AuditEntry.objects.filter(actor=officer).order_by("id").values_list("action", flat=True))
    assert actions == [
        "auth.login",
        "auth.2fa_enrolled",
        "auth.logout",
        "auth.login",
        "auth.2fa_failed",
        "auth.2fa_verified",
    ]
