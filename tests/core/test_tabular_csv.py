"""core.tabular: malformed CSV is refused with its line, never an exception (found by tests/fuzz)."""

from __future__ import annotations

import io

import pytest

from gongkai.core.tabular import ImportRejected, read_csv_rows


def test_a_bare_carriage_return_in_a_quoted_cell_is_read():
    rows = read_csv_rows(io.BytesIO('名称,地址\n"甲","一\r二"\n'.encode()), {"名称": "name", "地址": "address"})
    assert rows == [(2, {"name": "甲", "address": "一\n二"})]  # read, its line end a newline (core.text)


def test_a_malformed_line_is_refused_with_its_number():
    # the csv module refuses a cell over its field limit (131072 characters): refused by line, never an exception
    data = "名称\n甲\n" + "乙" * 200_000 + "\n"
    with pytest.raises(ImportRejected) as refused:
        read_csv_rows(io.BytesIO(data.encode()), {"名称": "name"})
    [error] = refused.value.errors
    assert error.line == 3 and "CSV 格式错误" in error.message
