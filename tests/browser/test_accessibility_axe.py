"""axe-core (vendor/axe.min.js, from npm; see vendor/README.md) in the same zh-CN Chromium: no serious or critical
violation on the main public and staff pages, at a desktop width and at a phone's (issue 14).

axe is evaluated in the page through the DevTools protocol (``page.evaluate``), which the page's own
Content-Security-Policy does not govern: ``page.add_script_tag`` inserts an inline ``<script>``, which the policy
(``script-src 'self'``) rightly blocks, and the context is *not* opened with ``bypass_csp``, so the pages are
checked with their real policy and the conftest's check that nothing was blocked still holds. Every ``<details>``
is opened first so that the forms folded inside are checked too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.disclosure import services as disclosure_services
from gongkai.foi import demo as foi_demo
from gongkai.foi.models import InfoRequest
from gongkai.law.identifiers import make_resident_id
from gongkai.reports import demo as reports_demo
from gongkai.reports.models import AnnualReport
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
BLOCKING = {"serious", "critical"}
WIDTHS = (1280, 390)  # a desktop, a phone
RUN_AXE = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' '))}));
}"""


def _violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source)
    return page.evaluate(RUN_AXE)


def _report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: [{v['impact']}] {v['id']} — {v['help']}")
            lines.extend(f"    {target}" for target in v["targets"][:10])
    return "\n".join(lines)


def _publish(agency, team, title: str, body: str):
    item = disclosure_services.item_create(
        actor=team["drafter"], agency=agency, category=agency.catalog_categories.get(code="M01"), title=title, body=body
    )
    disclosure_services.item_submit(actor=team["drafter"], item=item)
    for user in (team["first"], team["secrecy"], team["approver"]):
        item = disclosure_services.item_decide(actor=user, item=item, approved=True)
    return item


@pytest.fixture
def site(jurisdiction, make_user):
    """Enough of the demo for every listed page: requests, two items (one published, one draft), annual reports."""
    civil = jurisdiction["civil"]
    agencies_demo.load_users()
    foi_demo.load_requests(jurisdiction, per_agency=6)
    reports_demo.load_reports(jurisdiction)
    if not civil.catalog_categories.exists():
        disclosure_services.catalog_seed(actor=None, agency=civil)
    team = {
        "drafter": make_user(Role.DRAFTER, civil),
        "first": make_user(Role.REVIEWER, civil),
        "secrecy": make_user(Role.REVIEWER, civil),
        "approver": make_user(Role.APPROVER, civil),
    }
    published = _publish(civil, team, "2026年城乡最低生活保障标准", "<p>城乡最低生活保障标准调整如下。</p>")
    draft = disclosure_services.item_create(
        actor=team["drafter"], agency=civil, category=civil.catalog_categories.get(code="M01"), title="养老服务补贴"
    )
    staff = make_user(Role.AGENCY_ADMIN, civil, username="a11y")
    for role in (Role.CASE_OFFICER, Role.DRAFTER):
        membership_grant(actor=None, user=staff, agency=civil, role=role)
    return {
        "civil": civil,
        "published": published,
        "draft": draft,
        "request": InfoRequest.objects.filter(agency=civil).order_by("pk").first(),
        "report": AnnualReport.objects.filter(agency=civil).order_by("year").first(),
    }


def _public_pages(site) -> list[tuple[str, str]]:
    code = site["civil"].credit_code
    return [
        ("门户首页", "/"),
        ("机关页", f"/agency/{code}/"),
        ("目录列表", f"/agency/{code}/catalog/"),
        ("信息页", f"/items/{site['published'].pk}/"),
        ("检索", "/search/?q=低保"),
        ("检索无结果", "/search/?q=无此信息"),
        ("指南", f"/agency/{code}/guide/"),
        ("申请表", f"/requests/apply/{code}/"),
        ("查询进度", "/requests/track/"),
        ("年报（门户）", f"/agency/{code}/annual-reports/{site['report'].year}/"),
    ]


