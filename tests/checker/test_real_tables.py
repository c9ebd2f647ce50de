"""The 2019 format and the table layouts of real reports (issue 15, build 2), each case an excerpt of a document of
the real corpus (tests/checker/real/docs/, named on the case) as printed there."""

from __future__ import annotations

import pytest

from gongkai.law.report_reading import check_reading, read_report, text_lines

# 2019-2019-tongzhou-bureau.txt: 表二 of the 2019 format flattened one cell per line (“行政许可 |” / “16 |” …), a
# signed 本年增/减 (“+3”), and a value that is no figure (“--253”, kept as printed).
TONGZHOU = """依据《中华人民共和国政府信息公开条例》第五十条之规定,制作本报告。
一、总体情况
2019年,我局高度重视政府信息公开工作。
二、主动公开政府信息情况
信息内容 |
本年新制作数量 |
本年新公开数量 |
对外公开总数量 |
规章 |
0 |
0 |
0 |
规范性文件 |
0 |
0 |
0 |
第二十条第(五)项 |
|||
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
行政许可 |
16 |
+3 |
780 |
其他对外管理服务事项 |
+22 |
0 |
889 |
第二十条第(六)项 |
|||
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
行政处罚 |
253 |
--253 |
0 |
"""

# 2019-2020-xiaogan-general-office.txt: 表二 of the 2019 format as rows, the excerpt cut off inside the last row.
XIAOGAN = """孝感市人民政府办公室
2020年政府信息公开工作年度报告
一、总体情况
2020年,市人民政府办公室认真贯彻落实中央和省市全面推进政务公开各项决策部署。
二、主动公开政府信息情况
信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |
规章 | 2 | 2 | 3 |
规范性文件 | 11 | 11 | 119 |
其他主动公开文件 | 56 | 45 """

# 2021-2024-longgang-department.txt: 表二 of the 2021 format as rows closed by “|”.
LONGGANG = """一、总体情况
本年报根据《中华人民共和国政府信息公开条例》(下称《条例》)要求编制。
二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 5 | 1 | 25 |
第二十条第(五)项 |
信息内容 | 本年处理决定数量 |
行政许可 | 0 |
"""


