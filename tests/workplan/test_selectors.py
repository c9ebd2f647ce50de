"""What the annual report's section 六 reads from the work plan, and the demo plan (seed 002, about half done)."""

from __future__ import annotations

import datetime as dt

from gongkai.workplan import demo, selectors, services
from gongkai.workplan.models import Task, TaskInstance, TaskStatus, WorkPlan

from .conftest import PLAN_YEAR, TODAY


def test_report_figures_count_tasks_done_and_overdue(plan, django_assert_max_num_queries):
    services.task_progress(actor=None, task=plan.tasks.get(number=1), status=TaskStatus.DONE, today=TODAY)
    services.task_progress(actor=None, task=plan.tasks.get(number=8), status=TaskStatus.DONE, today=TODAY)
    services.task_progress(actor=None, task=plan.tasks.get(number=2), status=TaskStatus.IN_PROGRESS, today=TODAY)
    with django_assert_max_num_queries(1):
        figures = selectors.report_figures(plan.agency_id, PLAN_YEAR, today=TODAY)
    # (五)(六)(七) have 2018 periods open past due on 2019-01-15; (八) was closed when marked done
    assert (figures["tasks"], figures["done"], figures["overdue"]) == (18, 2, 3)
    assert figures["completion"][:3] == [
        ("加强公开解读回应工作", "持续做好民政政策文件公开工作", "已完成"),
        ("加强公开解读回应工作", "及时调整公开部门权责清单", "推进中"),
        ("加强公开解读回应工作", "认真做好人大代表建议和政协委员提案办理结果公开工作", "未启动"),
    ]
    assert selectors.report_figures(plan.agency_id, PLAN_YEAR + 1) == {
        "tasks": 0,
        "done": 0,
        "overdue": 0,
        "completion": [],
    }


def test_a_proposal_is_not_reported(civil, seed_text):
    services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), today=TODAY)
    assert selectors.report_figures(civil.pk, PLAN_YEAR)["tasks"] == 0


def test_demo_plan_is_seed_002_about_half_done(jurisdiction):
    today = dt.date(2026, 3, 10)
    plan = demo.load_workplan(jurisdiction, today=today)
    assert plan.year == 2025 and plan.agency == jurisdiction["civil"]
    assert plan.title == "江源市民政局2025年政务公开工作要点"
    assert "呼和浩特" not in plan.source_text and "2018" not in plan.source_text
    figures = selectors.report_figures(plan.agency_id, 2025, today=today)
    assert figures["tasks"] == 18
    assert figures["done"] == 9
    assert figures["overdue"] == 3  # the last periods of (五)(六)(七) were left open
    assert Task.objects.get(plan=plan, number=9).unmapped_names == []
    assert TaskInstance.objects.filter(task__plan=plan, done_on__isnull=False).count() > 15
    assert WorkPlan.objects.count() == 1


def test_demo_has_this_years_plan_too_so_the_draft_reports_work_plan_paragraph_is_filled(jurisdiction):
    """Issue 14: the demo's plan was for last year while its draft report is this year's, so the report's 工作要点
    paragraph stayed a 【】 placeholder."""
    from gongkai.reports import services as report_services

    today = dt.date(2026, 12, 2)
    last = demo.load_workplan(jurisdiction, today=today)
    current = demo.load_current_workplan(jurisdiction, today=today)
    assert (last.year, current.year) == (2025, 2026)
    assert current.title == "江源市民政局2026年政务公开工作要点"
    assert WorkPlan.objects.count() == 2
    figures = selectors.report_figures(current.agency_id, 2026, today=today)
    assert figures["tasks"] == 18
    assert 0 < figures["done"] < 18
    # every period done is done by today, in its own year
    done = TaskInstance.objects.filter(task__plan=current, done_on__isnull=False)
    assert done.exists() and all(dt.date(2026, 1, 1) <= i.done_on <= today for i in done)
    assert selectors.report_figures(last.agency_id, 2025, today=today)["done"] == 9  # last year's kept as it was
    draft = report_services.report_start(actor=None, agency=jurisdiction["civil"], year=2026, today=today)
    other = draft.narrative["other"]
    assert f"本年度政务公开工作要点共18项任务，已完成{figures['done']}项" in other
    assert "【请补充本年度政务公开工作要点落实情况。】" not in other
