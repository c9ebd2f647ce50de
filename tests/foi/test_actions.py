"""The officer is offered only the events the law allows next; the fee form computes the amount itself."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.foi import selectors, services
from gongkai.foi.models import InfoRequest


def _request(agency, received=None) -> InfoRequest:
    return services.request_register(
        actor=None,
        agency=agency,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=received or timezone.localdate(),
        description="低保名单",
    ).request


def _actions(request: InfoRequest) -> list[str]:
    request = InfoRequest.objects.get(pk=request.pk)
    return selectors.available_actions(request, services.compute_request_clock(request))


def test_actions_follow_the_clock(jurisdiction):
    today = timezone.localdate()
    request = _request(jurisdiction["civil"])
    assert _actions(request) == [
        "correction_requested",
        "third_party_sent",
        "other_agency_sent",
        "fee_notice",
        "extension",
        "reasonable_delay",
        "withdrawn",
        "reply",
    ]
    services.event_add(actor=None, request=request, type="correction_requested", on=today, period_workdays=10)
    # 条例 第三十条: while waiting for the correction only its receipt, a withdrawal or a reply make sense
    assert _actions(request) == ["correction_received", "withdrawn", "reply"]
    services.event_add(actor=None, request=request, type="correction_received", on=today)
    services.event_add(actor=None, request=request, type="third_party_sent", on=today)
    assert "third_party_replied" in _actions(request) and "third_party_sent" not in _actions(request)
    assert "correction_requested" not in _actions(request)  # only once


def test_awaiting_receipt_offers_only_the_confirmation(jurisdiction):
    request = services.request_register(
        actor=None,
        agency=jurisdiction["civil"],
        applicant={"kind": "natural_person", "name": "李四"},
        channel="post",
        submitted_on=dt.date(2026, 9, 21),
        description="x",
    ).request
    assert _actions(request) == ["receipt_confirmed"]


def test_detail_page_hides_approver_actions_from_officers(jurisdiction, client_for):
    request = _request(jurisdiction["civil"])
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    html = officer.get(reverse("foi_staff:detail", args=[request.pk])).content.decode()
    assert "act/correction_requested/" in html and "act/extension/" not in html
    approver = client_for(Role.APPROVER, jurisdiction["civil"])
    assert "act/extension/" in approver.get(reverse("foi_staff:detail", args=[request.pk])).content.decode()


def test_fee_form_computes_the_amount_by_the_agencys_method(jurisdiction, foi_settings, client_for):
    officer = client_for(Role.CASE_OFFICER, jurisdiction["civil"])
    requests = [_request(jurisdiction["civil"]) for _ in range(11)]  # same applicant name, same month
    on = timezone.localdate().isoformat()
    officer.post(reverse("foi_staff:act", args=[requests[0].pk, "fee_notice"]), {"fee_notice-on": on})
    assert requests[0].events.get(type="note").data["fee_free"] is True  # 1st of the month: free (109号 第四条)
    officer.post(reverse("foi_staff:act", args=[requests[10].pk, "fee_notice"]), {"fee_notice-on": on})
    assert requests[10].events.get(type="fee_notice").data["amount_yuan"] == "100"  # 11th: 100 yuan
    detail = officer.get(reverse("foi_staff:detail", args=[requests[10].pk])).content.decode()
    assert "金额（元）：100" in detail and "act/fee_paid/" in detail
