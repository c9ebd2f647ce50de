"""In a zh-CN browser: the online 补正 on the tracking page shows its 4000-character cap with the application form's
live counter, and a text over the cap is kept whole (never cut by the browser) and refused by the server with its
count (条例 第三十条)."""

# ruff: noqa: F811 — the fixture imported from tests.foi.conftest is a parameter here
from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.foi.models import Correction
from tests.foi.conftest import foi_settings  # noqa: F401 — the letters' settings, reused
from tests.foi.test_deliveries import _correction_notice
from tests.foi.test_workflow import _submit

pytestmark = pytest.mark.browser


def test_the_correction_counter_counts_and_the_text_is_never_cut(
    live_server, jurisdiction, foi_settings, client_for, page
):
    info_request, query_code, _ = _submit(Client(), jurisdiction["civil"])
    _correction_notice(client_for(Role.CASE_OFFICER, jurisdiction["civil"]), info_request)
    page.goto(f"{live_server.url}/requests/track/")
    page.get_by_label("申请编号").fill(info_request.tracking_code)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()
    counter = page.locator("#id_text_counter")
    assert counter.inner_text() == "已输入 0 / 4000 字"
    area = page.get_by_label("补正内容")
    area.fill("补" * 3995)
    assert counter.inner_text() == "已输入 3995 / 4000 字"
    assert "over" not in (counter.get_attribute("class") or "")
    area.press("End")
    page.keyboard.type("江城区低保明细")  # 7 more: 4002, and the browser keeps every one
    assert counter.inner_text() == "已输入 4002 / 4000 字"
    assert "over" in counter.get_attribute("class")
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    assert "补正内容最多 4000 字，当前 4002 字" in page.locator("main").inner_text()
    assert len(page.get_by_label("补正内容").input_value()) == 4002
    assert page.locator("#id_text_counter").inner_text() == "已输入 4002 / 4000 字"
    assert not Correction.objects.exists()