def _staff_pages(site) -> list[tuple[str, str]]:
    return [
        ("工作台首页", "/workspace/"),
        ("依申请公开列表", "/workspace/requests/"),
        ("申请详情", f"/workspace/requests/{site['request'].pk}/"),
        ("登记申请", f"/workspace/requests/register/{site['civil'].pk}/"),
        ("主动公开列表", "/workspace/disclosure/"),
        ("编辑信息", f"/workspace/disclosure/{site['draft'].pk}/edit/"),
        ("年度报告", f"/workspace/reports/{site['report'].pk}/"),
    ]


def test_no_serious_or_critical_violation_on_the_main_pages(live_server, site, page, artifacts):
    axe_source, base = AXE.read_text(encoding="utf-8"), live_server.url
    found: dict[str, list[dict]] = {}
    checked = []

    def check(name: str, width: int) -> None:
        violations = [v for v in _violations(page, axe_source) if v["impact"] in BLOCKING]
        checked.append(name)
        if violations:
            found[f"{name} @{width}px {page.url}"] = violations

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.context.clear_cookies()
        for name, path in _public_pages(site):
            response = page.goto(base + path)
            assert response.status == 200, (name, path, response.status)
            # the body editor labels its toolbar once its module has loaded: check the page as the official sees it
            if page.locator("textarea[data-body-editor]").count():
                page.locator(".prose-editor[data-ready]").first.wait_for()
            check(name, width)
        # the application form with its errors shown, then the acknowledgment and the tracking page with a request
        page.goto(f"{base}/requests/apply/{site['civil'].credit_code}/")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_load_state()
        check("申请表（有错误）", width)
        page.get_by_label("姓名或名称").fill("张三")
        page.get_by_label("证件类型").select_option("resident_id")
        page.get_by_label("证件号码").fill(make_resident_id("99010219800101123"))
        page.get_by_label("联系电话").fill("13912345678")
        page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("低保资金")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_url(re.compile(r".*/requests/submitted/$"))
        check("提交回执", width)
        text = page.locator("main").inner_text()
        page.goto(f"{base}/requests/track/")
        page.get_by_label("申请编号").fill(re.search(r"GK\d{4}-[0-9A-Z]{6}", text).group(0))
        page.get_by_label("查询码").fill(re.search(r"查询码\s*(\d{8})", text).group(1))
        page.get_by_role("button", name="查询").click()
        page.wait_for_load_state()
        assert "答复期限" in page.locator("main").inner_text()
        check("查询进度（结果）", width)

        page.goto(f"{base}/workspace/login/")
        check("登录", width)
        page.get_by_label("用户名").fill("a11y")
        page.get_by_label("密码").fill(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/workspace/")
        for name, path in _staff_pages(site):
            response = page.goto(base + path)
            assert response.status == 200, (name, path, response.status)
            # the body editor labels its toolbar once its module has loaded: check the page as the official sees it
            if page.locator("textarea[data-body-editor]").count():
                page.locator(".prose-editor[data-ready]").first.wait_for()
            check(name, width)
        if width == WIDTHS[0]:
            page.goto(f"{base}/workspace/requests/{site['request'].pk}/")
            page.screenshot(path=str(artifacts / "axe-request-detail.png"), full_page=True)

    assert len(checked) == 2 * (len(_public_pages(site)) + len(_staff_pages(site)) + 4)
    assert not found, "axe-core found serious or critical violations:\n" + _report(found)


def test_axe_does_report_a_serious_violation(live_server, page):
    """The check above can fail: on a page of the site with a field whose label is taken away, axe reports it."""
    page.goto(f"{live_server.url}/workspace/login/")
    page.evaluate("document.querySelector('label[for=id_username]').remove()")
    violations = _violations(page, AXE.read_text(encoding="utf-8"))
    assert {"label"} <= {v["id"] for v in violations if v["impact"] in BLOCKING}
    assert any("#id_username" in target for v in violations for target in v["targets"])
