"""In a zh-CN browser: the description's live counter, and a text over the cap kept whole (never cut by the
browser), refused by the server with its count."""

from __future__ import annotations

import pytest

from gongkai.foi.models import InfoRequest
from gongkai.law.identifiers import make_resident_id

pytestmark = pytest.mark.browser

DESCRIPTION = "所需政府信息的名称、文号或者便于查询的其他特征性描述"


def test_the_counter_counts_and_the_text_is_never_cut(live_server, jurisdiction, page):
    civil = jurisdiction["civil"]
    page.goto(f"{live_server.url}/requests/apply/{civil.credit_code}/")
    counter = page.locator("#id_description_counter")
    assert counter.inner_text() == "已输入 0 / 4000 字"
    area = page.get_by_label(DESCRIPTION)
    area.fill("低" * 3990)
    assert counter.inner_text() == "已输入 3990 / 4000 字"
    assert "over" not in (counter.get_attribute("class") or "")
    area.press("End")
    page.keyboard.type("保资金发放明细第一二三")  # 11 more: 4001, and the browser keeps every one
    assert counter.inner_text() == "已输入 4001 / 4000 字"
    assert "over" in counter.get_attribute("class")
    assert len(area.input_value()) == 4001

    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill(make_resident_id("99010219800101123"))  # type left at "—": recognised
    page.get_by_label("联系电话").fill("+86 139 1234 5678")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert "内容描述最多 4000 字，当前 4001 字" in page.locator("main").inner_text()
    assert len(page.get_by_label(DESCRIPTION).input_value()) == 4001
    assert page.locator("#id_description_counter").inner_text() == "已输入 4001 / 4000 字"
    assert not InfoRequest.objects.exists()
