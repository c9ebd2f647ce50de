"""The five seed reports, each finding asserted (docs/report-checker.md explains why each is real)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.checker.checking import check_documents, result_json
from gongkai.law.outcomes import SECTION3_COLUMNS, SECTION3_ROW_KEYS, SECTION4_COLUMNS, SECTION4_GROUPS

SEEDS = Path(__file__).parent / "seeds"


def check(prefix: str) -> dict:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    [result] = check_documents([(path.name, path.read_bytes())])
    return result_json(result)


def test_seed_003_2021_format_with_last_years_wording_left_in():
    out = check("003")
    assert (out["format"], out["agency"], out["year"], out["published_on"]) == (
        "2021",
        "鄂伦春自治旗民政局",
        2023,
        "2024-01-19",
    )
    assert [(f["code"], f["severity"], f["where"]) for f in out["findings"]] == [
        # “特向社会公开鄂伦春自治旗民政局2022年度政府信息公开工作年度报告” in the 2023 report's introduction.
        ("year.mismatch", "error", "第4行"),
        # “2022年度,鄂伦春自治旗民政局未产生信息处理费。” — section 六 still speaks of 2022.
        ("year.mismatch", "warning", "第65行"),
    ]
    tables = out["tables"]
    assert tables["section2"]["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}
    # Every cell read, every cell 0 (compared whole, so a table read as empty fails).
    assert (len(SECTION3_ROW_KEYS), len(SECTION3_COLUMNS), len(SECTION4_GROUPS), len(SECTION4_COLUMNS)) == (25, 7, 3, 5)
    assert tables["section3"] == {row: dict.fromkeys(SECTION3_COLUMNS, 0) for row in SECTION3_ROW_KEYS}
    assert tables["section4"] == {group: dict.fromkeys(SECTION4_COLUMNS, 0) for group in SECTION4_GROUPS}
    # “共受理依申请公开0件” agrees with 表三 (no text.table_mismatch); 36 items published proactively.
    assert out["metrics"]["proactive_items"] == 36 and out["metrics"]["requests_received"] == 0


@pytest.mark.parametrize(
    ("prefix", "agency", "year", "published", "metrics"),
    [
        # Published 2019-03-22: on time under the 2007 条例 第三十一条 (3-31 for every agency, reports on 2018).
        (
            "000",
            "旅顺口区民政局",
            2018,
            dt.date(2019, 3, 22),
            {"proactive_items": 796, "requests_received": 0, "reconsiderations": 0, "litigation": 0},
        ),
        ("001", "市民政局", 2012, dt.date(2013, 3, 19), {"proactive_items": 255, "requests_received": None}),
        (
            "004",
            "余杭区民政局",
            2016,
            dt.date(2017, 3, 28),
            {"proactive_items": 253, "requests_received": 2, "requests_answered": 2, "fees_yuan": 0},
        ),
    ],
)
def test_older_free_text_reports_give_their_figures_and_no_findings(prefix, agency, year, published, metrics):
    out = check(prefix)
    assert (out["format"], out["agency"], out["year"], out["published_on"]) == (
        "legacy",
        agency,
        year,
        published.isoformat(),
    )
    assert out["findings"] == []
    assert out["tables"] is None
    for name, value in metrics.items():
        assert out["metrics"][name] == value, name


def test_seed_002_is_a_work_plan_not_a_report():
    out = check("002")
    assert out["format"] == "unknown"
    assert [f["code"] for f in out["findings"]] == ["format.unknown"]
