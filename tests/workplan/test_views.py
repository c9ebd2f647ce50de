"""Staff pages for work plans: an admin uploads, reviews, maps and confirms; lead departments record progress;
everything is scoped to the user's agencies (404 elsewhere), supervisors only read; lists make a fixed number of
queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.workplan import services
from gongkai.workplan.models import Task, TaskEvidence, TaskInstance, TaskStatus, WorkPlan

from .conftest import PLAN_YEAR, SEED_MAPPING

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def client_in(make_user, departments):
    """A logged-in client for a user with ``role`` at the agency, in ``department`` (a name) if given."""

    def _client(role, agency, department: str | None = None) -> Client:
        user = make_user()
        membership_grant(
            actor=None, user=user, agency=agency, role=role, department=departments[department] if department else None
        )
        client = Client()
        client.force_login(user)
        return client

    return _client


@pytest.fixture
def recent_plan(civil, seed_text):
    """Seed 002 as last year's plan, imported today, so its periods are overdue now."""
    today = timezone.localdate()
    return services.plan_import(
        actor=None, agency=civil, year=today.year - 1, data=seed_text.encode(), mapping=SEED_MAPPING, today=today
    )


def _mapping_field(response, name: str) -> str:
    form = response.context["form"]
    return next(key for key, match in form.names.items() if match.name == name)


def test_admin_uploads_reviews_maps_and_confirms(civil, client_in, seed_text):
    client = client_in(Role.AGENCY_ADMIN, civil)
    upload = SimpleUploadedFile("要点.txt", seed_text.encode())
    response = client.post(reverse("workplan_staff:upload", args=[civil.pk]), {"year": PLAN_YEAR, "file": upload})
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("workplan_staff:review", args=[plan.pk])
    assert not Task.objects.exists()  # a proposal until confirmed

    review = client.get(response.url)
    assert review.status_code == 200
    assert len(review.context["rows"]) == 18
    assert review.context["proposal"].unmapped == ("福利科",)
    assert "社救办（社会救助科）" in review.content.decode()
    field = _mapping_field(review, "福利科")

    refused = client.post(response.url, {"confirm": "1"})
    assert refused.status_code == 200
    assert "以下科室名称还没有对应到本机关的科室：福利科" in refused.content.decode()
    assert not Task.objects.exists()

    preview = client.post(response.url, {"preview": "1", field: "养老服务科"})
    assert "福利科（养老服务科）" in preview.content.decode()
    assert not Task.objects.exists()

    done = client.post(response.url, {"confirm": "1", field: "养老服务科"})
    assert done.status_code == 302 and done.url == reverse("workplan_staff:plan", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.confirmed_at is not None and plan.tasks.count() == 18
    assert plan.name_map == {"福利科": "养老服务科"}
    page = client.get(done.url).content.decode()
    assert "加强政策解读和舆情回应工作" in page and "推进政务公开制度化规范化" in page


def test_a_name_can_be_kept_as_written(civil, client_in, seed_text):
    client = client_in(Role.AGENCY_ADMIN, civil)
    plan = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode())
    url = reverse("workplan_staff:review", args=[plan.pk])
    field = _mapping_field(client.get(url), "福利科")
    assert client.post(url, {"confirm": "1", field: "-"}).status_code == 302
    assert Task.objects.get(number=17).unmapped_names == ["福利科"]


def test_an_unreadable_upload_is_refused_on_the_form(civil, client_in):
    client = client_in(Role.AGENCY_ADMIN, civil)
    upload = SimpleUploadedFile("要点.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    response = client.post(reverse("workplan_staff:upload", args=[civil.pk]), {"year": PLAN_YEAR, "file": upload})
    assert response.status_code == 200
    assert "工作要点须为纯文本" in response.content.decode()
    assert not WorkPlan.objects.exists()


def test_admin_discards_a_proposal(civil, client_in, seed_text):
    client = client_in(Role.AGENCY_ADMIN, civil)
    plan = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode())
    assert client.post(reverse("workplan_staff:discard", args=[plan.pk])).status_code == 302
    assert not WorkPlan.objects.exists()


