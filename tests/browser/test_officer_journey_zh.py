"""In a zh-CN browser (issue 14, "Done when"): a case officer registers a request handed in on paper at the counter,
sends a 补正 notice, records the applicant's correction, replies and opens the reply letter — without typing a
single date. Every date field comes filled with today as an ISO value (``input_value()``: what the browser holds,
not what the server wrote), and each step's due date on the page is the one the working-day calendar gives
(条例 第三十条、第三十三条)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.core.dates import chinese_date
from gongkai.foi.models import FoiSettings, InfoRequest
from gongkai.law.clock import REPLY_WORKDAYS
from gongkai.law.identifiers import make_resident_id
from gongkai.workcalendar.selectors import working_calendar
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _shown(day: dt.date) -> re.Pattern:
    """A date as a page may show it: ISO (2026-12-02) or in Chinese (2026年12月2日)."""
    return re.compile(f"{re.escape(day.isoformat())}|{re.escape(chinese_date(day))}")


def _date_inputs(scope) -> dict[str, str]:
    """Every date field in ``scope``: its name → the value the browser holds."""
    return {field.get_attribute("name"): field.input_value() for field in scope.locator("input[type=date]").all()}


def _reply_due(page) -> str:
    return page.locator("dl.meta dt", has_text="答复期限").locator("xpath=following-sibling::dd[1]").inner_text()


def _open_action(page, label: str):
    """Unfold the action ``label`` on the request page; its form."""
    page.locator("details > summary").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    return page.locator("details[open] form")


def test_the_officer_registers_corrects_and_replies_without_typing_a_date(
    live_server, jurisdiction, make_user, page, artifacts
):
    civil, base = jurisdiction["civil"], live_server.url
    FoiSettings.objects.create(
        agency=civil, letter_prefix="江民公开", reconsideration_body="江源市人民政府", court="江源市江城区人民法院"
    )
    make_user(Role.CASE_OFFICER, civil, username="officer")
    today, calendar = timezone.localdate(), working_calendar()

    # log in as the case officer
    page.goto(f"{base}/workspace/login/")
    assert page.evaluate("navigator.language") == "zh-CN"
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")

    # register a request handed in on paper at the counter: the date it was handed in is filled with today
    page.goto(f"{base}/workspace/requests/")
    page.get_by_role("link", name="登记信函、当面等申请").click()
    page.wait_for_url(f"{base}/workspace/requests/register/{civil.pk}/")
    dates = _date_inputs(page.locator("main form"))
    assert dates == {"submitted_on": today.isoformat(), "signed_on": "", "confirmed_on": ""}
    assert all(ISO.match(value) for value in dates.values() if value)
    page.get_by_label("渠道").select_option("in_person")
    page.get_by_label("姓名或名称").fill("李秀英")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(make_resident_id("99010219750203456"))
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2025年度城乡低保资金发放明细")
    page.screenshot(path=str(artifacts / "officer-zh-register.png"), full_page=True)
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url(re.compile(r".*/workspace/requests/\d+/$"))
    info_request = InfoRequest.objects.get()
    assert info_request.submitted_on == info_request.received_on == today  # handed in: received that day (第三十一条)
    reply_due = calendar.add_workdays(today, REPLY_WORKDAYS).date  # 条例 第三十三条
    assert _shown(reply_due).search(_reply_due(page))
    assert info_request.tracking_code in page.locator("h1").inner_text()

    # send a 补正 notice: its date comes filled, the period defaults to 10 working days
    notice = _open_action(page, "发出补正通知")
    assert _date_inputs(notice) == {"correction_requested-on": today.isoformat()}
    assert notice.get_by_label("补正期限（工作日）").input_value() == "10"
    notice.get_by_label("说明").fill("请写明所需信息的年度和区域")
    notice.get_by_role("button", name="发出补正通知").click()
    page.wait_for_load_state()
    main = page.locator("main")
    assert "补正申请告知书" in main.inner_text()
    correction_due = calendar.add_workdays(today, 10).date
    info_request.refresh_from_db()
    assert info_request.paused
    assert _shown(correction_due).search(main.inner_text())  # the correction deadline, in the clock's explanation
    page.screenshot(path=str(artifacts / "officer-zh-correction-notice.png"), full_page=True)

    # the applicant brings the correction: the officer records it, dated today without typing
    received = _open_action(page, "收到补正材料")
    assert _date_inputs(received) == {"correction_received-on": today.isoformat()}
    received.get_by_label("说明").fill("申请人当面补正：2025年度江城区")
    received.get_by_role("button", name="收到补正材料").click()
    page.wait_for_load_state()
    info_request.refresh_from_db()
    assert not info_request.paused and info_request.events.filter(type="correction_received", on=today).exists()
    # the period starts again from the day the correction was received (条例 第三十条)
    assert info_request.due_on == calendar.add_workdays(today, REPLY_WORKDAYS).date
    assert _shown(info_request.due_on).search(_reply_due(page))

    # reply: disclosed, dated today
    reply = _open_action(page, "答复")
    assert _date_inputs(reply) == {"reply-on": today.isoformat()}
    reply.get_by_label("办理结果").select_option("disclosed")
    reply.get_by_label("提供的信息").fill("《2025年度江城区城乡低保资金发放明细表》")
    reply.get_by_role("button", name="答复").click()
    page.wait_for_load_state()
    info_request.refresh_from_db()
    assert info_request.state == "answered" and info_request.closed_on == today
    assert "已答复" in page.locator("dl.meta").inner_text()
    page.screenshot(path=str(artifacts / "officer-zh-replied.png"), full_page=True)

    # the reply letter: on the page, and as a Word file
    letter = info_request.letters.get(kind="disclose")
    item = page.locator("li", has_text="予以公开告知书")
    item.get_by_role("link", name="查看").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert letter.number in text and "低保资金发放明细表" in text and chinese_date(today) in text
    page.screenshot(path=str(artifacts / "officer-zh-letter.png"), full_page=True)
    page.go_back()
    with page.expect_download() as download_info:
        page.locator("li", has_text="予以公开告知书").get_by_role("link", name="下载 Word").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        body = "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)
    assert letter.number in body and "低保资金发放明细表" in body
