"""`gongkai clock [FILE|-]`: the public machine interface (JSON in, JSON out, exit 2 on an impossible case)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CASE = {
    "received": "2026-09-25",
    "today": "2026-11-02",
    "events": [
        {"type": "correction_requested", "on": "2026-09-28", "period_workdays": 10},
        {"type": "correction_received", "on": "2026-10-09"},
        {"type": "third_party_sent", "on": "2026-10-12"},
        {"type": "third_party_replied", "on": "2026-10-20"},
    ],
}


def _clock(stdin: str, *args: str, data_dir) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_", "DATABASE_URL"))}
    env["GONGKAI_DATA_DIR"] = str(data_dir)  # an empty data dir: no database yet, the library calendar is used
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "clock", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_the_issue_example(tmp_path):
    result = _clock(json.dumps(CASE), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    # 条例 第三十条: restart on 10/9 → 11/5 (10/10 is a make-up Saturday); 第三十三条第三款: third party 10/12–10/20
    # pauses 6 working days → 11/13.
    assert out["due"] == "2026-11-13" and out["state"] == "open" and out["overdue"] is False
    assert out["correction_notice_due"] == "2026-10-12"  # 7 working days after 9/25 (中秋), over 国庆
    assert out["warnings"] == [] and out["calendar_provisional"] is False
    assert [step["article"] for step in out["explain"]][:2] == ["第三十一条、第三十三条", "第三十条"]
    assert set(out) >= {
        "due",
        "state",
        "overdue",
        "correction_notice_due",
        "warnings",
        "calendar_provisional",
        "explain",
    }


def test_reads_a_file_argument(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"received": "2026-02-06", "today": "2026-02-06", "events": []}), encoding="utf-8")
    result = _clock("", str(path), data_dir=tmp_path)
    assert json.loads(result.stdout)["due"] == "2026-03-12"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            {
                **CASE,
                "events": [*CASE["events"], {"type": "correction_requested", "on": "2026-10-21", "period_workdays": 5}],
            },
            "补正通知只能发出一次",
        ),
        (
            {
                "received": "2026-09-24",
                "today": "2026-11-30",
                "events": [{"type": "extension", "on": "2026-10-01", "workdays": 21}],
            },
            "20个工作日",
        ),
        (
            {
                "received": "2026-09-24",
                "today": "2026-11-30",
                "events": [{"type": "extension", "on": "2026-10-30", "workdays": 5}],
            },
            "届满前",
        ),
        (
            {"received": "2026-09-24", "today": "2026-11-30", "events": [{"type": "reply", "on": "2026-09-01"}]},
            "早于收到申请",
        ),
        (
            {"received": "2026-09-24", "today": "2026-11-30", "events": [{"type": "teleport", "on": "2026-10-01"}]},
            "未知的事件类型",
        ),
        ({"today": "2026-11-30", "events": []}, "received"),
    ],
)
def test_impossible_cases_exit_2_naming_the_event(tmp_path, case, message):
    result = _clock(json.dumps(case), data_dir=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


def test_malformed_json_exits_2(tmp_path):
    result = _clock("{not json", data_dir=tmp_path)
    assert result.returncode == 2 and "JSON" in result.stderr


# 条例 第三十条、第三十二条、第三十四条, 国办函〔2020〕109号 (issue 13): the same case with and without the day of
# receipt; the JSON without delivered_on gives exactly what it gave before.
RECEIPT_CASE = {
    "received": "2026-11-02",
    "today": "2026-12-10",
    "events": [{"type": "third_party_sent", "on": "2026-11-04"}],
}


def test_delivered_on_moves_the_third_partys_period_to_its_receipt(tmp_path):
    before = _clock(json.dumps(RECEIPT_CASE), data_dir=tmp_path)
    assert before.returncode == 0, before.stderr
    sent = json.loads(before.stdout)
    # 15 working days from sending end 11-25; the reply period resumes 11-26 → 12-21
    assert sent["due"] == "2026-12-21" and sent["pauses"][0]["to"] == "2026-11-25"
    assert any("未记录第三方收到日期" in step["text"] for step in sent["explain"])
    delivered = {**RECEIPT_CASE, "events": [{**RECEIPT_CASE["events"][0], "delivered_on": "2026-11-09"}]}
    after = _clock(json.dumps(delivered), "--indent", "1", data_dir=tmp_path)
    assert after.returncode == 0, after.stderr
    received = json.loads(after.stdout)
    # received 11-09: its 15 working days end 11-30; the reply period resumes 12-01 → 12-24
    assert received["due"] == "2026-12-24" and received["pauses"][0]["to"] == "2026-11-30"
    assert received["overdue"] is False and received["paused"] is None


def test_a_delivery_before_the_letter_exits_2(tmp_path):
    case = {**RECEIPT_CASE, "events": [{**RECEIPT_CASE["events"][0], "delivered_on": "2026-11-03"}]}
    result = _clock(json.dumps(case), data_dir=tmp_path)
    assert result.returncode == 2
    assert "第1个事件（third_party_sent，2026-11-04）" in result.stderr and "早于文书发出日期" in result.stderr
