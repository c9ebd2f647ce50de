"""年报体检's staff pages: scoped to the supervisor's region (404 elsewhere), a fixed number of queries per page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.regionaudit import services
from gongkai.regionaudit.models import AuditedReport, FindingReview
from tests.regionaudit.conftest import report_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(supervisor):
    client = Client()
    client.force_login(supervisor)
    return client


def _ingest(region, supervisor, *agencies_years):
    files = [(f"{a}{y}.txt", report_text(a, y, seed=y)) for a, y in agencies_years]
    return [item.report for item in services.reports_ingest(actor=supervisor, region=region, files=files)]


def _pages(region, report, agency):
    reading = report.readings.first()
    return [
        ("get", reverse("regionaudit_staff:region", args=[region.pk])),
        ("get", reverse("regionaudit_staff:grid", args=[region.pk])),
        ("get", reverse("regionaudit_staff:findings", args=[region.pk])),
        ("get", reverse("regionaudit_staff:agency", args=[region.pk, agency.pk])),
        ("get", reverse("regionaudit_staff:report", args=[region.pk, report.pk])),
        ("post", reverse("regionaudit_staff:assign", args=[region.pk, report.pk])),
        ("post", reverse("regionaudit_staff:recheck", args=[region.pk, report.pk])),
        ("post", reverse("regionaudit_staff:review", args=[region.pk, reading.pk])),
    ]


def test_the_supervisor_uploads_several_reports_and_is_told_what_happened(region, client):
    url = reverse("regionaudit_staff:region", args=[region.pk])
    files = [
        SimpleUploadedFile("民政局.txt", report_text("江源市民政局", 2023)),
        SimpleUploadedFile("外地.txt", report_text("测试市民政局", 2023)),
    ]
    response = client.post(url, {"files": files}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 个文件已检查" in page and "1 个待指定机关" in page
    assert "外地.txt" in page  # listed to assign by hand
    assert AuditedReport.objects.count() == 2


def test_an_unreadable_upload_shows_the_reason_and_stores_nothing(region, client):
    url = reverse("regionaudit_staff:region", args=[region.pk])
    files = [SimpleUploadedFile("好.txt", report_text("江源市民政局", 2023)), SimpleUploadedFile("坏.pdf", b"%PDF-x")]
    response = client.post(url, {"files": files})
    assert response.status_code == 200
    assert "“坏.pdf”无法读取" in response.content.decode()
    assert not AuditedReport.objects.exists()


def test_another_regions_supervisor_gets_404_on_every_page(region, supervisor, make_user, jurisdiction):
    report = _ingest(region, supervisor, ("江源市民政局", 2023))[0]
    other = Client()
    other.force_login(make_user(Role.SUPERVISOR, jurisdiction["county"]))  # supervises 青山县 only
    for method, url in _pages(region, report, jurisdiction["civil"]):
        data = {"agency": jurisdiction["county_civil"].pk, "index": 0, "status": "confirmed"}
        response = getattr(other, method)(url, data) if method == "post" else other.get(url)
        assert response.status_code == 404, url
    assert not FindingReview.objects.exists()
    report.refresh_from_db()
    assert report.agency == jurisdiction["civil"] and report.readings.count() == 1


def test_an_agency_outside_the_region_is_404(region, client, jurisdiction):
    url = reverse("regionaudit_staff:agency", args=[region.pk, jurisdiction["city"].pk])
    assert client.get(url).status_code == 404


def test_report_page_reviews_and_rechecks(region, supervisor, client, jurisdiction):
    report = _ingest(region, supervisor, ("测试市民政局", 2023))[0]
    reading = report.readings.get()
    reading.findings = [{"code": "text.year", "severity": "error", "message": "年份不符", "where": ""}]
    reading.save()
    page = reverse("regionaudit_staff:report", args=[region.pk, report.pk])
    assert "年份不符" in client.get(page).content.decode()
    client.post(
        reverse("regionaudit_staff:review", args=[region.pk, reading.pk]),
        {"index": 0, "status": "dismissed", "note": "误读"},
    )
    assert FindingReview.objects.get().status == "dismissed"
    client.post(reverse("regionaudit_staff:assign", args=[region.pk, report.pk]), {"agency": jurisdiction["civil"].pk})
    report.refresh_from_db()
    assert report.agency == jurisdiction["civil"]
    client.post(reverse("regionaudit_staff:recheck", args=[region.pk, report.pk]))
    assert report.readings.count() == 2
    assert "2 份检查结果" in client.get(page).content.decode()


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["region", "grid", "agency"])
def test_page_query_count_does_not_grow_with_reports(region, supervisor, client, jurisdiction, page):
    args = {"region": [region.pk], "grid": [region.pk], "agency": [region.pk, jurisdiction["civil"].pk]}[page]
    url = reverse(f"regionaudit_staff:{page}", args=args)
    _ingest(region, supervisor, ("江源市民政局", 2022), ("测试市民政局", 2022))
    few = _count_queries(client, url)
    _ingest(
        region,
        supervisor,
        ("江源市民政局", 2023),
        ("江源市民政局", 2024),
        ("青山县民政局", 2023),
        ("测试市民政局", 2023),
        ("测试市交通运输局", 2024),
    )
    assert _count_queries(client, url) == few


def test_report_page_query_count_does_not_grow_with_findings(region, supervisor, client):
    report = _ingest(region, supervisor, ("测试市民政局", 2023))[0]
    reading = report.readings.get()
    url = reverse("regionaudit_staff:report", args=[region.pk, report.pk])
    reading.findings = [{"code": "a", "severity": "error", "message": "m", "where": ""}]
    reading.save()
    services.finding_review(actor=supervisor, reading=reading, index=0, status="confirmed")
    few = _count_queries(client, url)
    reading.findings = [{"code": f"c{i}", "severity": "warning", "message": "m", "where": ""} for i in range(8)]
    reading.save()
    for index in range(8):
        services.finding_review(actor=supervisor, reading=reading, index=index, status="dismissed", note=str(index))
    assert _count_queries(client, url) == few


def test_the_nav_links_to_the_audit(client):
    assert reverse("regionaudit_staff:regions") in client.get(reverse("checker_staff:upload")).content.decode()


def test_findings_list_counts_each_reports_findings_and_decisions(region, supervisor, client):
    from tests.regionaudit.conftest import report_with_finding

    files = [
        ("有问题.txt", report_with_finding("江源市民政局", 2023)),
        ("无问题.txt", report_text("青山县民政局", 2023)),
    ]
    flawed, _clean = (i.report for i in services.reports_ingest(actor=supervisor, region=region, files=files))
    reading = flawed.readings.get()
    services.finding_review(actor=supervisor, reading=reading, index=0, status="dismissed", note="误读")
    from gongkai.regionaudit import selectors

    rows = {r.report.source_name: r for r in selectors.triage_rows(list(selectors.triage_reports(region)))}
    assert rows["有问题.txt"].findings == len(reading.findings) and rows["有问题.txt"].dismissed == 1
    assert rows["有问题.txt"].open == len(reading.findings) - 1
    assert (rows["无问题.txt"].findings, rows["无问题.txt"].open) == (0, 0)
    page = client.get(reverse("regionaudit_staff:findings", args=[region.pk])).content.decode()
    assert "问题清单" in page and "有问题.txt" in page


def test_findings_list_query_count_does_not_grow(region, supervisor, client):
    from tests.regionaudit.conftest import report_with_finding

    url = reverse("regionaudit_staff:findings", args=[region.pk])
    _ingest(region, supervisor, ("江源市民政局", 2022))
    few = _count_queries(client, url)
    files = [(f"{y}.txt", report_with_finding("青山县民政局", y, seed=y)) for y in (2021, 2023, 2024)]
    for item in services.reports_ingest(actor=supervisor, region=region, files=files):
        reading = item.report.readings.get()
        services.finding_review(actor=supervisor, reading=reading, index=0, status="confirmed")
    assert _count_queries(client, url) == few


def test_an_upload_beyond_the_caps_is_refused_before_anything_is_read(region, client, monkeypatch):
    from gongkai.regionaudit import forms

    monkeypatch.setattr(forms, "MAX_TOTAL_BYTES", 1000)
    files = [SimpleUploadedFile(f"{i}.txt", report_text("江源市民政局", 2020 + i)) for i in range(2)]
    response = client.post(reverse("regionaudit_staff:region", args=[region.pk]), {"files": files})
    assert "合计超过 100 MB" in response.content.decode()
    assert not AuditedReport.objects.exists()
