"""In a zh-CN browser: a drafter writes an item's body in the rich-text editor (issue 14, "Drafting") — under the
strict Content-Security-Policy, with no error in the console — makes a word bold and two lines a numbered list,
saves, and the stored body keeps the formatting; and a Word file imported on the edit page fills the editor for
review, its image kept as an attachment, saved only when the drafter saves."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogItem
from gongkai.disclosure.services import clean_body
from tests.conftest import PASSWORD
from tests.disclosure.documents import sample_docx

pytestmark = pytest.mark.browser


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")


@pytest.fixture
def draft(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    drafter = make_user(Role.DRAFTER, civil, username="drafter")
    services.catalog_seed(actor=None, agency=civil)
    return services.item_create(
        actor=drafter,
        agency=civil,
        category=civil.catalog_categories.get(code="M01"),
        title="2026年城乡低保标准调整的通知",
        body="",
    )


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _editor(page):
    page.locator(".prose-editor[data-ready=true]").wait_for()  # built and labelled (body-editor.js)
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    return editor


def test_the_drafter_formats_the_body_and_the_formatting_is_saved(live_server, draft, page, artifacts):
    base = live_server.url
    errors = _console_errors(page)
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    editor = _editor(page)
    assert page.locator("textarea[name=body]").is_hidden()  # the editor took its place
    toolbar = page.locator(".prose-menubar")
    assert toolbar.get_by_role("button", name="加粗").is_visible()  # the toolbar speaks Chinese
    assert toolbar.get_by_role("button", name="编号列表").is_visible()

    editor.click()
    page.keyboard.type("一、调整标准")
    toolbar.locator(".prose-menubar__selected").click()  # the block-type picker (a popover)
    toolbar.get_by_role("button", name="二级标题").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("调整后的标准如下：")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="编号列表").click()
    page.keyboard.type("城市低保每人每月850元")
    page.keyboard.press("Enter")
    page.keyboard.type("农村低保每人每月620元")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("自")
    toolbar.get_by_role("button", name="加粗").click()
    page.keyboard.type("2026年1月1日")
    toolbar.get_by_role("button", name="加粗").click()
    page.keyboard.type("起执行。")
    page.screenshot(path=str(artifacts / "editor-zh-typed.png"), full_page=True)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/workspace/disclosure/{draft.pk}/")

    body = CatalogItem.objects.get(pk=draft.pk).body
    assert body == (
        "<h2>一、调整标准</h2><p>调整后的标准如下：</p>"
        "<ol><li><p>城市低保每人每月850元</p></li><li><p>农村低保每人每月620元</p></li></ol>"
        "<p>自<strong>2026年1月1日</strong>起执行。</p>"
    )
    assert page.locator(".item-body ol li").count() == 2
    assert page.locator(".item-body strong").inner_text() == "2026年1月1日"

    # opened again, the editor shows the same body, and saving it unchanged changes nothing
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    assert _editor(page).locator("ol li").count() == 2
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/workspace/disclosure/{draft.pk}/")
    assert CatalogItem.objects.get(pk=draft.pk).body == body
    assert not errors, "console errors:\n" + "\n".join(errors)


def test_a_word_file_fills_the_editor_for_review_and_is_saved_with_the_draft(
    live_server, draft, page, artifacts, tmp_path
):
    base = live_server.url
    errors = _console_errors(page)
    path = tmp_path / "低保标准通知.docx"
    path.write_bytes(sample_docx())
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    page.get_by_label("Word 文件", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="导入正文").click()
    page.wait_for_load_state()
    editor = _editor(page)
    assert "请检查正文后保存" in page.locator(".messages").inner_text()
    assert editor.locator("h2").inner_text() == "一、调整标准"
    assert editor.locator("table td").first.inner_text() == "城市"
    assert editor.locator("ol li").count() == 2 and editor.locator("ul li").count() == 2
    assert CatalogItem.objects.get(pk=draft.pk).body == ""  # not saved yet: the drafter reviews it first
    page.screenshot(path=str(artifacts / "editor-zh-word-import.png"), full_page=True)
    # the drafter adds a word at the end: what the editor then writes (its table, its link) survives sanitising
    editor.locator("p").last.click()
    page.keyboard.press("End")
    page.keyboard.type("（完）")
    posted = page.locator("textarea[name=body]").input_value()
    assert "<table>" in posted and "（完）" in posted
    assert clean_body(posted) == posted
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/workspace/disclosure/{draft.pk}/")
    item = CatalogItem.objects.get(pk=draft.pk)
    assert item.body == posted
    image = item.attachments.get()
    assert "<h2>一、调整标准</h2>" in item.body and f'href="/files/{image.pk}/"' in item.body
    assert "data:" not in item.body
    assert page.get_by_role("link", name=re.compile(image.original_name)).count() >= 1
    assert not errors, "console errors:\n" + "\n".join(errors)


PASTED = (
    '<h3>标题</h3><blockquote><p>引用<br><em>倾斜</em><u>下划线</u></p></blockquote><table><tbody><tr><th colspan="2">'
    '<p>表头</p></th></tr><tr><td><p>甲</p></td><td><p>乙</p></td></tr></tbody></table><h4>四级</h4><p><a href="https://www.gov.cn/" title="中国政府网">'
    '链接</a></p><ol start="3" type="a"><li><p>丙</p></li></ol>'
)


def test_what_the_editor_writes_of_pasted_rich_text_survives_sanitising(live_server, draft, page):
    base = live_server.url
    errors = _console_errors(page)
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    _editor(page).click()
    page.evaluate(
        """html => {
          const data = new DataTransfer();
          data.setData("text/html", html);
          document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        PASTED,
    )
    posted = page.locator("textarea[name=body]").input_value()
    assert clean_body(posted) == posted
    assert '<th colspan="2">' in posted and "<blockquote>" in posted and 'title="中国政府网"' in posted
    assert "<ol><li><p>丙</p></li></ol>" in posted  # the start and numbering style the server would drop
    assert not errors, "console errors:\n" + "\n".join(errors)


