"""In a real browser: a drafter writes an item with an ID number, sees the finding, masks it and sends it for review;
the 初审, 保密审查 and 签发 steps approve it; the public catalog shows it with its 索引号 and search finds it."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.law.identifiers import make_resident_id
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ID_NUMBER = make_resident_id("99010219620314502")  # a valid 18-digit number in the demo's fictitious division
MASKED = ID_NUMBER[:6] + "*" * 8 + ID_NUMBER[-4:]
TITLE = "青石镇困难家庭临时救助情况公示"
BODY = (
    "<p>经申请、审核，决定对青石镇困难家庭给予临时救助，现公示如下：</p>"
    f"<table><tr><th>姓名</th><th>身份证号</th><th>救助金额</th></tr><tr><td>张秀英</td><td>{ID_NUMBER}</td>"
    "<td>3000元</td></tr></table>"
)


def _log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")


def _paste(page, html: str) -> None:
    """Paste ``html`` into the body's rich-text editor, as from a web page or Word (the clipboard's text/html)."""
    page.locator(".prose-editor[data-ready=true]").wait_for()
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    page.evaluate(
        """html => {
          const data = new DataTransfer();
          data.setData("text/html", html);
          document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def _approve(page, base: str, username: str, item_url: str, step: str) -> None:
    _log_in(page, base, username)
    page.goto(item_url)
    assert page.get_by_role("heading", name=step).is_visible()  # whose step it is
    page.get_by_label("审核意见").select_option(label="同意")
    page.get_by_label("意见", exact=True).fill(f"{step}：同意。")
    page.get_by_role("button", name="提交审核意见").click()
    page.wait_for_url(item_url)


def test_an_item_with_an_id_number_is_masked_reviewed_published_and_found(
    live_server, jurisdiction, make_user, page, artifacts
):
    civil, base = jurisdiction["civil"], live_server.url
    make_user(Role.DRAFTER, civil, username="drafter")
    make_user(Role.REVIEWER, civil, username="section-head")
    make_user(Role.REVIEWER, civil, username="secrecy")
    make_user(Role.APPROVER, civil, username="approver")

    # The drafter writes the item; the page names the finding, shown masked, and sending it for review is refused.
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/")
    page.get_by_role("link", name="为江源市民政局新增信息").click()
    page.get_by_label("类目").select_option(label="社会救助")
    page.get_by_label("标题").fill(TITLE)
    _paste(page, BODY)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/workspace/disclosure/\d+/$"))
    item_url = page.url
    main = page.locator("main")
    assert page.get_by_role("heading", name="发现个人信息").is_visible()
    assert MASKED in main.inner_text()
    page.screenshot(path=str(artifacts / "disclosure-finding.png"), full_page=True)
    page.get_by_role("button", name="送审").click()
    assert "个人信息" in page.locator(".messages").inner_text()
    assert CatalogItem.objects.get(title=TITLE).state == ItemState.DRAFT

    # One click masks it (first 6 and last 4 digits kept); then the draft goes into review.
    page.get_by_role("button", name="一键遮蔽全部个人信息").click()
    page.wait_for_url(item_url)
    assert page.get_by_role("heading", name="发现个人信息").count() == 0
    assert MASKED in main.inner_text() and ID_NUMBER not in page.content()
    page.get_by_role("button", name="送审").click()
    page.wait_for_url(item_url)
    assert "科室负责人初审" in main.inner_text()

    # The drafter cannot decide; each step is taken by its holder, the last one publishes.
    assert page.get_by_role("button", name="提交审核意见").count() == 0
    _approve(page, base, "section-head", item_url, "科室负责人初审")
    _approve(page, base, "secrecy", item_url, "保密审查")
    _approve(page, base, "approver", item_url, "分管领导签发")
    item = CatalogItem.objects.get(title=TITLE)
    assert item.state == ItemState.PUBLISHED
    assert re.fullmatch(rf"{civil.credit_code}/M01-\d{{4}}-00001", item.index_number)
    assert item.index_number in main.inner_text()
    assert [d.decided_by.username for d in item.decisions.all()] == ["section-head", "secrecy", "approver"]

    # The public catalog lists it; its page shows the 索引号 in the metadata block and the masked number.
    page.context.clear_cookies()
    page.goto(f"{base}/agency/{civil.credit_code}/catalog/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"{base}/items/{item.pk}/")
    meta = page.locator("table.item-meta")
    assert item.index_number in meta.inner_text() and "索引号" in meta.inner_text()
    assert MASKED in page.locator("main").inner_text() and ID_NUMBER not in page.content()
    page.screenshot(path=str(artifacts / "disclosure-public-item.png"), full_page=True)

    # Search finds it by a two-character word of its body and title.
    page.goto(f"{base}/search/")
    page.get_by_label("检索词").fill("救助")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=.*"))
    results = page.locator("ol.search-results")
    assert results.get_by_role("link", name=TITLE).count() == 1
    assert item.index_number in results.inner_text()
    page.screenshot(path=str(artifacts / "disclosure-search.png"), full_page=True)
