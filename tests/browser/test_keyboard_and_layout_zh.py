"""In a zh-CN browser (issue 14): the public application form is filled in and submitted with the keyboard alone,
down to the printable 回执; the workspace's bar holds its log-out button and the inbox's dates stay on one line, on a
desktop and on a phone; every page has an icon and /favicon.ico is found."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.foi import demo as foi_demo
from gongkai.foi.models import InfoRequest
from gongkai.law.identifiers import make_resident_id
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ID_NUMBER = make_resident_id("99010219800101123")
TYPED = {
    "name": "张三",
    "id_number": ID_NUMBER,
    "phone": "13912345678",
    "description": "2025年度城乡低保资金发放明细",
}
CHOSEN = {"id_type": "resident_id"}  # a <select>: chosen with the arrow keys


def _focused(page) -> dict:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), name: e.name || '', type: e.type || '', value: e.value || '',"
        " text: (e.innerText || '').trim()}; })()"
    )


def test_the_public_form_is_filled_in_and_submitted_with_the_keyboard_alone(live_server, jurisdiction, page):
    page.goto(f"{live_server.url}/requests/apply/{jurisdiction['civil'].credit_code}/")
    visited = []
    for _ in range(60):  # Tab from the top of the page to the submit button, acting on each field on the way
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "button" and focused["text"] == "提交申请":
            break
        visited.append(focused["name"])
        if focused["name"] in TYPED:
            page.keyboard.type(TYPED[focused["name"]])
        elif focused["name"] in CHOSEN:
            for _ in range(10):
                if _focused(page)["value"] == CHOSEN[focused["name"]]:
                    break
                page.keyboard.press("ArrowDown")
            assert _focused(page)["value"] == CHOSEN[focused["name"]]
    else:
        pytest.fail(f"the submit button was never reached by Tab; visited {visited}")
    fields = [name for name in visited if name]
    # every field is reached, in the order of the form; the hidden trap field never is
    wanted = ["kind", "name", "id_type", "id_number", "phone", "email", "address", "description", "delivery"]
    assert [name for name in fields if name in wanted] == wanted
    assert "website" not in fields
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/requests/submitted/$"))
    text = page.locator("main").inner_text()
    tracking = re.search(r"GK\d{4}-[0-9A-Z]{6}", text).group(0)
    info_request = InfoRequest.objects.get(tracking_code=tracking)
    assert info_request.description == TYPED["description"]

    # on to the printable 回执, still by keyboard: Tab to its link, Enter
    for _ in range(40):
        page.keyboard.press("Tab")
        if _focused(page)["text"] == "打印回执":
            break
    else:
        pytest.fail("the 回执 link was never reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/requests/submitted/receipt/$"))
    assert tracking in page.locator("main").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_bar_holds_the_log_out_button_and_inbox_dates_stay_on_one_line(
    live_server, jurisdiction, make_user, page, artifacts, width
):
    foi_demo.load_requests(jurisdiction, per_agency=4)
    make_user(Role.CASE_OFFICER, jurisdiction["civil"], username="officer-with-a-long-name")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/workspace/login/")
    page.get_by_label("用户名").fill("officer-with-a-long-name")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/workspace/")
    page.goto(f"{live_server.url}/workspace/requests/?state=all")
    page.screenshot(path=str(artifacts / f"inbox-{width}.png"), full_page=True)

    bar = page.locator(".site-header").bounding_box()
    logout = page.get_by_role("button", name=re.compile("退出登录")).bounding_box()
    assert bar["x"] <= logout["x"] and logout["x"] + logout["width"] <= bar["x"] + bar["width"]
    assert (
        bar["y"] < logout["y"] and logout["y"] + logout["height"] < bar["y"] + bar["height"]
    )  # inside, not on the edge
    title = page.locator(".site-header .brand").bounding_box()
    assert title["y"] - bar["y"] >= 8  # not flush with the top of the window
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing pushes the page sideways

    dates = page.locator("main table tbody time")
    assert dates.count() >= 4
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main table tbody td')).lineHeight)")
    for date in dates.all():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日", date.inner_text())
        assert date.bounding_box()["height"] <= line, date.inner_text()  # one line, not "2025-/01-03"
        assert date.evaluate("e => e.getClientRects().length") == 1


def test_every_page_has_an_icon_and_favicon_ico_is_found(live_server, jurisdiction, page):
    page.goto(f"{live_server.url}/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
    response = page.goto(f"{live_server.url}/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
