"""The yearly figures kept outside the platform (表二: every row of ``law.report.ENTERED_ROWS``, today 第二十条第（五）
（六）（八）项): entered by agency admins or imported, each row with the source it came from. The rows, columns and
labels come from the report template, so a row added there is entered, imported, stored and reported here without
a change. Writes are audited; bad values are refused with a :class:`~gongkai.cases.errors.CaseError`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.cases.errors import CaseError
from gongkai.cases.models import YearFigures
from gongkai.core.errors import user_or_none
from gongkai.core.forms import MAX_INTEGER
from gongkai.core.logs import service
from gongkai.law.report import ENTERED_ROWS, Section2Row, is_amount

FIRST_YEAR = 2008  # 《政府信息公开条例》自2008年5月1日起施行; no annual report before that year
MAX_AMOUNT = Decimal("9999999999.9999")  # 14 digits, 4 after the point (万元 to the yuan)
MAX_COUNT = MAX_INTEGER  # what the form takes (gongkai.core.forms.count_field)
MAX_SOURCE = 300


def field_name(row: str, column: str) -> str:
    """The key of one cell in forms, imports and audit entries: ``licensing.decisions``."""
    return f"{row}.{column}"


def source_field(row: str) -> str:
    return f"{row}.source"


def parse_year(value: Any, *, today: dt.date | None = None) -> int:
    text = str(value if value is not None else "").strip().removesuffix("年度").removesuffix("年")
    last = (today or timezone.localdate()).year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= last:
        raise CaseError.FIGURES_YEAR.refuse("year", value=value, first=FIRST_YEAR, last=last)
    return int(text)


def parse_count(value: Any, label: str, field: str) -> int:
    text = str(value if value is not None else "").strip().replace(",", "") or "0"
    if not text.isdigit():
        raise CaseError.FIGURES_COUNT.refuse(field, label=label, value=value)
    if int(text) > MAX_COUNT:
        raise CaseError.FIGURES_COUNT_RANGE.refuse(field, label=label, value=value, max=MAX_COUNT)
    return int(text)


def parse_amount(value: Any, label: str, field: str) -> Decimal:
    """万元, at most four decimal places (the format's 本年收费金额（单位：万元）)."""
    text = str(value if value is not None else "").strip().replace(",", "") or "0"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        raise CaseError.FIGURES_FEES.refuse(field, label=label, value=value)
    if amount != amount.quantize(Decimal("0.0001")):
        raise CaseError.FIGURES_FEES_PLACES.refuse(field, label=label, value=value)
    return amount.quantize(Decimal("0.0001"))


def _parse_cell(row: Section2Row, column: str, label: str, raw: Any) -> int | str:
    name = field_name(row.key, column)
    if is_amount(label):
        return str(parse_amount(raw, row.header(column), name))  # JSON keeps the exact digits as text
    return parse_count(raw, row.header(column), name)


def clean_figures(
    *,
    year: Any,
    values: Mapping[str, Mapping[str, Any]],
    sources: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> tuple[int, dict[str, dict[str, int | str]], dict[str, str]]:
    """(year, values, sources) as stored: every entered row of the template, each cell checked (a missing one is 0)."""
    clean_year = parse_year(year, today=today)
    clean_values: dict[str, dict[str, int | str]] = {}
    clean_sources: dict[str, str] = {}
    for row in ENTERED_ROWS:
        given = values.get(row.key) or {}
        clean_values[row.key] = {col: _parse_cell(row, col, label, given.get(col)) for col, label in row.columns}
        source = str((sources or {}).get(row.key) or "").strip()
        if len(source) > MAX_SOURCE:
            raise CaseError.FIGURES_SOURCE.refuse(source_field(row.key), max=MAX_SOURCE)
        clean_sources[row.key] = source
    return clean_year, clean_values, clean_sources


def _flat(values: Mapping[str, Mapping[str, Any]], sources: Mapping[str, str]) -> dict[str, Any]:
    flat = {field_name(row, col): value for row, cells in values.items() for col, value in cells.items()}
    flat.update({source_field(row): text for row, text in sources.items()})
    return flat


@service
def figures_save(
    *,
    actor: Any,
    agency: Agency,
    year: Any,
    values: Mapping[str, Mapping[str, Any]],
    sources: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> YearFigures:
    """Create or replace the agency's figures for one year; the audit entry keeps every changed cell and source."""
    year, clean_values, clean_sources = clean_figures(year=year, values=values, sources=sources, today=today)
    figures = YearFigures.objects.select_for_update().filter(agency=agency, year=year).first()
    created = figures is None
    before = {} if created else _flat(figures.values, figures.sources)
    after = _flat(clean_values, clean_sources)
    changes = {key: [before.get(key), value] for key, value in after.items() if created or before.get(key, "") != value}
    if not changes:
        return figures
    if created:
        figures = YearFigures(agency=agency, year=year)
    figures.values, figures.sources = clean_values, clean_sources
    figures.entered_by = user_or_none(actor)
    figures.save()
    record(action="cases.figures.save", actor=actor, obj=figures, changes={"year": year, **changes})
    return figures
