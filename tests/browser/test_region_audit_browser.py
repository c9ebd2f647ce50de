"""In a zh-CN browser: a supervisor uploads several reports of the region at once (a progress message while they
are checked), assigns the one whose agency was not matched, sees the missing-years grid, an agency's years side by
side, and dismisses a finding with a note (年报体检, issue 15 item 4); and the whole journey on real reports of
tests/checker/real — ingest, assign, the grid, the comparison, the benchmark's rates and ranking, triage, the audit
log and the region's 体检报告 downloaded (issue 15, "Done when")."""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal

import docx
import openpyxl
import pytest
from django.utils import timezone

from gongkai.agencies.models import AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import agency_create
from gongkai.audit.models import AuditEntry
from gongkai.law.identifiers import make_uscc
from gongkai.regionaudit.models import AuditedReport, FindingReview
from tests.checker import corpus
from tests.checker.real.schema import DOCS, TRUTH
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


# --- the whole journey on real reports ------------------------------------------------------------------------------

SHANGHAI_2019 = "2019-2019-shanghai-general-office.html"  # complete, 2019 format, 表三's 总计 cells left blank
SHANGHAI_2020 = "2019-2020-shanghai-general-office.txt"  # the same office's next report: an excerpt, no table
XIAOGAN_2019 = "2019-2019-xiaogan-research-office.txt"  # names itself only “市政府研究室”: assigned by hand
# No other real report gives the tables a rate needs (the rest are excerpts cut before 表三's totals), so a second
# ranked agency reports with a generated report (tests/checker/corpus.py), its rate derived from the generated tables.
GENERATED_SEED = 1


def _truth(name: str) -> dict:
    return json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))


def _row_figure(cells: dict) -> int:
    """A 表三 row's figure as the benchmark documents it: its 总计, else the sum of its applicant cells."""
    return cells.get("total") or sum(value or 0 for key, value in cells.items() if key != "total")


def _percent(numerator: int, denominator: int) -> str:
    return f"{(Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _column(page, header: str) -> int:
    """The index of the column headed ``header`` in the page's first table."""
    heads = [
        text.strip()
        for text in page.locator("main table").first.locator("thead tr").first.locator("th").all_inner_texts()
    ]
    return heads.index(header)


