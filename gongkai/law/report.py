"""The annual report's tables (国办公开办函〔2021〕30号, 《中华人民共和国政府信息公开工作年度报告格式》) computed from records.

Pure Python: the reports app reads the database once per source and hands plain records to these functions, so the
rules can be tested on their own (table-driven, by hand-counted fixtures).

How a year Y is counted (条例 第五十条; the 2021 format's 表二 — 表四):

- 表二 第二十条第（一）项 (规章 / 行政规范性文件): 本年制发 = issued in Y; 本年废止 = repealed (废止 or 失效) in Y;
  现行有效 = issued by the end of Y and not repealed by then.  So in_force(Y) = in_force(Y-1) + issued(Y) - repealed(Y)
  holds by construction.
- 表三: 本年新收 = received in Y (the receipt date of 条例第三十一条, not the submission date); 上年结转 = received
  before Y and still open on 1 January; the 21 result rows = closed in Y, by result; 结转下年度 = received by the end
  of Y and still open on 31 December.  Every column therefore satisfies 一 + 二 = 三（七） + 四.
- 表四 is computed by gongkai.law.cases (the reconsideration and litigation cases).

:func:`check_tables` verifies every rule of the template (``report_template.json`` "rules") on any set of tables —
ours or one read from a published report — and names the cell that fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.law.outcomes import (
    APPLICANT_KINDS,
    RESULT_ROWS,
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
    report_template,
)
from gongkai.law.versions import Version, Versioned

__all__ = [
    "COMPUTED_FORMAT",
    "DEADLINES",
    "DEADLINE_RULES",
    "ENTERED_ROWS",
    "NORMATIVE_ROWS",
    "REPORT_FORMATS",
    "SECTION2_ROWS",
    "Failure",
    "NormativeRecord",
    "PublicationStatus",
    "ReplyTimeliness",
    "ReportFormat",
    "RequestRecord",
    "Section2Row",
    "UnclassifiedRequest",
    "cell_label",
    "check_carry_over",
    "check_tables",
    "deadline_for",
    "deadline_rule",
    "empty_section2",
    "empty_section3",
    "is_amount",
    "publication_status",
    "reply_timeliness",
    "report_format",
    "section2_normative",
    "section3",
]

_TEMPLATE = report_template()


# --- the format of the report, by year ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFormat:
    """One era of the annual report's format: its key, the instrument that set it, whether it has tables."""

    key: str  # "legacy" | "2019" | "2021"
    name: str
    tables: bool  # the format prescribes the statistical tables (表二—表四)


# Which format a report on year Y follows, by the instrument in force on the last day of Y
# (shared/reference/regulation.md, B):
# - free text under 条例（2007年，国务院令第492号）第三十二条 — in force 2008-05-01; the reports on 2008 to 2018;
# - 《政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号 of 2019-11-27 — the reports on 2019 and 2020
#   (表二 with 本年新制作/本年新公开/对外公开总数量 columns; a single （六）其他处理 row);
# - 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 of 2021-09-26 — from the report on 2021;
#   its tables are ``report_template_2021.json``, the only ones gongkai computes.
REPORT_FORMATS: Versioned[ReportFormat] = Versioned(
    "年度报告格式",
    Version(dt.date(2008, 5, 1), "条例（国务院令第492号）第三十二条", ReportFormat("legacy", "文字报告", False)),
    Version(
        dt.date(2019, 11, 27),
        "国办公开办函〔2019〕60号",
        ReportFormat("2019", "政府信息公开工作年度报告格式（试行）", True),
    ),
    Version(
        dt.date(2021, 9, 26),
        "国办公开办函〔2021〕30号",
        ReportFormat("2021", "中华人民共和国政府信息公开工作年度报告格式", True),
    ),
)
COMPUTED_FORMAT = "2021"  # the format of report_template_2021.json, whose tables gongkai computes


def report_format(year: int) -> Version[ReportFormat]:
    """The format the report on ``year`` must follow (judged on the last day of that year); NotInForce before 2008."""
    return REPORT_FORMATS.version_on(dt.date(year, 12, 31))


