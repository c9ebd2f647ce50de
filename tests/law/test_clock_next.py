"""gongkai.law.clock decides what may happen next and who must approve it; its refusals carry stable codes."""

from __future__ import annotations

import pytest

from gongkai.law.calendar import WorkCalendar
from gongkai.law.clock import (
    CLOSED_STATES,
    ClockError,
    compute_clock_from_json,
    needs_approval,
    next_events_before_receipt,
)

CAL = WorkCalendar()
OPENERS_AND_REPLY = ["third_party_sent", "other_agency_sent", "fee_notice", "extension", "reasonable_delay"]


def next_after(events: list[dict], today: str = "2026-10-21") -> list[str]:
    case = {"received": "2026-09-24", "today": today, "events": events}
    return compute_clock_from_json(case, calendar=CAL).as_dict()["next_events"]


def ev(type_: str, on: str, **data) -> dict:
    return {"type": type_, "on": on, **data}


NEXT = [
    # (article, events so far, the events the law allows next, in the order the workspace offers them)
    ("条例第三十条、第三十三条", [], ["correction_requested", *OPENERS_AND_REPLY, "withdrawn", "reply"]),
    (
        "条例第三十条: waiting for the correction, only its receipt (no consultation, extension or delay meanwhile)",
        [ev("correction_requested", "2026-09-25", period_workdays=30)],
        ["correction_received", "withdrawn", "reply"],
    ),
    (
        "条例第三十条: a correction notice goes out once",
        [ev("correction_requested", "2026-09-25", period_workdays=10), ev("correction_received", "2026-09-28")],
        [*OPENERS_AND_REPLY, "withdrawn", "reply"],
    ),
    (
        "条例第三十二条: while a third party is consulted, its reply closes the wait; others may open",
        [ev("third_party_sent", "2026-09-25")],
        [
            "correction_requested",
            "third_party_replied",
            "other_agency_sent",
            "fee_notice",
            "extension",
            "reasonable_delay",
            "withdrawn",
            "reply",
        ],
    ),
    (
        "109号: while the fee is unpaid, payment closes the wait",
        [ev("fee_notice", "2026-10-12", amount_yuan=100)],
        [
            "correction_requested",
            "third_party_sent",
            "other_agency_sent",
            "fee_paid",
            "extension",
            "reasonable_delay",
            "withdrawn",
            "reply",
        ],
    ),
    (
        "条例第三十三条第二款: no further extension once 20 working days are used",
        [ev("extension", "2026-10-20", workdays=20)],
        [
            "correction_requested",
            "third_party_sent",
            "other_agency_sent",
            "fee_notice",
            "reasonable_delay",
            "withdrawn",
            "reply",
        ],
    ),
    (
        "条例第三十三条第二款: 19 working days used, one more may be added",
        [ev("extension", "2026-10-20", workdays=19)],
        ["correction_requested", *OPENERS_AND_REPLY, "withdrawn", "reply"],
    ),
    ("条例第三十六条: nothing after the reply", [ev("reply", "2026-10-09")], []),
    ("withdrawal ends the request", [ev("withdrawn", "2026-10-09")], []),
]


@pytest.mark.parametrize(("article", "events", "expected"), NEXT, ids=[a for a, _, _ in NEXT])
def test_the_events_the_law_allows_next(article, events, expected):
    assert next_after(events) == expected


def test_a_lapsed_correction_period_closes_the_request_and_allows_nothing():
    # 条例第三十条: 逾期不补正 → 视为放弃申请
    events = [ev("correction_requested", "2026-09-25", period_workdays=5)]
    assert next_after(events, today="2026-11-30") == []


def test_before_receipt_only_the_confirmation_of_receipt():
    # 条例第三十一条: the clock starts on the day of receipt
    assert next_events_before_receipt() == ("receipt_confirmed",)


@pytest.mark.parametrize(
    ("event", "approval"),
    [("extension", True), ("reasonable_delay", True), ("reply", False), ("correction_requested", False)],
)
def test_extensions_and_delays_need_the_person_in_charge(event, approval):
    # 条例第三十三条第二款 (政府信息公开工作机构负责人同意), 第三十五条
    assert needs_approval(event) is approval


