"""The officers' daily digest (`gongkai tick`): requests overdue or due within 3 working days on the official calendar
(条例 第三十三条 counting: the start day is not counted, weekends and holidays are not working days, 调休 Saturdays and
Sundays are), one e-mail per officer and agency a day, no applicant's data in it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.agencies.services import membership_grant, user_create
from gongkai.foi import digest, selectors, services
from gongkai.foi.models import InfoRequest
from gongkai.notify.models import Message
from gongkai.workcalendar.selectors import working_calendar
from tests.conftest import PASSWORD

THU = dt.date(2026, 9, 17)  # Fri 9/18 is a working day, Sat 9/19 not, Sun 9/20 调休上班, Mon 9/21, Tue 9/22
FRI = dt.date(2026, 10, 9)  # Sat 10/10 调休上班, Sun 10/11 not, Mon 10/12, Tue 10/13, Wed 10/14
APPLICANT = {
    "kind": "natural_person",
    "name": "王小明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "xiaoming@example.org",
    "address": "江源市解放路8号",
}
DESCRIPTION = "2025年江城区低保户名单（含住址）"


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GONGKAI_BASE_URL = "https://gongkai.example.gov.cn"


def _request(agency, *, due: dt.date, state: str = "open", paused: str = "") -> InfoRequest:
    request = services.request_register(
        actor=None,
        agency=agency,
        applicant=APPLICANT,
        channel="in_person",
        submitted_on=dt.date(2026, 8, 3),
        description=DESCRIPTION,
    ).request
    InfoRequest.objects.filter(pk=request.pk).update(due_on=due, state=state, paused=paused)
    return request


def _officer(agency, role="case_officer", *, email="li.officer@jiangyuan.gov.cn", username=None):
    user = user_create(actor=None, username=username or f"u{email or role}", password=PASSWORD, email=email or "")
    membership_grant(actor=None, user=user, agency=agency, role=role)
    return user


@pytest.mark.parametrize(
    ("today", "due", "listed", "left"),
    [
        # a weekend and a 调休 Sunday between: Fri 9/18 (1), Sun 9/20 (2), Mon 9/21 (3), Tue 9/22 (4)
        (THU, dt.date(2026, 9, 21), True, 3),  # due exactly in 3 working days: listed
        (THU, dt.date(2026, 9, 22), False, None),  # in 4 (a hand count skipping the 调休 Sunday would say 3)
        (THU, THU, True, 0),  # due today
        (THU, dt.date(2026, 9, 16), True, -1),  # overdue by one day
        # the 调休 Saturday counts: Sat 10/10 (1), Mon 10/12 (2), Tue 10/13 (3), Wed 10/14 (4)
        (FRI, dt.date(2026, 10, 13), True, 3),
        (FRI, dt.date(2026, 10, 14), False, None),
        # 国庆 between: Wed 9/30 → Thu 10/8 (1), Fri 10/9 (2), Sat 10/10 (3)
        (dt.date(2026, 9, 30), dt.date(2026, 10, 10), True, 3),
        (dt.date(2026, 9, 30), dt.date(2026, 10, 12), False, None),
    ],
)
def test_due_within_three_working_days_on_the_official_calendar(jurisdiction, today, due, listed, left):
    request = _request(jurisdiction["civil"], due=due)
    found = {i.tracking_code: i for i in selectors.due_and_overdue(today=today)}
    assert (request.tracking_code in found) is listed
    if listed:
        item = found[request.tracking_code]
        assert item.workdays_left == left and item.due_on == due and item.overdue is (due < today)


def test_overdue_on_a_weekend_after_the_due_date_is_still_overdue(jurisdiction):
    request = _request(jurisdiction["civil"], due=dt.date(2026, 10, 16))  # a Friday
    (item,) = selectors.due_and_overdue(today=dt.date(2026, 10, 17))  # Saturday: no working day has passed
    assert item.tracking_code == request.tracking_code and item.overdue and item.workdays_left == 0


@pytest.mark.parametrize(("state", "paused"), [("answered", ""), ("withdrawn", ""), ("open", "correction")])
def test_closed_and_paused_requests_are_never_listed(jurisdiction, state, paused):
    _request(jurisdiction["civil"], due=dt.date(2026, 9, 16), state=state, paused=paused)
    assert selectors.due_and_overdue(today=THU) == []


def test_the_selector_makes_a_fixed_number_of_queries(jurisdiction, django_assert_num_queries):
    agency = jurisdiction["civil"]
    calendar = working_calendar()
    for days in range(-2, 3):
        _request(agency, due=calendar.add_workdays(THU, days).date)
    with django_assert_num_queries(1):
        few = selectors.due_and_overdue(today=THU, agency_id=agency.pk, calendar=calendar)
    for days in range(-5, 4):
        _request(agency, due=calendar.add_workdays(THU, days).date)
    with django_assert_num_queries(3):  # the calendar's two and the requests'
        many = selectors.due_and_overdue(today=THU, agency_id=agency.pk)
    assert len(few) == 5 and len(many) == 14
    assert [i.due_on for i in many] == sorted(i.due_on for i in many)
    assert selectors.due_and_overdue(today=THU, agency_id=jurisdiction["county_civil"].pk) == []


def test_the_digest_lists_codes_dates_and_days_and_no_personal_data(jurisdiction):
    agency = jurisdiction["civil"]
    soon = _request(agency, due=dt.date(2026, 9, 21))
    late = _request(agency, due=dt.date(2026, 9, 16))
    _request(agency, due=dt.date(2026, 9, 22))  # in 4 working days
    _request(agency, due=dt.date(2026, 9, 18), state="answered")
    _officer(agency)
    result = services.digest_send(today=THU)
    assert (result.sent, result.skipped_no_email) == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["li.officer@jiangyuan.gov.cn"] and agency.name in message.subject
    assert "逾期 1 件" in message.subject and "即将到期 1 件" in message.subject
    assert "（2026年9月17日）" in message.subject  # 公文 dates, no leading zeros (issue 14)
    body = message.body
    assert f"{late.tracking_code}　答复期限 2026年9月16日　已逾期 1 个工作日　办理中" in body
    assert f"{soon.tracking_code}　答复期限 2026年9月21日　剩余 3 个工作日" in body
    assert body.index(late.tracking_code) < body.index(soon.tracking_code)  # overdue first
    assert f"https://gongkai.example.gov.cn/workspace/requests/{soon.pk}/" in body
    assert body.count("https://") == 2
    for value in (*APPLICANT.values(), DESCRIPTION, "低保"):
        if value != "natural_person":
            assert value not in body and value not in message.subject, value


def test_officers_and_admins_get_one_digest_a_day_and_those_without_email_are_counted(jurisdiction):
    agency, county = jurisdiction["civil"], jurisdiction["county_civil"]
    _request(agency, due=THU)
    _request(county, due=dt.date(2026, 9, 16))
    officer = _officer(agency)
    _officer(agency, "agency_admin", email="admin@jiangyuan.gov.cn")
    membership_grant(actor=None, user=officer, agency=agency, role="agency_admin")  # two roles: one e-mail
    _officer(agency, "drafter", email="drafter@jiangyuan.gov.cn")  # not a digest role
    _officer(agency, email="", username="nomail")
    _officer(county, email="county@jiangyuan.gov.cn")
    out = io.StringIO()
    call_command("tick", "--today", "2026-09-17", stdout=out, stderr=io.StringIO())
    assert "摘要：已发送 3 封，跳过 1 名无邮箱人员" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin@jiangyuan.gov.cn",
        "county@jiangyuan.gov.cn",
        "li.officer@jiangyuan.gov.cn",
    ]
    assert Message.objects.filter(purpose="foi.digest.2026-09-17", delivered=True).count() == 3

    again = io.StringIO()
    call_command("tick", "--today", "2026-09-17", stdout=again, stderr=io.StringIO())
    assert "摘要：已发送 0 封，跳过 1 名无邮箱人员，3 名今日已发送" in again.getvalue()
    assert len(mail.outbox) == 3
    result = services.digest_send(today=dt.date(2026, 9, 18))  # the next day: sent again
    assert result.sent == 3 and len(mail.outbox) == 6


def test_a_day_with_nothing_due_sends_nothing(jurisdiction):
    _request(jurisdiction["civil"], due=dt.date(2026, 10, 30))
    _officer(jurisdiction["civil"])
    assert services.digest_send(today=THU).sent == 0 and mail.outbox == []


def test_the_digest_reaches_a_real_smtp_server_and_is_recorded_without_its_text(jurisdiction, smtp_server):
    agency = jurisdiction["civil"]
    request = _request(agency, due=dt.date(2026, 9, 21))
    officer = _officer(agency)
    assert services.digest_send(today=THU).sent == 1
    (received,) = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == ["li.officer@jiangyuan.gov.cn"]
    assert request.tracking_code in received.get_content() and "剩余 3 个工作日" in received.get_content()
    (record,) = Message.objects.filter(purpose=digest.purpose_of(THU))
    assert record.delivered and record.agency_id == agency.pk and record.object_id == str(officer.pk)
    assert request.tracking_code not in str(Message.objects.values().get())
