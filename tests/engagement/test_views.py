"""Staff pages for engagement records: scoped to the user's agencies (404 elsewhere), case officers and agency admins
write, supervisors and other staff read; lists paginated and filtered in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies.models import Role
from gongkai.engagement.models import Consultation, OpinionEvent, PressEvent, Proposal

D = dt.date
KINDS = ["consultations", "proposals", "opinion", "press"]
FORMS = {
    "consultations": {"channel": "hotline", "asked_on": "2026-03-02", "topic": "低保申请条件", "asker_name": "张三"},
    "proposals": {"kind": "npc", "number": "2026-001", "subject": "关于低保的建议", "received_on": "2026-03-10"},
    "opinion": {"level": "general", "first_seen": "2026-04-01", "summary": "网民反映低保公示不全"},
    "press": {
        "kind": "conference",
        "held_on": "2026-02-20",
        "topic": "一季度发布会",
        "link": "https://www.example.cn/1",
    },
}
MODELS = {"consultations": Consultation, "proposals": Proposal, "opinion": OpinionEvent, "press": PressEvent}


@pytest.mark.parametrize("records", KINDS)
def test_officer_creates_edits_and_deletes_a_record(civil, client_for, records):
    client = client_for(Role.CASE_OFFICER, civil)
    assert client.get(reverse("engagement_staff:create", args=[records, civil.pk])).status_code == 200
    response = client.post(reverse("engagement_staff:create", args=[records, civil.pk]), FORMS[records])
    assert response.status_code == 302
    obj = MODELS[records].objects.get()
    assert obj.created_by == client.user
    edit = reverse("engagement_staff:edit", args=[records, obj.pk])
    page = client.get(edit).content.decode()
    assert next(iter(FORMS[records].values())) in page
    field = {"consultations": "topic", "proposals": "subject", "opinion": "summary", "press": "topic"}[records]
    assert client.post(edit, {**FORMS[records], field: "改过的"}).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "改过的"
    listing = client.get(reverse("engagement_staff:list", args=[records])).content.decode()
    assert "改过的" in listing and edit in listing
    assert client.post(reverse("engagement_staff:delete", args=[records, obj.pk])).status_code == 302
    assert not MODELS[records].objects.exists()


def test_form_refusals_are_shown_and_nothing_is_saved(civil, client_for, published_item):
    client = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("engagement_staff:create", args=["proposals", civil.pk])
    html = client.post(url, {**FORMS["proposals"], "reply_published": "on"}).content.decode()
    assert "答复全文公开前，请先填写答复日期" in html
    html = client.post(url, {**FORMS["proposals"], "reply_index_number": "NOPE"}).content.decode()
    assert "本机关没有索引号为“NOPE”的已发布信息" in html
    assert not Proposal.objects.exists()
    item = published_item(civil, "X/A01-2026-00001")
    client.post(url, {**FORMS["proposals"], "replied_on": "2026-05-01", "reply_index_number": item.index_number})
    proposal = Proposal.objects.get()
    assert proposal.reply_item == item and proposal.reply_published
    listing = client.get(reverse("engagement_staff:list", args=["proposals"])).content.decode()
    assert reverse("disclosure_public:item", args=[item.pk]) in listing


def test_lists_are_paginated_filtered_flag_overdue_and_take_fixed_queries(
    civil, client_for, make, django_assert_max_num_queries
):
    today = timezone.localdate()
    received = today - dt.timedelta(days=200)
    for n in range(35):  # even: never replied and long past due; odd: replied
        make(
            "proposals",
            number=f"{n:03d}",
            received_on=received,
            replied_on=None if n % 2 == 0 else received,
            today=today,
        )
    client = client_for(Role.CASE_OFFICER, civil)
    url = reverse("engagement_staff:list", args=["proposals"])
    client.get(url)
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert html.count("<tr") - 1 == 30  # header row + one page
    with django_assert_max_num_queries(8):
        page2 = client.get(url, {"page": 2, "year": received.year}).content.decode()
    assert f"year={received.year}" in page2 and "page=1" in page2  # pagination keeps the filters
    overdue = client.get(url, {"status": "overdue"}).content.decode()
    assert overdue.count('<tr class="overdue">') == 18 and overdue.count("badge bad") == 18
    assert client.get(url, {"year": "99999", "page": "x", "status": "bogus"}).status_code == 200
    other_year = client.get(url, {"year": str(received.year - 1)}).content.decode()
    assert 'class="overdue"' not in other_year


def test_consultation_list_counts_the_year_by_channel(civil, client_for, make, django_assert_max_num_queries):
    today = timezone.localdate()
    for channel in ("hotline", "hotline", "online", "letter"):
        make("consultations", channel=channel, asked_on=today, today=today)
    make("consultations", asked_on=today.replace(year=today.year - 1), today=today)
    client = client_for(Role.DRAFTER, civil)
    url = reverse("engagement_staff:list", args=["consultations"])
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url, {"year": today.year})
    counts = response.context["counts"]
    assert counts == {"total": 4, "by_channel": {"hotline": 2, "online": 1, "in_person": 0, "letter": 1}, "answered": 0}
    html = response.content.decode()
    assert '<td class="num">4</td><td class="num">2</td><td class="num">1</td><td class="num">0</td>' in html
    # a drafter reads but does not write: no edit links, no buttons
    assert reverse("engagement_staff:create", args=["consultations", civil.pk]) not in html
    assert client.get(reverse("engagement_staff:create", args=["consultations", civil.pk])).status_code == 403


@pytest.mark.parametrize("page", ["create", "import", "export"])
def test_agency_pages_answer_404_to_another_agencys_staff(jurisdiction, client_for, page):
    county_admin = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    for records in KINDS:
        url = reverse(f"engagement_staff:{page}", args=[records, jurisdiction["civil"].pk])
        assert county_admin.get(url).status_code == 404
        own = reverse(f"engagement_staff:{page}", args=[records, jurisdiction["county_civil"].pk])
        assert county_admin.get(own).status_code == 200


@pytest.mark.parametrize("records", KINDS)
def test_records_answer_404_to_another_agencys_staff(jurisdiction, client_for, make, records):
    obj = make(records)
    county_admin = client_for(Role.AGENCY_ADMIN, jurisdiction["county_civil"])
    assert county_admin.get(reverse("engagement_staff:edit", args=[records, obj.pk])).status_code == 404
    assert (
        county_admin.post(reverse("engagement_staff:edit", args=[records, obj.pk]), FORMS[records]).status_code == 404
    )
    assert county_admin.post(reverse("engagement_staff:delete", args=[records, obj.pk])).status_code == 404
    listing = county_admin.get(reverse("engagement_staff:list", args=[records])).content.decode()
    assert "江源市民政局" not in listing and "市民政局" not in listing
    assert MODELS[records].objects.count() == 1


def test_supervisor_reads_and_exports_but_cannot_write(jurisdiction, civil, client_for, make):
    consultation = make("consultations", asker_name="张三")
    supervisor = client_for(Role.SUPERVISOR, jurisdiction["office"])
    listing = supervisor.get(reverse("engagement_staff:list", args=["consultations"])).content.decode()
    assert "低保申请条件" in listing
    assert reverse("engagement_staff:edit", args=["consultations", consultation.pk]) not in listing
    assert supervisor.get(reverse("engagement_staff:edit", args=["consultations", consultation.pk])).status_code == 403
    assert (
        supervisor.post(reverse("engagement_staff:delete", args=["consultations", consultation.pk])).status_code == 403
    )
    assert supervisor.get(reverse("engagement_staff:create", args=["consultations", civil.pk])).status_code == 403
    assert supervisor.get(reverse("engagement_staff:import", args=["consultations", civil.pk])).status_code == 403
    export = supervisor.get(reverse("engagement_staff:export", args=["consultations", civil.pk]), {"year": 2026})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[1][:3] == ("电话", dt.datetime(2026, 3, 2), "低保申请条件")
    assert Consultation.objects.count() == 1


def test_import_page_lists_bad_rows_and_imports_nothing_then_imports_a_good_table(civil, client_for):
    client = client_for(Role.CASE_OFFICER, civil)
    url = reverse("engagement_staff:import", args=["opinion", civil.pk])
    bad = "级别,发现日期,概要\n重大,2026-04-01,养老院问题\n特大,2026-04-02,x\n,2026-04-03,\n".encode()
    html = client.post(url, {"file": SimpleUploadedFile("舆情.csv", bad)}).content.decode()
    assert "第 3 行：级别“特大”无法识别" in html and "第 4 行" in html and "第 2 行" not in html
    assert not OpinionEvent.objects.exists()
    good = "级别,发现日期,概要\n重大,2026-04-01,养老院问题\n一般,2026-04-02,排队\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("舆情.csv", good)})
    assert response.status_code == 302 and OpinionEvent.objects.count() == 2


def test_nav_links_to_engagement(civil, client_for):
    client = client_for(Role.CASE_OFFICER, civil)
    html = client.get(reverse("workspace:home")).content.decode()
    assert reverse("engagement_staff:index") in html
    assert client.get(reverse("engagement_staff:index")).status_code == 302
    assert client.get("/workspace/engagement/letters/").status_code == 404
