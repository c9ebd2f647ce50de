"""In a real browser (issue 13, "Done when"): the citizen submits → the officer sends a 补正 notice, delivered by
e-mail (a real SMTP server on loopback) and on the portal → the citizen follows the e-mail's link, reads the notice
on the tracking page and sends the correction online → the reply period starts again → the officer replies → the
citizen downloads the reply letter. The mailbox holds the two messages, neither with the query code."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.core.dates import chinese_date
from gongkai.foi import services
from gongkai.foi.models import FoiSettings, InfoRequest, LetterDelivery
from gongkai.law.identifiers import make_resident_id
from tests.conftest import PASSWORD
from tests.foi.test_deliveries import PNG

pytestmark = pytest.mark.browser


def _officer_page(browser, live_server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
    officer = context.new_page()
    officer.goto(f"{live_server.url}/workspace/login/")
    officer.get_by_label("用户名").fill("officer")
    officer.get_by_label("密码").fill(PASSWORD)
    officer.keyboard.press("Enter")
    officer.wait_for_url(f"{live_server.url}/workspace/")
    return context, officer


def test_the_applicants_loop_from_request_to_reply_letter(
    live_server, jurisdiction, make_user, page, browser, artifacts, smtp_server, settings
):
    settings.GONGKAI_BASE_URL = live_server.url
    civil = jurisdiction["civil"]
    FoiSettings.objects.create(
        agency=civil, letter_prefix="江民公开", reconsideration_body="江源市人民政府", court="江源市江城区人民法院"
    )
    # the citizen files a request, asking for e-mail delivery
    page.goto(f"{live_server.url}/requests/apply/{civil.credit_code}/")
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(make_resident_id("99010219800101123"))
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("zhang@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("低保资金")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/requests/submitted/$"))
    text = page.locator("main").inner_text()
    tracking = re.search(r"GK\d{4}-[0-9A-Z]{6}", text).group(0)
    query_code = re.search(r"查询码\s*(\d{8})", text).group(1)
    info_request = InfoRequest.objects.get(tracking_code=tracking)

    # the officer sends a 补正 notice
    make_user(Role.CASE_OFFICER, civil, username="officer")
    context, officer = _officer_page(browser, live_server)
    officer.goto(f"{live_server.url}/workspace/requests/{info_request.pk}/")
    officer.locator("summary", has_text="发出补正通知").click()
    notice_form = officer.locator('form[action$="/act/correction_requested/"]')
    # the date field comes filled with today in a zh-CN browser (an ISO value: issue 14), nobody types it
    assert notice_form.get_by_label("日期").input_value() == timezone.localdate().isoformat()
    notice_form.get_by_label("补正期限（工作日）").fill("10")
    notice_form.get_by_label("说明").fill("请写明所需信息的年度和区域")
    notice_form.get_by_role("button", name="发出补正通知").click()
    officer.wait_for_load_state()
    assert "补正申请告知书" in officer.locator("main").inner_text()
    officer.screenshot(path=str(artifacts / "loop-officer-notice.png"), full_page=True)

    # the e-mail points at the tracking page, without the query code
    assert len(smtp_server.messages) == 1
    body = smtp_server.messages[0].get_content()
    assert query_code not in body and "补正申请告知书" in body
    link = re.search(r"https?://\S+/requests/track/", body).group(0)
    page.goto(link)
    page.get_by_label("申请编号").fill(tracking)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()
    main = page.locator("main")
    correction_due = services.compute_request_clock(InfoRequest.objects.get(pk=info_request.pk)).correction_due
    assert f"请于{chinese_date(correction_due)}前补正" in main.inner_text()
    page.screenshot(path=str(artifacts / "loop-tracking-correction.png"), full_page=True)
    page.locator("li", has_text="补正申请告知书").get_by_role("link", name="查看").click()
    assert "请写明所需信息的年度和区域" in page.locator("main").inner_text()
    assert query_code not in page.url
    page.get_by_role("link", name="返回申请办理进度").click()

    # the correction, online, with a file
    page.get_by_label("补正内容").fill("所需信息为2025年度江城区城乡低保资金发放明细")
    page.get_by_label(re.compile("补正材料")).set_input_files(
        files=[{"name": "说明.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    main_text = page.locator("main").inner_text()
    assert "补正材料已收到" in main_text
    info_request.refresh_from_db()
    today = timezone.localdate()
    assert info_request.events.filter(type="correction_received", on=today).exists()
    assert info_request.due_on and chinese_date(info_request.due_on) in main_text and "前补正" not in main_text
    page.screenshot(path=str(artifacts / "loop-tracking-corrected.png"), full_page=True)
    notice = info_request.letters.get(kind="correction")
    channels = dict(LetterDelivery.objects.filter(letter=notice).values_list("channel", "received_on"))
    assert channels == {"email": today, "online": today}  # delivered by e-mail and on the portal

    # the officer replies
    officer.reload()
    officer.locator("summary").filter(has_text=re.compile(r"^答复$")).click()
    reply_form = officer.locator('form[action$="/act/reply/"]')
    assert reply_form.get_by_label("日期").input_value() == timezone.localdate().isoformat()
    reply_form.get_by_label("办理结果").select_option("disclosed")
    reply_form.get_by_label("提供的信息").fill("《2025年度江城区城乡低保资金发放明细表》")
    reply_form.get_by_role("button", name="答复").click()
    officer.wait_for_load_state()
    context.close()

    # the citizen, still in the tracking session, downloads the reply letter
    page.goto(f"{live_server.url}/requests/track/")
    assert "已答复" in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.locator("li", has_text="予以公开告知书").get_by_role("link", name="下载 Word").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)
    reply = info_request.letters.get(kind="disclose")
    assert reply.number in text and "低保资金发放明细表" in text
    assert LetterDelivery.objects.filter(letter=reply, channel="online", received_on=today).exists()
    assert len(smtp_server.messages) == 2
    assert all(query_code not in m.get_content() for m in smtp_server.messages)
    assert "予以公开告知书" in smtp_server.messages[1].get_content()