def test_a_link_is_added_through_the_chinese_dialog(live_server, draft, page):
    base = live_server.url
    errors = _console_errors(page)
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    editor = _editor(page)
    editor.click()
    page.keyboard.type("中国政府网")
    page.keyboard.press("Shift+Home")
    page.locator(".prose-menubar").get_by_role("button", name="插入链接").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    assert dialog.get_by_role("heading", name="编辑链接").is_visible()
    dialog.get_by_label("网址").fill("https://www.gov.cn/")
    dialog.get_by_role("button", name="确定").click()
    posted = page.locator("textarea[name=body]").input_value()
    assert posted == '<p><a href="https://www.gov.cn/">中国政府网</a></p>'
    assert clean_body(posted) == posted
    assert not errors, "console errors:\n" + "\n".join(errors)


def test_a_table_is_inserted_through_the_chinese_dialog(live_server, draft, page):
    base = live_server.url
    errors = _console_errors(page)
    _log_in(page, base, "drafter")
    page.goto(f"{base}/workspace/disclosure/{draft.pk}/edit/")
    _editor(page).click()
    page.locator(".prose-menubar").get_by_role("button", name="插入表格").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    assert dialog.get_by_role("heading", name="表格").is_visible()
    dialog.get_by_label("行数").fill("2")
    dialog.get_by_label("列数").fill("2")
    dialog.get_by_label("包含表头行").select_option(label="是")
    dialog.get_by_role("button", name="插入表格").click()
    page.keyboard.type("地区")
    posted = page.locator("textarea[name=body]").input_value()
    assert posted.startswith("<table><tbody><tr><th><p>地区</p></th><th><p></p></th></tr><tr><td><p></p></td>")
    assert clean_body(posted) == posted
    assert not errors, "console errors:\n" + "\n".join(errors)
