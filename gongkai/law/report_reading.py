"""Reading a published annual report (政府信息公开工作年度报告) and finding its errors.

Pure Python.  The input is the report as *lines of cells*: a paragraph is a line of one cell, a table row a line of
its cells (a merged cell once, where it starts), in reading order — what :mod:`gongkai.checker.sources` makes of
text, HTML, DOCX, XLSX and PDF files, and what :func:`text_lines` makes of text copied from a web page (table rows
flattened to ``a | b | c``, as seed 003 shows them).

- :func:`read_report` detects the format (the 2021 table format of 国办公开办函〔2021〕30号, an older free-text report,
  or no report at all), finds the agency, the report year and the publication date, reads 表二、表三、表四 into the
  keys of ``report_template.json`` by their row labels (so merged headers flattened in any order, full-width digits,
  blank cells, “0件”, spaces inside labels and tables split over pages do not matter), and the figures a free-text
  report states (:data:`METRICS`).
- :func:`check_reading` runs the checks; :func:`check_pair` the across-year ones (上年结转, 现行有效).  Every finding
  has a stable ``code``, a ``severity`` (error / warning / info), a Chinese ``message`` and ``where`` (a table cell
  as ``section3.results_total.natural_person``, or a line as ``第N行``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from gongkai.law.dates import chinese_date
from gongkai.law.outcomes import (
    REPORT_SECTIONS,
    RESULT_GROUPS,
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
    UnknownOutcome,
    outcome_from_label,
)
from gongkai.law.report import (
    COMPUTED_FORMAT,
    SECTION2_ROWS,
    ReportFormat,
    check_carry_over,
    check_tables,
    deadline_for,
    deadline_rule,
    is_amount,
    report_format,
)
from gongkai.law.versions import NotInForce

__all__ = [
    "CHECK_CODES",
    "METRICS",
    "Finding",
    "Reading",
    "check_pair",
    "check_reading",
    "guess_kind",
    "read_report",
    "text_lines",
]

Line = Sequence[str]

# Every code a finding can carry, in the order of the summary sheet's columns.
CHECK_CODES: tuple[str, ...] = (
    "format.unreadable",
    "format.unknown",
    "format.legacy",
    "table.missing",
    "table.shape",
    "arith.row_total",
    "arith.results_total",
    "arith.balance",
    "arith.section4_total",
    "year.mismatch",
    "section.missing",
    "fees.missing",
    "text.table_mismatch",
    "deadline.late",
    "deadline.unknown",
    "carry.requests",
    "carry.normative",
    # Drafting slips in the running text: gongkai.law.report_prose (warnings).
    "prose.repeat",
    "prose.missing_word",
    "prose.typo",
    "prose.numbering",
    "prose.wrong_agency",
    "prose.stale_figure",
)
# The figures a report states, free-text or not: a supervisor compares them across years.
METRICS: tuple[str, ...] = (
    "proactive_items",
    "requests_received",
    "requests_carried_in",
    "requests_answered",
    "consultations",
    "reconsiderations",
    "litigation",
    "fees_yuan",
)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    where: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "where": self.where}


@dataclass
class Reading:
    """What was read from one report."""

    format: str = "unknown"  # "2021" | "legacy" | "unknown"
    title: str = ""
    agency: str = ""
    year: int | None = None
    published_on: dt.date | None = None
    tables: dict[str, Any] | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    headings: dict[int, int] = field(default_factory=dict)  # section number 1–6 → line index of its heading
    sections: dict[int, str] = field(default_factory=dict)  # section number → its running text (no table rows)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line index, text) of every paragraph
    findings: list[Finding] = field(default_factory=list)  # what reading itself found (missing tables, rows)
    unread: set[str] = field(default_factory=set)  # table rows/groups not read: their sums are not checked


# --- cells and lines ---------------------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"\s*[|｜\t]\s*")


def text_lines(text: str) -> list[list[str]]:
    """Plain text as lines of cells: ``|`` (either width) or a tab separates the cells of a flattened table row."""
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if _SEPARATOR.search(raw):
            cells = _SEPARATOR.split(raw.strip())
            # “a | b |”: the separator closing the row is no blank cell.
            if cells and cells[-1] == "" and re.search(r"[|｜\t]\s*$", raw):
                cells = cells[:-1]
            if cells and cells[0] == "" and re.match(r"^\s*[|｜\t]", raw):
                cells = cells[1:]
            lines.append([c.strip() for c in cells])
        else:
            lines.append([raw.strip()])
    return lines


def _norm(text: str) -> str:
    """Full-width → half-width (NFKC) and no whitespace at all: “商业 企业” reads as “商业企业”."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


