"""Demo work plans: seed 002 (a real 政务公开工作要点, data/seed_002.txt) adapted to the demo city 民政局 and imported
through the same services as an upload — for last year, with about half of its tasks done and some periods overdue,
and for this year (the year of the draft annual report, whose 工作要点 paragraph reads it), under way: the periods
already past are done for the tasks begun, the rest open.

The plan names 科室 the demo bureau does not have; they are added here (with the short names the plan uses as
aliases), and 福利科 is mapped by hand onto 养老服务科, as an admin would on the review page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import departments_of
from gongkai.agencies.services import department_create
from gongkai.core.logs import service
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem
from gongkai.workplan import services
from gongkai.workplan.models import Task, TaskStatus, WorkPlan

SEED = Path(__file__).resolve().parent / "data" / "seed_002.txt"
SEED_YEAR = 2018
# The seed's place names → the demo's (the demo must never be mistaken for a real agency).
PLACES = (
    ("内蒙古自治区民政厅", "省民政厅"),
    ("内民政办", "省民政办"),
    ("呼政办发", "江政办发"),
    ("呼和浩特市", "江源市"),
    ("呼和浩特", "江源"),
)
DEPARTMENTS = (("政策法规科", ""), ("救灾减灾科", "救灾科"), ("财务科", ""), ("社会组织管理科", "民管科,社会组织科"))
MAPPING = {"福利科": "养老服务科"}

# Task number → (status, progress note); tasks not listed stay not started.
PROGRESS = {
    1: (TaskStatus.DONE, "全年制定的规范性文件均已在印发后20个工作日内公开，发文稿纸增加“公开属性”一栏。"),
    2: (TaskStatus.DONE, "机构改革后权责清单已调整并在局网站公布。"),
    3: (TaskStatus.DONE, "办理的人大代表建议、政协委员提案答复全文均已公开。"),
    4: (TaskStatus.DONE, "“双随机、一公开”专栏已开通，随机抽查事项清单已公布。"),
    5: (TaskStatus.IN_PROGRESS, "前三季度例行新闻发布会已召开；第四季度发布会因故推迟。"),
    6: (TaskStatus.IN_PROGRESS, "救助统计按季度公开；灾情半年报已公开。"),
    7: (TaskStatus.IN_PROGRESS, "民政事业统计表按月更新，12月统计表尚未公开。"),
    8: (TaskStatus.DONE, "部门预算、决算及“三公”经费说明均已按时公开。"),
    9: (TaskStatus.IN_PROGRESS, "社会救助、养老机构设立等办事指南已上网，社会组织年检指南修订中。"),
    12: (TaskStatus.DONE, "网站栏目已按《政府网站发展指引》调整。"),
    13: (TaskStatus.DONE, "政务微博、微信公众号内容审查制度已建立。"),
    14: (TaskStatus.DONE, "新条例配套制度已梳理修订。"),
    15: (TaskStatus.DONE, "信息发布前保密审查和个人信息去标识化处理已落实。"),
    16: (TaskStatus.IN_PROGRESS, "主动公开基本目录初稿已完成，待审定。"),
}
# Task number → how many of its last periods are left open (overdue): the demo's unfinished work.
LEFT_OPEN = {5: 1, 6: 1, 7: 1}


def plan_text(year: int) -> str:
    """Seed 002 as the demo city's plan for ``year``."""
    text = SEED.read_text(encoding="utf-8")
    for real, demo in PLACES:
        text = text.replace(real, demo)
    return text.replace(str(SEED_YEAR - 1), str(year - 1)).replace(str(SEED_YEAR), str(year))


def _add_departments(agency: Agency) -> None:
    existing = {department.name for department in departments_of(agency)}
    for name, aliases in DEPARTMENTS:
        if name not in existing:
            department_create(actor=None, agency=agency, name=name, aliases=aliases)


