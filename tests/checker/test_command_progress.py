"""``gongkai check-report`` and ``gongkai audit-reports ingest`` over a folder of real reports of every kind (issue 15,
item 5): with ``--json`` standard output is nothing but JSON Lines, and the progress bar is on standard error only.

The folder: real corpus files (tests/checker/real/docs: text and the HTML report) and a PDF and a DOCX made from the
real HTML report by LibreOffice (tests/checker/real/kinds.py; the corpus holds no real PDF or DOCX)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.checker.real.kinds import DOCS, HTML_REPORT, convert

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ("2021-2022-hunnan-assets-bureau.txt", "pre2019-2017-tljq-township.txt", "2019-2020-baokang-county.txt")


@pytest.fixture(scope="module")
def real_folder(tmp_path_factory) -> Path:
    """Six real reports: three texts, the HTML report, and its PDF and DOCX."""
    work = tmp_path_factory.mktemp("kinds")
    folder = work / "reports"
    folder.mkdir()
    for name in (*TEXTS, HTML_REPORT.name):
        shutil.copy(DOCS / name, folder / name)
    for kind in ("pdf", "docx"):
        shutil.copy(convert(kind, work), folder)
    return folder


class Terminal(io.StringIO):
    """A standard error that says it is a terminal, so the progress bar is drawn."""

    def isatty(self) -> bool:
        return True


def _json_lines(text: str) -> list[dict]:
    lines = text.splitlines()
    assert lines and all(line.startswith("{") for line in lines), text[:500]
    return [json.loads(line) for line in lines]


def test_check_report_json_over_real_files_of_every_kind_is_pure_json_lines(real_folder, tmp_path):
    """In a child process, so that stdout is the real one: a library's print would land in it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "check-report", "--json", str(real_folder), "-o", str(tmp_path / "s.xlsx")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    objects = _json_lines(done.stdout)
    by_name = {Path(o["file"]).name: o for o in objects}
    assert sorted(by_name) == sorted(p.name for p in real_folder.iterdir())
    # Every kind was really read: the Shanghai report in HTML, PDF and DOCX names its agency and year.
    for kind in ("html", "pdf", "docx"):
        shanghai = by_name[f"{HTML_REPORT.stem}.{kind}"]
        assert (shanghai["agency"], shanghai["year"]) == ("上海市人民政府办公厅", 2019), kind
        assert shanghai["tables"] is not None, kind
    assert by_name[TEXTS[0]]["year"] == 2022
    # Not a terminal: the progress bar's one summary line, on stderr and not stdout.
    assert "检查报告：6/6" in done.stderr
    assert "检查报告" not in done.stdout


def test_check_report_draws_the_bar_on_a_terminal_and_keeps_stdout_json(real_folder, tmp_path, capfd):
    out, err = io.StringIO(), Terminal()
    with pytest.raises(SystemExit):  # the real reports have errors: exit status 1
        call_command("check-report", "--json", str(real_folder), "-o", str(tmp_path / "s.xlsx"), stdout=out, stderr=err)
    assert len(_json_lines(out.getvalue())) == 6
    bar = err.getvalue()
    assert "\r检查报告 [" in bar and "100% (6/6)" in bar and "#" * 30 in bar
    assert "\r" not in out.getvalue() and "检查报告" not in out.getvalue()
    assert capfd.readouterr().out == ""  # nothing printed around the command (PyMuPDF's hints included)


def test_one_file_shows_no_progress_bar():
    out, err = io.StringIO(), Terminal()
    with pytest.raises(SystemExit):
        call_command("check-report", "--json", str(DOCS / TEXTS[0]), stdout=out, stderr=err)
    assert len(_json_lines(out.getvalue())) == 1
    assert "检查报告" not in err.getvalue()


@pytest.mark.django_db
def test_audit_reports_ingest_json_over_real_files_of_every_kind(jurisdiction, real_folder, capfd):
    out, err = io.StringIO(), Terminal()
    call_command(
        "audit-reports",
        "ingest",
        "--region",
        jurisdiction["office"].credit_code,
        str(real_folder),
        "--json",
        stdout=out,
        stderr=err,
    )
    objects = _json_lines(out.getvalue())
    assert sorted(Path(o["file"]).name for o in objects) == sorted(p.name for p in real_folder.iterdir())
    assert {o["status"] for o in objects} == {"stored"}
    shanghai = [o for o in objects if Path(o["file"]).stem == HTML_REPORT.stem]
    assert [(o["agency_read"], o["year"]) for o in shanghai] == [("上海市人民政府办公厅", 2019)] * 3
    bar = err.getvalue()
    assert "\r检查报告 [" in bar and "100% (6/6)" in bar
    assert "检查报告" not in out.getvalue()
    assert capfd.readouterr().out == ""


def test_tables_are_looked_for_only_on_pages_that_draw_lines(monkeypatch):
    """find_tables (most of a PDF's reading time) runs on the ruled page only; its table is still read."""
    import pymupdf

    from gongkai.checker.sources import read_lines

    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "running text only", fontsize=12)
    ruled = document.new_page()
    for y in (100, 130, 160):
        ruled.draw_line((72, y), (300, y))
    for x in (72, 186, 300):
        ruled.draw_line((x, 100), (x, 160))
    for (x, y), text in zip([(80, 120), (194, 120), (80, 150), (194, 150)], ["a", "1", "b", "2"], strict=True):
        ruled.insert_text((x, y), text, fontsize=12)
    data = document.tobytes()
    calls = []
    find_tables = pymupdf.Page.find_tables
    monkeypatch.setattr(
        pymupdf.Page, "find_tables", lambda page, *a, **k: calls.append(page.number) or find_tables(page)
    )
    source, lines = read_lines(data)
    assert source == "pdf" and calls == [1]
    assert ["running text only"] in lines and ["a", "1"] in lines and ["b", "2"] in lines


def test_the_summary_marks_each_error_in_red_on_its_own_row(tmp_path):
    """The rows are counted, not looked up (sheet.max_row made a folder of thousands quadratic): the red cells stay
    on the report they belong to."""
    from openpyxl import load_workbook

    from gongkai.law.report_reading import CHECK_CODES

    seeds = Path(__file__).parent / "seeds"
    target = tmp_path / "summary.xlsx"
    with pytest.raises(SystemExit):
        call_command("check-report", str(seeds), "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    sheet = load_workbook(target).active
    red = {
        (Path(sheet.cell(row=cell.row, column=1).value).name[:3], CHECK_CODES[cell.column - 9])
        for row in sheet.iter_rows(min_row=2, min_col=9)
        for cell in row
        if cell.fill.fgColor.rgb == "00F8D7DA"
    }
    assert ("003", "year.mismatch") in red
    assert not any(name == "004" for name, _code in red)  # 004 has no error
    for row in sheet.iter_rows(min_row=2):
        errors = {CHECK_CODES[cell.column - 9] for cell in row[8:] if cell.fill.fgColor.rgb == "00F8D7DA"}
        assert bool(errors) == (row[5].value > 0), row[0].value
