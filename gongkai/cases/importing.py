"""``gongkai import figures FILE`` and ``gongkai import cases FILE --agency USCC``: CSV (UTF-8 or GBK) or XLSX,
all rows or none. Every row is checked by the same rules as the staff forms before anything is written; a file
with any bad row imports nothing and names every bad row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_by_credit_codes
from gongkai.agencies.services import normalise_credit_code
from gongkai.cases import figures as figures_services
from gongkai.cases import services
from gongkai.cases.models import Case, YearFigures
from gongkai.core.logs import service
from gongkai.core.tabular import parse_all_rows as _run
from gongkai.core.tabular import parse_cell_date as parse_date
from gongkai.core.tabular import read_csv_rows
from gongkai.foi import selectors as foi_selectors
from gongkai.law import cases as law_cases
from gongkai.law.report import ENTERED_ROWS


def _figures_columns() -> dict[str, str]:
    """Headers of a figures file: the agency, the year, one column per entered cell of 表二 headed as the template
    words the row (with its unit for an amount: 行政事业性收费（万元）, half-width brackets too), and one source."""
    columns = {"统一社会信用代码": "credit_code", "年度": "year", "来源": "source"}
    for row in ENTERED_ROWS:
        for column, _label in row.columns:
            header = row.header(column)
            columns[header] = columns[header.replace("（", "(").replace("）", ")")] = figures_services.field_name(
                row.key, column
            )
    return columns


FIGURES_COLUMNS = _figures_columns()
CASE_COLUMNS = {
    "类型": "kind",
    "案号": "number",
    "申请人（原告）": "party_name",
    "申请人": "party_name",
    "原告": "party_name",
    "申请（起诉）日期": "filed_on",
    "申请日期": "filed_on",
    "起诉日期": "filed_on",
    "收到副本日期": "received_on",
    "受理日期": "accepted_on",
    "答复（答辩）日期": "replied_on",
    "答复日期": "replied_on",
    "答辩日期": "replied_on",
    "复议机关（法院）": "deciding_body",
    "复议机关": "deciding_body",
    "法院": "deciding_body",
    "审结日期": "concluded_on",
    "结果": "result",
    "关联申请": "request_code",
    "跟踪码": "request_code",
    "备注": "notes",
}
CASE_KINDS = {
    "行政复议": law_cases.RECONSIDERATION,
    "复议": law_cases.RECONSIDERATION,
    "直接起诉": law_cases.LITIGATION_DIRECT,
    "未经复议直接起诉": law_cases.LITIGATION_DIRECT,
    "行政诉讼/未经复议直接起诉": law_cases.LITIGATION_DIRECT,
    "复议后起诉": law_cases.LITIGATION_AFTER_RECONSIDERATION,
    "行政诉讼/复议后起诉": law_cases.LITIGATION_AFTER_RECONSIDERATION,
}
CASE_RESULTS = {
    "维持": "upheld",
    "结果维持": "upheld",
    "纠正": "corrected",
    "结果纠正": "corrected",
    "其他": "other",
    "其他结果": "other",
    "尚未审结": "",
    "": "",
}


# --- yearly figures -------------------------------------------------------------------------------------------


@service(atomic=False)
def import_figures(*, actor: Any, source: str | Path | IO[bytes], today: dt.date | None = None) -> list[YearFigures]:
    """One row per agency and year; a year already entered is replaced (and the change audited)."""
    rows = read_csv_rows(source, FIGURES_COLUMNS)
    codes = {raw.get("credit_code", "").strip().upper() for _line, raw in rows}
    agencies = agencies_by_credit_codes(codes)
    seen: dict[tuple[str, int], int] = {}

    def parse(line: int, raw: dict[str, str]) -> tuple[Agency, dict[str, Any]]:
        if not raw.get("credit_code", "").strip():
            raise ValueError("缺少统一社会信用代码。")
        code = normalise_credit_code(raw["credit_code"])
        agency = agencies.get(code)
        if agency is None:
            raise ValueError(f"找不到统一社会信用代码为 {code} 的机关。")
        source_text = raw.get("source", "")
        year, values, sources = figures_services.clean_figures(
            year=raw.get("year"),
            values={
                row.key: {col: raw.get(figures_services.field_name(row.key, col)) for col, _label in row.columns}
                for row in ENTERED_ROWS
            },
            sources=dict.fromkeys((row.key for row in ENTERED_ROWS), source_text),
            today=today,
        )
        if (code, year) in seen:
            raise ValueError(f"{agency.name} {year} 年度的数据与第 {seen[code, year]} 行重复。")
        seen[code, year] = line
        return agency, {"year": year, "values": values, "sources": sources}

    parsed = _run(rows, parse)
    with transaction.atomic():
        return [figures_services.figures_save(actor=actor, agency=a, today=today, **data) for a, data in parsed]


# --- cases ----------------------------------------------------------------------------------------------------


@service(atomic=False)
def import_cases(
    *, actor: Any, agency: Agency, source: str | Path | IO[bytes], today: dt.date | None = None
) -> list[Case]:
    today = today or timezone.localdate()
    rows = read_csv_rows(source, CASE_COLUMNS)
    codes = {raw.get("request_code", "").strip().upper() for _line, raw in rows} - {""}
    requests = foi_selectors.requests_by_codes(agency.pk, codes)
    seen: dict[str, int] = {}

    def parse(line: int, raw: dict[str, str]) -> tuple[dict[str, Any], dt.date | None, str]:
        kind = CASE_KINDS.get(raw.get("kind", "").strip().replace("／", "/"))
        if kind is None:
            raise ValueError(f"类型“{raw.get('kind', '')}”无法识别（行政复议 / 直接起诉 / 复议后起诉）。")
        label = raw.get("result", "").strip()
        if label not in CASE_RESULTS:
            raise ValueError(f"结果“{label}”无法识别（维持 / 纠正 / 其他 / 尚未审结）。")
        fields: dict[str, Any] = {"kind": kind, **{k: raw.get(k, "") for k in ("number", "party_name", "notes")}}
        fields["deciding_body"] = raw.get("deciding_body", "")
        for key, column in (
            ("filed_on", "申请（起诉）日期"),
            ("received_on", "收到副本日期"),
            ("accepted_on", "受理日期"),
            ("replied_on", "答复（答辩）日期"),
        ):
            fields[key] = parse_date(raw.get(key, ""), column)
        code = raw.get("request_code", "").strip().upper()
        fields["info_request"] = requests.get(code) if code else None
        if code and fields["info_request"] is None:
            raise ValueError(f"本机关没有跟踪码为 {code} 的申请。")
        concluded_on = parse_date(raw.get("concluded_on", ""), "审结日期")
        result = CASE_RESULTS[label]
        if bool(concluded_on) != bool(result):
            raise ValueError("审结日期与结果须同时填写（尚未审结的案件两者都不填）。")
        number = fields["number"].strip()
        if number in seen:
            raise ValueError(f"案号“{number}”与第 {seen[number]} 行重复。")
        seen[number] = line
        services.validate_case(agency, fields, today=today)
        if concluded_on is not None and (concluded_on > today or concluded_on < fields["filed_on"]):
            raise ValueError("审结日期须在申请（起诉）日期之后，且不晚于今天。")
        return fields, concluded_on, result

    parsed = _run(rows, parse)
    created = []
    with transaction.atomic():
        for fields, concluded_on, result in parsed:
            case = services.case_create(actor=actor, agency=agency, today=today, **fields)
            if concluded_on is not None:
                case = services.case_conclude(
                    actor=actor, case=case, concluded_on=concluded_on, result=result, today=today
                )
            created.append(case)
    return created
