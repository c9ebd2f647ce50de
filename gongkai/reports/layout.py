"""The three tables of the annual report laid out as in the official format (国办公开办函〔2021〕30号), once.

A :class:`Grid` is a table of anchor cells with their row and column spans; the DOCX, XLSX and HTML exports all
render the same grids, so the merged headers are defined in one place:

- 表二 (section 二): one four-column table of four blocks, 第二十条第（一）项, （五）, （六）, （八）, each with its own
  header row 信息内容 | columns; a block with one value column spans the three value columns.
- 表三 (section 三): a three-row column header (the 勾稽关系 note over the label columns, 申请人情况 over the seven
  applicant columns, 法人或其他组织 over its five kinds) and a three-column row header (三、本年度办理结果 over the
  result rows, （三）不予公开 over its eight items, …).
- 表四 (section 四): 行政复议 over five columns, 行政诉讼 over ten (未经复议直接起诉 and 复议后起诉 over five each),
  then 结果维持 … 总计 under each, and one row of figures.

Labels come from :mod:`gongkai.law.outcomes` and :mod:`gongkai.law.report` (the template file); the three header
words the template file does not hold are below, with the format as their source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.core.paper import TEXT_BLOCK_MM
from gongkai.law.outcomes import (
    REPORT_SECTIONS,
    RESULT_ROWS,
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
    report_template,
)
from gongkai.law.report import is_amount

__all__ = [
    "BALANCE_NOTE",
    "CONTENT_HEADER",
    "SECTION2_BLOCKS",
    "Cell",
    "Grid",
    "amount",
    "count",
    "grids",
    "narrative_sections",
    "paragraphs",
    "section2_grid",
    "section3_grid",
    "section4_grid",
]

# 国办公开办函〔2021〕30号 表二：每一块的表头首列为“信息内容”。
CONTENT_HEADER = "信息内容"
# 国办公开办函〔2021〕30号 表三：左上角的说明与申请人各列的总表头。
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"

SECTION2_BLOCKS: list[dict[str, Any]] = report_template()["section2"]["blocks"]
_SECTION2_WIDTH = max(len(block["columns"]) for block in SECTION2_BLOCKS)  # value columns of 表二

Value = str | int | Decimal
TEXT_WIDTH_MM = float(TEXT_BLOCK_MM[0])  # GB/T 9704-2012 (gongkai.core.paper): the A4 text block is 156 mm wide


@dataclass(frozen=True)
class Cell:
    """An anchor cell: its top-left position in the grid, its spans, and its value (a label or a figure)."""

    row: int
    col: int
    value: Value
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str = ""  # for HTML header cells: "col" or "row" (a spanning header covers the rows/columns it spans)

    @property
    def is_number(self) -> bool:
        return not isinstance(self.value, str)

    @property
    def text(self) -> str:
        if isinstance(self.value, Decimal):
            return format(self.value, "f")
        return str(self.value)

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class Grid:
    """One table: ``n_rows`` × ``n_cols``, the first ``header_rows`` rows repeat on every page."""

    key: str  # section2 | section3 | section4
    heading: str  # the section's official heading, e.g. 三、收到和处理政府信息公开申请情况
    n_rows: int
    n_cols: int
    header_rows: int
    cells: tuple[Cell, ...]
    widths: tuple[float, ...]  # column widths in mm on an A4 text block of TEXT_WIDTH_MM (other media scale them)

    @property
    def rows(self) -> list[list[Cell]]:
        """Anchor cells row by row, left to right (what an HTML table with rowspan/colspan needs)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out

    @property
    def head(self) -> list[list[Cell]]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[self.header_rows :]

    @property
    def percent_widths(self) -> list[str]:
        total = sum(self.widths)
        return [f"{100 * w / total:.2f}" for w in self.widths]


def amount(value: Any) -> Decimal:
    """行政事业性收费（万元） as a plain decimal (12.50 → 12.5, 0.0 → 0); a value that is no number counts as 0."""
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        return Decimal(0)
    if not number.is_finite():
        return Decimal(0)
    number = number.normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def count(value: Any) -> int:
    """A table figure as an int; a missing or unreadable one counts as 0."""
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _count(table: Mapping[str, Any], row: str, col: str) -> int:
    return count((table.get(row) or {}).get(col))


def _spans(paths: Sequence[Sequence[str]], depth: int) -> list[tuple[int, int, int, int, str]]:
    """Header cells for a run of label paths (one per row, or per column), ``depth`` levels deep.

    Returns (index, level, span along the run, span across the levels, label).  A path's last label stretches across
    the levels it does not use; an inner label merges along the run with its neighbours that share the same prefix.
    """
    out = []
    for level in range(depth):
        index = 0
        while index < len(paths):
            path = paths[index]
            if level >= len(path):
                index += 1
                continue
            leaf = level == len(path) - 1
            along = 1
            if not leaf:
                while (
                    index + along < len(paths)
                    and len(paths[index + along]) > level + 1
                    and tuple(paths[index + along][: level + 1]) == tuple(path[: level + 1])
                ):
                    along += 1
            out.append((index, level, along, depth - level if leaf else 1, path[level]))
            index += along
    return out


# --- 表二 ------------------------------------------------------------------------------------------------------


