"""``gongkai check-report``: the JSON contract, exit status, a folder's summary workbook, files it cannot read."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongkai.law.report_reading import CHECK_CODES

SEEDS = Path(__file__).parent / "seeds"
KEYS = ["file", "format", "agency", "year", "published_on", "tables", "metrics", "findings"]


def run(*args) -> tuple[int, list[dict] | str]:
    out = io.StringIO()
    err = io.StringIO()
    try:
        call_command("check-report", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    text = out.getvalue()
    if "--json" in args:
        return status, [json.loads(line) for line in text.splitlines()]
    return status, text + err.getvalue()


def test_json_lines_with_the_keys_of_issue_7_and_exit_1_on_an_error():
    status, objects = run("--json", *sorted(str(p) for p in SEEDS.glob("00[34]_*.txt")))
    assert status == 1
    assert [list(o) for o in objects] == [KEYS, KEYS]
    assert [o["format"] for o in objects] == ["2021", "legacy"]
    for finding in objects[0]["findings"]:
        assert list(finding) == ["code", "severity", "message", "where"]
        assert finding["severity"] in ("error", "warning", "info")


def test_exit_0_when_no_error():
    status, text = run(str(next(SEEDS.glob("004_*.txt"))))
    assert status == 0
    assert "余杭区民政局 2016年度" in text and "未发现问题" in text


def test_year_and_kind_options(tmp_path):
    seed = str(next(SEEDS.glob("003_*.txt")))
    status, [out] = run("--json", "--year", "2024", seed)
    assert status == 1
    assert any(f["code"] == "year.mismatch" and f["where"] == "title" for f in out["findings"])
    # 条例第四十九条: a government's report is due 3-31, a department's 1-31. Published 2-20, the 2023 report is late
    # only as a department's — which is what a 民政局 is guessed to be without --kind.
    late_seed = tmp_path / Path(seed).name
    text = Path(seed).read_text(encoding="utf-8")
    assert text.count("2024-01-19") == 1 and text.count("2024年1月19日") == 1
    late_seed.write_text(text.replace("2024-01-19", "2024-02-20").replace("2024年1月19日", "2024年2月20日"), "utf-8")
    for kind, late in ((None, True), ("department", True), ("government", False)):
        _status, [out] = run("--json", *(["--kind", kind] if kind else []), str(late_seed))
        assert out["published_on"] == "2024-02-20"
        assert any(f["code"] == "deadline.late" for f in out["findings"]) is late, kind


def test_a_folder_gives_one_summary_workbook(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(SEEDS, folder)
    target = tmp_path / "summary.xlsx"
    status, text = run(str(folder), "-o", str(target))
    assert status == 1
    assert str(target) in text
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][8:] == CHECK_CODES
    assert len(rows) == 1 + 5
    by_file = {Path(row[0]).name[:3]: row for row in rows[1:]}
    assert by_file["003"][8 + CHECK_CODES.index("year.mismatch")] == 2
    assert by_file["002"][8 + CHECK_CODES.index("format.unknown")] == 1
    assert by_file["004"][5] == 0  # no errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "图片"),
        (b"PK\x03\x04garbage", "ZIP"),
        (b"%PDF-1.4\ngarbage", "PDF"),
        (bytes(range(256)) * 8, "二进制"),
    ],
)
def test_a_file_it_cannot_read_is_a_finding_never_a_crash(tmp_path, content, message):
    path = tmp_path / "report.bin"
    path.write_bytes(content)
    status, [out] = run("--json", str(path))
    assert status == 1
    assert out["format"] == "unknown" and out["tables"] is None
    [finding] = out["findings"]
    assert finding["code"] == "format.unreadable" and message in finding["message"]


def test_a_path_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError, match="找不到文件或文件夹"):
        call_command("check-report", str(tmp_path / "nothing.txt"))