_VALUE = re.compile(r"^(?:\d+(?:\.\d+)?)(?:件|条|个|项|次|万元|元)?$|^[-—–/]*$")


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(_norm(cell)))


def _value(cell: str) -> Decimal | None:
    """A cell's figure; None for a blank cell (blank, “-”, “—”, “/”)."""
    match = re.match(r"^(\d+(?:\.\d+)?)", _norm(cell))
    return Decimal(match.group(1)) if match else None


def _split_row(line: Line) -> tuple[list[str], list[str]]:
    """(label cells, value cells): the values are the cells after the last cell that is no figure."""
    last_label = max((i for i, cell in enumerate(line) if not _is_value(cell)), default=-1)
    labels = [c for c in line[: last_label + 1] if _norm(c)]
    return labels, list(line[last_label + 1 :])


# --- sections, title, dates -------------------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^([一二三四五六七八九十]{1,2})[、.,，]\s*(.{2,40}?)[。.]?$")
# Words that name each of the six sections of the 2021 format (国办公开办函〔2021〕30号) in its headings; older
# reports word theirs differently, the format check needs only the exact ones (_OFFICIAL).
_SECTION_WORDS: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "概述", "总体"),
    2: ("主动公开",),
    3: ("收到和处理", "依申请公开", "申请"),
    4: ("复议", "诉讼"),
    5: ("问题",),
    6: ("其他",),
}
_OFFICIAL = {number: _norm(heading.split("、", 1)[1]) for number, heading in enumerate(REPORT_SECTIONS, start=1)}
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "办理结果", "结转下年度")


def _heading_of(line: Line) -> tuple[int, bool] | None:
    """(section number 1–6, exact official wording) when the line is a section heading."""
    cells = [c for c in line if _norm(c)]
    if len(cells) != 1:
        return None
    text = _norm(cells[0])
    match = _HEADING.match(text)
    if not match or any(word in text for word in _TABLE_ROW_WORDS):
        return None
    rest = match.group(2)
    for number, words in _SECTION_WORDS.items():
        if any(word in rest for word in words):
            return number, rest == _OFFICIAL[number]
    return None