# --- 表二's rows, from the template ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section2Row:
    """One row of 表二 as the template lays it out: its block (the 第二十条 item), key, label and columns."""

    block: str  # “第二十条第（五）项”
    key: str  # “licensing”
    label: str  # “行政许可”
    columns: tuple[tuple[str, str], ...]  # ((“decisions”, “本年处理决定数量”), …)
    from_catalog: bool  # counted by gongkai from the catalog; otherwise entered per year with its source

    def header(self, column: str) -> str:
        """The column heading an import file uses for a cell of this row: the row's label — with the unit when the
        cell is an amount (“行政事业性收费（万元）”), with the column's label when the row has several
        (“规章（本年制发件数）”) — so every cell of 表二 has a heading of its own."""
        label = dict(self.columns)[column]
        if len(self.columns) > 1:
            return f"{self.label}（{label}）"
        return f"{self.label}（{column_unit(label)}）" if is_amount(label) else self.label


# 条例 第二十条第（一）项 (规章 and 行政规范性文件) are documents the agency publishes in its catalog, so gongkai counts
# them itself (section2_normative); every other row of 表二 (第（五）（六）（八）项: 许可、处罚、强制 decisions and 行政事业性
# 收费) is kept in the agency's other systems and entered per year with its source.  A row added to the template
# under another item is therefore an entered row: a template change, nothing else.
CATALOG_BLOCK = "第二十条第（一）项"
SECTION2_ROWS: tuple[Section2Row, ...] = tuple(
    Section2Row(
        block["label"],
        key,
        label,
        tuple(block["columns"].items()),
        block["label"] == CATALOG_BLOCK,
    )
    for block in _TEMPLATE["section2"]["blocks"]
    for key, label in block["rows"].items()
)
ENTERED_ROWS: tuple[Section2Row, ...] = tuple(row for row in SECTION2_ROWS if not row.from_catalog)
NORMATIVE_ROWS: tuple[str, ...] = tuple(row.key for row in SECTION2_ROWS if row.from_catalog)
SECTION2_LABELS: dict[str, str] = {row.key: row.label for row in SECTION2_ROWS}
SECTION4_LABELS = SECTION4_GROUPS


def is_amount(column_label: str) -> bool:
    """An amount of money (本年收费金额（单位：万元）), not a count: the template's note makes every other cell a
    non-negative integer."""
    return "元" in column_label


def column_unit(column_label: str) -> str:
    """The unit a column states (“本年收费金额（单位：万元）” → 万元); 件 for counts."""
    match = re.search(r"单位[：:]\s*([^）)]+)", column_label)
    return match.group(1) if match else ("元" if is_amount(column_label) else "件")


def empty_section2() -> dict[str, dict[str, Any]]:
    """表二 with every cell zero (amounts as Decimal)."""
    return {
        row.key: {col: Decimal(0) if is_amount(label) else 0 for col, label in row.columns} for row in SECTION2_ROWS
    }


# When the report on a year must be published, by the 条例 in force at the end of that year:
# - 条例（2007年，国务院令第492号）第三十一条：“各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度
#   报告。” — in force from 2008-05-01, so for the reports on 2008 to 2018.
# - 条例（2019年修订）第四十九条：“县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本部门上一
#   年度政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会
#   公布本级政府上一年度政府信息公开工作年度报告。” — in force from 2019-05-15 (shared/reference/regulation.md,
#   article 49), so for the reports on 2019 and later.
DEADLINE_RULES: Versioned[dict[str, tuple[int, int]]] = Versioned(
    "年度报告公布期限",
    Version(dt.date(2008, 5, 1), "条例（国务院令第492号）第三十一条", {"department": (3, 31), "government": (3, 31)}),
    Version(dt.date(2019, 5, 15), "条例（2019年修订）第四十九条", {"department": (1, 31), "government": (3, 31)}),
)
# The rule in force today (the public guide states it).
DEADLINES: dict[str, tuple[int, int]] = DEADLINE_RULES.versions[-1].value


def deadline_rule(year: int) -> Version[dict[str, tuple[int, int]]]:
    """The deadline rule for the report on ``year``: the 条例 in force on the last day of that year."""
    return DEADLINE_RULES.version_on(dt.date(year, 12, 31))