def section2_grid(tables: Mapping[str, Any]) -> Grid:
    """表二：第二十条第（一）项、（五）项、（六）项、（八）项, one block under the other."""
    data = tables.get("section2") or {}
    width = 1 + _SECTION2_WIDTH
    cells: list[Cell] = []
    row = 0
    for block in SECTION2_BLOCKS:
        columns = block["columns"]
        span = _SECTION2_WIDTH // len(columns)
        cells.append(Cell(row, 0, block["label"], colspan=width, header=True, scope="col"))
        cells.append(Cell(row + 1, 0, CONTENT_HEADER, header=True, scope="col"))
        for i, label in enumerate(columns.values()):
            cells.append(Cell(row + 1, 1 + i * span, label, colspan=span, header=True, scope="col"))
        row += 2
        for row_key, label in block["rows"].items():
            cells.append(Cell(row, 0, label, header=True, scope="row"))
            for i, (col_key, col_label) in enumerate(columns.items()):
                if is_amount(col_label):
                    value: Value = amount((data.get(row_key) or {}).get(col_key))
                else:
                    value = _count(data, row_key, col_key)
                cells.append(Cell(row, 1 + i * span, value, colspan=span))
            row += 1
    widths = (60.0,) + (96.0 / _SECTION2_WIDTH,) * _SECTION2_WIDTH
    return Grid("section2", REPORT_SECTIONS[1], row, width, 0, tuple(cells), widths)


# --- 表三 ------------------------------------------------------------------------------------------------------

_LABEL_DEPTH = 3  # 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密
# Column widths in mm of the 156 mm text block: 自然人 and 总计 fit three 9 pt characters, the five kinds of
# 法人或其他组织 wrap after two (商业/企业), as in the official table.
_SECTION3_WIDTHS = (8.5, 16.0, 55.0, 12.0, *(10.5,) * 5, 12.0)
_RESULTS_LABEL = SECTION3_ROW_LABELS[RESULT_ROWS[0]].split("/")[0]  # 三、本年度办理结果


def _row_path(row_key: str) -> list[str]:
    parts = SECTION3_ROW_LABELS[row_key].split("/")
    if row_key in RESULT_ROWS or row_key == "results_total":
        parts = [_RESULTS_LABEL, *(p for p in parts if p != _RESULTS_LABEL)]
    return parts


def section3_grid(tables: Mapping[str, Any]) -> Grid:
    """表三：applications received and handled, by applicant kind (columns) and result (rows)."""
    data = tables.get("section3") or {}
    col_keys = list(SECTION3_COLUMNS)
    header_depth = 1 + max(len(label.split("/")) for label in SECTION3_COLUMNS.values())  # 申请人情况 + 2
    cells = [Cell(0, 0, BALANCE_NOTE, rowspan=header_depth, colspan=_LABEL_DEPTH, header=True)]
    col_paths = [[APPLICANTS_HEADER, *SECTION3_COLUMNS[key].split("/")] for key in col_keys]
    for index, level, along, across, label in _spans(col_paths, header_depth):
        cells.append(Cell(level, _LABEL_DEPTH + index, label, across, along, header=True, scope="col"))
    row_paths = [_row_path(key) for key in SECTION3_ROW_KEYS]
    for index, level, along, across, label in _spans(row_paths, _LABEL_DEPTH):
        cells.append(Cell(header_depth + index, level, label, along, across, header=True, scope="row"))
    for r, row_key in enumerate(SECTION3_ROW_KEYS):
        for c, col_key in enumerate(col_keys):
            cells.append(Cell(header_depth + r, _LABEL_DEPTH + c, _count(data, row_key, col_key)))
    return Grid(
        "section3",
        REPORT_SECTIONS[2],
        header_depth + len(SECTION3_ROW_KEYS),
        _LABEL_DEPTH + len(col_keys),
        header_depth,
        tuple(cells),
        _SECTION3_WIDTHS,
    )


# --- 表四 ------------------------------------------------------------------------------------------------------


def section4_grid(tables: Mapping[str, Any]) -> Grid:
    """表四：行政复议 and 行政诉讼 (未经复议直接起诉 / 复议后起诉), each by result, in one row of figures."""
    data = tables.get("section4") or {}
    paths = [[*SECTION4_GROUPS[g].split("/"), SECTION4_COLUMNS[c]] for g in SECTION4_GROUPS for c in SECTION4_COLUMNS]
    depth = max(len(p) for p in paths)
    cells = [
        Cell(level, index, label, across, along, header=True, scope="col")
        for index, level, along, across, label in _spans(paths, depth)
    ]
    col = 0
    for group in SECTION4_GROUPS:
        for column in SECTION4_COLUMNS:
            cells.append(Cell(depth, col, _count(data, group, column)))
            col += 1
    return Grid("section4", REPORT_SECTIONS[3], depth + 1, col, depth, tuple(cells), (TEXT_WIDTH_MM / col,) * col)


def grids(tables: Mapping[str, Any]) -> list[Grid]:
    """表二, 表三, 表四 of a report's ``tables`` (missing figures show as 0)."""
    tables = tables or {}
    return [section2_grid(tables), section3_grid(tables), section4_grid(tables)]


# --- the six sections ------------------------------------------------------------------------------------------

# 国办公开办函〔2021〕30号：一、五、六 are the agency's text; 二、三、四 are the tables above.
NARRATIVE_INDEX = {"overview": 0, "problems": 4, "other": 5}


def paragraphs(text: str | None) -> list[str]:
    """One paragraph per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def narrative_sections(narrative: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of sections 一, 五, 六, in order."""
    narrative = narrative or {}
    return [(REPORT_SECTIONS[index], paragraphs(narrative.get(key))) for key, index in NARRATIVE_INDEX.items()]