def test_closed_states_are_the_states_that_end_a_request():
    assert set(CLOSED_STATES) == {"answered", "abandoned_no_correction", "abandoned_fee_unpaid", "withdrawn"}


CODES = [
    ([ev("extension", "2026-10-20", workdays=15), ev("extension", "2026-10-21", workdays=6)], "clock.extension_limit"),
    ([ev("extension", "2026-10-30", workdays=5)], "clock.extension_late"),
    ([ev("correction_received", "2026-09-25")], "clock.correction_not_requested"),
    ([ev("fee_paid", "2026-09-25")], "clock.no_pause"),
    ([ev("reply", "2026-09-28"), ev("extension", "2026-09-29", workdays=5)], "clock.closed"),
    ([ev("reply", "2026-09-20")], "clock.before_receipt"),
    ([ev("nonsense", "2026-09-25")], "clock.input"),
]


@pytest.mark.parametrize(("events", "code"), CODES, ids=[c for _, c in CODES])
def test_refusals_carry_a_stable_code_and_the_bare_reason(events, code):
    with pytest.raises(ClockError) as caught:
        next_after(events, today="2026-11-30")
    assert caught.value.code == code
    assert caught.value.reason and "事件（" not in caught.value.reason  # the reason alone, for a form
    if code != "clock.input":
        assert caught.value.message.endswith(caught.value.reason) and "事件（" in caught.value.message


def test_a_fee_notice_recorded_before_the_fee_measures_is_kept_as_history():
    # 国办函〔2020〕109号 is in force from 2021-01-01: an older notice (an old register) still pauses the clock until
    # payment, with no payment period to lapse; new notices are refused where the fee is computed (foi.fees).
    case = {"received": "2020-11-02", "today": "2021-06-30", "events": [ev("fee_notice", "2020-11-04")]}
    result = compute_clock_from_json(case, calendar=CAL).as_dict()
    assert result["state"] == "open" and result["paused"] == "fee" and result["fee_payment_due"] is None
    assert any("2021年1月1日" in warning for warning in result["warnings"])
    assert result["next_events"][:4] == ["correction_requested", "third_party_sent", "other_agency_sent", "fee_paid"]


# The reply period follows the 条例 in force on the day of receipt: 15 + 15 working days under the 2007 条例
# (第二十四条第二款), 20 + 20 from 2019-05-15 (第三十三条第二款).
@pytest.mark.parametrize(
    ("received", "due", "article"),
    [
        ("2018-06-01", "2018-06-25", "第二十四条"),  # 15 working days (端午节 6-18 is a holiday)
        ("2019-05-14", "2019-06-04", "第二十四条"),  # the last day of the old 条例
        ("2019-05-15", "2019-06-13", "第三十三条"),  # the first day of the revision: 20 working days (端午 6-7)
    ],
)
def test_the_reply_period_of_the_regulation_in_force_on_receipt(received, due, article):
    result = compute_clock_from_json({"received": received, "today": received, "events": []}, calendar=CAL)
    assert result.due.isoformat() == due
    assert article in result.explain[0].article


def test_the_extension_limit_under_the_2007_regulation_is_15_working_days():
    events = [ev("extension", "2018-06-05", workdays=15)]
    case = {"received": "2018-06-01", "today": "2018-06-10", "events": events}
    assert compute_clock_from_json(case, calendar=CAL).extension_workdays == 15
    case["events"] = [ev("extension", "2018-06-05", workdays=16)]
    with pytest.raises(ClockError) as caught:
        compute_clock_from_json(case, calendar=CAL)
    assert caught.value.code == "clock.extension_limit" and "15个工作日（第二十四条）" in caught.value.reason


def test_no_clock_before_the_regulation_took_effect():
    with pytest.raises(ClockError) as caught:
        compute_clock_from_json({"received": "2008-04-30", "today": "2008-05-30", "events": []}, calendar=CAL)
    assert caught.value.code == "clock.no_regulation"
