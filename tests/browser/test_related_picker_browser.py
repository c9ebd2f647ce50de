"""In a zh-CN browser (issue 14): a drafter links related items with the keyboard alone — types part of a title,
moves through the options with the arrow keys, chooses with Enter, closes the list with Escape, removes the last
chip with Backspace — saves, and the relation is stored; the combobox follows the WAI-ARIA pattern, axe finds no
serious violation with the list open, and the page logs no error. With scripts switched off the field is a
text field of 索引号 or #numbers that refuses an unknown one by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.agencies.models import Role
from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogItem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""


def _draft(agency, drafter, title: str) -> CatalogItem:
    return services.item_create(
        actor=drafter, agency=agency, category=agency.catalog_categories.get(code="M01"), title=title
    )


def test_the_drafter_links_related_items_with_the_keyboard(live_server, jurisdiction, make_user, page, artifacts):
    civil, county, base = jurisdiction["civil"], jurisdiction["county_civil"], live_server.url
    drafter = make_user(Role.DRAFTER, civil, username="drafter")
    services.catalog_seed(actor=None, agency=civil)
    services.catalog_seed(actor=None, agency=county)
    october = _draft(civil, drafter, "2026年10月城市低保名单")
    rural = _draft(civil, drafter, "2026年10月农村低保名单")
    _draft(civil, drafter, "养老服务补贴发放情况")
    services.item_create(
        actor=None, agency=county, category=county.catalog_categories.get(code="M01"), title="青山县城市低保名单"
    )
    november = _draft(civil, drafter, "2026年11月城市低保名单")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill("drafter")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")
    page.goto(f"{base}/workspace/disclosure/{november.pk}/edit/")

    # the label names the combobox; the text field it replaces is hidden and keeps the form's value
    combobox = page.get_by_role("combobox", name="相关信息")
    assert combobox.get_attribute("aria-expanded") == "false" and combobox.get_attribute("aria-autocomplete") == "list"
    listbox = page.locator(f"#{combobox.get_attribute('aria-controls')}")
    assert listbox.get_attribute("role") == "listbox"
    assert page.locator("textarea[name=related]").is_hidden()

    # part of a title: the agency's own items only, never the draft itself or another agency's
    combobox.focus()
    page.keyboard.type("城市低保")
    options = listbox.get_by_role("option")
    options.first.wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    texts = options.all_inner_texts()
    assert any("2026年10月城市低保名单" in t for t in texts)
    assert not any("11月" in t or "青山县" in t for t in texts)
    assert "找到" in page.locator("#id_related_status").inner_text()
    page.keyboard.press("ArrowDown")
    active = combobox.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the page's own policy still applies to it
    violations = page.evaluate(RUN_AXE)
    assert violations == [], violations
    page.screenshot(path=str(artifacts / "related-picker-open.png"), full_page=True)
    page.keyboard.press("Enter")  # chooses, does not submit the form
    chips = page.locator("[data-picker-chosen] li")
    assert chips.count() == 1 and "2026年10月城市低保名单" in chips.first.inner_text()
    assert combobox.input_value() == "" and combobox.get_attribute("aria-expanded") == "false"
    assert page.url.endswith(f"/{november.pk}/edit/")

    # Escape closes the list; Backspace in the empty field removes the last chip
    page.keyboard.type("农村")
    options.first.wait_for()
    page.keyboard.press("Escape")
    assert listbox.is_hidden() and combobox.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")  # a second Escape clears the text
    assert combobox.input_value() == ""
    page.keyboard.type("农村低保")
    options.first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chips.count() == 2
    page.keyboard.press("Backspace")
    assert chips.count() == 1 and "已移除" in page.locator("#id_related_status").inner_text()
    page.keyboard.type("农村低保")
    options.first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chips.count() == 2
    assert chips.nth(1).get_by_role("button", name=re.compile("移除“2026年10月农村低保名单")).is_visible()
    assert page.locator("textarea[name=related]").input_value() == f"#{october.pk}，#{rural.pk}"

    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/workspace/disclosure/{november.pk}/")
    assert set(november.related.all()) == {october, rural}

    # back on the edit form, the stored links come as chips; one is removed with its button
    page.goto(f"{base}/workspace/disclosure/{november.pk}/edit/")
    assert chips.count() == 2
    page.get_by_role("button", name=re.compile("移除“2026年10月城市低保名单")).click()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/workspace/disclosure/{november.pk}/")
    assert list(november.related.all()) == [rural]
    assert errors == [], errors


def test_without_scripts_the_field_takes_index_numbers_and_numbers(live_server, jurisdiction, make_user, browser):
    civil, base = jurisdiction["civil"], live_server.url
    drafter = make_user(Role.DRAFTER, civil, username="drafter")
    services.catalog_seed(actor=None, agency=civil)
    october = _draft(civil, drafter, "2026年10月城市低保名单")
    november = _draft(civil, drafter, "2026年11月城市低保名单")
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base}/workspace/login/")
        page.get_by_label("用户名").fill("drafter")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.goto(f"{base}/workspace/disclosure/{november.pk}/edit/")
        assert page.locator("input[role=combobox]").count() == 0  # no script: no combobox
        field = page.get_by_label("相关信息")
        assert field.evaluate("element => element.tagName") == "TEXTAREA" and field.is_visible()
        field.fill("#999999")
        page.get_by_role("button", name="保存").click()
        assert "本机关没有索引号或编号为“#999999”的信息" in page.locator("main").inner_text()
        assert not november.related.exists()
        page.get_by_label("相关信息").fill(f"#{october.pk}")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(f"{base}/workspace/disclosure/{november.pk}/")
        assert list(november.related.all()) == [october]
        page.goto(f"{base}/workspace/disclosure/{november.pk}/edit/")
        assert "2026年10月城市低保名单（#" in page.locator("[data-picker-chosen]").last.inner_text()
    finally:
        context.close()