@pytest.mark.parametrize(
    ("file", "text", "fmt", "cells"),
    [
        (
            "2019-2019-tongzhou-bureau.txt",
            TONGZHOU,
            "2019",
            {
                ("rules", "published"): 0,
                ("licensing", "last_year_items"): 16,
                ("licensing", "change"): 3,
                ("licensing", "decisions"): 780,
                ("other_services", "last_year_items"): 22,
                ("other_services", "decisions"): 889,
                ("penalty", "last_year_items"): 253,
                ("penalty", "change"): "--253",
            },
        ),
        (
            "2019-2020-xiaogan-general-office.txt",
            XIAOGAN,
            "2019",
            {
                ("normative_documents", "made"): 11,
                ("normative_documents", "published"): 11,
                ("normative_documents", "total_public"): 119,
                ("other_documents", "made"): 56,
                ("other_documents", "published"): 45,
            },
        ),
        (
            "2021-2024-longgang-department.txt",
            LONGGANG,
            "2021",
            {("normative_documents", "issued"): 5, ("normative_documents", "in_force"): 25},
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith(".txt") else "",
)
def test_section2_of_either_format_is_read_from_its_own_columns(file, text, fmt, cells):
    reading = read_report(text_lines(text))
    assert reading.format == fmt
    assert {cell: reading.tables["section2"][cell[0]][cell[1]] for cell in cells} == cells


def test_a_2019_format_report_is_not_judged_by_2021_rules():
    reading = read_report(text_lines(XIAOGAN))
    findings = check_reading(reading)
    codes = {f.code for f in findings if f.severity != "info"}
    # No shape error for its rows (本年新公开 read as such, not as 废止), no fee statement asked, no old-format error.
    assert not [f for f in findings if f.code == "table.shape" and f.severity == "error"]
    assert "fees.missing" not in codes
    assert "format.legacy" not in codes
    assert "repealed" not in reading.tables["section2"]["normative_documents"]


def test_2019_format_tables_in_a_2023_report_are_the_old_format():
    # 2021-2023-saintpaulhem-bureau.txt prints 表二 with the 2019 format's columns in its report on 2023.
    text = XIAOGAN.replace("2020年", "2023年")
    codes = {f.code for f in check_reading(read_report(text_lines(text)))}
    assert "format.legacy" in codes


@pytest.mark.parametrize(
    ("how", "text", "fmt"),
    [
        # 表二 alone tells the format by its column headings (2019-2020-hebao-town.txt: one cell per line).
        (
            "2019 表二",
            "某镇2021年政府信息公开工作年度报告\n信息内容\n本年新制作数量\n本年新公开数量\n规章\n0\n0\n0",
            "2019",
        ),
        (
            "2021 表二",
            "某镇2020年政府信息公开工作年度报告\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |",
            "2021",
        ),
        # The cited 文 (2021-2022-hunnan-assets-bureau.txt) when no table is visible.
        (
            "citation",
            "浑南区国资局\n根据《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)要求,编制本报告。",
            "2021",
        ),
        # The headings of the format, an excerpt cut before its tables: the format the year is due
        # (2021-2021-zhangjiawan-town.txt; 2019-2020-baokang-county.txt).
        ("headings 2021", "张家湾镇2021年政府信息公开工作年度报告\n一、总体情况\n本报告内容包括总体概述。", "2021"),
        ("headings 2019", "保康县2020年度政府信息公开工作年度报告\n一、总体情况\n2020年,保康县坚持以…为指导。", "2019"),
        # A free-text report before 2019 with a heading or two (pre2019-2014-hanbin-gov.txt).
        ("free text", "一、概述\n2014年,我區認真貫徹落實《條例》,政府信息公開工作有序推進。", "legacy"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_the_format_is_told_by_any_table_the_citation_or_the_headings(how, text, fmt):
    assert read_report(text_lines(text)).format == fmt


@pytest.mark.parametrize(
    ("file", "line", "row", "cells"),
    [
        # 2021-2022-hanyang-gov-office.txt: a figure followed by the empty cells of a merged cell.
        (
            "2021-2022-hanyang-gov-office.txt",
            "一、本年新收政府信息公开申请数量\n8 |\n0 |\n0 |\n0 |\n0 |\n0 |\n8 | |||||||||",
            "new_this_year",
            (8, 8),
        ),
        # 2021-2023-changchun-styjrswj-bureau.txt shape: a row ending in empty merged cells.
        (
            "rows ending in | ||",
            "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||",
            "carried_from_last_year",
            (1, 1),
        ),
        # Label and figures in one cell, as PDF extractors give them.
        (
            "label and figures in one cell",
            "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
            "carried_from_last_year",
            (2, 2),
        ),
        # A markdown table from a PDF extractor.
        (
            "markdown",
            "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n|---|---|---|---|---|---|---|---|",
            "new_this_year",
            (3, 3),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith((".txt", "||", "cell", "markdown")) else "",
)
def test_table_layouts_of_real_reports(file, line, row, cells):
    reading = read_report(text_lines("某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + line))
    got = reading.tables["section3"][row]
    assert (got["natural_person"], got["total"]) == cells
    assert not [f for f in reading.findings if f.code == "table.shape" and f.where != "tables" and row in f.where]


def test_a_row_label_with_a_bracketed_note_and_a_variant_name():
    # 2019-2020-wuhan-ecology-bureau.txt (traditional characters, 規範性檔案 for 规范性文件).
    text = (
        "2020年政府信息公開工作年度報告\n"
        "信息內容 | 本年新 製作數量 | 本年新 公開數量 | 對外公開總數量 | ||\n"
        "規章(設區的市、自治州人民政府應提供相關數據) | 0 | 0 | 0 | ||\n"
        "規範性檔案(行政機關制定發布的決定、公告、通告) | 2 | 2 | 9 | ||\n"
    )
    reading = read_report(text_lines(text))
    assert reading.format == "2019"
    assert reading.tables["section2"]["normative_documents"] == {"made": 2, "published": 2, "total_public": 9}


def test_section4_as_a_markdown_table_from_a_pdf_extractor():
    # The header rule “|---|…” is no row of blank cells: 表四's 15 figures are read as they are.
    figures = " | ".join(str(n) for n in (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2))
    text = (
        "某局2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        "| 行政复议 | 行政诉讼 |\n|---|---|\n"
        f"| {figures} |\n五、存在的主要问题及改进情况\n问题。"
    )
    reading = read_report(text_lines(text))
    assert reading.tables["section4"]["reconsideration"]["total"] == 1
    assert reading.tables["section4"]["litigation_after_reconsideration"]["total"] == 2
    assert "section4" not in reading.unread


def _section3_with_single_other(year: int) -> str:
    """A whole report (tests/law/test_report_reading.report_text) whose 表三 prints the 2019 format's single
    （六）其他处理 row in place of the three rows, as 洪泽区人民政府's report on 2023 does (tests/checker/real/pending/)."""
    from tests.law.test_report_reading import report_text

    text = report_text(year=year)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("（六）其他处理"))
    single = "（六）其他处理 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |"
    return "\n".join([*lines[:start], single, *lines[start + 3 :]])


def test_a_2021_report_printing_the_single_other_row_is_a_shape_error_not_three():
    reading = read_report(text_lines(_section3_with_single_other(2023)))
    assert reading.format == "2021"
    shape = [(f.severity, f.where) for f in reading.findings if f.code == "table.shape" and f.severity == "error"]
    assert shape == [("error", "section3.other")]
    assert reading.tables["section3"]["other"]["total"] == 1


def test_the_single_other_row_of_a_2019_report_counts_in_the_sums():
    # The same table in a report on 2020 is the 2019 format when 表二 says so: its （六） row is 3.其他 in the sums.
    text = _section3_with_single_other(2020).replace(
        "本年制发件数 | 本年废止件数 | 现行有效件数", "本年新制作数量 | 本年新公开数量 | 对外公开总数量"
    )
    reading = read_report(text_lines(text))
    assert reading.format == "2019"
    findings = check_reading(reading)
    assert not [f for f in findings if f.code.startswith("arith.")]
    broken = text.replace(
        "（六）其他处理 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |", "（六）其他处理 | 0 | 2 | 0 | 0 | 0 | 0 | 2 |"
    )
    codes = {f.code for f in check_reading(read_report(text_lines(broken)))}
    assert "arith.results_total" in codes  # （七）总计 no longer the sum of the results with it
