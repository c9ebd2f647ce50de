"""条例 第三十一条第（二）项 in the web workflow: "以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构
应当于收到申请的当日与申请人确认，确认之日为收到申请之日。" An ordinary letter confirmed later than the day it
arrived is flagged on the request's page; a registered letter, or one confirmed the same day, is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.foi.models import InfoRequest
from gongkai.foi.services import compute_request_clock
from tests.foi.test_workflow import _form

pytestmark = pytest.mark.django_db

FLAG = "第三十一条要求收到申请的当日与申请人确认"


def _register(officer, agency, **dates):
    data = {k: v for k, v in _form().items() if k != "website"}
    data.update({"channel": "post", "submitted_on": "2026-09-21", "signed_on": "", "confirmed_on": ""})
    data.update(dates)
    response = officer.post(reverse("foi_staff:register", args=[agency.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return InfoRequest.objects.get()


@pytest.mark.parametrize(
    ("dates", "ordinary", "flagged"),
    [
        # an ordinary letter (no 签收) confirmed two days after it arrived: flagged (第三十一条第（二）项)
        ({"confirmed_on": "2026-09-23"}, True, True),
        # confirmed on the day it arrived: as the law wants
        ({"confirmed_on": "2026-09-21"}, True, False),
        # registered post signed for two days later: the signature fixes receipt (第三十一条第（二）项, first clause)
        ({"registered_mail": "on", "signed_on": "2026-09-23"}, False, False),
    ],
)
def test_an_ordinary_letter_confirmed_late_is_flagged(jurisdiction, foi_settings, client_for, dates, ordinary, flagged):
    agency = jurisdiction["civil"]
    officer = client_for(Role.CASE_OFFICER, agency)
    info_request = _register(officer, agency, **dates)
    assert info_request.ordinary_letter is ordinary
    clock = compute_request_clock(info_request, today=dt.date(2026, 9, 24))
    assert any(FLAG in w for w in clock.warnings) is flagged
    page = officer.get(reverse("foi_staff:detail", args=[info_request.pk])).content.decode()
    assert (FLAG in page) is flagged


def test_an_ordinary_letter_confirmed_later_through_the_action_is_flagged(jurisdiction, foi_settings, client_for):
    agency = jurisdiction["civil"]
    officer = client_for(Role.CASE_OFFICER, agency)
    info_request = _register(officer, agency)  # arrived 9/21, not yet confirmed
    assert info_request.received_on is None and info_request.ordinary_letter
    officer.post(
        reverse("foi_staff:act", args=[info_request.pk, "receipt_confirmed"]), {"receipt_confirmed-on": "2026-09-22"}
    )
    info_request.refresh_from_db()
    assert info_request.received_on == dt.date(2026, 9, 22)
    assert any(FLAG in w for w in compute_request_clock(info_request, today=dt.date(2026, 9, 24)).warnings)