def deadline_for(kind: str, year: int) -> dt.date:
    """The last day to publish the report on ``year``: 3-31 of year+1 for every agency up to the report on 2018
    (条例 2007 第三十一条); from the report on 2019, 1-31 for departments and 3-31 for governments (条例 第四十九条).
    NotInForce for a year before the 条例 took effect (2008)."""
    month, day = deadline_rule(year).value[kind]
    return dt.date(year + 1, month, day)


@dataclass(frozen=True)
class PublicationStatus:
    deadline: dt.date
    late: bool  # published after the deadline, or unpublished and the deadline has passed
    days_left: int | None  # until the deadline while unpublished (negative once it has passed)


def publication_status(kind: str, year: int, *, published_on: dt.date | None, today: dt.date) -> PublicationStatus:
    """Whether the report on ``year`` was (or, unpublished, now is) late against its deadline (条例 第四十九条)."""
    deadline = deadline_for(kind, year)
    return PublicationStatus(
        deadline=deadline,
        late=(published_on or today) > deadline,
        days_left=None if published_on else (deadline - today).days,
    )


# --- 表二 第二十条第（一）项 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormativeRecord:
    kind: str  # "rule" | "normative_document"
    issued_on: dt.date
    repealed_on: dt.date | None = None


_KIND_ROW = {"rule": "rules", "normative_document": "normative_documents"}


def section2_normative(records: Iterable[NormativeRecord], year: int) -> dict[str, dict[str, int]]:
    """本年制发 / 本年废止 / 现行有效 for 规章 and 行政规范性文件 (条例第二十条第（一）项)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = {row: {"issued": 0, "repealed": 0, "in_force": 0} for row in NORMATIVE_ROWS}
    for record in records:
        row = table[_KIND_ROW[record.kind]]
        if start <= record.issued_on <= end:
            row["issued"] += 1
        if record.repealed_on is not None and start <= record.repealed_on <= end:
            row["repealed"] += 1
        if record.issued_on <= end and (record.repealed_on is None or record.repealed_on > end):
            row["in_force"] += 1
    return table


# --- 表三 ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRecord:
    ref: str  # tracking code or register number, named when the record cannot be counted
    applicant_kind: str
    received_on: dt.date
    closed_on: dt.date | None = None
    outcome: str = ""
    due_on: dt.date | None = None  # the statutory due date, for the on-time rate of the narrative


class UnclassifiedRequest(ValueError):
    """A request closed without a result, or with a result/applicant kind the template does not know."""

    def __init__(self, refs: list[str], reason: str) -> None:
        self.refs = refs
        shown = "、".join(refs[:10]) + ("等" if len(refs) > 10 else "")
        super().__init__(f"{reason}：{shown}（共 {len(refs)} 件）")


def empty_section3() -> dict[str, dict[str, int]]:
    return {row: dict.fromkeys(SECTION3_COLUMNS, 0) for row in SECTION3_ROW_KEYS}


def section3(records: Iterable[RequestRecord], year: int) -> dict[str, dict[str, int]]:
    """表三 for ``year``: rows by result, columns by applicant kind, 总计 per row, （七）总计 per column."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = empty_section3()
    unclassified: list[str] = []
    unknown: list[str] = []
    for r in records:
        if r.applicant_kind not in APPLICANT_KINDS:
            unknown.append(r.ref)
            continue
        col = r.applicant_kind
        if r.received_on > end or (r.closed_on is not None and r.closed_on < start):
            continue
        if r.received_on >= start:
            table["new_this_year"][col] += 1
        else:
            table["carried_from_last_year"][col] += 1
        if r.closed_on is not None and r.closed_on <= end:
            if r.outcome not in RESULT_ROWS:
                unclassified.append(r.ref)
                continue
            table[r.outcome][col] += 1
        else:
            table["carried_to_next_year"][col] += 1
    if unknown:
        raise UnclassifiedRequest(unknown, "申请人类型不属于年报格式的六类")
    if unclassified:
        raise UnclassifiedRequest(unclassified, "已办结但未按年报格式归类办理结果的申请")
    for col in APPLICANT_KINDS:
        table["results_total"][col] = sum(table[row][col] for row in RESULT_ROWS)
    for row in SECTION3_ROW_KEYS:
        table[row]["total"] = sum(table[row][col] for col in APPLICANT_KINDS)
    return table


