"""年报体检's writes: ingest (all or none, deduplicated, matched by name), assign, re-check with history, triage;
each audited and refused to anyone but a supervisor of the region."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import AgencyKind, Role
from gongkai.agencies.services import agency_create
from gongkai.audit.models import AuditEntry
from gongkai.regionaudit import services
from gongkai.regionaudit.matching import match_agency, name_key
from gongkai.regionaudit.models import AuditedReport, FindingReview, ReportReading
from tests.regionaudit.conftest import report_text, report_with_finding

pytestmark = pytest.mark.django_db


def _stored_files(storage_dir) -> list:
    return [p for p in storage_dir.rglob("*") if p.is_file()] if storage_dir.exists() else []


def test_ingest_stores_each_report_with_its_reading_and_matches_the_agency(region, supervisor, jurisdiction):
    items = services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("民政局2023.txt", report_text("江源市民政局", 2023)), ("县政府.txt", report_text("青山县政府", 2023))],
    )
    assert [item.duplicate for item in items] == [False, False]
    civil, county = (item.report for item in items)
    assert (civil.agency, civil.matched_by, civil.year) == (jurisdiction["civil"], "exact", 2023)
    assert (county.agency, county.matched_by) == (jurisdiction["county"], "normalised")  # 政府 ≡ 人民政府
    reading = civil.readings.get()
    assert reading.reading["agency"] == "江源市民政局" and reading.reading["format"] == "2021"
    assert reading.reading["metrics"]["requests_received"] is not None
    assert reading.checker_version
    assert civil.file.read() == report_text("江源市民政局", 2023)
    assert civil.size == len(report_text("江源市民政局", 2023)) and len(civil.sha256) == 64
    entries = AuditEntry.objects.filter(action="regionaudit.ingest")
    assert entries.count() == 2 and {e.agency_id for e in entries} == {region.pk}


def test_ingesting_the_same_file_again_adds_nothing_and_says_so(region, supervisor):
    data = report_text("江源市民政局", 2023)
    services.reports_ingest(actor=supervisor, region=region, files=[("a.txt", data)])
    again = services.reports_ingest(actor=supervisor, region=region, files=[("b.txt", data), ("c.txt", data)])
    assert [item.duplicate for item in again] == [True, True]
    assert again[0].as_dict()["status"] == "duplicate" and again[0].as_dict()["agency_read"] == "江源市民政局"
    assert AuditedReport.objects.count() == 1 and ReportReading.objects.count() == 1
    assert AuditEntry.objects.filter(action="regionaudit.ingest").count() == 1


def test_same_file_twice_in_one_upload_is_stored_once(region, supervisor):
    data = report_text("江源市民政局", 2023)
    items = services.reports_ingest(actor=supervisor, region=region, files=[("a.txt", data), ("b.txt", data)])
    assert [item.duplicate for item in items] == [False, True]
    assert AuditedReport.objects.count() == 1


def test_ambiguous_and_unknown_names_stay_unmatched_with_the_candidates(region, supervisor, jurisdiction):
    agency_create(
        actor=None, name="青山县政府", credit_code="11999900MB0000001K", kind=AgencyKind.GOVERNMENT, supervisor=region
    )
    items = services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("县.txt", report_text("青山县", 2023)), ("外地.txt", report_text("测试市民政局", 2023))],
    )
    ambiguous, unknown = items
    assert ambiguous.report.agency is None and ambiguous.report.matched_by == "unmatched"
    assert sorted(a.name for a in ambiguous.candidates) == ["青山县人民政府", "青山县政府"]
    assert unknown.report.agency is None and unknown.candidates == []


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("江源市人民政府办公室", "江源市人民政府办公室"),  # exact
        ("江源市政府办公室", "江源市人民政府办公室"),  # 政府 ≡ 人民政府, 办公室 kept
        ("江源市人民政府办公厅", "江源市人民政府办公室"),  # 办公厅 ≡ 办公室
        ("青山县", "青山县人民政府"),  # the place alone: its government
        ("青山县 民政局", "青山县民政局"),  # spaces out
        ("市民政局", "江源市民政局"),  # the short name
        ("青山县人民政府办公室", None),  # the government's office is not the government
        ("民政局", None),
    ],
)
def test_matching_by_name(region, jurisdiction, read, expected):
    tree = services.region_tree(region)
    agency, _how, _candidates = match_agency(read, tree)
    assert (agency.name if agency else None) == expected


def test_name_key_keeps_a_government_and_its_office_apart():
    assert name_key("江源市人民政府") != name_key("江源市人民政府办公室")


def test_a_file_that_cannot_be_read_stores_nothing(region, supervisor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as refused:
        services.reports_ingest(
            actor=supervisor,
            region=region,
            files=[("好的.txt", report_text("江源市民政局", 2023)), ("坏的.pdf", b"%PDF-1.4 garbage")],
        )
    assert refused.value.code == "regionaudit.unreadable"
    assert "坏的.pdf" in refused.value.messages[0] and "无法读取" in refused.value.messages[0]
    assert AuditedReport.objects.count() == 0 and ReportReading.objects.count() == 0
    assert not AuditEntry.objects.filter(action="regionaudit.ingest").exists()
    assert _stored_files(tmp_path) == []


def test_a_failure_half_way_rolls_back_every_row_and_file(region, supervisor, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    real_record = services.record
    calls = {"n": 0}

    def failing_record(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_record(**kwargs)

    monkeypatch.setattr(services, "record", failing_record)
    with pytest.raises(RuntimeError):
        services.reports_ingest(
            actor=supervisor,
            region=region,
            files=[("a.txt", report_text("江源市民政局", 2023)), ("b.txt", report_text("青山县民政局", 2023))],
        )
    assert AuditedReport.objects.count() == 0
    assert _stored_files(tmp_path) == []


def test_only_a_supervisor_of_the_region_may_ingest(region, make_user, jurisdiction):
    for user in (
        make_user(Role.SUPERVISOR, jurisdiction["county"]),  # another region's supervisor
        make_user(Role.AGENCY_ADMIN, region),  # the office's own admin
        make_user(),
    ):
        with pytest.raises(ValidationError) as refused:
            services.reports_ingest(actor=user, region=region, files=[("a.txt", report_text("江源市民政局", 2023))])
        assert refused.value.code == "regionaudit.not_supervisor"
    assert AuditedReport.objects.count() == 0


def _one(region, supervisor, agency="测试市民政局", year=2023):
    return services.reports_ingest(actor=supervisor, region=region, files=[("r.txt", report_text(agency, year))])[0]


def test_assign_by_hand_is_audited_and_stays_within_the_region(region, supervisor, jurisdiction):
    report = _one(region, supervisor).report
    services.report_assign(actor=supervisor, report=report, agency=jurisdiction["county_civil"])
    report.refresh_from_db()
    assert (report.agency, report.matched_by) == (jurisdiction["county_civil"], "manual")
    entry = AuditEntry.objects.get(action="regionaudit.assign")
    assert entry.changes["agency"] == [None, jurisdiction["county_civil"].pk]
    with pytest.raises(ValidationError) as refused:
        services.report_assign(actor=supervisor, report=report, agency=jurisdiction["city"])  # above the office
    assert [e.code for e in refused.value.error_dict["agency"]] == ["regionaudit.outside_region"]


def test_recheck_adds_a_reading_and_keeps_the_old_one(region, supervisor, monkeypatch):
    report = _one(region, supervisor, "江源市民政局").report
    first = report.readings.get()
    monkeypatch.setattr(services, "checker_version", lambda: "upgraded")
    second = services.report_recheck(actor=supervisor, report=report)
    assert list(report.readings.order_by("id")) == [first, second]
    assert second.checker_version == "upgraded" and first.checker_version != "upgraded"
    assert second.reading == first.reading
    assert AuditEntry.objects.filter(action="regionaudit.recheck", object_id=str(report.pk)).count() == 1


def test_finding_review_records_the_decision_and_is_audited(region, supervisor):
    data = report_with_finding("江源市民政局", 2023)
    report = services.reports_ingest(actor=supervisor, region=region, files=[("r.txt", data)])[0].report
    reading = report.readings.get()
    assert "fees.missing" in [f["code"] for f in reading.findings]
    services.finding_review(actor=supervisor, reading=reading, index=0, status="dismissed", note="误读")
    services.finding_review(actor=supervisor, reading=reading, index=0, status="confirmed", note="确有错误")
    review = FindingReview.objects.get()
    assert (review.status, review.note, review.code) == ("confirmed", "确有错误", reading.findings[0]["code"])
    entries = AuditEntry.objects.filter(action="regionaudit.finding_review").order_by("seq")
    assert [e.changes["status"] for e in entries] == [[None, "dismissed"], ["dismissed", "confirmed"]]
    with pytest.raises(ValidationError) as refused:
        services.finding_review(actor=supervisor, reading=reading, index=len(reading.findings), status="confirmed")
    assert refused.value.code == "regionaudit.no_finding"


def test_triage_is_refused_to_another_regions_supervisor(region, supervisor, make_user, jurisdiction):
    reading = _one(region, supervisor).report.readings.get()
    reading.findings = [{"code": "x", "severity": "error", "message": "m", "where": ""}]
    reading.save()
    other = make_user(Role.SUPERVISOR, jurisdiction["county"])
    with pytest.raises(ValidationError):
        services.finding_review(actor=other, reading=reading, index=0, status="confirmed")
    assert not FindingReview.objects.exists()


# Real published reports (tests/checker/real/docs, with their hand-checked truth): each is matched to the agency
# it really is, named as the agency tree names it — the full 人民政府 name where the report gives only the place.
REAL_REPORTS = [
    ("2019-2020-baokang-county.txt", "保康县人民政府", AgencyKind.GOVERNMENT),
    ("2021-2023-jiayu-civil-affairs.txt", "嘉鱼县民政局", AgencyKind.DEPARTMENT),
    ("2021-2023-xialu-civil-affairs.txt", "下陆区民政局", AgencyKind.DEPARTMENT),
    ("2021-2023-guangshun-town.txt", "长顺县广顺镇人民政府", AgencyKind.GOVERNMENT),
    ("2021-2022-shanghai-city.txt", "上海市人民政府", AgencyKind.GOVERNMENT),
]


def test_real_reports_are_matched_to_their_agencies(region, supervisor):
    from pathlib import Path

    from gongkai.law.identifiers import make_uscc

    real = Path(__file__).resolve().parents[1] / "checker" / "real"
    agencies = {}
    for number, (_file, name, kind) in enumerate(REAL_REPORTS):
        code = make_uscc(f"11999900MB{number:07d}")
        agencies[name] = agency_create(actor=None, name=name, credit_code=code, kind=kind, supervisor=region)
    files = [(file, (real / "docs" / file).read_bytes()) for file, _name, _kind in REAL_REPORTS]
    items = services.reports_ingest(actor=supervisor, region=region, files=files)
    for item, (file, name, _kind) in zip(items, REAL_REPORTS, strict=True):
        truth = json.loads((real / "truth" / f"{file}.json").read_text(encoding="utf-8"))
        assert item.report.agency == agencies[name], file
        assert item.report.year == truth["year"], file


def test_files_left_unread_when_the_time_is_up_refuse_the_batch(region, supervisor):
    with pytest.raises(ValidationError) as refused:
        services.reports_ingest(
            actor=supervisor, region=region, files=[("a.txt", report_text("江源市民政局", 2023))], seconds=0
        )
    assert refused.value.code == "regionaudit.unreadable" and "检查时间" in refused.value.messages[0]
    assert not AuditedReport.objects.exists()
