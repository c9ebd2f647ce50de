"""The truth files of the real corpus: their keys, allowed values, and a validator (README.md explains each field).

Table keys are the checker's own (``gongkai/law/data/report_template_2021.json`` through ``law.outcomes`` and
``law.report``) wherever the report's format has the same cell; the 2019 format's cells the 2021 keys lack get the
keys below (:data:`SECTION2_2019`, the single 表三 row :data:`SECTION3_2019_OTHER`).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from gongkai.law.outcomes import SECTION3_COLUMNS, SECTION3_ROW_KEYS, SECTION4_COLUMNS, SECTION4_GROUPS
from gongkai.law.report import SECTION2_ROWS
from gongkai.law.report_reading import CHECK_CODES, METRICS

REAL = Path(__file__).parent
DOCS = REAL / "docs"
TRUTH = REAL / "truth"
PENDING = REAL / "pending"
SOURCES = REAL / "sources.csv"
SOURCE_COLUMNS = ("file", "source", "retrieved", "title", "agency", "year", "era", "complete")

ERAS = ("pre2019", "2019", "2021")
NOT_A_REPORT = "none"  # a page collected as a report that is none (an explanation of one, a work plan)
ERA_VALUES = (*ERAS, NOT_A_REPORT)
KINDS = ("government", "department")
LEVELS = ("national", "province", "city", "county", "township")
SUFFIXES = (".txt", ".html", ".pdf", ".docx")
MAX_BINARY_BYTES = 2 * 1024 * 1024

# 2021 format (国办公开办函〔2021〕30号), 表二: the checker's keys.
SECTION2_2021: dict[str, tuple[str, ...]] = {
    row.key: tuple(col for col, _label in row.columns) for row in SECTION2_ROWS
}
# 2019 format (国办公开办函〔2019〕60号), 表二: 第二十条第（一）项 本年新制作数量 / 本年新公开数量 / 对外公开总数量;
# （五）（六） 上一年项目数量 / 本年增/减 / 处理决定数量; （八） 上一年项目数量 / 本年增/减; （九） 采购项目数量 / 采购总金额.
# other_documents (其他主动公开文件) and other_services (其他对外管理服务事项) are rows provinces added or the format has.
_THREE = ("made", "published", "total_public")
_ITEMS = ("last_year_items", "change", "decisions")
SECTION2_2019: dict[str, tuple[str, ...]] = {
    "rules": _THREE,
    "normative_documents": _THREE,
    "other_documents": _THREE,
    "licensing": _ITEMS,
    "other_services": _ITEMS,
    "penalty": _ITEMS,
    "coercion": _ITEMS,
    "fees": _ITEMS[:2],
    "procurement": ("items", "amount"),
}
# 2019 format, 表三: one row （六）其他处理 where the 2021 format has three (other_no_correction, other_fee_unpaid,
# other_other). A 2021-format report that prints the single row (a real error) uses this key too.
SECTION3_2019_OTHER = "other"
SECTION3_ROWS: tuple[str, ...] = (*SECTION3_ROW_KEYS, SECTION3_2019_OTHER)
SECTION3_COLS: tuple[str, ...] = tuple(SECTION3_COLUMNS)
SECTION4_ROWS: tuple[str, ...] = tuple(SECTION4_GROUPS)
SECTION4_COLS: tuple[str, ...] = tuple(SECTION4_COLUMNS)

# Error codes the checker does not have (yet): the errors a reader finds that no check names today.
EXTRA_CODES: dict[str, str] = {
    "prose.repeat": "a word or phrase repeated (“政府政府”, a doubled clause)",
    "prose.missing_word": "a word, number or unit missing, so the sentence does not read",
    "prose.typo": "a wrong or transposed character (“不管提升” for 不断提升, a title “工作告年度报”)",
    "prose.numbering": "the stated number or list of parts differs from the parts the report has",
    "prose.wrong_agency": "the text names another agency or office than the author (text copied from another report)",
}
ERROR_CODES: frozenset[str] = frozenset(CHECK_CODES) | frozenset(EXTRA_CODES)
FIGURES: tuple[str, ...] = METRICS

FIELDS = (
    "file",
    "verified",
    "complete",
    "era",
    "year",
    "agency",
    "agency_aliases",
    "agency_kind",
    "level",
    "published_on",
    "tables",
    "figures",
    "errors",
    "not_judged",
    "notes",
)
OPTIONAL_FIELDS = ("source", "previous")


def table_keys(section: str) -> tuple[dict[str, tuple[str, ...]], ...]:
    """The allowed {row: columns} of a section (2021 and 2019 keys together for 表二)."""
    if section == "section2":
        merged: dict[str, set[str]] = {}
        for shape in (SECTION2_2021, SECTION2_2019):
            for row, cols in shape.items():
                merged.setdefault(row, set()).update(cols)
        return ({row: tuple(sorted(cols)) for row, cols in merged.items()},)
    if section == "section3":
        return (dict.fromkeys(SECTION3_ROWS, SECTION3_COLS),)
    if section == "section4":
        return (dict.fromkeys(SECTION4_ROWS, SECTION4_COLS),)
    return ({},)


def _cell_ok(value: Any) -> bool:
    # A count, an amount, None for a printed blank, or the printed text of a cell that is no plain number.
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)) or isinstance(value, str)


def validate(truth: dict[str, Any], name: str) -> list[str]:
    """What is wrong with one truth file (empty when it is valid)."""
    problems = []
    missing = [f for f in FIELDS if f not in truth]
    extra = [f for f in truth if f not in FIELDS and f not in OPTIONAL_FIELDS]
    if missing:
        problems.append(f"missing fields {missing}")
    if extra:
        problems.append(f"unknown fields {extra}")
    if missing:
        return problems
    if truth["file"] != name:
        problems.append(f"file {truth['file']!r} is not the truth file's document {name!r}")
    if Path(name).suffix not in SUFFIXES:
        problems.append(f"document kind {Path(name).suffix!r} not in {SUFFIXES}")
    for flag in ("verified", "complete"):
        if not isinstance(truth[flag], bool):
            problems.append(f"{flag} must be true or false")
    if truth["era"] not in ERA_VALUES:
        problems.append(f"era {truth['era']!r} not in {ERA_VALUES}")
    if not isinstance(truth["year"], int) or not 2008 <= truth["year"] <= 2100:
        problems.append(f"year {truth['year']!r}")
    if truth["agency"] is not None and not (isinstance(truth["agency"], str) and truth["agency"].strip()):
        problems.append("agency must be a name or null")
    if not isinstance(truth["agency_aliases"], list) or not all(isinstance(a, str) for a in truth["agency_aliases"]):
        problems.append("agency_aliases must be a list of names")
    if truth["agency_kind"] not in (*KINDS, None):
        problems.append(f"agency_kind {truth['agency_kind']!r}")
    if truth["level"] not in (*LEVELS, None):
        problems.append(f"level {truth['level']!r}")
    if truth["published_on"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(truth["published_on"])):
        problems.append(f"published_on {truth['published_on']!r}")
    problems += _validate_tables(truth["tables"])
    if not isinstance(truth["figures"], dict) or any(k not in FIGURES for k in truth["figures"]):
        problems.append(f"figures keys must be among {FIGURES}")
    elif any(not isinstance(v, (int, float)) or isinstance(v, bool) for v in truth["figures"].values()):
        problems.append("figures must be numbers")
    for error in truth["errors"]:
        if set(error) != {"code", "where", "note"} or not all(isinstance(v, str) for v in error.values()):
            problems.append(f"error {error!r} must have code, where and note")
        elif error["code"] not in ERROR_CODES:
            problems.append(f"error code {error['code']!r} is neither a checker code nor in EXTRA_CODES")
        elif not error["note"].strip():
            problems.append(f"error {error['code']} has no note")
    bad = [c for c in truth["not_judged"] if c not in ERROR_CODES]
    if bad:
        problems.append(f"not_judged codes {bad} unknown")
    overlap = {e["code"] for e in truth["errors"] if isinstance(e, dict)} & set(truth["not_judged"])
    if overlap:
        problems.append(f"codes both expected and not judged: {sorted(overlap)}")
    if not isinstance(truth["notes"], str):
        problems.append("notes must be text")
    return problems


def _validate_tables(tables: Any) -> list[str]:
    if not isinstance(tables, dict):
        return ["tables must be an object"]
    problems = []
    for section, rows in tables.items():
        (allowed,) = table_keys(section)
        if not allowed:
            problems.append(f"unknown table {section!r}")
            continue
        for row, cells in rows.items():
            if row not in allowed:
                problems.append(f"{section}: unknown row {row!r}")
                continue
            for col, value in cells.items():
                if col not in allowed[row]:
                    problems.append(f"{section}.{row}: unknown column {col!r}")
                elif not _cell_ok(value):
                    problems.append(f"{section}.{row}.{col}: {value!r} is no cell value")
    return problems


def cells(truth: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """Every (section, row, column, value) a truth file records."""
    return [
        (section, row, col, value)
        for section, rows in truth["tables"].items()
        for row, columns in rows.items()
        for col, value in columns.items()
    ]


def load_truths(folder: Path = TRUTH) -> dict[str, dict[str, Any]]:
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


def load_sources() -> list[dict[str, str]]:
    with SOURCES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
