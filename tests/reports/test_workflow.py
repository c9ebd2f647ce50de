"""The report's workflow: draft → checked → approved → published (frozen); corrections as new versions; the
statutory deadline (条例 第四十九条); text that contradicts the tables is caught; every step in the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.foi.importing import import_register
from gongkai.reports import selectors, services
from gongkai.reports.models import AnnualReport, ReportState
from tests.reports.test_tables import _register

TODAY = dt.date(2026, 1, 20)


@pytest.fixture
def civil(jurisdiction):
    agency = jurisdiction["civil"]
    import_register(actor=None, agency=agency, source=_register(), today=dt.date(2026, 3, 31))
    return agency


@pytest.fixture
def people(civil, make_user):
    return {
        "admin": make_user(Role.AGENCY_ADMIN, civil),
        "approver": make_user(Role.APPROVER, civil),
        "drafter": make_user(Role.DRAFTER, civil),
    }


def _finish_text(report, people):
    text = {k: v.replace("【", "").replace("】", "") for k, v in report.narrative.items()}
    return services.report_edit(actor=people["admin"], report=report, sections=text)


def test_draft_is_computed_and_drafted_from_the_data(civil, people):
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    assert report.state == ReportState.DRAFT
    assert report.tables["section3"]["new_this_year"]["total"] == 7
    assert "新收政府信息公开申请7件" in report.narrative["overview"]
    assert "结转下年度继续办理2件" in report.narrative["overview"]
    assert "本年度未收取政府信息公开信息处理费" in report.narrative["other"]
    assert report.figures["requests"]["closed"] == 5


def test_the_year_must_be_over_and_only_once(civil, people):
    with pytest.raises(ValidationError, match="尚未开始"):
        services.report_start(actor=people["admin"], agency=civil, year=2027, today=TODAY)
    running = services.report_start(actor=people["admin"], agency=civil, year=2026, today=TODAY)
    running = _finish_text(running, people)
    services.report_check(actor=people["admin"], report=running)
    with pytest.raises(ValidationError, match="尚未结束"):
        services.report_approve(actor=people["approver"], report=running, today=TODAY)
    services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    with pytest.raises(ValidationError, match="已经存在"):
        services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)


def test_roles(civil, people):
    with pytest.raises(ValidationError, match="机关管理员"):
        services.report_start(actor=people["drafter"], agency=civil, year=2025, today=TODAY)
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    report = _finish_text(report, people)
    services.report_check(actor=people["admin"], report=report)
    with pytest.raises(ValidationError, match="签发人"):
        services.report_approve(actor=people["admin"], report=report)


def test_full_workflow_with_correction(civil, people):
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    # unfinished prompts keep it a draft
    problems = services.report_check(actor=people["admin"], report=report)
    assert problems["unfinished"] and not problems["errors"]
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    with pytest.raises(ValidationError, match="通过校验"):
        services.report_approve(actor=people["approver"], report=report, today=TODAY)
    report = _finish_text(report, people)
    assert services.report_check(actor=people["admin"], report=report) == {
        "errors": [],
        "warnings": [],
        "unfinished": [],
    }
    report.refresh_from_db()
    assert report.state == ReportState.CHECKED
    with pytest.raises(ValidationError, match="审定"):
        services.report_publish(actor=people["admin"], report=report, today=TODAY)
    services.report_approve(actor=people["approver"], report=report, today=TODAY)
    report = services.report_publish(actor=people["admin"], report=report, today=TODAY)
    assert report.state == ReportState.PUBLISHED and report.published_on == TODAY
    with pytest.raises(ValidationError, match="不能修改"):
        services.report_edit(actor=people["admin"], report=report, sections={"overview": "x"})
    # a correction is a new version; the old stays published until the correction is published
    with pytest.raises(ValidationError, match="理由"):
        services.report_correct(actor=people["admin"], report=report, reason=" ")
    correction = services.report_correct(actor=people["admin"], report=report, reason="更正表三笔误")
    assert (correction.version, correction.state, correction.corrects_id) == (2, ReportState.DRAFT, report.pk)
    correction = _finish_text(correction, people)
    services.report_check(actor=people["admin"], report=correction)
    services.report_approve(actor=people["approver"], report=correction, today=TODAY)
    services.report_publish(actor=people["admin"], report=correction, today=TODAY + dt.timedelta(days=3))
    states = dict(AnnualReport.objects.filter(agency=civil, year=2025).values_list("version", "state"))
    assert states == {1: ReportState.SUPERSEDED, 2: ReportState.PUBLISHED}
    actions = list(
        AuditEntry.objects.filter(action__startswith="reports.report.").values_list("action", flat=True).order_by("id")
    )
    for action in ("start", "edit", "check", "approve", "publish", "correct"):
        assert f"reports.report.{action}" in actions


def test_published_tables_are_frozen_and_next_year_carries_over(civil, people):
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    report = _finish_text(report, people)
    services.report_check(actor=people["admin"], report=report)
    services.report_approve(actor=people["approver"], report=report, today=TODAY)
    services.report_publish(actor=people["admin"], report=report, today=TODAY)
    frozen = AnnualReport.objects.get(pk=report.pk).tables
    # the data changes after publication (a late-registered 2025 request): the published tables do not
    import_register(
        actor=None,
        agency=civil,
        source=_register([("2025-11-03", "自然人", "迟登记", "2025-11-20", "予以公开")]),
        today=dt.date(2026, 3, 31),
    )
    assert AnnualReport.objects.get(pk=report.pk).tables == frozen
    next_year = services.report_start(actor=people["admin"], agency=civil, year=2026, today=dt.date(2027, 1, 5))
    problems = services.report_problems(next_year)
    assert problems["errors"] == []  # 上年结转(2026) = 结转下年度(2025) as published
    assert "较上年" in next_year.narrative["overview"]


def test_text_that_contradicts_a_table_is_caught(civil, people):
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    report = _finish_text(report, people)
    overview = report.narrative["overview"].replace("新收政府信息公开申请7件", "新收政府信息公开申请9件")
    report = services.report_edit(actor=people["admin"], report=report, sections={"overview": overview})
    problems = services.report_check(actor=people["admin"], report=report)
    [warning] = problems["warnings"]
    assert (warning["stated"], warning["actual"], warning["cell"]) == (9, 7, "section3.new_this_year.total")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


# 条例 第四十九条: departments by 1-31, governments by 3-31.
@pytest.mark.parametrize(
    ("key", "published", "late"),
    [
        ("civil", dt.date(2026, 1, 31), False),
        ("civil", dt.date(2026, 2, 1), True),
        ("city", dt.date(2026, 3, 31), False),
        ("city", dt.date(2026, 4, 1), True),
    ],
)
def test_deadline_by_kind_of_agency(jurisdiction, key, published, late):
    report = AnnualReport(agency=jurisdiction[key], year=2025, published_on=published, state=ReportState.PUBLISHED)
    assert selectors.deadline_status(report, published).late is late


def test_a_request_registered_after_publication_breaks_the_carry_over_and_is_named(civil, people):
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    report = _finish_text(report, people)
    services.report_check(actor=people["admin"], report=report)
    services.report_approve(actor=people["approver"], report=report, today=TODAY)
    services.report_publish(actor=people["admin"], report=report, today=TODAY)
    # received in December 2025, registered only now, answered in 2026: 2025's published 结转下年度 missed it
    import_register(
        actor=None,
        agency=civil,
        source=_register([("2025-12-29", "科研机构", "迟登记大学", "2026-01-15", "予以公开")]),
        today=dt.date(2026, 3, 31),
    )
    next_year = services.report_start(actor=people["admin"], agency=civil, year=2026, today=dt.date(2027, 1, 5))
    errors = services.report_problems(next_year)["errors"]
    assert [(e["code"], e["cell"], e["expected"], e["found"]) for e in errors] == [
        ("carry.requests", "section3.carried_from_last_year.research_institution", 0, 1),
        ("carry.requests", "section3.carried_from_last_year.total", 2, 3),
    ]


def test_section_six_reports_the_work_plan_and_its_figures_are_checked(civil, people):
    from gongkai.reports import narrative

    tables = services_tables(civil)
    figures = {"workplan": {"tasks": 3, "done": 2, "overdue": 1, "completion": [("一、公开", "做好解读", "已完成")]}}
    text = narrative.draft(
        agency_name="x",
        year=2025,
        tables=tables,
        figures=figures,
        previous=None,
    )["other"]
    assert "工作要点共3项任务，已完成2项，1项尚未完成（其中1项未按期完成）" in text
    assert "一、公开　做好解读：已完成" in text
    conflicts = narrative.text_conflicts({"other": text.replace("已完成2项", "已完成3项")}, tables, figures)
    assert [(c["cell"], c["stated"], c["actual"]) for c in conflicts] == [("figures.workplan.done", 3, 2)]


def services_tables(agency):
    from gongkai.reports import selectors

    return selectors.tables_as_json(selectors.compute_tables(agency, 2025))


def test_section_six_states_the_fees_noticed_and_collected(civil, people):
    """国办函〔2020〕109号 fees: the notices of the year and what was actually paid (section 六 must mention them)."""
    from gongkai.foi.models import InfoRequest, RequestEvent

    first, second = InfoRequest.objects.filter(received_on__year=2025).order_by("received_on")[:2]
    RequestEvent.objects.create(request=first, type="fee_notice", on=dt.date(2025, 3, 1), data={"amount_yuan": "300"})
    RequestEvent.objects.create(request=first, type="fee_paid", on=dt.date(2025, 3, 6), data={})
    RequestEvent.objects.create(
        request=second, type="fee_notice", on=dt.date(2024, 12, 30), data={"amount_yuan": "100"}
    )
    RequestEvent.objects.create(request=second, type="fee_paid", on=dt.date(2025, 1, 3), data={})
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    assert report.figures["fees"] == {"notices": 1, "noticed_yuan": "300", "collected_yuan": "400"}
    assert "发出收费通知1件，金额300元，实际收取信息处理费400元" in report.narrative["other"]


def test_engagement_figures_reach_the_text_and_are_checked(civil, people):
    from gongkai.engagement.models import Consultation, Proposal

    for channel, n in (("hotline", 3), ("online", 2)):
        for i in range(n):
            Consultation.objects.create(
                agency=civil, channel=channel, asked_on=dt.date(2025, 5, 1 + i), topic="低保", answered=True
            )
    Proposal.objects.create(
        agency=civil,
        kind="npc",
        number="建议1号",
        subject="养老",
        received_on=dt.date(2025, 4, 1),
        due_on=dt.date(2025, 7, 1),
        replied_on=dt.date(2025, 6, 20),
        reply_published=True,
    )
    report = services.report_start(actor=people["admin"], agency=civil, year=2025, today=TODAY)
    assert "全年解答群众咨询5人次（电话3人次、网上2人次）" in report.narrative["overview"]
    assert "承办人大代表建议1件、政协委员提案0件，已答复1件，公开答复全文1件。" in report.narrative["other"]
    edited = report.narrative["overview"].replace("解答群众咨询5人次", "解答群众咨询50人次")
    report = services.report_edit(actor=people["admin"], report=report, sections={"overview": edited})
    warnings = services.report_problems(report)["warnings"]
    assert [(w["cell"], w["stated"], w["actual"]) for w in warnings] == [
        ("figures.engagement.consultations.total", 50, 5)
    ]


@pytest.mark.parametrize(("year", "format_name"), [(2020, "政府信息公开工作年度报告格式（试行）"), (2018, "文字报告")])
def test_reports_before_2021_follow_another_format_and_are_not_drafted(civil, people, year, format_name):
    # law.report.REPORT_FORMATS: the 2021 format (国办公开办函〔2021〕30号) applies from the report on 2021
    with pytest.raises(ValidationError) as refused:
        services.report_start(actor=people["admin"], agency=civil, year=year, today=TODAY)
    error = refused.value.error_dict["year"][0]
    assert error.code == "reports.format" and format_name in error.message
    assert not AnnualReport.objects.filter(agency=civil, year=year).exists()
    assert services.report_start(actor=people["admin"], agency=civil, year=2021, today=TODAY).year == 2021