_TITLE = re.compile(r"政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_PUBLISHED = re.compile(r"(?:发布|发表|公开|公布|印发)(?:日期|时间)\s*[:：]?\s*" + _DATE)
_DATE_LINE = re.compile(r"^" + _DATE + r"$")
_CN_DATE_LINE = re.compile(
    r"^([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_line(text: str) -> dt.date | None:
    text = _norm(text)
    match = _DATE_LINE.match(text)
    if match:
        return _date(*match.groups())
    match = _CN_DATE_LINE.match(text)
    if match:
        return _date(_cn_number(match[1]), _cn_number(match[2]), _cn_number(match[3]))
    return None


_AGENCY_END = re.compile(r"(?:人民政府|政府|局|委员会|委|办公室|办公厅|办|厅|中心|署|院|会|所|站|处|队)$")


def _title_and_agency(paragraphs: list[tuple[int, str]]) -> tuple[str, str, int | None]:
    """The title line, the agency it names and the year, from the first lines of the report."""
    first = [_norm(text) for _index, text in paragraphs[:15]]
    # A title wrapped over two lines (a centred PDF title) is tried joined too.
    candidates = first + [one + following for one, following in pairwise(first)]
    for norm in candidates:
        if len(norm) > 80 or not _TITLE.search(norm):
            continue
        match = _YEAR.search(norm)
        if not match:
            continue
        year = int(match.group(1))
        before = norm[: match.start()]
        after = _TITLE.split(norm[match.end() :])[0].lstrip("度")
        agency = before or after
        agency = re.sub(r"^(?:关于)", "", agency).strip('《》“”"')
        return norm, agency, year
    return "", "", None


def _signature(paragraphs: list[tuple[int, str]]) -> tuple[str, dt.date | None]:
    """The signing agency and date at the end (“旅顺口区民政局 / 2019年3月15日”)."""
    tail = [text for _index, text in paragraphs[-6:]]
    for position in range(len(tail) - 1, -1, -1):
        day = _date_line(tail[position])
        if day is not None:
            name = _norm(tail[position - 1]) if position else ""
            return (name if _AGENCY_END.search(name) and len(name) <= 40 else ""), day
    return "", None


# --- 表二、表三、表四 ---------------------------------------------------------------------------------------------

# 表二's rows by the label a report prints, from the template (gongkai.law.report.SECTION2_ROWS).
_S2_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    row.label: (row.key, tuple(col for col, _label in row.columns)) for row in SECTION2_ROWS
}
_S2_AMOUNTS = {(row.key, col) for row in SECTION2_ROWS for col, label in row.columns if is_amount(label)}
_S3_COLUMNS = tuple(SECTION3_COLUMNS)  # the format's column order: 自然人, five kinds of 法人或其他组织, 总计
_S4_CELLS = tuple((group, column) for group in SECTION4_GROUPS for column in SECTION4_COLUMNS)
_GROUP_WORDS = {label[3:]: label for label, _keys in RESULT_GROUPS.values()}  # 不予公开 → （三）不予公开


def _empty_tables() -> dict[str, Any]:
    section2: dict[str, dict[str, Any]] = {key: dict.fromkeys(cols, 0) for key, cols in _S2_ROWS.values()}
    return {
        "section2": section2,
        "section3": {row: dict.fromkeys(_S3_COLUMNS, 0) for row in SECTION3_ROW_KEYS},
        "section4": {group: dict.fromkeys(SECTION4_COLUMNS, 0) for group in SECTION4_GROUPS},
    }


def _section3_key(labels: list[str], group: str) -> tuple[str | None, str]:
    """The row key of a 表三 row from its label cells, and the result group now open (for “3.其他” rows)."""
    joined = _norm("".join(labels))
    for cell in labels:
        for word, label in _GROUP_WORDS.items():
            if _norm(cell).lstrip("()（）一二三四五六").startswith(word) or _norm(cell) == _norm(label):
                group = label
    if "本年新收" in joined:
        return "new_this_year", group
    if "上年结转" in joined:
        return "carried_from_last_year", group
    if "结转下年度" in joined:
        return "carried_to_next_year", group
    if joined.endswith("总计"):
        return "results_total", group
    leaf = labels[-1]
    candidates = [f"{group}/{leaf}"] if group and re.match(r"^\d", _norm(leaf)) else []
    candidates += ["/".join(labels), leaf]
    for candidate in candidates:
        try:
            return outcome_from_label(candidate), group
        except UnknownOutcome:
            continue
    return None, group


@dataclass
class _TableReader:
    tables: dict[str, Any] = field(default_factory=_empty_tables)
    found: dict[str, set[str]] = field(default_factory=lambda: {"section2": set(), "section3": set()})
    blank: int = 0
    findings: list[Finding] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)

    def _values(self, values: list[str], width: int, where: str, label: str) -> list[Decimal] | None:
        if len(values) != width:
            self.findings.append(
                Finding(
                    "table.shape",
                    "error",
                    f"“{label}”行应有 {width} 个数字，读到 {len(values)} 个，该行未计入核对。",
                    where,
                )
            )
            return None
        out = []
        for cell in values:
            number = _value(cell)
            if number is None:
                self.blank += 1
            out.append(number or Decimal(0))
        return out

    def section2_row(self, labels: list[str], values: list[str], where: str) -> bool:
        key = _norm(labels[-1]) if labels else ""
        if key not in _S2_ROWS:
            return False
        row, columns = _S2_ROWS[key]
        numbers = self._values(values, len(columns), where, key)
        if numbers is not None:
            for column, number in zip(columns, numbers, strict=True):
                self.tables["section2"][row][column] = (
                    _number(str(number)) if (row, column) in _S2_AMOUNTS else int(number)
                )
            self.found["section2"].add(row)
        return True

    def section3_row(self, row: str, values: list[str], where: str) -> None:
        label = SECTION3_ROW_LABELS[row].split("/")[-1]
        numbers = self._values(values, len(_S3_COLUMNS), where, label)
        if numbers is None:
            self.unread.add(f"section3.{row}")
            return
        self.tables["section3"][row] = {col: int(n) for col, n in zip(_S3_COLUMNS, numbers, strict=True)}
        self.found["section3"].add(row)


