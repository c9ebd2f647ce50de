"""In a real browser: the agency admin computes last year's annual report from the list page, works through the check
list (unfinished 【】 prompts, a figure that contradicts the table) until it passes; the 签发人 approves; the admin
publishes; the portal's 年报 column shows it with its three tables; the supervisor's oversight page shows the agency's
state, the roll-up and the charts (条例 第四十九条、第五十条)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.foi.importing import import_register
from gongkai.reports.demo import DEMO_TEXT
from gongkai.reports.models import AnnualReport, ReportState
from tests.conftest import PASSWORD
from tests.reports.test_tables import _register

pytestmark = pytest.mark.browser


def _last_year_register(year: int):
    """Seven requests received in ``year``: five answered in it, one answered at its end, one still open (carried)."""
    return _register(
        [
            (f"{year}-02-10", "自然人", "张一", f"{year}-02-28", "予以公开"),
            (f"{year}-03-05", "自然人", "张二", f"{year}-03-25", "部分公开"),
            (f"{year}-04-01", "商业企业", "恒达公司", f"{year}-04-20", "本机关不掌握相关政府信息"),
            (f"{year}-06-02", "法律服务机构", "正义律所", f"{year}-06-20", "属于国家秘密"),
            (f"{year}-09-01", "科研机构", "江源大学", f"{year}-09-15", "予以公开"),
            (f"{year}-11-02", "自然人", "张三", f"{year}-11-20", "予以公开"),
            (f"{year}-12-26", "社会公益组织", "助老协会", "", ""),
        ]
    )


def _log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")


def _action(page, name: str) -> None:
    """Press a workflow button by its form's action (check, approve, publish), whatever its label's translation."""
    page.locator(f"form[action$='/{name}/'] button").click()
    page.wait_for_load_state()


def _finish(text: str, keep: tuple[str, ...] = ()) -> str:
    """What the agency writes in place of the draft's 【】 prompts (the demo's own measures), except ``keep``."""
    for prompt, replacement in DEMO_TEXT.items():
        if prompt not in keep:
            text = text.replace(prompt, replacement)
    return text


def test_admin_checks_approver_approves_public_sees_supervisor_oversees(
    live_server, jurisdiction, make_user, page, artifacts
):
    civil, base = jurisdiction["civil"], live_server.url
    year = timezone.localdate().year - 1
    import_register(actor=None, agency=civil, source=_last_year_register(year))
    make_user(Role.AGENCY_ADMIN, civil, username="admin")
    make_user(Role.APPROVER, civil, username="approver")
    make_user(Role.SUPERVISOR, jurisdiction["office"], username="supervisor")

    # The list page proposes last year; computing the draft opens it with the tables filled in from the register.
    _log_in(page, base, "admin")
    page.goto(f"{base}/workspace/reports/")
    assert page.get_by_label("年份", exact=True).input_value() == str(year)
    page.get_by_role("button", name="生成草稿").click()
    page.wait_for_url(re.compile(r".*/workspace/reports/\d+/$"))
    report_url = page.url
    main = page.locator("main")
    assert f"{civil.name}{year}年政府信息公开工作年度报告" in page.locator("h1").inner_text()
    assert "新收政府信息公开申请7件" in main.inner_text()
    assert "结转下年度继续办理1件" in main.inner_text()
    assert page.locator("table.report-section3").count() == 1

    # The first check lists every 【】 prompt still in the draft, section by section; the report stays a draft.
    _action(page, "check")
    checklist = page.locator("section[aria-labelledby='problems-h']")
    unfinished = checklist.locator("li:has(.badge[title='text.unfinished'])")
    assert unfinished.count() == 3
    assert {link.inner_text() for link in unfinished.get_by_role("link").all()} == {
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    }
    report = AnnualReport.objects.get(agency=civil, year=year)
    assert report.state == ReportState.DRAFT
    assert {f["code"] for f in report.failures} == {"text.unfinished"}
    page.screenshot(path=str(artifacts / "report-detail-check.png"), full_page=True)

    # The admin fills in sections 一 and 六, leaves one prompt in 五 and mistypes a figure in 一.
    page.locator(f"a[href$='/workspace/reports/{report.pk}/edit/']").click()
    overview, problems, other = (
        page.get_by_label(label) for label in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    )
    overview.fill(_finish(overview.input_value()).replace("新收政府信息公开申请7件", "新收政府信息公开申请8件"))
    other.fill(_finish(other.input_value()))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(report_url)
    _action(page, "check")
    items = checklist.locator("li")
    assert items.count() == 2
    mismatch = checklist.locator("li:has(.badge[title='text.table_mismatch'])")
    assert (
        "新收政府信息公开申请8件" in mismatch.inner_text()
        and "本年新收政府信息公开申请数量”行“总计”列" in mismatch.inner_text()
    )
    assert unfinished.count() == 1 and "五、存在的主要问题及改进情况" in unfinished.inner_text()
    page.screenshot(path=str(artifacts / "report-detail-recheck.png"), full_page=True)

    # Both fixed (the check list's link opens the form at section 五): the check passes and the report is 已校验.
    unfinished.get_by_role("link", name="五、存在的主要问题及改进情况").click()
    page.wait_for_url(re.compile(r".*/edit/#id_problems$"))
    overview.fill(overview.input_value().replace("新收政府信息公开申请8件", "新收政府信息公开申请7件"))
    problems.fill(_finish(problems.input_value()))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(re.escape(report_url) + "#id_problems$"))  # the browser keeps the fragment
    _action(page, "check")
    assert checklist.locator("p.badge.ok").is_visible() and checklist.locator("li").count() == 0
    report.refresh_from_db()
    assert report.state == ReportState.CHECKED and report.failures == []
    # Only the 签发人 approves: the admin has no approve button.
    assert page.locator("form[action$='/approve/']").count() == 0

    # The approver approves; the admin publishes.
    _log_in(page, base, "approver")
    page.goto(report_url)
    assert page.locator("form[action$='/check/']").count() == 0  # the approver does not edit or check
    _action(page, "approve")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED and report.approved_by.username == "approver"
    _log_in(page, base, "admin")
    page.goto(report_url)
    _action(page, "publish")
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED and report.published_on == timezone.localdate()
    assert page.locator("form[action$='/edit/'], a[href$='/edit/']").count() == 0  # frozen
    assert page.locator("form[action$='/correct/']").count() == 1  # a correction is the only way to change it

    # The public 年报 column lists it; its page shows the text and the three tables, and no 【】 prompt.
    page.context.clear_cookies()
    page.goto(f"{base}/agency/{civil.credit_code}/annual-reports/")
    page.get_by_role("link", name=report.title).click()
    page.wait_for_url(f"{base}/agency/{civil.credit_code}/annual-reports/{year}/")
    article = page.locator("article.report")
    for key in ("section2", "section3", "section4"):
        assert article.locator(f"table.report-{key}").count() == 1
    text = article.inner_text()
    assert "结转下年度继续办理" in text and "新收政府信息公开申请7件" in text and "【" not in text
    assert (
        DEMO_TEXT["【请补充原因分析和下一步改进措施。】"] in text
        or DEMO_TEXT["【请说明本年度工作中存在的主要问题及改进情况。】"] in text
    )
    page.screenshot(path=str(artifacts / "report-portal.png"), full_page=True)
    # The printable page carries its own styles; its print button appears when site.js runs (no inline script).
    page.goto(f"{base}/agency/{civil.credit_code}/annual-reports/{year}/download.html")
    assert page.get_by_role("button", name="打印").is_visible()
    cell = page.locator("table.report-section3 td").first
    assert cell.evaluate("cell => getComputedStyle(cell).borderTopStyle") == "solid"

    # The supervisor sees every agency below the office against its deadline, the roll-up and the charts.
    _log_in(page, base, "supervisor")
    page.goto(f"{base}/workspace/reports/")
    page.locator("a[href$='/workspace/reports/oversight/']").click()
    page.get_by_label("年份", exact=True).select_option(str(year))
    page.wait_for_url(re.compile(rf".*/oversight/\?year={year}$"))
    main = page.locator("main")
    status = main.locator("table").first
    assert status.locator("tr").filter(has_text=civil.name).get_by_role("link").count() == 1
    assert status.locator("tr").filter(has_text=jurisdiction["county_civil"].name).count() == 1
    assert main.locator("svg.chart").count() == 2  # requests by month; results of the year
    months = main.locator("svg.chart").first.locator("rect")
    assert months.count() == 12
    drawn = [m for m in months.all() if m.get_attribute("width") != "0"]
    assert len(drawn) == 7 and drawn[0].is_visible()  # the seven months in which requests arrived
    rollup = main.locator("table.report-section3")
    assert rollup.count() == 1 and "7" in rollup.locator("tbody tr").first.inner_text()
    page.screenshot(path=str(artifacts / "report-oversight.png"), full_page=True)
