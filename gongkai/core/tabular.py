"""Reading uploaded tables (CSV in UTF-8 or GBK, XLSX) for all-or-nothing imports; every cell loses its control
characters (gongkai.core.text) before any import sees it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core import dates
from gongkai.core.errors import validation_message
from gongkai.core.text import clean_text


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass
class ImportRejected(Exception):
    """An import with at least one bad row; nothing was written."""

    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return "导入未执行，文件中有错误：\n" + "\n".join(str(e) for e in self.errors)


def decode_table_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Excel in Chinese locales writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected([RowError(1, "文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV。")])


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an XLSX workbook as text cells (dates as YYYY-MM-DD)."""
    import datetime as dt

    from openpyxl import load_workbook

    from gongkai.core.documents import open_package

    try:
        open_package(data).close()  # the unpacking limits, from the ZIP directory, before openpyxl unpacks anything
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected([RowError(1, f"无法读取 Excel 文件：{exc}")]) from exc
    rows = []
    for values in workbook.worksheets[0].iter_rows(values_only=True):
        cells = []
        for value in values:
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                cells.append(value.isoformat())
            elif isinstance(value, float) and value.is_integer():
                cells.append(str(int(value)))
            else:
                cells.append("" if value is None else str(value))
        rows.append(cells)
    workbook.close()
    return rows


def _csv_rows(reader: Any) -> Iterator[list[str]]:
    """The rows of a CSV reader; a malformed line (an unclosed quote, a NUL) is refused with its number."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportRejected([RowError(reader.line_num, f"CSV 格式错误：{exc}")]) from None


def read_csv_rows(source: str | Path | IO[bytes], aliases: Mapping[str, str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV (UTF-8/GBK) or XLSX table as ``(line number, {canonical column: value})``.

    ``aliases`` maps header texts to canonical names. Line numbers count the header as line 1, as a spreadsheet
    shows them.
    """
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    if data[:4] == b"PK\x03\x04":
        reader = iter(_xlsx_rows(data))
    else:  # newline="": the csv module itself reads line ends, a bare CR inside a quoted cell included
        reader = _csv_rows(csv.reader(io.StringIO(decode_table_bytes(data), newline="")))
    reader = ([clean_text(cell) for cell in values] for values in reader)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRejected([RowError(1, "文件是空的。")]) from None
    columns: list[str | None] = []
    unknown = []
    for title in header:
        key = aliases.get(title.strip()) or aliases.get(title.strip().lower())
        columns.append(key)
        if key is None and title.strip():
            unknown.append(title.strip())
    if unknown:
        raise ImportRejected([RowError(1, f"无法识别的列：{'、'.join(unknown)}")])
    rows = []
    while columns and columns[-1] is None and not header[len(columns) - 1].strip():
        columns.pop()  # trailing empty header cells (spreadsheets)
    for line_no, values in enumerate(reader, start=2):
        while len(values) > len(columns) and not values[-1].strip():
            values = values[:-1]
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            rows.append((line_no, {"__error__": f"本行有 {len(values)} 列，表头只有 {len(columns)} 列"}))
            continue
        rows.append((line_no, {c: v.strip() for c, v in zip(columns, values, strict=False) if c}))
    return rows


def parse_cell_date(value: str, label: str) -> dt.date | None:
    """A date as registers write it (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日), within 1990–2100
    (gongkai.core.dates); empty → None."""
    value = value.strip().replace("/", "-").replace(".", "-")
    if not value:
        return None
    for year_mark in ("年", "月"):
        value = value.replace(year_mark, "-")
    value = value.rstrip("日")
    try:
        year, month, day = (int(part) for part in value.split("-"))
        parsed = dt.date(year, month, day)
    except (ValueError, TypeError):
        raise ValueError(_("%(column)s “%(value)s” is not a valid date") % {"column": label, "value": value}) from None
    if not dates.within(parsed):  # a typo (9999, 0202) would overflow the clock's counting
        raise ValueError(
            _("%(column)s “%(value)s” is not between %(earliest)s and %(latest)s")
            % {"column": label, "value": value, "earliest": dates.EARLIEST, "latest": dates.LATEST}
        )
    return parsed


def parse_all_rows(rows: list[tuple[int, dict[str, str]]], parse: Callable[[int, dict[str, str]], Any]) -> list[Any]:
    """Parse every row; a file with any bad row is rejected whole, naming each bad row."""
    parsed, errors = [], []
    for line, raw in rows:
        if "__error__" in raw:
            errors.append(RowError(line, raw["__error__"]))
            continue
        try:
            parsed.append(parse(line, raw))
        except (ValueError, ValidationError) as exc:
            message = validation_message(exc) if isinstance(exc, ValidationError) else str(exc)
            errors.append(RowError(line, message))
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([RowError(2, "文件中没有数据行。")])
    return parsed