def _read_tables(lines: Sequence[Line], headings: dict[int, int]) -> tuple[_TableReader, bool, bool]:
    """表二、表三 by row labels anywhere; 表四 as the figures of section 四 (15 of them)."""
    reader = _TableReader()
    group = ""
    s4_start = headings.get(4)
    s4_end = min((i for n, i in headings.items() if s4_start is not None and i > s4_start), default=len(lines))
    s4_values: list[str] = []
    s4_seen = False
    for index, line in enumerate(lines):
        if len(line) < 2:
            continue
        labels, values = _split_row(line)
        where = f"第{index + 1}行"
        if s4_start is not None and s4_start < index < s4_end:
            if not labels and values:
                s4_values += values
                s4_seen = True
            continue
        if not values or not labels:
            continue
        if reader.section2_row(labels, values, where):
            continue
        row, group = _section3_key(labels, group)
        if row is not None:
            reader.section3_row(row, values, where)
    if s4_start is None:  # no heading 四: the one row of 15 figures without labels, wherever it is
        rows = [v for line in lines if len(line) >= 15 for labels, v in [_split_row(line)] if not labels]
        s4_values, s4_seen = (rows[0], True) if rows else ([], False)
    if s4_seen:
        numbers = reader._values(s4_values, len(_S4_CELLS), "section4", "表四")
        if numbers is None:
            reader.unread.add("section4")
        else:
            for (group_key, column), number in zip(_S4_CELLS, numbers, strict=True):
                reader.tables["section4"][group_key][column] = int(number)
    return (
        reader,
        bool(reader.found["section3"] or reader.unread & {f"section3.{r}" for r in SECTION3_ROW_KEYS}),
        s4_seen,
    )


# --- figures stated in the text ----------------------------------------------------------------------------------

_N = r"(\d+(?:\.\d+)?)\s*余?"
_METRIC_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "proactive_items": (re.compile(r"主动公开[^\n]{0,60}?" + _N + "条"),),
    "requests_received": (
        re.compile(
            r"(?:收到|受理|接收|新收)[^。；;\n]{0,12}?(?:依申请公开|政府信息公开申请|公开申请)[^。；;\n\d]{0,8}?"
            + _N
            + "件"
        ),
        re.compile(r"(?:收到|受理|接收)" + _N + r"件[^。；;\n]{0,6}?(?:依申请公开|政府信息公开申请|申请)"),
    ),
    "requests_answered": (re.compile(r"(?:办结|答复)[^。；;\n\d]{0,10}?" + _N + "件"),),
    "consultations": (re.compile(r"咨询[^。；;\n\d]{0,12}?" + _N + "(?:人次|次|件)"),),
    "reconsiderations": (
        re.compile(r"行政复议[^。；;\n\d]{0,4}?" + _N + "件"),
        re.compile(_N + r"件[^。；;\n]{0,6}?行政复议"),
    ),
    "litigation": (
        re.compile(r"行政诉讼[^。；;\n\d]{0,4}?" + _N + "件"),
        re.compile(_N + r"件[^。；;\n]{0,6}?行政诉讼"),
    ),
    "fees_yuan": (re.compile(r"(?:收取|收费|处理费)[^。；;\n\d]{0,20}?" + _N + r"(万?)元"),),
}
_NONE_WORDS = re.compile(r"(?:没有|未|无|不存在|均为0|为零)")
_NONE_TOPICS: dict[str, tuple[str, ...]] = {
    "requests_received": ("依申请公开", "公开申请"),
    "reconsiderations": ("行政复议",),
    "litigation": ("行政诉讼",),
    "fees_yuan": ("收费", "处理费", "收取"),
}


