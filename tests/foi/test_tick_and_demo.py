"""Deadlines that lapse close requests (`gongkai tick`); the demo data covers every outcome."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from gongkai.foi import demo, services
from gongkai.foi.models import InfoRequest
from gongkai.law.outcomes import RESULT_ROWS


def _request(agency, received: dt.date) -> InfoRequest:
    return services.request_register(
        actor=None,
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=received,
        description="低保名单",
    ).request


def test_tick_closes_a_request_whose_correction_period_lapsed(jurisdiction):
    # 条例 第三十条: correction asked 9/23 with 10 working days → until 10/14; no correction → closed on 10/15
    request = _request(jurisdiction["civil"], dt.date(2026, 9, 21))
    services.event_add(
        actor=None,
        request=request,
        type="correction_requested",
        on=dt.date(2026, 9, 23),
        period_workdays=10,
        today=dt.date(2026, 9, 23),
    )
    request.refresh_from_db()
    assert request.state == "open" and request.due_on is None and request.paused == "correction"
    services.refresh_clock(request=request, today=dt.date(2026, 10, 14))
    request.refresh_from_db()
    assert request.state == "open"
    out = io.StringIO()
    call_command("tick", stdout=out, stderr=io.StringIO())  # today is after 10/15
    request.refresh_from_db()
    assert request.state == "abandoned_no_correction" and request.outcome == "other_no_correction"
    assert request.closed_on == dt.date(2026, 10, 15)
    assert "1 件状态改变" in out.getvalue()


def test_demo_requests_cover_every_result_row_and_some_are_overdue(jurisdiction, make_user):
    make_user(superuser=True)
    count = demo.load_requests(jurisdiction, today=dt.date(2026, 11, 23), per_agency=60)
    assert count == 90
    outcomes = set(InfoRequest.objects.filter(agency=jurisdiction["civil"]).values_list("outcome", flat=True))
    assert set(RESULT_ROWS) <= outcomes
    assert InfoRequest.objects.filter(state="open", due_on__lt=dt.date(2026, 11, 23)).exists()
    carried = InfoRequest.objects.filter(received_on__year=2025, closed_on__year=2026)
    assert carried.exists()