# --- scope and roles --------------------------------------------------------------------------------------------


def _pages(plan):
    task = plan.tasks.get(number=8)
    instance = task.instances.first()
    evidence = TaskEvidence.objects.create(task=task, file="workplan/evidence/x.pdf", original_name="x.pdf")
    return [
        ("get", reverse("workplan_staff:plan", args=[plan.pk])),
        ("get", reverse("workplan_staff:review", args=[plan.pk])),
        ("get", reverse("workplan_staff:source", args=[plan.pk])),
        ("post", reverse("workplan_staff:discard", args=[plan.pk])),
        ("get", reverse("workplan_staff:task", args=[task.pk])),
        ("post", reverse("workplan_staff:progress", args=[task.pk])),
        ("post", reverse("workplan_staff:evidence_upload", args=[task.pk])),
        ("get", reverse("workplan_staff:evidence", args=[evidence.pk])),
        ("post", reverse("workplan_staff:instance_done", args=[instance.pk])),
        ("get", reverse("workplan_staff:upload", args=[plan.agency_id])),
    ]


def test_other_agencies_staff_get_404_everywhere(plan, jurisdiction, client_for):
    client = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    for method, url in _pages(plan):
        assert getattr(client, method)(url).status_code == 404, url
    index = client.get(reverse("workplan_staff:index"))
    assert list(index.context["plans"]) == []


def test_supervisor_reads_but_does_not_write(plan, jurisdiction, client_for):
    client = client_for(Role.SUPERVISOR, jurisdiction["office"])
    task = plan.tasks.get(number=8)
    assert client.get(reverse("workplan_staff:plan", args=[plan.pk])).status_code == 200
    page = client.get(reverse("workplan_staff:task", args=[task.pk]))
    assert page.status_code == 200 and page.context["can_update"] is False
    assert client.post(reverse("workplan_staff:progress", args=[task.pk])).status_code == 403
    assert client.get(reverse("workplan_staff:upload", args=[plan.agency_id])).status_code == 403


def test_only_admins_import(civil, client_in):
    client = client_in(Role.DRAFTER, civil, "办公室")
    assert client.get(reverse("workplan_staff:upload", args=[civil.pk])).status_code == 403


@pytest.mark.parametrize(
    ("department", "task_number", "allowed"),
    [
        ("财务科", 8, True),  # 财务科负责
        ("财务科", 1, False),  # 办公室牵头, 财务科 only cooperates
        ("社会救助科", 6, True),  # 社救办 is its alias
        (None, 8, False),  # staff without a department
    ],
)
def test_lead_departments_record_progress(plan, client_in, department, task_number, allowed):
    client = client_in(Role.DRAFTER, plan.agency, department)
    task = plan.tasks.get(number=task_number)
    response = client.post(
        reverse("workplan_staff:progress", args=[task.pk]),
        {"progress-status": TaskStatus.IN_PROGRESS, "progress-note": "已部署", "progress-index_number": ""},
    )
    assert response.status_code == (302 if allowed else 403)
    task.refresh_from_db()
    assert task.status == (TaskStatus.IN_PROGRESS if allowed else TaskStatus.NOT_STARTED)


def test_a_period_marked_done_from_the_task_page(plan, client_in):
    client = client_in(Role.DRAFTER, plan.agency, "财务科")
    instance = TaskInstance.objects.get(task__number=8, due_on=dt.date(2018, 5, 31))
    response = client.post(
        reverse("workplan_staff:instance_done", args=[instance.pk]),
        {"done-done_on": "2018-05-28", "done-index_number": ""},
    )
    assert response.status_code == 302
    instance.refresh_from_db()
    assert instance.done_on == dt.date(2018, 5, 28)


