"""Benchmark: the annual report's DOCX (``gongkai.reports.exports.to_docx``) against the raw limit of the same work.

    .venv/bin/python bench/report_docx_bench.py

Builds a throw-away SQLite database with the demo jurisdiction, starts the city 民政局's report (tables 二—四 and the
drafted text), then times ``to_docx`` against the floor: python-docx opening its template, writing the same paragraphs
and one plain ``w:tbl`` per table with the same cell texts (built with lxml, no merges, no styles), and saving. Prints
JSON with both times and their ratio, measured in the same run. Issue 14: the download took 3.6–3.9 s, nearly all of
it in python-docx's ``table.cell()``, which walks the whole table at every call.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from gongkai.agencies import demo as agencies_demo
    from gongkai.reports import exports, services
    from gongkai.reports.layout import grids, narrative_sections

    agency = agencies_demo.load_jurisdiction()["civil"]
    report = services.report_start(actor=None, agency=agency, year=2025, today=dt.date(2026, 1, 20))
    tables = grids(report.tables)
    text = narrative_sections(report.narrative)

    def ours() -> None:
        exports.to_docx(report)

    def raw() -> None:  # the floor: the same texts in plain paragraphs and plain tables
        document = Document()
        body = document.element.body
        for heading, paragraphs in text:
            for line in (heading, *paragraphs):
                document.add_paragraph(line)
        for grid in tables:
            tbl = OxmlElement("w:tbl")
            by_position = {(c.row, c.col): c.text for c in grid.cells}
            for r in range(grid.n_rows):
                tr = OxmlElement("w:tr")
                for c in range(grid.n_cols):
                    tc, p, run, t = (OxmlElement(tag) for tag in ("w:tc", "w:p", "w:r", "w:t"))
                    t.text = by_position.get((r, c), "")
                    run.append(t)
                    p.append(run)
                    tc.append(p)
                    tr.append(tc)
                tbl.append(tr)
            body.insert(len(body) - 1, tbl)  # before the w:sectPr
        assert body[-1].tag == qn("w:sectPr")
        document.save(io.BytesIO())

    ours()
    ours_s = min(timeit.repeat(ours, number=3, repeat=3)) / 3
    raw_s = min(timeit.repeat(raw, number=3, repeat=3)) / 3
    print(
        json.dumps(
            {
                "benchmark": "reports.exports.to_docx(report)",
                "cells": sum(len(grid.cells) for grid in tables),
                "ours_ms": round(ours_s * 1e3, 1),
                "raw_limit_ms": round(raw_s * 1e3, 1),
                "ratio": round(ours_s / raw_s, 2),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
