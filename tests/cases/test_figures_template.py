"""表二's entered rows come from the template alone: every consumer iterates law.report.ENTERED_ROWS."""

from __future__ import annotations

from gongkai.cases import figures
from gongkai.cases.forms import FiguresForm
from gongkai.cases.importing import FIGURES_COLUMNS
from gongkai.cases.selectors import section2_figures
from gongkai.law.outcomes import report_template
from gongkai.law.report import CATALOG_BLOCK, ENTERED_ROWS, NORMATIVE_ROWS
from gongkai.law.report_reading import _S2_ROWS
from gongkai.reports.layout import section2_grid

TEMPLATE_BLOCKS = report_template()["section2"]["blocks"]
CELLS = {figures.field_name(row.key, col) for row in ENTERED_ROWS for col, _label in row.columns}


def test_entered_rows_are_every_template_row_outside_article_20_item_1():
    expected = [key for block in TEMPLATE_BLOCKS if block["label"] != CATALOG_BLOCK for key in block["rows"]]
    assert [row.key for row in ENTERED_ROWS] == expected == ["licensing", "penalty", "coercion", "fees"]
    assert NORMATIVE_ROWS == ("rules", "normative_documents")


def test_the_form_and_the_import_have_one_field_per_cell_and_a_source_per_row():
    fields = set(FiguresForm().fields)
    assert fields == {"year"} | CELLS | {figures.source_field(row.key) for row in ENTERED_ROWS}
    assert set(FIGURES_COLUMNS.values()) == CELLS | {"credit_code", "year", "source"}
    assert (
        FIGURES_COLUMNS["行政事业性收费（万元）"] == FIGURES_COLUMNS["行政事业性收费(万元)"] == "fees.amount_10k_yuan"
    )


def test_selectors_reader_and_layout_cover_every_row(civil):
    assert set(section2_figures(civil.pk, 2025)) == {row.key for row in ENTERED_ROWS}
    labels = {label for block in TEMPLATE_BLOCKS for label in block["rows"].values()}
    assert set(_S2_ROWS) == labels
    grid_labels = {cell.value for cell in section2_grid({"section2": {}}).cells}
    assert labels <= grid_labels
