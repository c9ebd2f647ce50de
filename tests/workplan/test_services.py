"""Importing a work plan (all tasks or none, every write audited), its dated instances from `gongkai tick`, and
progress: seed 002 into the demo 民政局's departments."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import CatalogCategory, CatalogItem, ItemState
from gongkai.workplan import selectors, services
from gongkai.workplan.models import Task, TaskInstance, TaskStatus, WorkPlan
from tests.core.bombs import bomb_docx

from .conftest import PLAN_YEAR, SEED_MAPPING, TODAY

D = dt.date
ALL = {"办公室", "社会救助科", "养老服务科", "政策法规科", "救灾减灾科", "财务科", "社会组织管理科"}

# Seed 002 task number → (lead departments, cooperating departments) as rows of the demo 民政局.
# 各科室 / 各相关科室 / 各业务科室 mean all seven; 社救办, 救灾科, 民管科 are aliases; 福利科 is mapped by hand.
SEED_DEPARTMENTS = [
    (1, {"办公室"}, ALL - {"办公室"}),
    (2, {"政策法规科"}, ALL - {"政策法规科"}),
    (5, ALL, set()),  # 各科室负责 the 解读 sub-duty: every department leads a part
    (6, {"社会救助科", "救灾减灾科"}, set()),
    (7, {"办公室", "财务科"}, ALL - {"办公室", "财务科"}),
    (8, {"财务科"}, set()),
    (9, {"社会救助科", "养老服务科", "社会组织管理科", "办公室"}, set()),
    (10, ALL, set()),
    (17, {"社会救助科", "养老服务科"}, set()),
    (18, {"办公室"}, ALL - {"办公室"}),
]


def _names(queryset) -> set[str]:
    return {d.name for d in queryset}


def test_seed_002_imports_18_tasks_in_5_groups(plan):
    tasks = list(plan.tasks.order_by("position"))
    assert len(tasks) == 18
    assert sorted({(t.group_number, t.group_heading) for t in tasks})[0] == (1, "加强公开解读回应工作")
    assert len({t.group_number for t in tasks}) == 5
    assert plan.title == "呼和浩特市民政局2018年政务公开工作要点"
    assert plan.confirmed_at is not None
    assert plan.name_map == SEED_MAPPING
    assert plan.source_document.read().decode() == plan.source_text


@pytest.mark.parametrize(("number", "leads", "cooperating"), SEED_DEPARTMENTS)
def test_seed_002_departments(plan, number, leads, cooperating):
    task = plan.tasks.get(number=number)
    assert (_names(task.leads.all()), _names(task.cooperating.all())) == (leads, cooperating)


def test_names_are_kept_as_written(plan):
    task = plan.tasks.get(number=9)
    assert task.lead_names == ["社救办", "福利科", "民管科", "办公室"]
    assert task.responsibility == "社救办、福利科、民管科、办公室等相关科室分工负责"
    five = plan.tasks.get(number=5)
    assert [part["note"] for part in five.parts] == ["办公室牵头,各科室配合", "各科室负责", "办公室牵头,各科室配合"]


def test_seed_002_timings(plan):
    timings = {
        task.number: [(t.recurrence, t.months_after, t.due_on) for t in task.timings.all()]
        for task in plan.tasks.prefetch_related("timings")
        if task.timings.all()
    }
    assert timings == {
        5: [("quarterly", 0, None)],
        6: [("quarterly", 2, None), ("half_yearly", 2, None)],
        7: [("monthly", 0, None)],
        8: [("", 0, D(2018, 5, 31)), ("", 0, D(2018, 9, 30))],
    }


def test_seed_002_instances_by_early_next_year(plan):
    instances = TaskInstance.objects.filter(task__plan=plan)
    assert instances.count() == 4 + 4 + 2 + 12 + 2
    assert list(instances.filter(task__number=6).values_list("period_label", "due_on")) == [
        ("2018年第1季度", D(2018, 5, 31)),
        ("2018年第2季度", D(2018, 8, 31)),
        ("2018年上半年", D(2018, 8, 31)),
        ("2018年第3季度", D(2018, 11, 30)),
        ("2018年第4季度", D(2019, 2, 28)),
        ("2018年下半年", D(2019, 2, 28)),
    ]
    # everything of 2018 is overdue on 2019-01-15 except what falls due at the end of February
    assert instances.filter(done_on__isnull=True, due_on__lt=TODAY).count() == 22


def test_every_write_is_audited(plan):
    entries = AuditEntry.objects.filter(agency_id=plan.agency_id, action__startswith="workplan.").order_by("seq")
    assert list(entries.values_list("action", flat=True)) == ["workplan.plan.propose", "workplan.plan.confirm"]
    confirm = AuditEntry.objects.get(action="workplan.plan.confirm")
    assert confirm.changes["tasks"] == 18 and confirm.changes["departments"]["福利科"] == "养老服务科"


# --- all or nothing ---------------------------------------------------------------------------------------------


def _nothing_saved() -> None:
    assert not WorkPlan.objects.exists()
    assert not Task.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="workplan.").exists()


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "workplan"
    return set(root.rglob("*")) if root.exists() else set()


def test_an_unmapped_name_saves_nothing_and_names_every_unmapped_name(civil, seed_text):
    files = _stored_files()
    with pytest.raises(ValidationError) as error:
        services.plan_import(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), today=TODAY)
    assert "以下科室名称还没有对应到本机关的科室：福利科。" in str(error.value)
    _nothing_saved()
    assert _stored_files() == files  # not even the document


def test_a_mapping_to_no_department_of_the_agency_is_refused(civil, seed_text):
    with pytest.raises(ValidationError, match="本机关没有这些科室：福利处"):
        services.plan_import(
            actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), mapping={"福利科": "福利处"}, today=TODAY
        )
    _nothing_saved()


def test_a_name_kept_as_text_has_no_department_but_stays(civil, seed_text):
    plan = services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), mapping={"福利科": ""}, today=TODAY
    )
    task = plan.tasks.get(number=17)
    assert _names(task.leads.all()) == {"社会救助科"}
    assert task.lead_names == ["社救办", "福利科"] and task.unmapped_names == ["福利科"]
    assert plan.name_map == {"福利科": ""}


def test_a_second_plan_for_the_same_year_is_refused(plan, seed_text):
    with pytest.raises(ValidationError, match="2018年的工作要点已经导入"):
        services.plan_import(
            actor=None, agency=plan.agency, year=PLAN_YEAR, data=seed_text.encode(), mapping=SEED_MAPPING, today=TODAY
        )
    assert Task.objects.count() == 18


def test_a_new_proposal_replaces_an_unconfirmed_one(civil, seed_text):
    first = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), today=TODAY)
    second = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), today=TODAY)
    assert list(WorkPlan.objects.values_list("pk", flat=True)) == [second.pk]
    assert first.pk != second.pk and not Task.objects.exists()


@pytest.mark.parametrize(
    ("data", "message", "code"),
    [
        (b"", "文件是空的", "workplan.document_empty"),
        (b"   \n", "文件中没有文字", "workplan.document_no_text"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "工作要点须为纯文本", "workplan.document_unreadable"),
        ("这是一份会议纪要，没有编号。".encode(), "没有从文件中读出任何任务", "workplan.no_tasks"),
        (b"x" * (5 * 1024 * 1024 + 1), r"工作要点文件不能超过 5 MB（本文件约 5\.0 MB）。", "workplan.too_large"),
        (bomb_docx(), "疑似压缩炸弹", "core.document_ratio"),  # 180 KB unpacking to 60 MB (issue #12)
    ],
)
def test_bad_documents_are_refused(civil, data, message, code):
    with pytest.raises(ValidationError, match=message) as refused:
        services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=data, today=TODAY)
    assert [e.code for e in refused.value.error_dict["file"]] == [code]
    _nothing_saved()


@pytest.mark.parametrize("year", [2007, 2021])
def test_the_year_must_be_plausible(civil, seed_text, year):
    with pytest.raises(ValidationError, match="年度应在 2008 到 2020 之间"):
        services.plan_propose(actor=None, agency=civil, year=year, data=seed_text.encode(), today=TODAY)


# --- instances --------------------------------------------------------------------------------------------------

QUARTERLY_PLAN = (
    "一、公开工作\n（一）救助信息公开。原则上每季度公开1次，在下一季度第2月底前公开上一季度有关情况。（社救办负责）\n"
)
QUARTERS = [
    ("2018年第1季度", D(2018, 5, 31)),
    ("2018年第2季度", D(2018, 8, 31)),
    ("2018年第3季度", D(2018, 11, 30)),
    ("2018年第4季度", D(2019, 2, 28)),
]
# (the day `gongkai tick` runs, how many quarters exist by then, how many of them are overdue)
# Instances appear 45 days before they fall due; one not done by its due date is overdue the day after.
TICK_TABLE = [
    (D(2018, 4, 15), 0, 0),  # Q1 falls due 5-31, more than 45 days away
    (D(2018, 4, 20), 1, 0),
    (D(2018, 5, 31), 1, 0),  # due today: not yet overdue
    (D(2018, 6, 1), 1, 1),
    (D(2018, 12, 31), 3, 3),  # Q4 (due 2019-02-28) not yet
    (D(2019, 3, 1), 4, 4),  # all four quarters of the plan year, the last one overdue since 2019-03-01
    (D(2020, 6, 1), 4, 4),  # never a quarter of another year
]


@pytest.mark.parametrize(("today", "created", "overdue"), TICK_TABLE)
def test_a_quarterly_task_creates_four_instances_and_an_unfinished_one_turns_overdue(civil, today, created, overdue):
    plan = services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=QUARTERLY_PLAN.encode(), today=D(2018, 1, 10)
    )
    assert services.instances_generate(today=today) == created
    assert services.instances_generate(today=today) == 0  # idempotent
    instances = list(TaskInstance.objects.filter(task__plan=plan).order_by("due_on"))
    assert [(i.period_label, i.due_on) for i in instances] == QUARTERS[:created]
    assert sum(i.is_overdue(today) for i in instances) == overdue
    assert selectors.overdue_instances(today=today, agency_ids={civil.pk}).count() == overdue


def test_a_period_done_on_time_is_not_overdue(civil):
    plan = services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=QUARTERLY_PLAN.encode(), today=D(2019, 3, 1)
    )
    first = TaskInstance.objects.get(task__plan=plan, period_label="2018年第1季度")
    services.instance_done(actor=None, instance=first, done_on=D(2018, 5, 20), today=D(2019, 3, 1))
    assert selectors.overdue_instances(today=D(2019, 3, 1), agency_ids={civil.pk}).count() == 3
    entry = AuditEntry.objects.filter(action="workplan.instance.done").get()
    assert entry.changes == {"period": "2018年第1季度", "done_on": "2018-05-20", "late": False, "item": None}


@pytest.mark.parametrize(
    ("done_on", "message"),
    [(D(2019, 3, 2), "完成日期不能晚于今天"), (D(2017, 12, 31), "完成日期不能早于工作要点的年度")],
)
def test_impossible_completion_dates_are_refused(civil, done_on, message):
    plan = services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=QUARTERLY_PLAN.encode(), today=D(2019, 3, 1)
    )
    instance = TaskInstance.objects.filter(task__plan=plan).first()
    with pytest.raises(ValidationError, match=message):
        services.instance_done(actor=None, instance=instance, done_on=done_on, today=D(2019, 3, 1))
    instance.refresh_from_db()
    assert instance.done_on is None


def test_a_task_marked_done_closes_its_periods_and_gets_no_new_ones(civil):
    plan = services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=QUARTERLY_PLAN.encode(), today=D(2018, 6, 1)
    )
    task = plan.tasks.get()
    services.task_progress(actor=None, task=task, status=TaskStatus.DONE, note="全年完成", today=D(2018, 6, 2))
    assert list(task.instances.values_list("done_on", flat=True)) == [D(2018, 6, 2)]
    assert services.instances_generate(today=D(2019, 3, 1)) == 0
    task.refresh_from_db()
    assert (task.status, task.done_on) == (TaskStatus.DONE, D(2018, 6, 2))
    entry = AuditEntry.objects.get(action="workplan.task.progress")
    assert entry.changes == {"status": ["not_started", "done"], "instances_closed": 1, "note": "全年完成"}


def test_gongkai_tick_creates_the_instances(civil, monkeypatch):
    services.plan_import(actor=None, agency=civil, year=PLAN_YEAR, data=QUARTERLY_PLAN.encode(), today=D(2018, 1, 10))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2019, 3, 1))
    out = StringIO()
    call_command("tick", stdout=out, stderr=StringIO())
    assert "工作要点：新生成 4 期任务，逾期未完成 4 期。" in out.getvalue()


# --- progress and evidence --------------------------------------------------------------------------------------


def test_progress_needs_something_to_record(plan):
    task = plan.tasks.get(number=1)
    with pytest.raises(ValidationError, match="请填写进展情况"):
        services.task_progress(actor=None, task=task, status=task.status, note="  ")
    assert not task.notes.exists()


def test_evidence_must_be_a_published_item_of_the_agency(plan, jurisdiction):
    county = jurisdiction["county_civil"]
    category = CatalogCategory.objects.create(agency=county, code="A01", name="规范性文件")
    other = CatalogItem.objects.create(agency=county, category=category, title="县里的信息", state=ItemState.PUBLISHED)
    task = plan.tasks.get(number=1)
    with pytest.raises(ValidationError, match="只能关联本机关已发布的信息"):
        services.task_progress(actor=None, task=task, status=TaskStatus.IN_PROGRESS, item=other)
    with pytest.raises(ValidationError, match="没有索引号为"):
        services.published_item(plan.agency_id, "不存在")
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED and not task.evidence.exists()


def test_evidence_files_are_judged_by_content(plan):
    task = plan.tasks.get(number=1)
    with pytest.raises(ValidationError, match="以文件内容为准"):
        services.evidence_add(actor=None, task=task, upload=SimpleUploadedFile("a.pdf", b"not a pdf"))
    pdf = SimpleUploadedFile("总结.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    evidence = services.evidence_add(actor=None, task=task, upload=pdf)
    assert (evidence.original_name, evidence.content_type) == ("总结.pdf", "application/pdf")
    assert AuditEntry.objects.filter(action="workplan.evidence.add").count() == 1


def test_discarding_a_proposal(civil, seed_text):
    plan = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), today=TODAY)
    services.plan_discard(actor=None, plan=plan)
    assert not WorkPlan.objects.exists()
    assert AuditEntry.objects.filter(action="workplan.plan.discard").count() == 1


def test_a_confirmed_plan_cannot_be_discarded(plan):
    with pytest.raises(ValidationError, match="不能丢弃"):
        services.plan_discard(actor=None, plan=plan)
    assert WorkPlan.objects.filter(pk=plan.pk).exists()
