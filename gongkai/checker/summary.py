"""The summary workbook of a folder of checked reports: one row per report, one column per check (its count)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from gongkai.checker.checking import Result
from gongkai.core.text import export_value
from gongkai.law.report_reading import CHECK_CODES

__all__ = ["SUMMARY_HEADERS", "summary_xlsx"]

# Official-language data columns of the sheet; the check columns are the stable codes themselves.
SUMMARY_HEADERS = ("文件", "机关", "年度", "格式", "发布日期", "错误", "警告", "提示")


def summary_xlsx(results: Sequence[Result]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "检查汇总"
    sheet.append([*SUMMARY_HEADERS, *CHECK_CODES])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    red = PatternFill("solid", fgColor="F8D7DA")
    # The row is counted here: sheet.max_row looks at every cell each time (a folder of thousands was quadratic).
    for row, result in enumerate(results, start=2):
        reading = result.reading
        severities = [f.severity for f in result.findings]
        sheet.append(
            [
                export_value(result.file),  # a file name or a text read from a report may hold a control character
                export_value(reading.agency),
                export_value(reading.year),
                export_value(reading.format),
                export_value(reading.published_on),
                severities.count("error"),
                severities.count("warning"),
                severities.count("info"),
                *(result.count(code) for code in CHECK_CODES),
            ]
        )
        for offset, code in enumerate(CHECK_CODES):
            if any(f.code == code and f.severity == "error" for f in result.findings):
                sheet.cell(row=row, column=len(SUMMARY_HEADERS) + 1 + offset).fill = red
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 28
    for index in range(3, len(SUMMARY_HEADERS) + len(CHECK_CODES) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 12
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
