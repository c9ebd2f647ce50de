"""The yearly figures kept outside the platform (表二: 第二十条第（五）（六）（八）项): entered by agency admins or
imported, each with the source it came from. Writes are audited; bad values are refused with a Chinese message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.cases.models import YearFigures
from gongkai.core.errors import refusal, user_or_none
from gongkai.core.logs import service

FIRST_YEAR = 2008  # 《政府信息公开条例》自2008年5月1日起施行; no annual report before that year
COUNTS = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
FEES_LABEL = "行政事业性收费（万元）"
SOURCES = ("licensing_source", "penalty_source", "coercion_source", "fees_source")
MAX_FEES_10K = Decimal("9999999999.9999")  # the column holds 14 digits, 4 after the point


def parse_year(value: Any, *, today: dt.date | None = None) -> int:
    text = str(value if value is not None else "").strip().removesuffix("年度").removesuffix("年")
    last = (today or timezone.localdate()).year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= last:
        raise refusal(f"年度“{value}”无效：应为 {FIRST_YEAR} 至 {last} 之间的年份。", "figures.year", "year")
    return int(text)


def parse_count(value: Any, label: str, field: str) -> int:
    text = str(value if value is not None else "").strip().replace(",", "") or "0"
    if not text.isdigit():
        raise refusal(f"{label}“{value}”应为不小于 0 的整数（件）。", "figures.count", field)
    return int(text)


def parse_fees(value: Any) -> Decimal:
    """万元, at most four decimal places (the format's 本年收费金额（单位：万元）)."""
    text = str(value if value is not None else "").strip().replace(",", "") or "0"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount > MAX_FEES_10K:
        raise refusal(f"{FEES_LABEL}“{value}”应为不小于 0 的金额（单位：万元）。", "figures.fees", "fees_10k_yuan")
    if amount != amount.quantize(Decimal("0.0001")):
        raise refusal(f"{FEES_LABEL}“{value}”最多保留四位小数（即精确到元）。", "figures.fees_places", "fees_10k_yuan")
    return amount.quantize(Decimal("0.0001"))


def clean_figures(fields: dict[str, Any], *, today: dt.date | None = None) -> dict[str, Any]:
    """The figures as stored: year, three counts, fees in 万元, four sources."""
    data: dict[str, Any] = {"year": parse_year(fields.get("year"), today=today)}
    for field, label in COUNTS.items():
        data[field] = parse_count(fields.get(field), label, field)
    data["fees_10k_yuan"] = parse_fees(fields.get("fees_10k_yuan"))
    for field in SOURCES:
        source = str(fields.get(field) or "").strip()
        if len(source) > 300:
            raise refusal("来源说明不能超过 300 字。", "figures.source", field)
        data[field] = source
    return data


def _stored(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@service
def figures_save(*, actor: Any, agency: Agency, today: dt.date | None = None, **fields: Any) -> YearFigures:
    """Create or replace the agency's figures for one year; the audit entry keeps every changed value."""
    data = clean_figures(fields, today=today)
    year = data.pop("year")
    figures = YearFigures.objects.select_for_update().filter(agency=agency, year=year).first()
    created = figures is None
    if created:
        figures = YearFigures(agency=agency, year=year)
    changes = {
        key: [None if created else _stored(getattr(figures, key)), _stored(value)]
        for key, value in data.items()
        if created or _stored(getattr(figures, key)) != _stored(value)
    }
    if not changes:
        return figures
    for key, value in data.items():
        setattr(figures, key, value)
    figures.entered_by = user_or_none(actor)
    figures.save()
    record(action="cases.figures.save", actor=actor, obj=figures, changes={"year": year, **changes})
    return figures
