"""The reply clock (依申请公开答复期限), table-driven, every case citing its article and computed by hand on the
State Council calendars of 2026 (Spring Festival 2月15日–23日 off, 2月14日(六)·2月28日(六) working; 中秋 9月25日–27日,
国庆 10月1日–7日 off, 9月20日(日)·10月10日(六) working; 清明 4月4日–6日 off)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.law.calendar import WorkCalendar
from gongkai.law.clock import ClockError, compute_clock_from_json
from gongkai.law.dates import chinese_date

CAL = WorkCalendar()


def run(received: str, events: list[dict], today: str) -> dict:
    return compute_clock_from_json({"received": received, "today": today, "events": events}, calendar=CAL).as_dict()


def ev(type_: str, on: str, **data) -> dict:
    return {"type": type_, "on": on, **data}


CASES = [
    # (article, description, received, events, today, expected subset)
    (
        "条例第三十三条",
        "20 working days across Spring Festival, both make-up Saturdays counted: "
        "2/9–13 (5), 2/14 Sat (6), 2/24–27 (10), 2/28 Sat (11), 3/2–6 (16), 3/9–12 (20)",
        "2026-02-06",
        [],
        "2026-02-06",
        {"due": "2026-03-12", "state": "open", "overdue": False},
    ),
    (
        "条例第三十三条",
        "20 working days across 中秋 and 国庆: 9/28–30 (3), 10/8–9 (5), 10/10 Sat (6), … 10/29 (20)",
        "2026-09-24",
        [],
        "2026-10-29",
        {"due": "2026-10-29", "overdue": False},
    ),
    (
        "条例第三十三条",
        "overdue the day after the due date",
        "2026-09-24",
        [],
        "2026-10-30",
        {"due": "2026-10-29", "overdue": True, "state": "open"},
    ),
    (
        "条例第三十条",
        "correction notice due 7 working days after receipt, skipping 中秋 and 国庆: 10/8",
        "2026-09-21",
        [],
        "2026-09-21",
        {"correction_notice_due": "2026-10-08"},
    ),
    (
        "条例第三十条",
        "clock restarts from the corrected request (10/13): 20 working days → 11/10",
        "2026-09-21",
        [ev("correction_requested", "2026-09-23", period_workdays=10), ev("correction_received", "2026-10-13")],
        "2026-10-20",
        {"due": "2026-11-10", "state": "open", "correction_due": "2026-10-14", "warnings": []},
    ),
    (
        "条例第三十条",
        "waiting for the correction: no due date, paused",
        "2026-09-21",
        [ev("correction_requested", "2026-09-23", period_workdays=10)],
        "2026-10-14",
        {"due": None, "state": "open", "paused": "correction", "overdue": False},
    ),
    (
        "条例第三十条",
        "no correction by 10/14 → abandoned the next day",
        "2026-09-21",
        [ev("correction_requested", "2026-09-23", period_workdays=10)],
        "2026-10-15",
        {"state": "abandoned_no_correction", "closed_on": "2026-10-15", "overdue": False},
    ),
    (
        "条例第三十二条、第三十三条",
        "third party 2/10–2/25 pauses 6 working days (2/11–13, 2/14 Sat, 2/24–25) → 3/20",
        "2026-02-06",
        [ev("third_party_sent", "2026-02-10"), ev("third_party_replied", "2026-02-25")],
        "2026-03-01",
        {"due": "2026-03-20"},
    ),
    (
        "条例第三十二条",
        "silent third party: the pause ends 15 working days after sending (3/6) → due 4/2, overdue",
        "2026-02-06",
        [ev("third_party_sent", "2026-02-09")],
        "2026-04-15",
        {"due": "2026-04-02", "overdue": True, "state": "open", "paused": None},
    ),
    (
        "条例第三十三条第三款",
        "another agency 9/28–10/16 pauses 10 working days, no maximum → 11/12",
        "2026-09-24",
        [ev("other_agency_sent", "2026-09-28"), ev("other_agency_replied", "2026-10-16")],
        "2026-10-20",
        {"due": "2026-11-12"},
    ),
    (
        "条例第三十三条第三款",
        "another agency still silent: paused up to today",
        "2026-09-24",
        [ev("other_agency_sent", "2026-09-28")],
        "2026-10-16",
        {"due": "2026-11-12", "paused": "other_agency"},
    ),
    (
        "条例第三十三条第二款",
        "extension of 15 working days decided before the due date 10/29 → 11/19",
        "2026-09-24",
        [ev("extension", "2026-10-28", workdays=15)],
        "2026-10-28",
        {"due": "2026-11-19", "extension_workdays": 15},
    ),
    (
        "条例第三十三条第二款",
        "two extensions of 10 working days make the maximum of 20 → 11/26",
        "2026-09-24",
        [ev("extension", "2026-10-20", workdays=10), ev("extension", "2026-11-10", workdays=10)],
        "2026-11-10",
        {"due": "2026-11-26", "extension_workdays": 20},
    ),
    (
        "条例第三十五条",
        "a reasonable later time for an excessive request",
        "2026-09-24",
        [ev("reasonable_delay", "2026-10-20", until="2026-12-31")],
        "2026-11-30",
        {"due": "2026-12-31", "overdue": False},
    ),
    (
        "国办函〔2020〕109号",
        "fee notice 2/10 to payment 2/26 not counted (7 working days) → 3/23; payment due 3/16",
        "2026-02-06",
        [ev("fee_notice", "2026-02-10", amount_yuan=200), ev("fee_paid", "2026-02-26")],
        "2026-03-01",
        {"due": "2026-03-23", "fee_payment_due": "2026-03-16", "state": "open"},
    ),
    (
        "国办函〔2020〕109号",
        "unpaid on 3/16 → abandoned on 3/17",
        "2026-02-06",
        [ev("fee_notice", "2026-02-10", amount_yuan=200)],
        "2026-03-17",
        {"state": "abandoned_fee_unpaid", "closed_on": "2026-03-17"},
    ),
    (
        "国办函〔2020〕109号",
        "still within the payment period: paused for the fee",
        "2026-02-06",
        [ev("fee_notice", "2026-02-10", amount_yuan=200)],
        "2026-03-16",
        {"state": "open", "paused": "fee"},
    ),
    (
        "条例第三十三条",
        "answered on the due date is on time",
        "2026-09-24",
        [ev("reply", "2026-10-29")],
        "2026-11-20",
        {"state": "answered", "overdue": False, "closed_on": "2026-10-29"},
    ),
    (
        "条例第三十三条",
        "answered a day late stays overdue",
        "2026-09-24",
        [ev("reply", "2026-10-30")],
        "2026-11-20",
        {"state": "answered", "overdue": True},
    ),
    (
        "条例第三十三条",
        "withdrawn requests are closed, never overdue",
        "2026-09-24",
        [ev("withdrawn", "2026-10-02")],
        "2026-12-01",
        {"state": "withdrawn", "overdue": False, "closed_on": "2026-10-02"},
    ),
]


@pytest.mark.parametrize(
    ("article", "description", "received", "events", "today", "expected"),
    CASES,
    ids=[f"{c[0]}:{c[1][:40]}" for c in CASES],
)
def test_clock_table(article, description, received, events, today, expected):
    result = run(received, events, today)
    for key, value in expected.items():
        assert result[key] == value, f"{article} {description}: {key}"
    assert result["calendar_provisional"] is False


def test_late_correction_notice_is_flagged():  # 条例第三十条: within 7 working days (here by 10/8)
    result = run("2026-09-21", [ev("correction_requested", "2026-10-09", period_workdays=5)], "2026-10-09")
    assert any("7个工作日" in w for w in result["warnings"])


def test_the_explanation_lists_every_step_with_its_article():
    result = run(
        "2026-02-06", [ev("third_party_sent", "2026-02-10"), ev("third_party_replied", "2026-02-25")], "2026-03-01"
    )
    articles = [step["article"] for step in result["explain"]]
    assert articles[0].startswith("第三十一条") and "第三十二条、第三十三条第三款" in articles
    assert "暂停6个工作日" in result["explain"][3]["text"]
    assert result["pauses"] == [
        {"kind": "third_party", "from": "2026-02-10", "to": "2026-02-25", "workdays": 6, "open": False}
    ]


def test_a_due_date_in_a_year_without_official_data_is_provisional():
    last = CAL.last_official_year
    result = run(f"{last}-12-10", [], f"{last}-12-10")
    assert result["calendar_provisional"] is True


INVALID = [
    (
        "条例第三十条",
        [
            ev("correction_requested", "2026-09-25", period_workdays=5),
            ev("correction_received", "2026-09-28"),
            ev("correction_requested", "2026-09-29", period_workdays=5),
        ],
        "补正通知只能发出一次",
    ),
    (
        "条例第三十三条",
        [ev("extension", "2026-10-20", workdays=15), ev("extension", "2026-10-21", workdays=6)],
        "累计不得超过20个工作日",
    ),
    ("条例第三十三条", [ev("extension", "2026-10-30", workdays=5)], "届满前"),
    ("条例第三十五条", [ev("reasonable_delay", "2026-10-20", until="2026-10-25")], "应晚于当前答复期限"),
    ("条例第三十一条", [ev("reply", "2026-09-20")], "早于收到申请"),
    ("—", [ev("approved", "2026-09-25")], "未知的事件类型"),
    ("条例第三十条", [ev("correction_received", "2026-09-25")], "没有发出补正通知"),
    ("条例第三十二条", [ev("third_party_replied", "2026-09-25")], "没有进行中的征求第三方意见"),
    ("109号", [ev("fee_paid", "2026-09-25")], "没有进行中的等待缴费"),
    ("—", [ev("reply", "2026-09-28"), ev("extension", "2026-09-29", workdays=5)], "已经办结"),
    ("—", [ev("reply", "2026-12-20")], "尚未发生的事项不能登记"),
    ("—", [ev("reply", "2026-13-01")], "不是有效日期"),
    ("条例第三十条", [ev("correction_requested", "2026-09-25")], "period_workdays"),
    ("条例第三十三条", [ev("extension", "2026-09-25", workdays=0)], "正整数"),
]


@pytest.mark.parametrize(("article", "events", "message"), INVALID, ids=[m for _, _, m in INVALID])
def test_impossible_cases_are_refused_naming_the_event(article, events, message):
    with pytest.raises(ClockError, match=message) as caught:
        run("2026-09-24", events, "2026-11-30")
    assert "事件" in caught.value.message


def test_events_are_applied_in_date_order_whatever_the_input_order():
    ordered = run(
        "2026-02-06", [ev("third_party_sent", "2026-02-10"), ev("third_party_replied", "2026-02-25")], "2026-03-01"
    )
    shuffled = run(
        "2026-02-06", [ev("third_party_replied", "2026-02-25"), ev("third_party_sent", "2026-02-10")], "2026-03-01"
    )
    assert ordered["due"] == shuffled["due"] == "2026-03-20"


def test_today_defaults_to_the_real_date():
    # Neither the input nor the caller gives a date: the clock runs as of the real date (``date.today()``, which
    # under Django is the TIME_ZONE date). Received 60 days ago, the 20 working days of 条例第三十三条 have run out.
    before = date.today()
    received = before - timedelta(days=60)
    result = compute_clock_from_json({"received": received.isoformat(), "events": []}, calendar=CAL).as_dict()
    after = date.today()
    as_of = result["explain"][-1]["on"]
    assert as_of in {before.isoformat(), after.isoformat()}  # either side of midnight
    assert result["explain"][-1]["text"].startswith(f"截至{chinese_date(date.fromisoformat(as_of))}")
    assert result["state"] == "open"
    assert result["overdue"] is True
    explicit = compute_clock_from_json(
        {"received": received.isoformat(), "events": []}, calendar=CAL, today=date.fromisoformat(as_of)
    ).as_dict()
    assert result == explicit
