"""``gongkai check-report --json`` writes nothing but JSON Lines on standard output, for every kind of input (issue 15):
PyMuPDF prints its own hint (“Consider using the pymupdf_layout package…”) on stdout unless told not to.

The command runs in a child process, so that stdout is the real one (``call_command`` captures only the command's own
writes, not a library's ``print``)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).parent / "seeds"
ROOT = Path(__file__).resolve().parents[2]


def _pdf() -> bytes:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "2023 report", fontsize=14)
    # A ruled 2 × 2 grid: find_tables has something to look at.
    for y in (100, 130, 160):
        page.draw_line((72, y), (300, y))
    for x in (72, 186, 300):
        page.draw_line((x, 100), (x, 160))
    return document.tobytes()


def _docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("某某局2023年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["某某局2023年政府信息公开工作年度报告"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_json_output_is_pure_json_lines_for_every_input_kind(tmp_path):
    files = {
        "report.pdf": _pdf(),
        "report.docx": _docx(),
        "report.xlsx": _xlsx(),
        "report.html": "<html><body><p>某某局2023年政府信息公开工作年度报告</p></body></html>".encode(),
        "report.txt": next(SEEDS.glob("003_*.txt")).read_bytes(),
        "broken.pdf": b"%PDF-1.7 not really",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env.pop("PYMUPDF_MESSAGE", None)
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "check-report", "--json", *sorted(str(tmp_path / n) for n in files)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(files), done.stdout
    objects = [json.loads(line) for line in lines]
    assert sorted(Path(o["file"]).name for o in objects) == sorted(files)