def _number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def text_metrics(text: str) -> dict[str, Any]:
    """The figures a report states in words; None where it states nothing.  “没有收到…行政复议” counts as 0."""
    metrics: dict[str, Any] = dict.fromkeys(METRICS)
    text = unicodedata.normalize("NFKC", text)
    sentences = [s for s in re.split(r"[。；;\n]", text) if s.strip()]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for name, patterns in _METRIC_PATTERNS.items():
        # 主动公开 may head a paragraph whose next sentence gives the count (“二、主动公开政府信息情况。…796条”).
        for sentence in sentences + paragraphs if name == "proactive_items" else sentences:
            match = next((m for p in patterns if (m := p.search(sentence))), None)
            if match:
                value = _number(match.group(1))
                if name == "fees_yuan" and match.group(2):
                    value = _number(str(Decimal(match.group(1)) * 10000))
                metrics[name] = value
                break
            if name in _NONE_TOPICS and any(t in sentence for t in _NONE_TOPICS[name]) and _NONE_WORDS.search(sentence):
                metrics[name] = 0
                break
    answered_all = re.search(r"(?:全部|均已?|均)(?:按时)?(?:办结|答复)", text)
    if metrics["requests_answered"] is None and metrics["requests_received"] is not None and answered_all:
        metrics["requests_answered"] = metrics["requests_received"]
    return metrics


def _table_metrics(tables: dict[str, Any]) -> dict[str, Any]:
    s3, s4 = tables["section3"], tables["section4"]
    return {
        "requests_received": s3["new_this_year"]["total"],
        "requests_carried_in": s3["carried_from_last_year"]["total"],
        "requests_answered": s3["results_total"]["total"],
        "reconsiderations": s4["reconsideration"]["total"],
        "litigation": s4["litigation_direct"]["total"] + s4["litigation_after_reconsideration"]["total"],
    }


# --- reading -----------------------------------------------------------------------------------------------------


def read_report(lines: Sequence[Line]) -> Reading:
    """Everything :class:`Reading` holds, from the report's lines of cells."""
    reading = Reading()
    lines = [[str(c or "") for c in line] for line in lines if any(_norm(str(c or "")) for c in line)]
    reading.paragraphs = [(i, " ".join(c for c in line if c.strip())) for i, line in enumerate(lines) if len(line) == 1]
    exact = 0
    for index, line in enumerate(lines):
        heading = _heading_of(line)
        if heading and heading[0] not in reading.headings:
            reading.headings[heading[0]] = index
            exact += heading[1]
    reading.title, reading.agency, reading.year = _title_and_agency(reading.paragraphs)
    signer, signed_on = _signature(reading.paragraphs)
    if signer and (not reading.agency or (signer.endswith(reading.agency) and len(signer) > len(reading.agency))):
        reading.agency = signer
    head = "\n".join(_norm(text) for _i, text in reading.paragraphs[:15])
    published = _PUBLISHED.search(head)
    reading.published_on = _date(*published.groups()) if published else signed_on

    starts = sorted((index, number) for number, index in reading.headings.items())
    for position, (index, number) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        reading.sections[number] = "\n".join(text for i, text in reading.paragraphs if index < i < end)
    body = "\n".join(text for _i, text in reading.paragraphs)

    reader, has_s3, has_s4 = _read_tables(lines, reading.headings)
    s3_rows = len(reader.found["section3"]) + sum(1 for u in reader.unread if u.startswith("section3."))
    if s3_rows >= 5 or exact >= 3 or "勾稽关系" in _norm(" ".join(" ".join(line) for line in lines)):
        reading.format = "2021"
    elif reading.title or _TITLE.search(_norm(head)):
        reading.format = "legacy"
    reading.metrics = text_metrics(body)
    if reading.format != "2021":
        return reading

    reading.tables = reader.tables
    reading.findings += reader.findings
    reading.unread = set(reader.unread)
    names = {
        2: "表二（主动公开政府信息情况）",
        3: "表三（收到和处理政府信息公开申请情况）",
        4: "表四（行政复议、行政诉讼情况）",
    }
    present = {2: bool(reader.found["section2"]), 3: has_s3, 4: has_s4}
    for number, ok in present.items():
        if not ok:
            reading.unread.add(f"section{number}")
            reading.findings.append(
                Finding(
                    "table.missing",
                    "error",
                    f"未读到{names[number]}：表格缺失、以图片形式粘贴，或行标签无法识别。",
                    f"section{number}",
                )
            )
    if has_s3:
        for row in SECTION3_ROW_KEYS:
            if row not in reader.found["section3"] and f"section3.{row}" not in reader.unread:
                reading.unread.add(f"section3.{row}")
                reading.findings.append(
                    Finding("table.shape", "error", f"表三缺少“{SECTION3_ROW_LABELS[row]}”行。", f"section3.{row}")
                )
    if present[2]:
        for key, (row, _cols) in _S2_ROWS.items():
            if row not in reader.found["section2"]:
                reading.findings.append(Finding("table.shape", "warning", f"表二缺少“{key}”行。", f"section2.{row}"))
    if reader.blank:
        reading.findings.append(
            Finding("table.shape", "info", f"表中有 {reader.blank} 个空白单元格，按 0 计。", "tables")
        )
    reading.metrics.update({k: v for k, v in _table_metrics(reading.tables).items() if present[3] or present[4]})
    return reading


