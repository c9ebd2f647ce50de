"""The 2019 format of the annual report, and what tells the formats apart.

《政府信息公开工作年度报告格式（试行）》 was sent out by 国务院办公厅政府信息与政务公开办公室 with
国办公开办函〔2019〕60号 (2019-11-27) for the reports on 2019 and 2020 (:data:`gongkai.law.report.REPORT_FORMATS`);
国办公开办函〔2021〕30号 replaced it from the report on 2021.  No copy of the 2019 instrument is held in
shared/reference/ (only the 2021 template, report_template_2021.json); its tables are described here as the real
2019-format reports of tests/checker/real/ print them — every row label and column below is printed so in
2019-2020-hebao-town.txt (表二 one cell per line), 2019-2019-tongzhou-bureau.txt and
2019-2019-shanghai-general-office.html (all three tables) — and as tests/checker/real/schema.py records them:

- 表二 (主动公开政府信息情况) has five blocks by the 条例's 第二十条: 第（一）项 规章 / 规范性文件 with
  本年新制作数量, 本年新公开数量, 对外公开总数量 (the 2021 format: 本年制发件数, 本年废止件数, 现行有效件数);
  第（五）项 行政许可 / 其他对外管理服务事项 and 第（六）项 行政处罚 / 行政强制 with 上一年项目数量, 本年增/减,
  处理决定数量 (2021: 本年处理决定数量 only); 第（八）项 行政事业性收费 with 上一年项目数量, 本年增/减 (2021: 本年收费
  金额); 第（九）项 政府集中采购 with 采购项目数量, 采购总金额 (not in 2021).  Some provinces print a row
  其他主动公开文件 in 第（一）项 (2019-2020-wuhan-ecology-bureau.txt).
- 表三 has the rows of the 2021 format but a single （六）其他处理 row, where 2021 has three
  (1.申请人无正当理由逾期不补正…, 2.申请人逾期未按收费通知要求缴纳费用…, 3.其他).
- 表四 is the same 15 figures.
- The six section headings are the same; section 六 need not state the 信息处理费: the fee statement is required by
  国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》, in force 2021-01-01) and the 2021 format's section 六, so
  from the report on 2021.

Pure data and small functions: :mod:`gongkai.law.report_reading` reads and checks with them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FEE_STATEMENT_FROM_YEAR",
    "FORMAT_CITATIONS",
    "FORMAT_WORDS",
    "SECTION2_ROWS_2019",
    "SECTION3_SINGLE_OTHER",
    "Section2Row2019",
    "format_of_words",
    "section2_blocks_2019",
]

_THREE = (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量"))
_ITEMS = (("last_year_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))


@dataclass(frozen=True)
class Section2Row2019:
    """A row of the 2019 format's 表二: its key, the label printed and the labels it is also printed with."""

    block: str
    key: str
    label: str
    columns: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...] = ()


SECTION2_ROWS_2019: tuple[Section2Row2019, ...] = (
    Section2Row2019("第二十条第（一）项", "rules", "规章", _THREE),
    Section2Row2019(
        "第二十条第（一）项", "normative_documents", "规范性文件", _THREE, ("行政规范性文件", "规范性档案")
    ),
    Section2Row2019("第二十条第（一）项", "other_documents", "其他主动公开文件", _THREE, ("其他主动公开档案",)),
    Section2Row2019("第二十条第（五）项", "licensing", "行政许可", _ITEMS),
    Section2Row2019("第二十条第（五）项", "other_services", "其他对外管理服务事项", _ITEMS),
    Section2Row2019("第二十条第（六）项", "penalty", "行政处罚", _ITEMS),
    Section2Row2019("第二十条第（六）项", "coercion", "行政强制", _ITEMS),
    Section2Row2019("第二十条第（八）项", "fees", "行政事业性收费", _ITEMS[:2]),
    Section2Row2019(
        "第二十条第（九）项", "procurement", "政府集中采购", (("items", "采购项目数量"), ("amount", "采购总金额"))
    ),
)
# The heading of 表二's label column, as the format prints it.
CONTENT_HEADER = "信息内容"
# The key of 表三's single （六）其他处理 row (tests/checker/real/schema.py uses the same).
SECTION3_SINGLE_OTHER = "other"

# Column headings only one format prints (normalised: half-width, no spaces), so that a single table — 表二 alone,
# an excerpt — tells the format.
FORMAT_WORDS: dict[str, tuple[str, ...]] = {
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "采购项目数量",
        "采购总金额",
    ),
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
    ),
}
# The instrument a report cites for its format (“根据…年度报告格式（国办公开办函〔2021〕30号）”).
FORMAT_CITATIONS: dict[str, tuple[str, ...]] = {
    "2019": ("国办公开办函〔2019〕60号", "国办公开办函[2019]60号"),
    "2021": ("国办公开办函〔2021〕30号", "国办公开办函[2021]30号"),
}
# The first report year whose section 六 must state the 信息处理费 (国办函〔2020〕109号, in force 2021-01-01).
FEE_STATEMENT_FROM_YEAR = 2021


def format_of_words(text: str) -> tuple[str | None, str]:
    """The format a normalised text shows, and how: (``"2019"``/``"2021"``/None, ``"table"``/``"citation"``/``""``).

    Column headings decide (both formats' headings in one text: the one with more of them); else the cited 文."""
    counts = {key: sum(word in text for word in words) for key, words in FORMAT_WORDS.items()}
    if counts["2019"] or counts["2021"]:
        return ("2019" if counts["2019"] > counts["2021"] else "2021"), "table"
    cited = [key for key, marks in FORMAT_CITATIONS.items() if any(mark in text for mark in marks)]
    if len(cited) == 1:
        return cited[0], "citation"
    return None, ""


def section2_blocks_2019(section2: dict[str, dict[str, object]]) -> list[dict[str, object]]:
    """表二 of a 2019-format reading as printed: ``[{"block", "columns": [labels], "rows": [{"label", "values"}]}]``
    (the rows of one 第二十条 item under their column headings), for showing it beside the findings."""
    blocks: list[dict[str, object]] = []
    for row in SECTION2_ROWS_2019:
        if row.key not in section2:
            continue
        if not blocks or blocks[-1]["block"] != row.block:
            columns = [label for _key, label in row.columns]
            blocks.append({"block": row.block, "header": CONTENT_HEADER, "columns": columns, "rows": []})
        values = [section2[row.key].get(key) for key, _label in row.columns]
        rows = blocks[-1]["rows"]
        assert isinstance(rows, list)
        rows.append({"label": row.label, "values": values})
    return blocks
