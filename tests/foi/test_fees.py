"""Fees by the agency's one method (国办函〔2020〕109号 第三条至第五条), waivers recorded, the clock paused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import fees, services
from gongkai.foi.models import FoiSettings, InfoRequest, Letter
from gongkai.law.identifiers import make_resident_id

TODAY = dt.date(2026, 3, 31)
PERSON = make_resident_id("99010219800101555")


def _requests(agency, count: int, received=dt.date(2026, 3, 2)) -> list[InfoRequest]:
    return [
        services.request_register(
            actor=None,
            agency=agency,
            applicant={"kind": "natural_person", "name": "张三", "id_type": "resident_id", "id_number": PERSON},
            channel="in_person",
            submitted_on=received,
            description=f"第{n}件",
        ).request
        for n in range(count)
    ]


def test_per_piece_counts_the_applicants_applications_in_the_month(jurisdiction, foi_settings):
    requests = _requests(jurisdiction["civil"], 12)
    # 第四条: the 1st–10th of a month are free, the 11th to 30th cost 100 yuan each
    assert [fees.nth_application_in_month(r) for r in requests] == list(range(1, 13))
    assert fees.fee_quote(requests[9], on=TODAY).amount_yuan == 0
    assert fees.fee_quote(requests[10], on=TODAY).amount_yuan == 100
    next_month = _requests(jurisdiction["civil"], 1, received=dt.date(2026, 4, 1))[0]
    assert fees.nth_application_in_month(next_month) == 1


def test_fee_notice_pauses_the_clock_and_issues_a_letter(jurisdiction, foi_settings):
    request = _requests(jurisdiction["civil"], 11)[10]
    event = fees.fee_notice_issue(actor=None, request=request, on=dt.date(2026, 3, 4), today=TODAY)
    assert event.type == "fee_notice" and event.data["amount_yuan"] == "100"
    request.refresh_from_db()
    assert request.paused == "fee"
    assert Letter.objects.get(request=request, kind="fee").body.count("100") >= 1


def test_a_free_application_gets_no_notice(jurisdiction, foi_settings):
    request = _requests(jurisdiction["civil"], 1)[0]
    event = fees.fee_notice_issue(actor=None, request=request, on=dt.date(2026, 3, 4), today=TODAY)
    assert event.type == "note" and event.data["fee_free"] is True
    request.refresh_from_db()
    assert request.paused == ""


def test_waiver_is_recorded_and_nothing_charged(jurisdiction, foi_settings):
    request = _requests(jurisdiction["civil"], 11)[10]
    event = fees.fee_notice_issue(
        actor=None, request=request, on=dt.date(2026, 3, 4), waive=True, reason="申请人为低保对象", today=TODAY
    )
    assert event.data["fee_waived"] is True and event.data["amount_yuan"] == "100"
    assert not request.events.filter(type="fee_notice").exists()


def test_per_page_by_the_agency_setting(jurisdiction):
    FoiSettings.objects.create(
        agency=jurisdiction["civil"],
        letter_prefix="江民公开",
        reconsideration_body="x",
        court="y",
        fee_method="per_page",
    )
    request = _requests(jurisdiction["civil"], 1)[0]
    # 第五条: 31–100 pages at 10 yuan, 101–200 at 20 yuan: 150 pages → 70×10 + 50×20 = 1700
    assert fees.fee_quote(request, on=TODAY, pages=150).amount_yuan == 1700
    with pytest.raises(ValidationError):
        fees.fee_quote(request, on=TODAY, pages=None)


def test_no_fee_notice_before_the_measures_took_effect(jurisdiction, foi_settings):
    # 国办函〔2020〕109号 is in force from 2021-01-01: an earlier notice has no standard to charge by.
    request = _requests(jurisdiction["civil"], 11, received=dt.date(2020, 12, 1))[10]
    with pytest.raises(ValidationError) as refused:
        fees.fee_notice_issue(actor=None, request=request, on=dt.date(2020, 12, 3), today=TODAY)
    assert refused.value.error_dict["on"][0].code == "law.not_in_force"
    assert "2021年1月1日" in refused.value.error_dict["on"][0].message
    assert not request.events.filter(type__in=("fee_notice", "note")).exists()
