"""English msgids shared by pages that need different Chinese get their own msgid or a gettext context: each page
reads the Chinese of its own trade (主题分类 for the catalogue, 标题 for a proposal; 办理中 for a request, 推进中 for a
work-plan task; 年度报告 in the workspace, 政府信息公开年报 as the portal column; 答复期限 as a column, 待答复 as a case
status), and a reconsideration without an extended decision period does not read “延长0日”."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from gongkai.agencies.models import Role
from gongkai.cases import services as case_services
from gongkai.disclosure.forms import ItemForm
from gongkai.engagement.forms import ProposalForm
from gongkai.foi.models import RequestState
from gongkai.law import cases as law_cases
from gongkai.workplan.models import TaskStatus


@pytest.mark.parametrize(
    ("label", "chinese"),
    [
        (lambda: ItemForm.base_fields["topic"].label, "主题分类"),  # 主动公开目录的元数据
        (lambda: ProposalForm.base_fields["subject"].label, "标题"),  # 建议提案的标题
        (lambda: RequestState.OPEN.label, "办理中"),  # 依申请公开的申请
        (lambda: TaskStatus.IN_PROGRESS.label, "推进中"),  # 工作要点的任务，与年度报告第六部分用语一致
    ],
    ids=["catalogue-subject", "proposal-subject", "request-in-progress", "task-in-progress"],
)
def test_shared_english_labels_read_the_chinese_of_their_page(label, chinese):
    with translation.override("zh-hans"):
        assert str(label()) == chinese
    with translation.override("en"):
        assert str(label()) in {"Subject", "In progress"}


def test_proposal_list_header_reads_title_not_the_catalogue_subject(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    client = client_for(Role.AGENCY_ADMIN, civil)
    html = client.get(reverse("engagement_staff:list", args=["proposals"])).content.decode()
    assert '<th scope="col">标题</th>' in html and "主题分类" not in html


def test_portal_column_is_the_annual_disclosure_report_and_the_workspace_menu_reads_annual_reports(
    jurisdiction, client_for
):
    civil = jurisdiction["civil"]
    portal = Client()
    for url in (
        reverse("portal:agency", args=[civil.credit_code]),
        reverse("portal:annual_reports", args=[civil.credit_code]),
    ):
        assert "政府信息公开年报</a>" in portal.get(url).content.decode()
    column = portal.get(reverse("portal:annual_reports", args=[civil.credit_code])).content.decode()
    assert "<h1>政府信息公开年报</h1>" in column
    workspace = client_for(Role.AGENCY_ADMIN, civil).get(reverse("cases_staff:list")).content.decode()
    assert ">年度报告</a></li>" in workspace and "政府信息公开年报" not in workspace


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


def _case(agency, today: dt.date, **fields):
    values = {
        "kind": law_cases.RECONSIDERATION,
        "number": "江府复〔2026〕1号",
        "party_name": "张三",
        "filed_on": today - dt.timedelta(days=3),
        "received_on": today,
        "accepted_on": today,
        "deciding_body": "江源市人民政府",
    }
    values.update(fields)
    return case_services.case_create(actor=None, agency=agency, today=today, **values)


def test_a_case_awaiting_its_reply_reads_pending_and_the_column_reads_reply_period(
    jurisdiction, client_for, today, django_assert_max_num_queries
):
    civil = jurisdiction["civil"]
    case = _case(civil, today)
    assert case.status(today) == law_cases.REPLY_DUE
    client = client_for(Role.CASE_OFFICER, civil)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("cases_staff:list")).content.decode()
    assert '<th scope="col">答复期限</th>' in html
    assert "待答复" in html
    detail = client.get(reverse("cases_staff:detail", args=[case.pk])).content.decode()
    assert "<dt>答复期限</dt>" in detail and "<dd>待答复" in detail


@pytest.mark.parametrize(
    ("extension_days", "reads", "never"),
    [
        # 《行政复议法》（2023年修订）第六十二条：六十日，经批准可以延长，最多不超过三十日
        (0, "受理之日起60日（第六十二条）", "延长0日"),
        (30, "受理之日起60日，延长30日（第六十二条）", "受理之日起60日（第六十二条）"),
    ],
)
def test_decision_period_names_an_extension_only_when_there_is_one(
    jurisdiction, client_for, today, extension_days, reads, never
):
    civil = jurisdiction["civil"]
    case = _case(civil, today, decision_extension_days=extension_days)
    html = client_for(Role.CASE_OFFICER, civil).get(reverse("cases_staff:detail", args=[case.pk])).content.decode()
    assert reads in html and never not in html
