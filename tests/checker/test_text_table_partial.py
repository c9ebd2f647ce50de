"""``text.table_mismatch`` on an excerpt whose 表三 was not read whole: a figure of one row is still judged against
that row, any other figure is not (its sum would take rows that were not read)."""

from __future__ import annotations

from gongkai.checker.checking import check_documents
from tests.checker.real.schema import DOCS

NAME = "2021-2023-changchun-styjrswj-bureau.txt"  # stops inside 表三; 3 new requests, 0 carried over


def mismatches(text: str) -> list[str]:
    [result] = check_documents([(NAME, text.encode())])
    return [f.where for f in result.findings if f.code == "text.table_mismatch"]


def test_the_new_requests_stated_against_the_row_that_was_read():
    text = (DOCS / NAME).read_text(encoding="utf-8")
    assert "共受理政府信息公开申请2件" in text
    assert mismatches(text) == ["section3.new_this_year.total"]
    assert mismatches(text.replace("共受理政府信息公开申请2件", "共受理政府信息公开申请3件")) == []


def test_a_figure_of_rows_not_read_is_not_judged():
    text = (DOCS / NAME).read_text(encoding="utf-8").replace("共受理政府信息公开申请2件", "共受理政府信息公开申请3件")
    # 予以公开 is a row the excerpt never reaches: the text's figure cannot be told wrong.
    assert mismatches(text.replace("都在法定期限内予以答复", "予以公开9件,都在法定期限内予以答复")) == []
