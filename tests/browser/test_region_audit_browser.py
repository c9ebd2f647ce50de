"""In a zh-CN browser: a supervisor uploads several reports of the region at once (a progress message while they
are checked), assigns the one whose agency was not matched, sees the missing-years grid, an agency's years side by
side, and dismisses a finding with a note (年报体检, issue 15 item 4)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.regionaudit.models import FindingReview
from tests.conftest import PASSWORD
from tests.regionaudit.conftest import report_text, report_with_finding

pytestmark = pytest.mark.browser


def test_a_supervisor_ingests_assigns_sees_the_grid_and_triages(live_server, jurisdiction, make_user, page, tmp_path):
    office, base = jurisdiction["office"], live_server.url
    make_user(Role.SUPERVISOR, office, username="supervisor")
    last_year = timezone.localdate().year - 1
    files = []
    for name, agency, year in (
        ("民政局上年.txt", "江源市民政局", last_year - 1),
        ("民政局今年.txt", "江源市民政局", last_year),
        ("无名.txt", "某某局", last_year),
    ):
        path = tmp_path / name
        text = report_with_finding if name == "民政局今年.txt" else report_text
        path.write_bytes(text(agency, year, seed=year))
        files.append(str(path))

    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill("supervisor")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")

    page.get_by_role("link", name="年报体检").first.click()
    page.wait_for_url(f"{base}/workspace/region-audit/{office.pk}/")
    page.get_by_label("本地区已公布的年度报告", exact=False).set_input_files(files)
    page.evaluate(
        "document.querySelector('form[data-ingest]').addEventListener('submit', e => e.preventDefault(), {once: true})"
    )
    page.get_by_role("button", name="检查并存档").click()
    assert page.locator("#ingest-progress").inner_text() == "正在检查 3 个文件，请稍候……"
    page.reload()
    page.get_by_label("本地区已公布的年度报告", exact=False).set_input_files(files)
    page.get_by_role("button", name="检查并存档").click()
    page.wait_for_load_state()
    assert "3 个文件已检查：新存档 3 个，已存档过 0 个，1 个待指定机关。" in page.locator(".messages").inner_text()

    # the report nobody's name fitted: assigned by hand
    page.get_by_role("link", name="无名.txt").click()
    page.get_by_label("机关").select_option(label="青山县民政局")
    page.get_by_role("button", name="指定给该机关").click()
    assert "报告已指定给青山县民政局" in page.locator(".messages").inner_text()

    # the grid: the county government's and the office's years are missing or not yet due, 民政局 published
    page.get_by_role("link", name="缺报年度").click()
    row = page.locator("tr", has=page.get_by_role("link", name="江源市民政局"))
    assert row.locator("td.cell-published").count() == 2

    # the agency's years side by side
    row.get_by_role("link", name="江源市民政局").click()
    assert page.get_by_role("heading", name="逐年对比").is_visible()
    assert page.locator("table thead th").count() == 3  # the figure column and two years

    # a finding dismissed with a note
    page.get_by_role("link", name=str(last_year)).first.click()
    form = page.locator("main form[action*='review']").first  # 未说明信息处理费 planted in this year's report
    form.get_by_label("处理意见").select_option("dismissed")
    form.get_by_label("备注").fill("误读，已核实")
    form.get_by_role("button", name="记录").click()
    assert "处理意见已记录" in page.locator(".messages").inner_text()
    assert FindingReview.objects.get().note == "误读，已核实"
