"""Writes for engagement records: every change audited (never the name of a person asking), bad input refused in
Chinese with nothing saved, a proposal's due date three months after assignment by default."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.engagement import services
from gongkai.engagement.models import Consultation, OpinionEvent, PressEvent, Proposal
from tests.engagement.conftest import TODAY

D = dt.date
MODELS = {"consultations": Consultation, "proposals": Proposal, "opinion": OpinionEvent, "press": PressEvent}


@pytest.mark.parametrize("records", list(MODELS))
def test_create_update_delete_are_audited(make, records):
    obj = make(records)
    created = AuditEntry.objects.get(action__startswith="engagement.", action__endswith=".create")
    assert created.object_id == str(obj.pk) and created.agency_id == obj.agency_id
    date_field = {"consultations": "asked_on", "proposals": "received_on", "opinion": "first_seen"}.get(
        records, "held_on"
    )
    services.record_update(actor=None, obj=obj, fields={date_field: D(2026, 3, 20)}, today=TODAY)
    update = AuditEntry.objects.get(action__startswith="engagement.", action__endswith=".update")
    assert update.changes[date_field][1] == "2026-03-20"
    services.record_delete(actor=None, obj=obj)
    assert not MODELS[records].objects.exists()
    deleted = AuditEntry.objects.get(action__startswith="engagement.", action__endswith=".delete")
    assert deleted.object_id == str(obj.pk) and deleted.changes[date_field] == "2026-03-20"


def test_update_without_changes_writes_nothing(make):
    obj = make("press")
    services.record_update(actor=None, obj=obj, fields={"topic": obj.topic}, today=TODAY)
    assert not AuditEntry.objects.filter(action__endswith=".update").exists()


def test_the_name_of_a_person_asking_never_reaches_the_audit_log(make):
    consultation = make("consultations", asker_name="张三")
    services.record_update(actor=None, obj=consultation, fields={"asker_name": "李四"}, today=TODAY)
    consultation.refresh_from_db()
    assert consultation.asker_name == "李四"
    entries = list(AuditEntry.objects.values_list("changes", flat=True))
    assert "张三" not in str(entries) and "李四" not in str(entries)
    services.record_delete(actor=None, obj=consultation)
    assert "李四" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_a_proposal_is_due_three_months_after_assignment_unless_another_date_is_set(make):
    proposal = make("proposals")
    assert proposal.due_on == D(2026, 6, 10)
    extended = make("proposals", number="2026-002", due_on=D(2026, 8, 10))
    assert extended.due_on == D(2026, 8, 10)
    # the default follows a corrected assignment date; a date set by hand stays
    services.record_update(actor=None, obj=proposal, fields={"received_on": D(2026, 3, 1)}, today=TODAY)
    services.record_update(actor=None, obj=extended, fields={"received_on": D(2026, 3, 1)}, today=TODAY)
    proposal.refresh_from_db(), extended.refresh_from_db()
    assert (proposal.due_on, extended.due_on) == (D(2026, 6, 1), D(2026, 8, 10))


def test_a_published_reply_links_a_published_item_of_the_agency(make, civil, county, published_item):
    item = published_item(civil, "X/A01-2026-00001")
    proposal = make("proposals", replied_on=D(2026, 5, 20), reply_item=item)
    assert proposal.reply_published and proposal.reply_item == item
    assert services.published_item(civil, "x/a01-2026-00001") == item
    for other in (published_item(county, "Y/A01-2026-00001"), published_item(civil, "X/A01-2026-00002", "draft")):
        with pytest.raises(ValidationError, match="答复全文只能关联本机关已发布的信息"):
            make("proposals", number="2026-009", replied_on=D(2026, 5, 20), reply_item=other)
    with pytest.raises(ValidationError, match="没有索引号为“nope”的已发布信息"):
        services.published_item(civil, "nope")


REFUSALS = [
    ("consultations", {"channel": "fax"}, "请选择咨询渠道"),
    ("consultations", {"asked_on": None}, "请填写咨询日期"),
    ("consultations", {"asked_on": TODAY + dt.timedelta(days=1)}, "咨询日期不能晚于今天"),
    ("consultations", {"topic": "  "}, "请填写咨询事项"),
    ("consultations", {"topic": "长" * 301}, "咨询事项不能超过 300 个字"),
    ("consultations", {"answered_on": D(2026, 3, 1)}, "答复日期不能早于咨询日期"),
    ("consultations", {"answered": False, "answered_on": D(2026, 3, 3)}, "应标为已答复"),
    ("proposals", {"kind": "motion"}, "请选择类型：人大代表建议或政协委员提案"),
    ("proposals", {"number": ""}, "请填写建议（提案）编号"),
    ("proposals", {"received_on": None}, "请填写交办日期"),
    ("proposals", {"due_on": D(2026, 9, 11)}, "最长 6 个月内"),
    ("proposals", {"due_on": D(2026, 3, 9)}, "答复期限应在交办日期之后"),
    ("proposals", {"replied_on": D(2026, 3, 9)}, "答复日期不能早于交办日期"),
    ("proposals", {"reply_published": True}, "答复全文公开前，请先填写答复日期"),
    ("opinion", {"level": "huge"}, "请选择舆情级别"),
    ("opinion", {"responded_on": D(2026, 3, 31)}, "回应日期不能早于发现日期"),
    ("opinion", {"summary": ""}, "请填写舆情概要"),
    ("press", {"kind": "speech"}, "请选择类型：新闻发布会或在线访谈"),
    ("press", {"held_on": TODAY + dt.timedelta(days=3)}, "举办日期不能晚于今天"),
    ("press", {"link": "javascript:alert(1)"}, "链接应为以 http:// 或 https:// 开头的网址"),
]


@pytest.mark.parametrize(("records", "fields", "message"), REFUSALS)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(make, records, fields, message):
    with pytest.raises(ValidationError, match=message):
        make(records, **fields)
    assert not MODELS[records].objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="engagement.").exists()


def test_a_refused_update_changes_nothing(make):
    opinion = make("opinion", responded_on=D(2026, 4, 2))
    with pytest.raises(ValidationError, match="回应日期不能早于发现日期"):
        services.record_update(actor=None, obj=opinion, fields={"first_seen": D(2026, 4, 5)}, today=TODAY)
    opinion.refresh_from_db()
    assert opinion.first_seen == D(2026, 4, 1)


def test_a_proposal_number_is_unique_per_agency_kind_and_year(make, county):
    make("proposals")
    with pytest.raises(ValidationError, match="本机关 2026 年已登记编号为“2026-001”的人大代表建议"):
        make("proposals")
    make("proposals", kind="cppcc")  # a CPPCC proposal may carry the same number
    make("proposals", received_on=D(2025, 3, 10), today=TODAY)  # so may last year's suggestion
    make("proposals", agency=county)  # and another agency's
    assert Proposal.objects.count() == 4


def test_the_lead_department_must_be_the_agencys(make, county, civil):
    with pytest.raises(ValidationError, match="主办科室须为本机关的科室"):
        make("proposals", lead_department=county.departments.first())
    assert services.department_named(civil, "社救办") == civil.departments.get(name="社会救助科")
    with pytest.raises(ValidationError, match="本机关没有名为“财务科”的科室"):
        services.department_named(civil, "财务科")


def test_a_date_of_the_answer_means_answered_when_not_stated(make):
    consultation = make("consultations", answered=None, answered_on=D(2026, 3, 3))
    assert consultation.answered