# --- 按期答复 (条例 第三十三条) ----------------------------------------------------------------------------------
# A reply is late when the request was closed after its statutory due date (条例 第三十三条: 20 working days from
# receipt, extended by at most 20 with approval; pauses for 补正 and consultation not counted — the due date
# already includes them).  A request still open when its due date has passed is late too, and is not hidden by
# the on-time rate of the closed ones: it is counted and named as of the report's date — the computation date
# for the current year, 12-31 for a finished year (what the year carried over unanswered and overdue).


@dataclass(frozen=True)
class ReplyTimeliness:
    as_of: dt.date  # the date the open requests are judged on
    closed: int  # closed in the year
    timed: int  # of those, with a due date to judge them by
    closed_late: int  # closed in the year after their due date
    open_overdue: tuple[str, ...]  # refs of requests open on ``as_of`` whose due date is before it, by due date

    @property
    def on_time_rate(self) -> float | None:
        return round((self.timed - self.closed_late) * 100 / self.timed, 1) if self.timed else None


def reply_timeliness(records: Iterable[RequestRecord], year: int, *, today: dt.date) -> ReplyTimeliness:
    """Late replies for the report on ``year``: closed late in the year, and open past their due date on
    ``min(today, 12-31)`` among the requests received by the year end (carried-in ones included)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    as_of = min(today, end)
    closed = timed = late = 0
    overdue: list[tuple[dt.date, str]] = []
    for r in records:
        if r.received_on > end:
            continue
        if r.closed_on is not None and start <= r.closed_on <= end:
            closed += 1
            if r.due_on is not None:
                timed += 1
                late += r.closed_on > r.due_on
        if (r.closed_on is None or r.closed_on > as_of) and r.due_on is not None and r.due_on < as_of:
            overdue.append((r.due_on, r.ref))
    return ReplyTimeliness(as_of, closed, timed, late, tuple(ref for _, ref in sorted(overdue)))


# --- 勾稽关系 -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """One broken rule, with the cell it concerns (e.g. ``section3.results_total.natural_person``)."""

    code: str
    cell: str
    message: str
    expected: Any = None
    found: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "cell": self.cell,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
        }


def _col_label(col: str) -> str:
    return SECTION3_COLUMNS[col].replace("/", "·")


def _row_label(row: str) -> str:
    return SECTION3_ROW_LABELS[row].split("/")[-1]


def check_tables(tables: Mapping[str, Any]) -> list[Failure]:
    """Every within-year rule of the 2021 format, checked; an empty list means the tables are consistent."""
    failures: list[Failure] = []
    s3 = tables.get("section3") or {}
    for row in SECTION3_ROW_KEYS:
        cells = s3.get(row) or {}
        expected = sum(int(cells.get(col, 0) or 0) for col in APPLICANT_KINDS)
        found = int(cells.get("total", 0) or 0)
        if expected != found:
            failures.append(
                Failure(
                    "arith.row_total",
                    f"section3.{row}.total",
                    f"表三“{_row_label(row)}”行的总计应为各类申请人之和 {expected}，现为 {found}。",
                    expected,
                    found,
                )
            )
    for col in SECTION3_COLUMNS:

        def cell(row: str, col: str = col) -> int:
            return int((s3.get(row) or {}).get(col, 0) or 0)

        expected = sum(cell(row) for row in RESULT_ROWS)
        if expected != cell("results_total"):
            failures.append(
                Failure(
                    "arith.results_total",
                    f"section3.results_total.{col}",
                    f"表三“{_col_label(col)}”列的（七）总计应为各项办理结果之和 {expected}，现为 {cell('results_total')}。",
                    expected,
                    cell("results_total"),
                )
            )
        inflow = cell("new_this_year") + cell("carried_from_last_year")
        outflow = cell("results_total") + cell("carried_to_next_year")
        if inflow != outflow:
            failures.append(
                Failure(
                    "arith.balance",
                    f"section3.carried_to_next_year.{col}",
                    f"表三“{_col_label(col)}”列：本年新收 + 上年结转 = {inflow}，办理结果总计 + 结转下年度 = {outflow}，"
                    "两者应相等。",
                    inflow,
                    outflow,
                )
            )
    s4 = tables.get("section4") or {}
    for group, label in SECTION4_GROUPS.items():
        cells = s4.get(group) or {}
        expected = sum(int(cells.get(c, 0) or 0) for c in SECTION4_COLUMNS if c != "total")
        found = int(cells.get("total", 0) or 0)
        if expected != found:
            failures.append(
                Failure(
                    "arith.section4_total",
                    f"section4.{group}.total",
                    f"表四“{label.replace('/', '·')}”的总计应为维持、纠正、其他、尚未审结之和 {expected}，现为 {found}。",
                    expected,
                    found,
                )
            )
    s2 = tables.get("section2") or {}
    for row in SECTION2_ROWS:
        for col, label in row.columns:
            value = (s2.get(row.key) or {}).get(col, 0)
            if is_amount(label):
                try:
                    valid = Decimal(str(value)) >= 0
                except (ValueError, ArithmeticError):
                    valid = False
                message = f"表二“{row.label}”{label}应为非负数。"
            else:
                valid = isinstance(value, int) and not isinstance(value, bool) and value >= 0
                message = f"表二“{row.label}”应为非负整数。"
            if not valid:
                failures.append(Failure("value.invalid", f"section2.{row.key}.{col}", message, None, value))
    return failures


def cell_label(cell: str) -> str:
    """A cell name such as ``section3.new_this_year.total`` in the format's own words, for officers."""
    parts = cell.split(".")
    if len(parts) < 2:
        return cell
    section, row, col = parts[0], parts[1], parts[2] if len(parts) > 2 else None
    if section == "section3":
        from gongkai.law.outcomes import RESULT_GROUPS

        if row in RESULT_GROUPS:
            return f"表三“{RESULT_GROUPS[row][0]}”"
        label = SECTION3_ROW_LABELS.get(row, row).split("/")[-1]
        return f"表三“{label}”行" + (f"“{_col_label(col)}”列" if col in SECTION3_COLUMNS else "")
    if section == "section2":
        columns = {c: label for block in _TEMPLATE["section2"]["blocks"] for c, label in block["columns"].items()}
        return f"表二“{SECTION2_LABELS.get(row, row)}”" + (f"“{columns[col]}”" if col in columns else "")
    if section == "section4":
        group = SECTION4_GROUPS.get(row, "行政诉讼" if row == "litigation" else row).replace("/", "·")
        return f"表四“{group}”" + (f"“{SECTION4_COLUMNS[col]}”" if col in SECTION4_COLUMNS else "")
    return "正文所依据的统计数据"