def test_a_supervisors_journey_on_real_reports(live_server, jurisdiction, make_user, page, tmp_path):
    """Ingest three real reports, assign the one the checker could not match, see the missing years, an agency's
    years side by side, the benchmark's rates and ranking, confirm one finding and dismiss another, read the audit
    log and download the region's 体检报告 as XLSX and DOCX — all by clicking, in a zh-CN browser.

    The region is the demo's (江源市人民政府办公室 and the agencies below it) with the two real reports' authors
    added below the office, so the real reports have their agencies in it."""
    office, base = jurisdiction["office"], live_server.url
    make_user(Role.SUPERVISOR, office, username="supervisor")
    shanghai = agency_create(
        actor=None,
        name="上海市人民政府办公厅",
        credit_code=make_uscc("11310000MB0000011"),
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.PROVINCE,
        supervisor=office,
    )
    xiaogan = agency_create(
        actor=None,
        name="孝感市人民政府研究室",
        credit_code=make_uscc("11420900MB0000012"),
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.CITY,
        supervisor=office,
    )
    truth = _truth(SHANGHAI_2019)
    section3 = truth["tables"]["section3"]
    civil = jurisdiction["civil"]
    generated = tmp_path / f"{civil.name}2019年度报告（生成）.txt"
    generated.write_bytes(report_text(civil.name, 2019, seed=GENERATED_SEED))
    generated_tables = corpus.base_spec(
        random.Random(GENERATED_SEED), f"{civil.name}-2019", year=2019, agency=civil.name
    ).tables["section3"]
    assert truth["agency"] == shanghai.name and _truth(SHANGHAI_2020)["agency_aliases"] == [shanghai.name]

    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill("supervisor")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/workspace/")

    # 1. ingest: the office's two reports match by name, 研究室's does not
    page.get_by_role("link", name="年报体检").first.click()
    page.wait_for_url(f"{base}/workspace/region-audit/{office.pk}/")
    page.get_by_label("本地区已公布的年度报告", exact=False).set_input_files(
        [*(str(DOCS / name) for name in (SHANGHAI_2019, SHANGHAI_2020, XIAOGAN_2019)), str(generated)]
    )
    page.get_by_role("button", name="检查并存档").click()
    page.wait_for_load_state()
    assert "4 个文件已检查：新存档 4 个，已存档过 0 个，1 个待指定机关。" in page.locator(".messages").inner_text()
    assert AuditedReport.objects.filter(agency=shanghai).count() == 2

    # 2. the report that says only “市政府研究室”: assigned by hand
    page.get_by_role("link", name=XIAOGAN_2019).click()
    page.get_by_label("机关").select_option(label=xiaogan.name)
    page.get_by_role("button", name="指定给该机关").click()
    assert f"报告已指定给{xiaogan.name}" in page.locator(".messages").inner_text()

    # 3. the missing-years grid from 2019: the office published 2019 and 2020, 2021 is missing (due 2022-01-31)
    page.get_by_role("link", name="缺报年度").click()
    page.get_by_label("起始年度").fill("2019")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**/grid/?first=2019")
    row = page.locator("tr", has=page.get_by_role("link", name=shanghai.name, exact=True))
    cells = row.locator("td")
    for year, css, text in (
        (2019, "cell-published", "已发布"),
        (2020, "cell-published", "已发布"),
        (2021, "cell-missing", "缺报"),
    ):
        cell = cells.nth(_column(page, str(year)) - 1)  # the row's first column is its <th>
        assert cell.get_attribute("class") == css and cell.inner_text().strip() == text, year
    xiaogan_row = page.locator("tr", has=page.get_by_role("link", name=xiaogan.name, exact=True))
    assert xiaogan_row.locator("td").nth(_column(page, "2019") - 1).inner_text().strip() == "已发布"
    assert xiaogan_row.locator("td").nth(_column(page, "2020") - 1).inner_text().strip() == "缺报"

    # 4. the office's years side by side: 本年新收 of its report on 2019, “—” for the excerpt on 2020
    row.get_by_role("link", name=shanghai.name, exact=True).click()
    assert page.get_by_role("heading", name="逐年对比").is_visible()
    received = page.locator("tbody tr", has=page.locator("th", has_text="本年新收申请数"))
    assert received.locator("td").nth(_column(page, "2019") - 1).inner_text() == str(section3["new_this_year"]["total"])
    assert received.locator("td").nth(_column(page, "2020") - 1).inner_text() == "—"
    carried = page.locator("tbody tr", has=page.locator("th", has_text="结转下年度继续办理"))
    assert carried.locator("td").nth(_column(page, "2019") - 1).inner_text() == str(
        section3["carried_to_next_year"]["total"]
    )

    # 5. the benchmark on 2019: 予以公开率 from the truth file's 表三 (and the generated tables), ranked both ways, the
    # median of the two; 研究室's table unread: —
    given = _row_figure(section3["disclosed"]) + _row_figure(section3["partly_disclosed"])
    disclosure = _percent(given, section3["results_total"]["total"])
    civil_given = generated_tables["disclosed"]["total"] + generated_tables["partly_disclosed"]["total"]
    civil_disclosure = _percent(civil_given, generated_tables["results_total"]["total"])
    exact = [
        Decimal(given) / Decimal(section3["results_total"]["total"]),
        Decimal(civil_given) / Decimal(generated_tables["results_total"]["total"]),
    ]
    median = f"{(sum(exact) / 2 * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    ranked = [
        (name, text)
        for _rate, name, text in sorted(
            zip(exact, (shanghai.name, civil.name), (disclosure, civil_disclosure), strict=True), reverse=True
        )
    ]
    assert exact[0] != exact[1]
    page.get_by_role("link", name="横向比较").click()
    page.get_by_label("报告年度").fill("2019")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**/benchmark/?year=2019")
    rate = _column(page, "予以公开率")
    body = page.locator("table.benchmark tbody tr")
    page.get_by_role("link", name="予以公开率").click()  # sort by it, highest first
    page.wait_for_url("**/benchmark/?year=2019&sort=disclosure")
    for position, (name, text) in enumerate(ranked):
        assert body.nth(position).locator("th").inner_text() == name
        assert body.nth(position).locator("td").nth(rate - 1).inner_text() == f"{text} #{position + 1}"
    assert body.nth(2).locator("td").nth(rate - 1).inner_text() == "—"  # the agencies without the rate sort last
    assert page.locator("table.benchmark tr.median td").nth(rate - 1).inner_text() == median
    xiaogan_bench = page.locator("table.benchmark tbody tr", has=page.get_by_role("link", name=xiaogan.name))
    assert xiaogan_bench.locator("td").nth(rate - 1).inner_text() == "—"
    page.get_by_role("link", name="予以公开率").click()  # again: lowest first, the ranks stay
    page.wait_for_url("**/benchmark/?year=2019&sort=disclosure&order=asc")
    for position, (name, text) in enumerate(reversed(ranked)):
        assert body.nth(position).locator("th").inner_text() == name
        assert body.nth(position).locator("td").nth(rate - 1).inner_text() == f"{text} #{len(ranked) - position}"

    # 6. triage on the report on 2019: the blank 总计 of （一）予以公开 is an error the truth file records, confirmed;
    # “不予公开35件” agrees with the table's applicant cells (the checker read the blank 总计 as 0), dismissed
    report = AuditedReport.objects.get(agency=shanghai, year=2019)
    findings = report.readings.get().findings
    error = next(e for e in truth["errors"] if e["code"] == "arith.row_total")  # where: section3.disclosed.total
    confirm = next(i for i, f in enumerate(findings) if (f["code"], f["where"]) == (error["code"], error["where"]))
    withheld = sum(_row_figure(cells) for key, cells in section3.items() if key.startswith("withheld_"))
    dismiss = next(
        i
        for i, f in enumerate(findings)
        if f["code"] == "text.table_mismatch" and f"不予公开{withheld}件" in f["message"]
    )
    page.locator("table.benchmark tbody tr", has=page.get_by_role("link", name=shanghai.name)).get_by_role(
        "link", name="已发布"
    ).click()  # the office's report on 2019
    page.wait_for_url(f"**/reports/{report.pk}/")
    for index, status, label, note in (
        (confirm, "confirmed", "确认", "总计栏空白，已核实"),
        (dismiss, "dismissed", "排除", "各申请人列合计与正文一致"),
    ):
        finding = page.locator("main tbody tr", has=page.locator(f"#status-{index}"))
        finding.get_by_label("处理意见").select_option(status)
        finding.get_by_label("备注").fill(note)
        finding.get_by_role("button", name="记录").click()
        assert "处理意见已记录" in page.locator(".messages").inner_text()
        finding = page.locator("main tbody tr", has=page.locator(f"#status-{index}"))
        assert finding.locator("p strong").inner_text() == label
        assert note in finding.locator("p").inner_text()
    assert {(r.index, r.status) for r in FindingReview.objects.all()} == {
        (confirm, "confirmed"),
        (dismiss, "dismissed"),
    }

    # 7. the audit log of the region: both decisions, with their notes
    page.get_by_role("link", name="审计日志").click()
    reviews = page.locator("ol.audit-log > li", has=page.locator("small.code", has_text="regionaudit.finding_review"))
    assert reviews.count() == 2
    log = page.locator("ol.audit-log").inner_text()
    assert "总计栏空白，已核实" in log and "各申请人列合计与正文一致" in log
    assert page.locator("ol.audit-log > li", has=page.locator("small.code", has_text="regionaudit.ingest")).count() == 4
    assert AuditEntry.objects.filter(action="regionaudit.finding_review", agency_id=office.pk).count() == 2

    # 8. the region's 体检报告 on 2019: the confirmed error counts as a risk, the dismissed one does not
    page.get_by_role("link", name="年报体检").first.click()  # the workspace menu, back to the region
    page.get_by_role("link", name="横向比较").click()
    page.get_by_label("报告年度").fill("2019")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**/benchmark/?year=2019")
    risk = page.locator("li.risk-confirmed_errors")
    assert risk.count() == 1 and risk.inner_text() == "报告中已确认错误 1 项。"
    links = page.locator("p", has_text="体检报告：")
    with page.expect_download() as xlsx_download:
        links.get_by_role("link", name="XLSX").click()
    download = xlsx_download.value
    assert download.suggested_filename == f"{office.name}2019年度政府信息公开工作年度报告体检报告.xlsx"
    download.save_as(tmp_path / download.suggested_filename)
    workbook = openpyxl.load_workbook(tmp_path / download.suggested_filename)
    assert workbook.sheetnames == ["缺报", "比较", "风险", "问题清单"]
    compared = {line[0]: line for line in workbook["比较"].iter_rows(min_row=3, values_only=True)}
    head = next(workbook["比较"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert compared[shanghai.name][head.index("予以公开率")] == disclosure
    assert compared[civil.name][head.index("予以公开率")] == civil_disclosure
    assert compared[xiaogan.name][head.index("予以公开率")] == "—"
    assert compared["本地区中位数"][head.index("予以公开率")] == median
    missing = {line[0] for line in workbook["缺报"].iter_rows(min_row=3, values_only=True)}
    assert "青山县民政局" in missing and not missing & {shanghai.name, xiaogan.name, civil.name}
    assert (
        list(workbook["风险"].iter_rows(min_row=3, values_only=True)).count((shanghai.name, "报告中已确认错误 1 项。"))
        == 1
    )
    listed = {
        (line[0], line[3], line[4]): line[5] for line in workbook["问题清单"].iter_rows(min_row=3, values_only=True)
    }
    assert (
        listed[(shanghai.name, findings[confirm]["code"], findings[confirm]["message"])] == "已确认：总计栏空白，已核实"
    )
    assert (
        listed[(shanghai.name, findings[dismiss]["code"], findings[dismiss]["message"])]
        == "已排除：各申请人列合计与正文一致"
    )

    with page.expect_download() as docx_download:
        links.get_by_role("link", name="DOCX").click()
    assert docx_download.value.suggested_filename == f"{office.name}2019年度政府信息公开工作年度报告体检报告.docx"
    document = docx.Document(docx_download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    table_rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert "一、缺报情况" in text and "青山县民政局" in text.split("二、横向比较")[0]
    assert [shanghai.name, "已发布", disclosure] == next(line for line in table_rows if line[0] == shanghai.name)[:3]
    assert [shanghai.name, "报告中已确认错误 1 项。"] in table_rows
    decided = {tuple(line[3:5]): line[5] for line in table_rows if line[:2] == [shanghai.name, SHANGHAI_2019]}
    assert decided[(findings[confirm]["code"], findings[confirm]["message"])] == "已确认：总计栏空白，已核实"
    assert decided[(findings[dismiss]["code"], findings[dismiss]["message"])] == "已排除：各申请人列合计与正文一致"
