"""The annual report's exports (issue #5, item 6): DOCX in the official 2021 layout (国办公开办函〔2021〕30号), XLSX,
printable HTML and JSON.  The merged headers are checked against the format as written out here by hand, not against
the layout module that produces them."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from gongkai.law.outcomes import (
    APPLICANT_KINDS,
    REPORT_SECTIONS,
    RESULT_ROWS,
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
)
from gongkai.law.report import SECTION2_LABELS, check_tables
from gongkai.reports import exports
from gongkai.reports.layout import amount
from gongkai.reports.models import AnnualReport, ReportState

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "江源市民政局2025年政府信息公开工作年度报告"

NARRATIVE = {
    "overview": "根据《中华人民共和国政府信息公开条例》，现公布本机关2025年度政府信息公开工作年度报告。\n"
    "（一）主动公开情况。本年度主动公开政府信息342条。\n"
    "（二）依申请公开情况。本年新收政府信息公开申请196件。",
    "problems": "存在的主要问题：主动公开的深度不够。\n改进措施：加强业务培训。",
    "other": "（一）收取信息处理费情况。本年度未收取政府信息公开信息处理费。",
}


def filled_tables() -> dict:
    """Every cell filled and the 勾稽关系 holding, so a figure in the wrong cell shows."""
    s3: dict[str, dict[str, int]] = {}
    for i, row in enumerate(RESULT_ROWS):
        s3[row] = {col: (i + j) % 4 for j, col in enumerate(APPLICANT_KINDS)}
    s3["results_total"] = {c: sum(s3[r][c] for r in RESULT_ROWS) for c in APPLICANT_KINDS}
    s3["carried_from_last_year"] = {c: j + 1 for j, c in enumerate(APPLICANT_KINDS)}
    s3["carried_to_next_year"] = {c: 2 * j for j, c in enumerate(APPLICANT_KINDS)}
    s3["new_this_year"] = {
        c: s3["results_total"][c] + s3["carried_to_next_year"][c] - s3["carried_from_last_year"][c]
        for c in APPLICANT_KINDS
    }
    for row in s3.values():
        row["total"] = sum(row[c] for c in APPLICANT_KINDS)
    s4 = {}
    for g, group in enumerate(SECTION4_GROUPS):
        cells = {"upheld": 10 * (g + 1) + 1, "corrected": 10 * (g + 1) + 2, "other": 10 * (g + 1) + 3, "pending": 7}
        s4[group] = {**cells, "total": sum(cells.values())}
    s2 = {
        "rules": {"issued": 1, "repealed": 0, "in_force": 3},
        "normative_documents": {"issued": 4, "repealed": 2, "in_force": 17},
        "licensing": {"decisions": 128},
        "penalty": {"decisions": 61},
        "coercion": {"decisions": 5},
        "fees": {"amount_10k_yuan": 12.5},
    }
    tables = {"section2": s2, "section3": s3, "section4": s4}
    assert check_tables(tables) == []
    return tables


@pytest.fixture
def report(jurisdiction) -> AnnualReport:
    created = AnnualReport.objects.create(
        agency=jurisdiction["civil"],
        year=2025,
        version=2,
        state=ReportState.PUBLISHED,
        tables=filled_tables(),
        narrative=NARRATIVE,
        published_on=dt.date(2026, 1, 20),
    )
    return AnnualReport.objects.select_related("agency").get(pk=created.pk)


def _leaf(label: str) -> str:
    return label.split("/")[-1]


def _labels() -> list[str]:
    """Every official label the three tables show."""
    labels = [*REPORT_SECTIONS[1:4], "信息内容", "申请人情况", "法人或其他组织", "行政诉讼"]
    labels += ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    labels += ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"]
    labels += list(SECTION2_LABELS.values())
    labels += ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "三、本年度办理结果"]
    labels += ["（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]
    labels += [_leaf(label) for label in SECTION3_ROW_LABELS.values()]
    labels += [_leaf(label) for label in SECTION3_COLUMNS.values()]
    labels += [_leaf(label) for label in SECTION4_GROUPS.values()] + list(SECTION4_COLUMNS.values())
    return labels


# --- DOCX ---------------------------------------------------------------------------------------------------------


def _docx(report):
    from docx import Document

    return Document(io.BytesIO(exports.to_docx(report)))


def _spans(table) -> dict[str, list[tuple[int, int, int, int]]]:
    """Read the merges from the XML (w:gridSpan, w:vMerge): label → [(row, column, rowspan, colspan), …]."""
    from docx.oxml.ns import qn

    anchors: dict[tuple[int, int], list] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            tc_pr = tc.tcPr
            span_el = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if v_merge is not None and v_merge.get(qn("w:val")) != "restart":
                above = next(a for (ar, ac), a in anchors.items() if ac == col and ar + a[2] == r)
                above[2] += 1
            else:
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                anchors[(r, col)] = [text, r, 1, span]
            col += span
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    for (r, c), (text, _, rowspan, colspan) in anchors.items():
        out.setdefault(text, []).append((r, c, rowspan, colspan))
    return out


def test_docx_is_a4_with_title_sections_in_order_and_official_fonts(report):
    from docx.oxml.ns import qn

    document = _docx(report)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == TITLE
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(REPORT_SECTIONS)
    for line in NARRATIVE["overview"].splitlines() + NARRATIVE["problems"].splitlines():
        assert line in texts
    assert texts[-2:] == [report.agency.name, "2026年1月20日"]

    def east_asia(style_name: str) -> str:
        return document.styles[style_name].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Report Title") == "方正小标宋简体"
    assert document.styles["Report Title"].font.bold is True
    body = next(p for p in document.paragraphs if p.text.startswith("（一）主动公开情况"))
    assert body.style.name == "Normal"
    indent = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"  # 首行缩进 2 字符


def test_docx_table_two_blocks_with_their_own_header_rows(report):
    table = _docx(report).tables[0]
    spans = _spans(table)
    for block in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        assert spans[block][0][2:] == (1, 4), block
    assert len(spans["信息内容"]) == 4
    assert [s[2:] for s in spans["本年处理决定数量"]] == [(1, 3), (1, 3)]
    assert spans["本年收费金额（单位：万元）"][0][2:] == (1, 3)
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows}
    assert rows["规章"] == ["1", "0", "3"]
    assert rows["行政规范性文件"] == ["4", "2", "17"]
    assert rows["行政许可"] == ["128"] * 3  # one cell merged over the three value columns
    assert rows["行政处罚"][0] == "61" and rows["行政强制"][0] == "5"
    assert rows["行政事业性收费"][0] == "12.5"


def test_docx_table_three_has_the_official_merged_headers(report):
    table = _docx(report).tables[1]
    spans = _spans(table)
    assert len(table.rows) == 3 + 25 and len(table.columns) == 10
    expected = {
        # label: (row, column, rowspan, colspan)
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）": (0, 0, 3, 3),
        "申请人情况": (0, 3, 1, 7),
        "自然人": (1, 3, 2, 1),
        "法人或其他组织": (1, 4, 1, 5),
        "商业企业": (2, 4, 1, 1),
        "其他": (2, 8, 1, 1),
        "总计": (1, 9, 2, 1),
        "一、本年新收政府信息公开申请数量": (3, 0, 1, 3),
        "二、上年结转政府信息公开申请数量": (4, 0, 1, 3),
        "三、本年度办理结果": (5, 0, 22, 1),
        "（一）予以公开": (5, 1, 1, 2),
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (6, 1, 1, 2),
        "（三）不予公开": (7, 1, 8, 1),
        "1.属于国家秘密": (7, 2, 1, 1),
        "（四）无法提供": (15, 1, 3, 1),
        "（五）不予处理": (18, 1, 5, 1),
        "（六）其他处理": (23, 1, 3, 1),
        "3.其他": (25, 2, 1, 1),
        "（七）总计": (26, 1, 1, 2),
        "四、结转下年度继续办理": (27, 0, 1, 3),
    }
    for label, position in expected.items():
        assert position in spans[label], (label, spans.get(label))
    # the three header rows repeat on every page
    from docx.oxml.ns import qn

    repeated = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]
    assert repeated[:4] == [True, True, True, False]


def test_docx_table_three_figures_in_their_cells(report):
    table = _docx(report).tables[1]
    s3 = report.tables["section3"]
    for offset, row_key in enumerate(SECTION3_ROW_KEYS):
        cells = [c.text for c in table.rows[3 + offset].cells]
        assert cells[2] == _leaf(SECTION3_ROW_LABELS[row_key]), row_key
        assert cells[3:] == [str(s3[row_key][col]) for col in SECTION3_COLUMNS], row_key


def test_docx_table_four_review_and_litigation(report):
    table = _docx(report).tables[2]
    spans = _spans(table)
    assert len(table.rows) == 4 and len(table.columns) == 15
    assert (0, 0, 1, 5) in spans["行政复议"]
    assert (0, 5, 1, 10) in spans["行政诉讼"]
    assert (1, 5, 1, 5) in spans["未经复议直接起诉"]
    assert (1, 10, 1, 5) in spans["复议后起诉"]
    assert sorted(spans["结果维持"]) == [(1, 0, 2, 1), (2, 5, 1, 1), (2, 10, 1, 1)]
    assert sorted(spans["总计"]) == [(1, 4, 2, 1), (2, 9, 1, 1), (2, 14, 1, 1)]
    s4 = report.tables["section4"]
    expected = [str(s4[group][col]) for group in SECTION4_GROUPS for col in SECTION4_COLUMNS]
    assert [c.text for c in table.rows[3].cells] == expected


# --- XLSX ---------------------------------------------------------------------------------------------------------


def _workbook(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def test_xlsx_one_sheet_per_table_with_the_merged_headers_and_numbers(report):
    book = _workbook(exports.to_xlsx(report))
    assert book.sheetnames[:3] == list(REPORT_SECTIONS[1:4])
    table2, table3, table4, text = (book[name] for name in book.sheetnames)
    assert table2["A1"].value == TITLE
    merged3 = {str(r) for r in table3.merged_cells.ranges}
    # the table starts on row 3 (title and heading above it)
    assert {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A8:A29", "B10:B17", "B29:C29", "A30:C30"} <= merged3
    assert table3["A3"].value.startswith("（本列数据的勾稽关系为")
    assert table3["E5"].value == "商业企业"
    s3 = report.tables["section3"]
    for offset, row_key in enumerate(SECTION3_ROW_KEYS):
        values = [table3.cell(row=6 + offset, column=4 + c).value for c in range(7)]
        assert values == [s3[row_key][col] for col in SECTION3_COLUMNS], row_key
        assert all(isinstance(v, int) for v in values)
    merged4 = {str(r) for r in table4.merged_cells.ranges}
    assert {"A3:E3", "F3:O3", "A4:A5", "F4:J4", "K4:O4"} <= merged4
    assert table4["F4"].value == "未经复议直接起诉" and table4["K4"].value == "复议后起诉"
    assert [table4.cell(row=6, column=c).value for c in range(1, 6)] == [11, 12, 13, 7, 43]
    merged2 = {str(r) for r in table2.merged_cells.ranges}
    assert {"A3:D3", "B8:D8", "B9:D9"} <= merged2
    fees = next(row for row in table2.iter_rows(values_only=True) if row[0] == "行政事业性收费")
    assert fees[1] == 12.5 and isinstance(fees[1], float)
    lines = [row[0] for row in text.iter_rows(values_only=True)]
    assert lines[0] == TITLE and REPORT_SECTIONS[4] in lines and "改进措施：加强业务培训。" in lines


def test_supervisor_xlsx_has_one_row_per_agency_per_table(report):
    book = _workbook(exports.tables_to_xlsx([("江源市民政局", report.tables), ("江源县民政局", {})]))
    assert book.sheetnames == list(REPORT_SECTIONS[1:4])
    table3 = book[REPORT_SECTIONS[2]]
    header = [c.value for c in table3[1]]
    assert len(header) == 1 + 25 * 7
    column = header.index("（三）不予公开/1.属于国家秘密｜法人或其他组织/商业企业")
    rows = list(table3.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["江源市民政局", "江源县民政局"]
    assert rows[0][column] == report.tables["section3"]["withheld_state_secret"]["commercial_enterprise"]
    assert rows[0][header.index("（七）总计｜总计")] == report.tables["section3"]["results_total"]["total"]
    assert set(rows[1][1:]) == {0}  # an agency without figures shows zeros, not blanks
    table2 = book[REPORT_SECTIONS[1]]
    header2 = [c.value for c in table2[1]]
    assert "行政事业性收费｜本年收费金额（单位：万元）" in header2
    assert table2.cell(row=2, column=1 + header2.index("行政事业性收费｜本年收费金额（单位：万元）")).value == 12.5
    table4 = book[REPORT_SECTIONS[3]]
    header4 = [c.value for c in table4[1]]
    assert table4.cell(row=2, column=1 + header4.index("行政诉讼/复议后起诉｜总计")).value == 103


# --- HTML and JSON ---------------------------------------------------------------------------------------------


def test_printable_html_has_every_label_the_figures_and_merged_headers(report):
    from lxml import html as lxml_html

    page = exports.to_html(report)
    for label in _labels():
        assert label in page, label
    assert "@page" in page and "A4" in page
    tree = lxml_html.fromstring(page)
    assert tree.findtext(".//h1") == TITLE
    headings = [h.text_content() for h in tree.iter("h2")]
    assert headings == list(REPORT_SECTIONS)

    def th(text: str):
        return next(e for e in tree.iter("th") if e.text_content() == text)

    assert (th("三、本年度办理结果").get("rowspan"), th("三、本年度办理结果").get("colspan")) == ("22", None)
    assert th("（三）不予公开").get("rowspan") == "8"
    assert th("申请人情况").get("colspan") == "7"
    assert th("法人或其他组织").get("colspan") == "5"
    assert th("行政诉讼").get("colspan") == "10"
    assert th("一、本年新收政府信息公开申请数量").get("colspan") == "3"
    table3 = tree.find_class("report-section3")[0]
    new_row = next(tr for tr in table3.iter("tr") if tr[0].text_content() == "一、本年新收政府信息公开申请数量")
    s3 = report.tables["section3"]["new_this_year"]
    assert [td.text_content() for td in new_row.iter("td")] == [str(s3[c]) for c in SECTION3_COLUMNS]
    assert "2026年1月20日" in page


def test_tables_include_renders_empty_tables_as_zeros():
    rendered = Template('{% include "reports/_tables.html" with tables=tables %}').render(Context({"tables": {}}))
    assert REPORT_SECTIONS[2] in rendered and "结转下年度继续办理" in rendered
    assert "<td>0</td>" in rendered and "None" not in rendered


def test_json_has_the_agreed_keys(report):
    data = exports.to_json(report)
    assert set(data) == {"agency", "year", "version", "published_on", "title", "sections", "tables"}
    assert data["agency"] == {"name": report.agency.name, "credit_code": report.agency.credit_code}
    assert (data["year"], data["version"], data["published_on"], data["title"]) == (2025, 2, "2026-01-20", TITLE)
    assert data["sections"] == NARRATIVE
    assert set(data["tables"]) == {"section2", "section3", "section4"}
    assert data["tables"]["section3"]["results_total"]["total"] == 187
    data["tables"]["section3"]["results_total"]["total"] = 0
    assert report.tables["section3"]["results_total"]["total"] == 187  # a copy, not the report's own dict


def test_exports_make_no_queries_once_the_report_is_loaded(report, django_assert_num_queries):
    with django_assert_num_queries(0):
        exports.to_docx(report)
        exports.to_xlsx(report)
        exports.to_html(report)
        exports.to_json(report)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [(12.5, "12.5"), ("12.50", "12.5"), (0.0, "0"), (0, "0"), (None, "0"), (100, "100"), ("x", "0"), ("NaN", "0")],
)
def test_fee_amount_is_shown_as_a_plain_decimal(stored, shown):
    # 国办公开办函〔2021〕30号 表二 第二十条第（八）项：本年收费金额，单位万元。
    assert format(amount(stored), "f") == shown
    assert isinstance(amount(stored), Decimal)


# --- LibreOffice -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_docx_opens_in_libreoffice_with_the_official_tables(report, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 LibreOffice：scripts/test 会安装 libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    import pymupdf

    source = tmp_path / "report.docx"
    source.write_bytes(exports.to_docx(report))
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: runs in parallel do not share a lock
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = pymupdf.open(tmp_path / "report.pdf")
    assert pdf.page_count >= 1
    assert all(round(page.rect.width) == 595 and round(page.rect.height) == 842 for page in pdf)  # A4
    text = "".join("".join(page.get_text().split()) for page in pdf)
    assert TITLE in text
    for heading in REPORT_SECTIONS:
        assert heading in text
    # The tables as LibreOffice drew them, read back from the ruling lines: a merged cell is one cell (None beside
    # or below it), and a table split over two pages would come back as two.
    found = [(number, table) for number, page in enumerate(pdf) for table in page.find_tables().tables]
    assert [(t.row_count, t.col_count) for _, t in found] == [(14, 4), (28, 10), (4, 15)]
    table2, table3, table4 = ([[_squeeze(c) for c in row] for row in t.extract()] for _, t in found)
    cells = {c for table in (table2, table3, table4) for row in table for c in row}
    for label in _labels()[3:]:  # the section headings are paragraphs, checked above
        assert label in cells, label

    assert table2[0] == ["第二十条第（一）项", None, None, None]
    assert table2[6] == ["行政许可", "128", None, None]
    assert table2[13] == ["行政事业性收费", "12.5", None, None]

    assert table3[0][3:] == ["申请人情况", *[None] * 6]
    assert table3[1][3:] == ["自然人", "法人或其他组织", None, None, None, None, "总计"]
    assert table3[2][3:] == [None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None]
    assert [table3[r][0] for r in range(5, 27)] == ["三、本年度办理结果", *[None] * 21]
    assert [table3[r][1] for r in range(7, 15)] == ["（三）不予公开", *[None] * 7]
    s3 = report.tables["section3"]
    for offset, row_key in enumerate(SECTION3_ROW_KEYS):
        row = table3[3 + offset]
        assert _leaf(SECTION3_ROW_LABELS[row_key]) in row[:3], row_key
        assert row[3:] == [str(s3[row_key][col]) for col in SECTION3_COLUMNS], row_key

    assert table4[0] == ["行政复议", *[None] * 4, "行政诉讼", *[None] * 9]
    assert table4[1][5:] == ["未经复议直接起诉", *[None] * 4, "复议后起诉", *[None] * 4]
    assert table4[2] == [*[None] * 5, *list(SECTION4_COLUMNS.values()) * 2]
    s4 = report.tables["section4"]
    assert table4[3] == [str(s4[group][col]) for group in SECTION4_GROUPS for col in SECTION4_COLUMNS]

    ARTIFACTS.mkdir(exist_ok=True)
    for number, page in enumerate(pdf, start=1):
        page.get_pixmap(dpi=110).save(ARTIFACTS / f"report-docx-page{number}.png")
    pdf[found[1][0]].get_pixmap(dpi=110).save(ARTIFACTS / "report-docx-table3.png")


def _squeeze(cell: str | None) -> str | None:
    """A cell's text without the line breaks LibreOffice wrapped it at."""
    return None if cell is None else "".join(cell.split())
