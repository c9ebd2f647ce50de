"""Import and export of engagement records as tables: ``gongkai engagement import|export`` and the staff pages.

The export's columns are the import's columns, in the same words and order, so an exported year can be imported
again (into another installation, or after corrections in Excel). An import reads CSV (UTF-8 or GBK) or XLSX
(:mod:`gongkai.core.tabular`), checks every row with the same rules as the staff forms, and writes all rows or none,
naming each bad row. The name of a person asking is neither exported nor imported: it is personal data that stays
on the staff pages.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.selectors import departments_of
from gongkai.core.logs import service
from gongkai.core.tabular import parse_all_rows, read_csv_rows
from gongkai.core.tabular import parse_cell_date as parse_date
from gongkai.core.text import export_value
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure.models import CatalogItem
from gongkai.engagement import services
from gongkai.engagement.kinds import KINDS
from gongkai.engagement.models import CHANNEL_LABELS, OPINION_LEVEL_LABELS, PRESS_KIND_LABELS, PROPOSAL_KIND_LABELS


@dataclass(frozen=True)
class Column:
    header: str  # written by the export, read by the import
    key: str
    type: str = "text"  # text | date | bool | choice | department | item
    labels: Mapping[str, str] = field(default_factory=dict)  # choice: value → the Chinese word in the file
    aliases: tuple[str, ...] = ()  # other headers the import accepts


COLUMNS: dict[str, tuple[Column, ...]] = {
    "consultations": (
        Column("渠道", "channel", "choice", CHANNEL_LABELS, ("咨询渠道",)),
        Column("咨询日期", "asked_on", "date", aliases=("日期",)),
        Column("咨询事项", "topic", aliases=("事项", "主题")),
        Column("是否答复", "answered", "bool", aliases=("已答复",)),
        Column("答复日期", "answered_on", "date"),
    ),
    "proposals": (
        Column("类型", "kind", "choice", PROPOSAL_KIND_LABELS),
        Column("编号", "number", aliases=("建议（提案）编号", "建议编号", "提案编号")),
        Column("标题", "subject", aliases=("事由", "案由")),
        Column("主办科室", "lead_department", "department", aliases=("承办科室",)),
        Column("交办日期", "received_on", "date", aliases=("收到日期",)),
        Column("答复期限", "due_on", "date"),
        Column("答复日期", "replied_on", "date"),
        Column("答复全文公开", "reply_published", "bool", aliases=("是否公开",)),
        Column("公开索引号", "reply_item", "item", aliases=("索引号",)),
    ),
    "opinion": (
        Column("级别", "level", "choice", OPINION_LEVEL_LABELS, ("舆情级别",)),
        Column("发现日期", "first_seen", "date"),
        Column("回应日期", "responded_on", "date"),
        Column("来源", "channel", aliases=("舆情来源", "渠道")),
        Column("概要", "summary", aliases=("舆情概要", "内容")),
    ),
    "press": (
        Column("类型", "kind", "choice", PRESS_KIND_LABELS),
        Column("日期", "held_on", "date", aliases=("举办日期",)),
        Column("主题", "topic"),
        Column("发布人", "speakers", aliases=("发布人（嘉宾）", "嘉宾")),
        Column("链接", "link", aliases=("网址",)),
    ),
}
SHEET_TITLES = {"consultations": "咨询", "proposals": "建议提案", "opinion": "舆情", "press": "新闻发布"}
YES = {"是", "已", "已答复", "已公开", "y", "yes", "true", "1", "√"}
NO = {"否", "未", "未答复", "未公开", "n", "no", "false", "0", "×"}


def _aliases(columns: tuple[Column, ...]) -> dict[str, str]:
    return {name: column.key for column in columns for name in (column.header, *column.aliases)}


def _parse_bool(value: str, column: Column) -> bool | None:
    if not value:
        return None
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise ValueError(f"{column.header}“{value}”无法识别（是 / 否）。")


def _parse_choice(value: str, column: Column) -> str:
    for key, label in column.labels.items():
        if value in (label, key):
            return key
    raise ValueError(f"{column.header}“{value}”无法识别（{' / '.join(column.labels.values())}）。")


@dataclass
class _Lookups:
    departments: list[Department]
    items: dict[str, CatalogItem]


def _parse_cell(column: Column, value: str, agency: Agency, lookups: _Lookups) -> Any:
    value = value.strip()
    if column.type == "date":
        return parse_date(value, column.header)
    if column.type == "bool":
        return _parse_bool(value, column)
    if column.type == "choice":
        return _parse_choice(value, column)
    if column.type == "department":
        return services.department_named(agency, value, lookups.departments)
    if column.type == "item":
        if value and value.upper() not in lookups.items:
            raise ValueError(f"本机关没有索引号为“{value}”的已发布信息。")
        return lookups.items.get(value.upper())
    return value


@service(atomic=False)  # reads every row first; records_create_many writes them in one transaction
def import_records(
    *, actor: Any, agency: Agency, kind: str, source: str | Path | IO[bytes], today: dt.date | None = None
) -> list[Model]:
    """Every row checked as the staff form checks it; any bad row rejects the file (ImportRejected), naming each."""
    spec, columns = KINDS[kind], COLUMNS[kind]
    today = today or timezone.localdate()
    rows = read_csv_rows(source, _aliases(columns))
    codes = {raw.get("reply_item", "").strip().upper() for _line, raw in rows} - {""}
    lookups = _Lookups(
        departments=list(departments_of(agency)),
        items=disclosure_selectors.published_by_index_numbers(agency.pk, codes),
    )
    seen: dict[tuple, int] = {}

    def parse(line: int, raw: dict[str, str]) -> dict[str, Any]:
        fields = {column.key: _parse_cell(column, raw.get(column.key, ""), agency, lookups) for column in columns}
        data = services.clean(spec, agency, fields, today=today)
        if kind == "proposals":  # the same number twice in one file
            key = (data["kind"], data["number"], data["received_on"].year)
            if key in seen:
                raise ValueError(f"编号“{data['number']}”与第 {seen[key]} 行重复。")
            seen[key] = line
        return data

    parsed = parse_all_rows(rows, parse)
    return services.records_create_many(actor=actor, agency=agency, kind=kind, rows=parsed)


# --- export ---------------------------------------------------------------------------------------------------


def export_queryset(agency: Agency, kind: str, year: int) -> QuerySet:
    spec = KINDS[kind]
    return (
        spec.model.objects.filter(agency=agency, **{f"{spec.date_field}__year": year})
        .select_related(*spec.related)
        .order_by(spec.date_field, "id")
    )


def _cell(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.type == "bool":
        return "是" if value else "否"
    if column.type == "choice":
        return column.labels[value]
    if column.type == "department":
        return value.name
    if column.type == "item":
        return value.index_number
    return value


def export_xlsx(agency: Agency, kind: str, year: int) -> bytes:
    """The agency's records of ``kind`` in ``year`` as a workbook with the import's columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = COLUMNS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年{SHEET_TITLES[kind]}"
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for obj in export_queryset(agency, kind, year):
        # a record stored with a control character still exports (openpyxl refuses one)
        sheet.append([export_value(_cell(column, getattr(obj, column.key))) for column in columns])
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            if column.type == "date" and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":
                cell.data_type = "s"  # text beginning with “=” stays text, never a formula
    for index, column in enumerate(columns, start=1):
        wide = column.key in ("topic", "subject", "summary", "link")
        sheet.column_dimensions[get_column_letter(index)].width = 48 if wide else 14
    sheet.freeze_panes = "A2"
    workbook.properties.creator = export_value(agency.name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
