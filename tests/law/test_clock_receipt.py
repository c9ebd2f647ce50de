"""The clock counts from receipt where the law does (issue 13), table-driven, every row citing its article:

- 条例 第三十条: the correction period runs from the applicant's receipt of the 补正 notice;
- 条例 第三十二条: the third party's 15 working days run from its receipt of the letter;
- 条例 第三十四条: an agency consulted on jointly produced information answers within 15 working days of receipt,
  silence is consent — the pause ends there and the request goes on;
- 国办函〔2020〕109号: the 20 working days to pay run from the day after the applicant receives the fee notice;
- without ``delivered_on`` each period counts from ``on``, and the explanation says so;
- 条例 第三十三条第三款 / 109号 “在处理期限内”: a consultation or fee notice sent on the last day is timely;
- 条例 第三十一条第（二）项: an ordinary letter is confirmed with the applicant the day it arrives.

Dates counted by hand on the 2026 State Council calendar: November has no holiday (2026-11-02 is a Monday, its
reply period ends on Monday 11-30); 中秋 9月25日–27日 off, 9月20日(日) worked; 国庆 10月1日–7日 off, 10月10日(六) worked.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.calendar import WorkCalendar
from gongkai.law.clock import ClockError, compute_clock_from_json
from gongkai.law.dates import chinese_date

CAL = WorkCalendar()
RECEIVED = "2026-11-02"  # Monday; due 11-30 (20 working days), 补正 notice due 11-11 (7 working days)


def run(events: list[dict], today: str, received: str = RECEIVED, **case) -> dict:
    payload = {"received": received, "today": today, "events": events, **case}
    return compute_clock_from_json(payload, calendar=CAL).as_dict()


def ev(type_: str, on: str, **data) -> dict:
    return {"type": type_, "on": on, **data}


def texts(result: dict) -> str:
    return "\n".join(step["text"] for step in result["explain"])


# --- 4. periods from receipt ------------------------------------------------------------------------------------

# (article, description, received, events, today, expected subset, a note the explanation must contain)
FROM_RECEIPT = [
    (
        "条例第三十条",
        "补正 without delivered_on: 10 working days from the day sent, 11-04 → 11-18",
        RECEIVED,
        [ev("correction_requested", "2026-11-04", period_workdays=10)],
        "2026-11-05",
        {"correction_due": "2026-11-18", "paused": "correction"},
        "未记录申请人收到日期，暂自发出之日2026年11月4日起算",
    ),
    (
        "条例第三十条",
        "补正 received Friday 11-06: 11-09 … 11-20",
        RECEIVED,
        [ev("correction_requested", "2026-11-04", period_workdays=10, delivered_on="2026-11-06")],
        "2026-11-06",
        {"correction_due": "2026-11-20"},
        "自申请人2026年11月6日收到之日起算",
    ),
    (
        "条例第三十条",
        "补正 received on a weekend (Saturday 11-07): counting starts Monday, the same 11-20",
        RECEIVED,
        [ev("correction_requested", "2026-11-04", period_workdays=10, delivered_on="2026-11-07")],
        "2026-11-09",
        {"correction_due": "2026-11-20"},
        "自申请人2026年11月7日收到之日起算",
    ),
    (
        "条例第三十条",
        "补正 received Saturday 9-19 (rest): 9-20 (Sunday, worked) 9-21 … 9-24 → 5 working days end 9-24",
        "2026-09-14",
        [ev("correction_requested", "2026-09-18", period_workdays=5, delivered_on="2026-09-19")],
        "2026-09-21",
        {"correction_due": "2026-09-24"},
        "收到之日起算",
    ),
    (
        "条例第三十条",
        "补正 received on the 调休 working Sunday 9-20: that day is not counted, 9-21 … 9-24, 中秋 off, 9-28",
        "2026-09-14",
        [ev("correction_requested", "2026-09-18", period_workdays=5, delivered_on="2026-09-20")],
        "2026-09-21",
        {"correction_due": "2026-09-28"},
        "自申请人2026年9月20日收到之日起算",
    ),
    (
        "国办函〔2020〕109号",
        "fee notice without delivered_on: 20 working days from the day after sending, 11-04 → 12-02",
        RECEIVED,
        [ev("fee_notice", "2026-11-04", amount_yuan="100")],
        "2026-11-05",
        {"fee_payment_due": "2026-12-02", "paused": "fee"},
        "未记录申请人收到日期，暂自发出之日2026年11月4日起算",
    ),
    (
        "国办函〔2020〕109号",
        "fee notice received 11-06: 11-09 … 12-04",
        RECEIVED,
        [ev("fee_notice", "2026-11-04", amount_yuan="100", delivered_on="2026-11-06")],
        "2026-11-06",
        {"fee_payment_due": "2026-12-04"},
        "自申请人2026年11月6日收到之日起算",
    ),
    (
        "国办函〔2020〕109号",
        "fee notice received 11-09: unpaid on 12-03 and not lapsed, the period ends 12-07 (counted from sending "
        "it would have ended 12-02)",
        RECEIVED,
        [ev("fee_notice", "2026-11-04", amount_yuan="100", delivered_on="2026-11-09")],
        "2026-12-03",
        {"fee_payment_due": "2026-12-07", "state": "open", "paused": "fee"},
        "自申请人2026年11月9日收到之日起算",
    ),
    (
        "条例第三十二条",
        "third party without delivered_on: 15 working days from sending (11-04 → 11-25); the reply period "
        "resumes 11-26 → due 12-21",
        RECEIVED,
        [ev("third_party_sent", "2026-11-04")],
        "2026-12-10",
        {
            "due": "2026-12-21",
            "paused": None,
            "pauses": [{"kind": "third_party", "from": "2026-11-04", "to": "2026-11-25"}],
        },
        "未记录第三方收到日期，暂自发出之日2026年11月4日起算",
    ),
    (
        "条例第三十二条",
        "third party received 11-09: its 15 working days end 11-30, the reply period resumes 12-01 → due 12-24",
        RECEIVED,
        [ev("third_party_sent", "2026-11-04", delivered_on="2026-11-09")],
        "2026-12-10",
        {
            "due": "2026-12-24",
            "paused": None,
            "pauses": [{"kind": "third_party", "from": "2026-11-04", "to": "2026-11-30"}],
        },
        "第三方应在2026年11月30日前答复（自第三方2026年11月9日收到之日起算）",
    ),
    (
        "条例第三十四条",
        "jointly produced, received 11-09, silent: consent on 11-30, the pause ends there, due 12-24",
        RECEIVED,
        [ev("other_agency_sent", "2026-11-04", joint_production=True, delivered_on="2026-11-09")],
        "2026-12-10",
        {
            "due": "2026-12-24",
            "paused": None,
            "pauses": [{"kind": "other_agency", "from": "2026-11-04", "to": "2026-11-30"}],
        },
        "被征求意见机关至2026年11月30日未提出意见，视为同意公开",
    ),
    (
        "条例第三十四条",
        "jointly produced without delivered_on: 15 working days from sending, 11-25; due 12-21",
        RECEIVED,
        [ev("other_agency_sent", "2026-11-04", joint_production=True)],
        "2026-12-10",
        {"due": "2026-12-21", "paused": None},
        "未记录被征求意见机关收到日期，暂自发出之日2026年11月4日起算",
    ),
    (
        "条例第三十四条",
        "jointly produced, still within its 15 working days (11-20): paused, the due date follows today",
        RECEIVED,
        [ev("other_agency_sent", "2026-11-04", joint_production=True, delivered_on="2026-11-09")],
        "2026-11-20",
        {"paused": "other_agency", "overdue": False},
        "逾期未提出视为同意公开",
    ),
    (
        "条例第三十四条",
        "jointly produced, answered 11-20 within its period: the pause ends on the answer, 11-23 … → due 12-16",
        RECEIVED,
        [
            ev("other_agency_sent", "2026-11-04", joint_production=True, delivered_on="2026-11-09"),
            ev("other_agency_replied", "2026-11-20"),
        ],
        "2026-12-01",
        {"due": "2026-12-16", "paused": None, "warnings": []},
        "其他机关答复",
    ),
    (
        "条例第三十三条第三款",
        "another agency, not jointly produced: no period of its own; the pause runs until it answers "
        "(delivered_on changes nothing)",
        RECEIVED,
        [ev("other_agency_sent", "2026-11-04", delivered_on="2026-11-09")],
        "2026-12-10",
        {"paused": "other_agency", "pauses": [{"kind": "other_agency", "from": "2026-11-04", "to": "2026-12-10"}]},
        "至其答复之日的期间不计入答复期限",
    ),
]


@pytest.mark.parametrize(
    ("article", "description", "received", "events", "today", "expected", "note"),
    FROM_RECEIPT,
    ids=[f"{row[0]}: {row[1]}" for row in FROM_RECEIPT],
)
def test_periods_run_from_receipt(article, description, received, events, today, expected, note):
    result = run(events, today, received)
    for key, value in expected.items():
        if key == "pauses":
            assert [{k: p[k] for k in value[0]} for p in result["pauses"]] == value, description
        else:
            assert result[key] == value, f"{article} {description}: {key}"
    assert note in texts(result), description


def test_a_joint_production_answer_after_its_period_is_flagged_article_34():
    result = run(
        [
            ev("other_agency_sent", "2026-11-04", joint_production=True, delivered_on="2026-11-09"),
            ev("other_agency_replied", "2026-12-03"),
        ],
        "2026-12-04",
    )
    assert result["pauses"][0]["to"] == "2026-11-30"  # the pause ended at the 15th working day, not the late answer
    assert result["due"] == "2026-12-24"
    assert any("第三十四条" in warning for warning in result["warnings"])


DELIVERY_REFUSALS = [
    # (event, today, code)
    (
        ev("correction_requested", "2026-11-04", period_workdays=10, delivered_on="2026-11-03"),
        "2026-11-05",
        "clock.delivered_before_sent",
    ),
    (ev("fee_notice", "2026-11-04", delivered_on="2026-11-03"), "2026-11-05", "clock.delivered_before_sent"),
    (ev("third_party_sent", "2026-11-04", delivered_on="2026-11-01"), "2026-11-05", "clock.delivered_before_sent"),
    (ev("other_agency_sent", "2026-11-04", delivered_on="2026-11-03"), "2026-11-05", "clock.delivered_before_sent"),
    (ev("third_party_sent", "2026-11-04", delivered_on="2026-11-06"), "2026-11-05", "clock.delivered_after_today"),
    (ev("third_party_sent", "2026-11-04", delivered_on="11/06/2026"), "2026-11-05", "clock.input"),
    (ev("other_agency_sent", "2026-11-04", joint_production="yes"), "2026-11-05", "clock.input"),
]


@pytest.mark.parametrize(("event", "today", "code"), DELIVERY_REFUSALS)
def test_impossible_delivery_dates_are_refused_with_a_code(event, today, code):
    with pytest.raises(ClockError) as exc:
        run([event], today)
    assert exc.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)


def test_delivered_on_the_day_sent_is_the_same_as_absent_but_says_so():
    sent = run([ev("third_party_sent", "2026-11-04")], "2026-12-10")
    same_day = run([ev("third_party_sent", "2026-11-04", delivered_on="2026-11-04")], "2026-12-10")
    assert (sent["due"], sent["pauses"]) == (same_day["due"], same_day["pauses"])
    assert "未记录第三方收到日期" in texts(sent) and "未记录第三方收到日期" not in texts(same_day)


# --- 5. a pause that starts on the last day ---------------------------------------------------------------------

# (article, description, events, today, due, overdue, paused)
LAST_DAY = [
    (
        "条例第三十三条第三款",
        "third party asked on the due date 11-30, answered 12-04: the time it needed is not counted → 12-07",
        [ev("third_party_sent", "2026-11-30"), ev("third_party_replied", "2026-12-04")],
        "2026-12-07",
        "2026-12-07",
        False,
        None,
    ),
    (
        "条例第三十三条第三款",
        "… the day before (11-27): the same 12-07 — no cliff between the two days",
        [ev("third_party_sent", "2026-11-27"), ev("third_party_replied", "2026-12-04")],
        "2026-12-07",
        "2026-12-07",
        False,
        None,
    ),
    (
        "条例第三十三条第三款",
        "third party asked on the due date and still running on 12-03: paused, not overdue, due after today",
        [ev("third_party_sent", "2026-11-30")],
        "2026-12-03",
        "2026-12-04",
        False,
        "third_party",
    ),
    (
        "条例第三十三条第三款",
        "asked the day after the due date (12-01): does not rescue the overdue request",
        [ev("third_party_sent", "2026-12-01")],
        "2026-12-03",
        "2026-11-30",
        True,
        "third_party",
    ),
    (
        "国办函〔2020〕109号",
        "fee notice on the due date 11-30, paid 12-02: due 12-03",
        [ev("fee_notice", "2026-11-30", amount_yuan="100"), ev("fee_paid", "2026-12-02")],
        "2026-12-03",
        "2026-12-03",
        False,
        None,
    ),
    (
        "国办函〔2020〕109号",
        "fee notice the day after the due date: still overdue",
        [ev("fee_notice", "2026-12-01", amount_yuan="100"), ev("fee_paid", "2026-12-02")],
        "2026-12-03",
        "2026-11-30",
        True,
        None,
    ),
    (
        "条例第三十三条第三款",
        "another agency asked and answered on the due date itself: no time needed, due stays 11-30",
        [ev("other_agency_sent", "2026-11-30"), ev("other_agency_replied", "2026-11-30")],
        "2026-11-30",
        "2026-11-30",
        False,
        None,
    ),
    (
        "条例第三十四条",
        "joint production asked on the due date, silent: its 15 working days (12-01 … 12-21) are not counted; "
        "the request goes on and is due the next working day, 12-22",
        [ev("other_agency_sent", "2026-11-30", joint_production=True, delivered_on="2026-11-30")],
        "2026-12-22",
        "2026-12-22",
        False,
        None,
    ),
]


@pytest.mark.parametrize(
    ("article", "description", "events", "today", "due", "overdue", "paused"),
    LAST_DAY,
    ids=[f"{row[0]}: {row[1]}" for row in LAST_DAY],
)
def test_a_pause_on_the_last_day_suspends_the_period(article, description, events, today, due, overdue, paused):
    result = run(events, today)
    assert (result["due"], result["overdue"], result["paused"]) == (due, overdue, paused), description


def test_the_summary_is_never_paused_and_overdue_for_a_timely_consultation():
    # Before issue 13 a consultation started on the due date showed “paused” and “overdue” at once.
    for today in ("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-10"):
        result = run([ev("third_party_sent", "2026-11-30")], today)
        assert result["paused"] == "third_party" and result["overdue"] is False, today


# --- 条例 第三十条: the 7-working-day rule for 补正 notices --------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "flagged"),
    [("2026-11-10", False), ("2026-11-11", False), ("2026-11-12", True)],  # day 6, day 7, day 8
)
def test_correction_notice_on_day_7_is_timely_and_day_8_is_flagged_article_30(on, flagged):
    result = run([ev("correction_requested", on, period_workdays=10)], on)
    assert result["correction_notice_due"] == "2026-11-11"
    assert any("晚于收到申请后7个工作日" in w for w in result["warnings"]) is flagged


# --- 6. ordinary letters: confirmed the day they arrive (条例 第三十一条第（二）项) ----------------------------------

# (arrived, confirmed = received, warned)
LETTERS = [
    ("2026-11-02", "2026-11-02", False),  # confirmed the day it arrived
    ("2026-10-30", "2026-11-02", True),  # arrived Friday, confirmed Monday: flagged
    ("2026-10-29", "2026-11-02", True),
]


@pytest.mark.parametrize(("arrived", "confirmed", "warned"), LETTERS)
def test_an_ordinary_letter_confirmed_later_than_it_arrived_is_flagged_article_31(arrived, confirmed, warned):
    result = run([], confirmed, received=confirmed, letter_arrived_on=arrived)
    late = [w for w in result["warnings"] if "第三十一条" in w]
    assert bool(late) is warned
    if warned:
        assert (
            chinese_date(date.fromisoformat(arrived)) in late[0]
            and chinese_date(date.fromisoformat(confirmed)) in late[0]
        )
    assert result["due"] == "2026-11-30"  # the confirmation still fixes the date of receipt


def test_a_confirmation_before_the_letter_arrived_is_refused_article_31():
    with pytest.raises(ClockError) as exc:
        run([], RECEIVED, letter_arrived_on="2026-11-03")
    assert exc.value.code == "clock.confirmed_before_arrival"
