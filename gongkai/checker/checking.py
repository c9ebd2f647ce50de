"""Checking published reports: files in, one result per file out (the JSON contract of ``gongkai check-report``).

Reading and the within-report checks are :mod:`gongkai.law.report_reading`; this module adds what needs more than
one report or the report's own wording:

- ``text.table_mismatch``: a figure stated in the text that contradicts the tables — the phrasings the drafted
  narrative uses (:data:`gongkai.reports.narrative.FIGURE_PHRASES`, published through ``reports.selectors``, read back by ``text_conflicts``) and those of
  real reports (:data:`EXTRA_PHRASES`, e.g. “共受理依申请公开0件”);
- ``carry.requests`` / ``carry.normative``: when last year's report of the same agency is among the files, its
  结转下年度 and 现行有效 against this year's (``law.report_reading.check_pair``).

Nothing here raises on a bad file: an unreadable one gives a ``format.unreadable`` finding (a file beyond the reading
limits of gongkai.core.documents too, with the limit's message).  The web page gives one upload a time budget
(``seconds``): files not reached within it give a ``format.unreadable`` finding saying so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.checker.sources import Scanned, Unreadable, read_lines
from gongkai.core.documents import LIMITS, Deadline
from gongkai.law.outcomes import REPORT_SECTIONS
from gongkai.law.report_consistency import reading_inconsistencies
from gongkai.law.report_prose import reading_findings, stale_figures, stated_figures
from gongkai.law.report_reading import Finding, Reading, check_pair, check_reading, read_report, tables_2021
from gongkai.reports.selectors import FigurePhrase, text_conflicts

__all__ = ["EXTRA_PHRASES", "Result", "check_documents", "result_json"]


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text.replace(" ", r"\s*"))


def _new_requests(tables: Mapping[str, Any], figures: Mapping[str, Any]) -> int:
    return int(tables["section3"]["new_this_year"]["total"])


# How published reports word the number of new requests (seed 003: “共受理依申请公开0件”); the example
# “依申请公开0件” against a table counting 3 new requests.
EXTRA_PHRASES: tuple[FigurePhrase, ...] = (
    FigurePhrase(
        "new_received",
        _p(r"(?:受理|收到|接收) (?:政府信息公开|依申请公开) (?:申请)? (?:共)? (\d+) 件"),
        _new_requests,
        "section3.new_this_year.total",
    ),
    FigurePhrase(
        "new_received_count_first",
        _p(r"(?:受理|收到|接收) (\d+) 件 (?:政府信息公开|依申请公开)"),
        _new_requests,
        "section3.new_this_year.total",
    ),
    FigurePhrase(
        "new_on_request",
        _p(r"(?<!受理)(?<!收到)(?<!接收)依申请公开 (?:申请)? (?:共)? (\d+) 件"),
        _new_requests,
        "section3.new_this_year.total",
    ),
)


def _extra_conflicts(narrative: Mapping[str, str], tables: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for section, text in narrative.items():
        for phrase in EXTRA_PHRASES:
            actual = phrase.value(tables, {})
            for match in phrase.pattern.finditer(text):
                stated = int(match.group(1))
                if stated != actual:
                    out.append(
                        {
                            "section": section,
                            "phrase": match.group(0),
                            "stated": stated,
                            "actual": actual,
                            "cell": phrase.cell,
                        }
                    )
    return out


# Cells that are a single row's figure: a text's figure is judged against them even when other rows of the table
# were not read (an excerpt that stops inside 表三: “共受理政府信息公开申请2件” beside 3 new requests, corpus
# 2021-2023-changchun-styjrswj-bureau.txt).  Every other figure needs the tables read whole.
_ONE_ROW_CELLS = frozenset({"section3.new_this_year.total", "section3.carried_from_last_year.total"})


def text_findings(reading: Reading) -> list[Finding]:
    """``text.table_mismatch``: figures in the running text against the tables that were read whole (or, for a
    figure of one row, against that row when it was read)."""
    if reading.tables is None:
        return []
    partial = any(u.startswith(("section3", "section4")) for u in reading.unread)
    if partial and ("section3" in reading.unread or all(c.rsplit(".", 1)[0] in reading.unread for c in _ONE_ROW_CELLS)):
        return []
    narrative = {
        REPORT_SECTIONS[number - 1]: unicodedata.normalize("NFKC", text) for number, text in reading.sections.items()
    }
    tables = tables_2021(reading.tables)  # a 2019-format reading: its single （六）其他处理 row as 3.其他
    # text_conflicts reads the narrative keys of gongkai's own reports: each section is handed over as one.
    drafted = [
        {**conflict, "section": heading}
        for heading, text in narrative.items()
        for conflict in text_conflicts({"overview": text}, tables, {})
    ]
    seen: set[tuple[str, int, str]] = set()
    findings = []
    for conflict in [*drafted, *_extra_conflicts(narrative, tables)]:
        if partial and (conflict["cell"] not in _ONE_ROW_CELLS or conflict["cell"].rsplit(".", 1)[0] in reading.unread):
            continue
        key = (conflict["section"], conflict["stated"], conflict["cell"])
        if key in seen:
            continue
        seen.add(key)
        findings.append(
            Finding(
                "text.table_mismatch",
                "error",
                f"{conflict['section']}：正文“{conflict['phrase']}”与表格不符，表中为 {conflict['actual']}。",
                conflict["cell"],
            )
        )
    return findings


@dataclass
class Result:
    """One checked file."""

    file: str
    source: str = ""  # text | html | docx | xlsx | pdf, or "" when unreadable
    reading: Reading = field(default_factory=Reading)
    findings: list[Finding] = field(default_factory=list)
    stated: dict[str, Any] = field(default_factory=dict)  # figures its text states, for prose.stale_figure
    scanned: Scanned = field(default_factory=Scanned)  # PDF pages read by text recognition, and those left unread

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def count(self, code: str) -> int:
        return sum(1 for f in self.findings if f.code == code)


def _pages(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


def scanned_findings(scanned: Scanned) -> list[Finding]:
    """``format.ocr``: the scanned pages read by text recognition (info: its figures are worth a look), and those
    left unread (warning: the checks did not see them)."""
    findings = []
    if scanned.read:
        message = f"第{_pages(scanned.read)}页为扫描图像，已用文字识别读取，识别的文字与数字请与原件核对。"
        findings.append(Finding("format.ocr", "info", message, "document"))
    if scanned.unread:
        message = f"第{_pages(scanned.unread)}页为扫描图像，{scanned.reason}，未能读取，这些页未检查。"
        findings.append(Finding("format.ocr", "warning", message, "document"))
    return findings


def _check_one(name: str, data: bytes, *, kind: str | None, year: int | None, deadline: Deadline) -> Result:
    scanned = Scanned()
    try:
        source, lines = read_lines(data, deadline=deadline, scanned=scanned)
    except Unreadable as exc:
        return Result(name, findings=[Finding("format.unreadable", "error", exc.message, "document")], scanned=scanned)
    reading = read_report(lines)
    findings = scanned_findings(scanned) + check_reading(reading, kind=kind, year=year)
    findings += text_findings(reading) + reading_inconsistencies(reading) + reading_findings(reading)
    stated = stated_figures(reading)
    # The text is not kept: a folder of thousands of reports holds only their tables, metrics and findings.
    reading.paragraphs, reading.sections = [], {}
    return Result(name, source, reading, findings, stated, scanned)


def _agency_key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def _not_checked(name: str, seconds: float) -> Result:
    message = f"本次上传的检查时间（{seconds:g} 秒）已用完，此文件未检查，请单独再上传一次。"
    return Result(name, findings=[Finding("format.unreadable", "error", message, "document")])


def check_documents(
    documents: Iterable[tuple[str, bytes]],
    *,
    kind: str | None = None,
    year: int | None = None,
    seconds: float | None = None,
) -> list[Result]:
    """Check each (name, content); then last year's report of the same agency against this year's, when both are in.

    Each file is read within the time limit of :data:`gongkai.core.documents.LIMITS`; with ``seconds`` all of them
    together too (a file begun late gets what is left, files after the budget are not read)."""
    budget = Deadline(seconds) if seconds is not None else None
    results = []
    for name, data in documents:
        if budget is not None and budget.remaining <= 0:
            results.append(_not_checked(name, budget.seconds))
            continue
        allowed = LIMITS.seconds if budget is None else min(LIMITS.seconds, budget.remaining)
        results.append(_check_one(name, data, kind=kind, year=year, deadline=Deadline(allowed)))
    by_agency_year = {
        (_agency_key(r.reading.agency), r.reading.year): r
        for r in results
        if r.reading.tables is not None and r.reading.agency and r.reading.year
    }
    for (agency, report_year), result in by_agency_year.items():
        previous = by_agency_year.get((agency, report_year - 1))
        if previous is not None:
            result.findings += check_pair(previous.reading, result.reading)
            result.findings += stale_figures(result.stated, result.reading.metrics, previous.reading.metrics)
    return results


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def result_json(result: Result) -> dict[str, Any]:
    """``{"file", "format", "agency", "year", "published_on", "tables", "metrics", "findings"}`` (issue #7), and
    ``"ocr": {"pages", "unread"}`` when a PDF had scanned pages (the pages read by text recognition, those not)."""
    reading = result.reading
    out = {
        "file": result.file,
        "format": reading.format,
        "agency": reading.agency or None,
        "year": reading.year,
        "published_on": reading.published_on.isoformat() if reading.published_on else None,
        "tables": _plain(reading.tables),
        "metrics": _plain(reading.metrics),
        "findings": [f.as_dict() for f in result.findings],
    }
    if result.scanned.read or result.scanned.unread:
        out["ocr"] = {"pages": list(result.scanned.read), "unread": list(result.scanned.unread)}
    return out