def test_a_wrong_index_number_records_nothing(plan, client_in):
    client = client_in(Role.AGENCY_ADMIN, plan.agency)
    task = plan.tasks.get(number=1)
    client.post(
        reverse("workplan_staff:progress", args=[task.pk]),
        {"progress-status": TaskStatus.DONE, "progress-note": "", "progress-index_number": "NO/SUCH-1"},
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED and not task.notes.exists()


def test_evidence_upload_and_download(plan, client_in):
    client = client_in(Role.DRAFTER, plan.agency, "财务科")
    task = plan.tasks.get(number=8)
    upload = SimpleUploadedFile("预算说明.pdf", PDF)
    assert (
        client.post(reverse("workplan_staff:evidence_upload", args=[task.pk]), {"evidence-file": upload}).status_code
        == 302
    )
    evidence = task.evidence.get()
    response = client.get(reverse("workplan_staff:evidence", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


# --- dashboards and query counts --------------------------------------------------------------------------------


def test_my_department_sees_its_overdue_periods(recent_plan, client_in):
    client = client_in(Role.DRAFTER, recent_plan.agency, "财务科")
    response = client.get(reverse("workplan_staff:index"))
    mine = response.context["my_overdue"]
    assert {i.task.number for i in mine} == {5, 7, 8}  # 各科室负责 (五), 财务科 leads (七) and (八)
    assert response.context["agency_overdue"] == []  # not an admin
    admin = client_in(Role.AGENCY_ADMIN, recent_plan.agency).get(reverse("workplan_staff:index"))
    past_due = TaskInstance.objects.filter(task__plan=recent_plan, due_on__lt=timezone.localdate())
    assert len(admin.context["agency_overdue"]) == past_due.count() >= 20


def test_index_query_count_does_not_grow_with_plans(recent_plan, plan, client_in, django_assert_max_num_queries):
    client = client_in(Role.AGENCY_ADMIN, plan.agency, "办公室")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workplan_staff:index"))
    assert response.status_code == 200
    assert len(response.context["plans"]) == 2
    assert len(response.context["my_overdue"]) > 10


def test_plan_page_query_count_does_not_grow_with_tasks(plan, client_in, django_assert_max_num_queries):
    client = client_in(Role.AGENCY_ADMIN, plan.agency)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workplan_staff:plan", args=[plan.pk]))
    assert len(response.context["tasks"]) == 18
    assert response.context["overdue"] == 4  # (五)(六)(七)(八) on 2018's periods, seen today


def test_task_page_query_count_is_bounded(plan, client_in, django_assert_max_num_queries):
    client = client_in(Role.AGENCY_ADMIN, plan.agency)
    task = plan.tasks.get(number=7)  # twelve monthly periods
    with django_assert_max_num_queries(16):
        response = client.get(reverse("workplan_staff:task", args=[task.pk]))
    assert len(response.context["instances"]) == 12


def test_system_admin_sees_plans_read_only_in_the_admin(plan, client_for):
    client = client_for(superuser=True)
    for model in ("workplan", "task", "taskinstance"):
        assert client.get(reverse(f"admin:workplan_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:workplan_workplan_add")).status_code == 403


def test_an_oversized_plan_is_refused_before_it_is_read(civil, client_in, monkeypatch):
    from gongkai.workplan.documents import MAX_PLAN_BYTES

    called = []
    monkeypatch.setattr(services, "plan_propose", lambda **kwargs: called.append(kwargs))
    client = client_in(Role.AGENCY_ADMIN, civil)
    upload = SimpleUploadedFile("要点.txt", b"a" * (MAX_PLAN_BYTES + 1))
    response = client.post(reverse("workplan_staff:upload", args=[civil.pk]), {"year": PLAN_YEAR, "file": upload})
    assert response.status_code == 200
    assert "工作要点文件不能超过 5 MB。" in response.content.decode()
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["workplan.upload_too_large"]
    assert called == []


def test_a_proposals_source_is_for_the_admins_only(civil, client_in, seed_text):
    plan = services.plan_propose(actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode())
    url = reverse("workplan_staff:source", args=[plan.pk])
    assert client_in(Role.DRAFTER, civil, "办公室").get(url).status_code == 403
    response = client_in(Role.AGENCY_ADMIN, civil).get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