def _evidence(agency: Agency, title_contains: str) -> CatalogItem | None:
    return disclosure_selectors.first_published_titled(agency.pk, title_contains)


def _complete_instances(task: Task, actor, *, leave_open: int, today: dt.date, current: bool = False) -> None:
    """Mark the task's periods done but the last ``leave_open`` of each timing; in the ``current`` year only those
    due by ``today``, without evidence (this year's items are not in the demo catalog)."""
    instances = list(task.instances.select_related("timing").order_by("timing__position", "period_start"))
    if current:
        instances = [instance for instance in instances if instance.due_on <= today]
    by_timing: dict[int, list] = {}
    for instance in instances:
        by_timing.setdefault(instance.timing_id, []).append(instance)
    for periods in by_timing.values():
        for instance in periods[: len(periods) - leave_open] if leave_open else periods:
            item = None
            if current:
                pass
            elif task.number == 6:
                item = _evidence(task.agency, f"{instance.period_label}困难群众救助情况统计")
            elif task.number == 8:
                year = task.plan.year
                item = _evidence(
                    task.agency, f"{year}年部门预算" if instance.due_on.month == 5 else f"{year - 1}年度部门决算"
                )
            done_on = item.published_on if item else min(instance.due_on - dt.timedelta(days=3), today)
            done_on = max(done_on, dt.date(instance.period_start.year, 1, 1))
            services.instance_done(actor=actor, instance=instance, done_on=done_on, item=item, today=today)


def _import(civil: Agency, admin, year: int, today: dt.date) -> WorkPlan:
    return services.plan_import(
        actor=admin,
        agency=civil,
        year=year,
        data=plan_text(year).encode("utf-8"),
        filename=f"江源市民政局{year}年政务公开工作要点.txt",
        mapping=MAPPING,
        today=today,
    )


def _admin(civil: Agency):
    return get_user_model().objects.filter(memberships__agency=civil, memberships__role=Role.AGENCY_ADMIN).first()


@service
def load_workplan(agencies: dict[str, Agency], *, today: dt.date | None = None) -> WorkPlan:
    """Import seed 002 as the city 民政局's plan for last year and record its progress; returns the plan."""
    today = today or timezone.localdate()
    civil = agencies["civil"]
    _add_departments(civil)
    admin = _admin(civil)
    plan = _import(civil, admin, today.year - 1, today)
    for task in plan.tasks.select_related("plan", "agency").order_by("position"):
        if task.number not in PROGRESS:
            continue
        status, note = PROGRESS[task.number]
        _complete_instances(task, admin, leave_open=LEFT_OPEN.get(task.number, 0), today=today)
        if status == TaskStatus.DONE:
            services.task_progress(
                actor=admin, task=task, status=TaskStatus.IN_PROGRESS, note="已部署落实。", today=today
            )
        services.task_progress(actor=admin, task=task, status=status, note=note, today=today)
    return plan


@service
def load_current_workplan(agencies: dict[str, Agency], *, today: dt.date | None = None) -> WorkPlan:
    """The same plan for this year, under way: the tasks begun last year are begun again, their periods due by
    ``today`` done; those whose every period is past are done. Returns the plan."""
    today = today or timezone.localdate()
    civil = agencies["civil"]
    _add_departments(civil)
    admin = _admin(civil)
    plan = _import(civil, admin, today.year, today)
    for task in plan.tasks.select_related("plan", "agency").order_by("position"):
        if task.number not in PROGRESS:
            continue
        _complete_instances(task, admin, leave_open=0, today=today, current=True)
        services.task_progress(actor=admin, task=task, status=TaskStatus.IN_PROGRESS, note="已部署落实。", today=today)
        if PROGRESS[task.number][0] == TaskStatus.DONE and not task.instances.filter(done_on__isnull=True).exists():
            services.task_progress(
                actor=admin, task=task, status=TaskStatus.DONE, note="本年度各期均已完成。", today=today
            )
    return plan