# --- checks ------------------------------------------------------------------------------------------------------


def guess_kind(agency: str) -> str:
    """“government” for a people's government (its report is due 3-31), else “department” (1-31)."""
    return "government" if re.search(r"(?:人民政府|政府)$", _norm(agency)) else "department"


_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?至((?:19|20)\d{2})年12月31日")
_REPORT_NAME = re.compile(r"((?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
_LEADING_YEAR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.])?((?:19|20)\d{2})年度?[,，、]")
_COMPARISON = re.compile(r"较|比|同比|上年|上一年|去年|以来|期间|至今|截至")


def _year_findings(reading: Reading, year: int) -> list[Finding]:
    findings = []
    for index, text in reading.paragraphs:
        norm = _norm(text)
        if norm == reading.title:
            continue
        where = f"第{index + 1}行"
        for match in _REPORT_NAME.finditer(norm):
            if int(match.group(1)) != year:
                findings.append(
                    Finding(
                        "year.mismatch",
                        "error",
                        f"正文称“{match.group(0)}”，与标题的报告年度 {year} 年不符。",
                        where,
                    )
                )
        for match in _PERIOD.finditer(norm):
            if int(match.group(1)) != year or int(match.group(2)) != year:
                findings.append(
                    Finding(
                        "year.mismatch",
                        "error",
                        f"统计期限“{match.group(0)}”与报告年度 {year} 年不符。",
                        where,
                    )
                )
        leading = _LEADING_YEAR.match(norm)
        sentence = re.split(r"[。；;]", norm, maxsplit=1)[0]
        if leading and int(leading.group(1)) < year and not _COMPARISON.search(sentence):
            findings.append(
                Finding(
                    "year.mismatch",
                    "warning",
                    f"段落以“{leading.group(1)}年”开头，报告年度为 {year} 年：可能是沿用往年的文字。",
                    where,
                )
            )
    return findings


def _section_findings(reading: Reading) -> list[Finding]:
    findings = []
    for number, heading in enumerate(REPORT_SECTIONS, start=1):
        if number not in reading.headings:
            findings.append(
                Finding("section.missing", "error", f"缺少第{_NUMERALS[number - 1]}部分“{heading}”。", heading)
            )
    present = sorted(reading.headings.items(), key=lambda item: item[1])
    numbers = [number for number, _index in present]
    if numbers != sorted(numbers):
        order = "、".join(REPORT_SECTIONS[n - 1].split("、")[0] for n in numbers)
        findings.append(
            Finding("section.missing", "error", f"各部分的顺序（{order}）与年报格式不符，应为一至六。", "sections")
        )
    return findings


_FEE_WORDS = ("信息处理费", "处理费")


