"""The checker reads within the limits of gongkai.core.documents (issue #12): a DOCX/XLSX judged from its ZIP
directory before it is unpacked, a PDF by its page count, and a deadline checked between lines, rows and pages, in
every format; a file beyond them is unreadable with the limit's Chinese message."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import translation

from gongkai.checker.sources import Unreadable, read_lines
from gongkai.core.documents import Deadline, Limits
from tests.core.bombs import bomb_docx, docx_bytes, pdf_pages


def _xlsx() -> bytes:
    book, out = openpyxl.Workbook(), io.BytesIO()
    for n in range(50):
        book.active.append([f"第{n}行", n])
    book.save(out)
    return out.getvalue()


FILES = {
    "docx": lambda: docx_bytes(*[f"第{n}段" for n in range(50)]),
    "xlsx": _xlsx,
    "pdf": lambda: pdf_pages(3),
    "html": lambda: ("<html><body>" + "<p>段落</p>" * 50 + "</body></html>").encode(),
}


def _unreadable(call) -> str:
    with translation.override("zh-hans"), pytest.raises(Unreadable) as caught:
        call()
    return caught.value.message


@pytest.mark.parametrize("fmt", FILES)
def test_every_format_stops_at_its_deadline(fmt):
    data = FILES[fmt]()
    assert read_lines(data)[0] == fmt
    assert "秒" in _unreadable(lambda: read_lines(data, deadline=Deadline(0)))


def test_a_bomb_is_refused_before_it_is_unpacked():
    assert "压缩炸弹" in _unreadable(lambda: read_lines(bomb_docx()))


def test_pages_and_text_are_capped():
    assert "共 3 页" in _unreadable(lambda: read_lines(pdf_pages(3), limits=Limits(pages=2)))
    assert "100 字" in _unreadable(lambda: read_lines(_xlsx(), limits=Limits(chars=100)))
