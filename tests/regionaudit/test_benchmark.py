"""年报体检's benchmark: each agency's derived rates on a year, ranking, the region's median, the risk list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.regionaudit import selectors, services
from tests.regionaudit.conftest import report_text

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)


def _cells(total):
    return {"natural_person": total, "total": total}


def _tables(disclosed, answered, reconsideration=(0, 0, 0), litigation=(0, 0, 0)):
    def s4(upheld, corrected, other):
        return {
            "upheld": upheld,
            "corrected": corrected,
            "other": other,
            "pending": 0,
            "total": upheld + corrected + other,
        }

    return {
        "section3": {"disclosed": _cells(disclosed), "partly_disclosed": _cells(0), "results_total": _cells(answered)},
        "section4": {
            "reconsideration": s4(*reconsideration),
            "litigation_direct": s4(*litigation),
            "litigation_after_reconsideration": s4(0, 0, 0),
        },
    }


def _store(region, supervisor, agency, year, tables=None, metrics=None):
    item = services.reports_ingest(
        actor=supervisor, region=region, files=[(f"{agency}{year}.txt", report_text(agency, year, seed=year))]
    )[0]
    reading = item.report.readings.get()
    if tables is not None:
        reading.reading["tables"] = tables
    if metrics is not None:
        reading.reading["metrics"] = {**reading.reading.get("metrics", {}), **metrics}
    reading.save()
    return item.report


@pytest.fixture
def stored(region, supervisor):
    civil = _store(region, supervisor, "江源市民政局", 2023, _tables(9, 10, (1, 1, 0)), {"requests_received": 40})
    _store(region, supervisor, "江源市民政局", 2022, metrics={"requests_received": 10})
    county = _store(region, supervisor, "青山县民政局", 2023, _tables(5, 10, litigation=(3, 1, 0)))
    return civil, county


def _rows(region):
    return {row.agency.name: row for row in selectors.benchmark(region, 2023, TODAY)}


def test_rates_ranks_and_median(region, stored):
    rows = _rows(region)
    civil, county = rows["江源市民政局"], rows["青山县民政局"]
    assert civil.rate("disclosure") == Decimal("0.9") and county.rate("disclosure") == Decimal("0.5")
    assert (civil.rank["disclosure"], county.rank["disclosure"]) == (1, 2)
    assert civil.rate("reconsideration_corrected") == Decimal("0.5")
    assert county.rate("reconsideration_corrected") is None  # no case decided
    assert county.rate("litigation_lost") == Decimal("0.25") and civil.rate("litigation_lost") is None
    assert civil.rate("on_time") is None and "on_time" not in civil.rank
    assert rows["江源市人民政府办公室"].state == selectors.MISSING and not rows["江源市人民政府办公室"].rank
    medians = selectors.medians(list(rows.values()))
    assert medians["disclosure"] == Decimal("0.7") and medians["on_time"] is None


def test_sorting_by_a_rate_puts_agencies_without_it_last(region, stored):
    rows = selectors.benchmark(region, 2023, TODAY)
    names = [r.agency.name for r in selectors.sort_benchmark(rows, "disclosure")]
    assert names[:2] == ["江源市民政局", "青山县民政局"]
    names = [r.agency.name for r in selectors.sort_benchmark(rows, "disclosure", descending=False)]
    assert names[:2] == ["青山县民政局", "江源市民政局"]
    assert selectors.sort_benchmark(rows, "nonsense") == rows


def test_risks_each_with_a_reason_in_chinese(region, supervisor, stored):
    civil_report, _county = stored
    reading = civil_report.readings.get()
    reading.findings = [{"code": "text.year", "severity": "error", "message": "年份不符", "where": ""}]
    reading.save()
    services.finding_review(actor=supervisor, reading=reading, index=0, status="confirmed", note="属实")
    rows = _rows(region)
    reasons = {name: [(r.code, r.reason) for r in row.risks] for name, row in rows.items()}
    assert ("missing", "未发布2023年度报告（应于2024-01-31前发布）。") in reasons[
        "江源市人民政府办公室"
    ]  # an office: a department
    civil = dict(reasons["江源市民政局"])
    assert civil["confirmed_errors"] == "报告中已确认错误 1 项。"
    assert civil["reconsideration_corrected"] == "复议纠错率为 50.0%，高于 30.0%。"
    assert civil["change"] == "本年新收申请数：本年 40，上年 10。"
    county = dict(reasons["青山县民政局"])
    assert "litigation_lost" not in county  # 25.0% is not above 30.0%
    assert "missing" not in county
    assert any(code == "missing" and "2024-03-31" in reason for code, reason in reasons["青山县人民政府"])


def test_the_page_shows_rates_median_and_risks_with_constant_queries(region, supervisor, stored):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(supervisor)
    url = reverse("regionaudit_staff:benchmark", args=[region.pk]) + "?year=2023&sort=disclosure"
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "予以公开率" in page and "90.0%" in page and "70.0%" in page  # a rate and the region's median
    assert "复议纠错率为 50.0%，高于 30.0%。" in page
    assert page.index("江源市民政局") < page.index("青山县民政局")
    _store(region, supervisor, "江源市人民政府办公室", 2023, _tables(1, 4))
    _store(region, supervisor, "青山县人民政府", 2023, _tables(2, 4, (0, 3, 0)))
    _store(region, supervisor, "青山县民政局", 2022)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_another_regions_supervisor_gets_404(region, make_user, jurisdiction):
    from gongkai.agencies.models import Role

    other = Client()
    other.force_login(make_user(Role.SUPERVISOR, jurisdiction["county"]))
    assert other.get(reverse("regionaudit_staff:benchmark", args=[region.pk])).status_code == 404


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_region_xlsx_has_the_missing_the_comparison_the_risks_and_the_findings(region, supervisor, stored):
    import io

    from openpyxl import load_workbook

    civil_report, _county = stored
    reading = civil_report.readings.get()
    reading.findings = [{"code": "text.year", "severity": "error", "message": "年份不符", "where": ""}]
    reading.save()
    services.finding_review(actor=supervisor, reading=reading, index=0, status="confirmed", note="属实")
    client = Client()
    client.force_login(supervisor)
    url = reverse("regionaudit_staff:region_export", args=[region.pk, "xlsx"]) + "?year=2023"
    book = load_workbook(io.BytesIO(_download(client, url)))
    assert book.sheetnames == ["缺报", "比较", "风险", "问题清单"]
    missing = [row[0] for row in book["缺报"].iter_rows(min_row=3, values_only=True)]
    assert sorted(missing) == ["江源市人民政府办公室", "青山县人民政府"]
    compare = {row[0]: row[1:] for row in book["比较"].iter_rows(min_row=3, values_only=True)}
    assert compare["江源市民政局"] == ("已发布", "90.0%", "90.0%", "—", "50.0%", "—")
    assert compare["本地区中位数"][1] == "70.0%"
    risks = [row for row in book["风险"].iter_rows(min_row=3, values_only=True)]
    assert ("江源市民政局", "复议纠错率为 50.0%，高于 30.0%。") in risks
    findings = [row for row in book["问题清单"].iter_rows(min_row=3, values_only=True)]
    assert ("江源市民政局", "江源市民政局2023.txt", "错误", "text.year", "年份不符", "已确认：属实") in findings


def test_agency_docx_on_the_official_page(region, supervisor, stored, jurisdiction):
    import io

    from docx import Document

    client = Client()
    client.force_login(supervisor)
    agency = jurisdiction["civil"]
    url = reverse("regionaudit_staff:agency_export", args=[region.pk, agency.pk, "docx"]) + "?year=2023"
    document = Document(io.BytesIO(_download(client, url)))
    section = document.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.top_margin, section.left_margin)] == [210, 37, 28]
    from docx.oxml.ns import qn

    fonts = {name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia")) for name in ("Normal", "Title")}
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体"}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "江源市民政局2023年度政府信息公开工作年度报告体检报告" in text
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["江源市民政局", "已发布", "90.0%", "90.0%", "—", "50.0%", "—"] in cells
    assert ["本地区中位数", "", "70.0%", "70.0%", "—", "50.0%", "25.0%"] in cells  # the region's median
    assert not any(row[0] == "青山县民政局" for row in cells)  # one agency's report only


def test_exports_are_scoped_to_the_regions_supervisor(region, make_user, jurisdiction, supervisor):
    from gongkai.agencies.models import Role

    other = Client()
    other.force_login(make_user(Role.SUPERVISOR, jurisdiction["county"]))
    for url in (
        reverse("regionaudit_staff:region_export", args=[region.pk, "xlsx"]),
        reverse("regionaudit_staff:agency_export", args=[region.pk, jurisdiction["civil"].pk, "docx"]),
    ):
        assert other.get(url).status_code == 404
    own = Client()
    own.force_login(supervisor)
    assert own.get(reverse("regionaudit_staff:region_export", args=[region.pk, "pdf"])).status_code == 404
    outside = reverse("regionaudit_staff:agency_export", args=[region.pk, jurisdiction["city"].pk, "xlsx"])
    assert own.get(outside).status_code == 404


def test_rates_from_the_checkers_reading_of_a_real_report(region, supervisor, jurisdiction):
    """上海市人民政府办公厅's report on 2019 (tests/checker/real/docs), read by the checker and assigned by hand: the
    rates equal those of its hand-made truth (34.2 %, 72.0 %; nothing corrected) — its 予以公开 row leaves 总计 blank."""
    from pathlib import Path

    real = Path(__file__).resolve().parents[1] / "checker" / "real" / "docs" / "2019-2019-shanghai-general-office.html"
    item = services.reports_ingest(actor=supervisor, region=region, files=[(real.name, real.read_bytes())])[0]
    services.report_assign(actor=supervisor, report=item.report, agency=jurisdiction["civil"])
    row = _rows_of(region, 2019)["江源市民政局"]
    from gongkai.law.report_rates import RATE_CODES, percent

    assert [percent(row.rate(code)) for code in RATE_CODES] == ["34.2%", "72.0%", "—", "0.0%", "0.0%"]


def _rows_of(region, year):
    return {row.agency.name: row for row in selectors.benchmark(region, year, TODAY)}


def test_the_table_is_paginated_in_the_order_chosen(region, supervisor, stored, monkeypatch):
    from gongkai.regionaudit import views_staff

    monkeypatch.setattr(views_staff, "PAGE_SIZE", 2)
    client = Client()
    client.force_login(supervisor)
    url = reverse("regionaudit_staff:benchmark", args=[region.pk])

    def table(query):
        return client.get(url + query).content.decode().split("风险清单")[0]

    first = table("?year=2023&sort=disclosure")
    assert "江源市民政局" in first and "青山县民政局" in first and "青山县人民政府" not in first
    assert 'href="?year=2023&amp;sort=disclosure&amp;page=2" rel="next"' in first  # the next page keeps the order
    second = table("?year=2023&sort=disclosure&page=2")
    assert "青山县人民政府" in second and "江源市人民政府办公室" in second and "#1" not in second
    lowest = table("?year=2023&sort=disclosure&order=asc")
    assert lowest.index("青山县民政局") < lowest.index("江源市民政局")
    assert reverse("regionaudit_staff:region_export", args=[region.pk, "docx"]) + "?year=2023" in first


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_query_count_does_not_grow(region, supervisor, stored, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(supervisor)
    url = reverse("regionaudit_staff:region_export", args=[region.pk, fmt]) + "?year=2023"
    with CaptureQueriesContext(connection) as few:
        _download(client, url)
    reading = _store(region, supervisor, "青山县人民政府", 2023, _tables(2, 4)).readings.get()
    reading.findings = [{"code": f"c{i}", "severity": "error", "message": "m", "where": ""} for i in range(3)]
    reading.save()
    for index in range(3):
        services.finding_review(actor=supervisor, reading=reading, index=index, status="confirmed")
    with CaptureQueriesContext(connection) as more:
        _download(client, url)
    assert len(more) == len(few)
