"""In a real browser: a citizen files a request with the keyboard; the officer sees it in the inbox."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.foi.models import InfoRequest
from gongkai.law.identifiers import make_resident_id
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_citizen_files_a_request_and_the_officer_sees_it(live_server, jurisdiction, make_user, page, artifacts):
    civil = jurisdiction["civil"]
    page.goto(f"{live_server.url}/requests/apply/{civil.credit_code}/")
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(make_resident_id("99010219800101123"))
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2025年度城乡低保资金发放明细")
    page.screenshot(path=str(artifacts / "request-form.png"), full_page=True)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/requests/submitted/$"))
    text = page.locator("main").inner_text()
    tracking = re.search(r"GK\d{4}-[0-9A-Z]{6}", text).group(0)
    assert "查询码" in text and "答复期限" in text
    page.screenshot(path=str(artifacts / "request-acknowledgment.png"), full_page=True)
    assert InfoRequest.objects.filter(tracking_code=tracking).exists()

    make_user(Role.CASE_OFFICER, civil, username="officer")
    page.goto(f"{live_server.url}/workspace/login/")
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/workspace/")
    page.goto(f"{live_server.url}/workspace/requests/")
    assert page.get_by_role("link", name=tracking).count() == 1
    page.screenshot(path=str(artifacts / "inbox.png"), full_page=True)
    page.get_by_role("link", name=tracking).click()
    assert "期限计算" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / "request-detail.png"), full_page=True)


def test_form_errors_are_announced_and_keep_the_input(live_server, jurisdiction, page):
    page.goto(f"{live_server.url}/requests/apply/{jurisdiction['civil'].credit_code}/")
    page.get_by_label("姓名或名称").fill("李四")
    page.get_by_role("button", name="提交申请").click()
    assert page.get_by_role("alert").first.is_visible()
    assert page.get_by_label("姓名或名称").input_value() == "李四"
    assert not InfoRequest.objects.exists()