def check_carry_over(previous: Mapping[str, Any], current: Mapping[str, Any]) -> list[Failure]:
    """The across-year rules: 上年结转(Y) = 结转下年度(Y-1) per column; 现行有效(Y) = 现行有效(Y-1) + 制发 − 废止."""
    failures: list[Failure] = []
    before = previous.get("section3") or {}
    now = current.get("section3") or {}
    for col in SECTION3_COLUMNS:
        expected = int((before.get("carried_to_next_year") or {}).get(col, 0) or 0)
        found = int((now.get("carried_from_last_year") or {}).get(col, 0) or 0)
        if expected != found:
            failures.append(
                Failure(
                    "carry.requests",
                    f"section3.carried_from_last_year.{col}",
                    f"表三“{_col_label(col)}”列的上年结转 {found} 与上年报告的结转下年度 {expected} 不一致。",
                    expected,
                    found,
                )
            )
    before2 = previous.get("section2") or {}
    now2 = current.get("section2") or {}
    for row in NORMATIVE_ROWS:
        b, n = before2.get(row) or {}, now2.get(row) or {}
        expected = int(b.get("in_force", 0)) + int(n.get("issued", 0)) - int(n.get("repealed", 0))
        found = int(n.get("in_force", 0))
        if expected != found:
            failures.append(
                Failure(
                    "carry.normative",
                    f"section2.{row}.in_force",
                    f"表二“{SECTION2_LABELS[row]}”现行有效件数应为上年 {b.get('in_force', 0)} + 本年制发 "
                    f"{n.get('issued', 0)} − 本年废止 {n.get('repealed', 0)} = {expected}，现为 {found}。",
                    expected,
                    found,
                )
            )
    return failures