def check_reading(
    reading: Reading, *, kind: str | None = None, year: int | None = None, today: dt.date | None = None
) -> list[Finding]:
    """All within-report checks; ``year`` is the year the report should be on (else the title's)."""
    findings = list(reading.findings)
    if reading.format == "unknown":
        findings.append(
            Finding(
                "format.unknown",
                "error",
                "未识别为政府信息公开工作年度报告：既没有年报格式的表格，也没有“××年政府信息公开工作年度报告”式的标题。",
                "document",
            )
        )
        return findings
    report_year = reading.year or year
    if year is not None and reading.year is not None and reading.year != year:
        findings.append(
            Finding("year.mismatch", "error", f"报告标题的年度为 {reading.year} 年，应为 {year} 年。", "title")
        )
    if report_year is not None:
        findings += _year_findings(reading, report_year)
    # 国办公开办函〔2021〕30号：自2021年度报告起使用新格式 (law.report.REPORT_FORMATS).
    due_format = _format_due(report_year)
    if reading.format == "legacy" and due_format is not None and due_format.key == COMPUTED_FORMAT:
        findings.append(
            Finding(
                "format.legacy",
                "error",
                f"{report_year}年度报告应使用2021年发布的年度报告格式（六个部分、三张统计表），本报告仍为旧式文字报告。",
                "document",
            )
        )
    if reading.format == "2021":
        findings += _section_findings(reading)
        findings += _arith_findings(reading)
        other = reading.sections.get(6)
        if other is not None and not any(word in other for word in _FEE_WORDS):
            findings.append(
                Finding(
                    "fees.missing",
                    "error",
                    "第六部分“其他需要报告的事项”未说明信息处理费的收取情况（国办函〔2020〕109号）。",
                    REPORT_SECTIONS[5],
                )
            )
    findings += _deadline_findings(reading, kind=kind, year=report_year, today=today)
    return findings


def _format_due(year: int | None) -> ReportFormat | None:
    if year is None:
        return None
    try:
        return report_format(year).value
    except NotInForce:
        return None


def _arith_findings(reading: Reading) -> list[Finding]:
    assert reading.tables is not None
    unread = reading.unread
    s3_whole = not any(u.startswith("section3") for u in unread)
    out = []
    for failure in check_tables(reading.tables):
        section, row = failure.cell.split(".")[:2]
        if failure.code == "arith.row_total" and (f"section3.{row}" in unread or "section3" in unread):
            continue
        if failure.code in ("arith.results_total", "arith.balance") and not s3_whole:
            continue
        if failure.code == "arith.section4_total" and "section4" in unread:
            continue
        if section == "section2" and "section2" in unread:
            continue
        out.append(Finding(failure.code, "error", failure.message, failure.cell))
    return out


def _deadline_findings(reading: Reading, *, kind: str | None, year: int | None, today: dt.date | None) -> list[Finding]:
    if year is None:
        return []
    kind = kind or guess_kind(reading.agency)
    try:
        rule = deadline_rule(year)
    except NotInForce as exc:
        return [Finding("deadline.unknown", "info", exc.message, "")]
    deadline = deadline_for(kind, year)
    who = "人民政府" if kind == "government" else "政府部门"
    if reading.published_on is None:
        return [
            Finding("deadline.unknown", "info", f"未找到发布日期，无法核对是否在{chinese_date(deadline)}前公布。", "")
        ]
    if reading.published_on > deadline:
        days = (reading.published_on - deadline).days
        return [
            Finding(
                "deadline.late",
                "error",
                f"{who}的{year}年度报告应在{chinese_date(deadline)}前公布（{rule.source}），"
                f"实际发布于{chinese_date(reading.published_on)}，晚了 {days} 天。",
                "published_on",
            )
        ]
    if today is not None and reading.published_on > today:
        return [Finding("deadline.unknown", "warning", f"发布日期{chinese_date(reading.published_on)}晚于今天。", "")]
    return []


def check_pair(previous: Reading, current: Reading) -> list[Finding]:
    """上年结转 against last year's 结转下年度, 现行有效 against last year's + 制发 − 废止 (report_template.json "rules")."""
    if previous.tables is None or current.tables is None:
        return []
    skip = previous.unread | current.unread
    out = []
    for failure in check_carry_over(previous.tables, current.tables):
        if any(failure.cell.startswith(u) for u in skip) or "section3.carried_to_next_year" in previous.unread:
            continue
        out.append(Finding(failure.code, "error", failure.message, failure.cell))
    return out


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
