"""``gongkai agency import FILE.csv``: onboard many agencies at once, all rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.agencies.services import agency_create
from gongkai.core.errors import validation_message
from gongkai.core.logs import service
from gongkai.core.tabular import ImportRejected, RowError, read_csv_rows
from gongkai.law.identifiers import InvalidIdentifier, validate_uscc

COLUMN_ALIASES = {
    "名称": "name",
    "机关名称": "name",
    "name": "name",
    "简称": "short_name",
    "short_name": "short_name",
    "统一社会信用代码": "credit_code",
    "credit_code": "credit_code",
    "类型": "kind",
    "kind": "kind",
    "层级": "level",
    "level": "level",
    "上级机关": "parent",
    "上级机关代码": "parent",
    "parent": "parent",
    "主管机关": "supervisor",
    "主管机关代码": "supervisor",
    "supervisor": "supervisor",
    "地址": "address",
    "address": "address",
    "邮编": "postcode",
    "邮政编码": "postcode",
    "postcode": "postcode",
    "电话": "phone",
    "联系电话": "phone",
    "phone": "phone",
    "电子邮箱": "email",
    "email": "email",
    "办公时间": "office_hours",
    "office_hours": "office_hours",
}
KIND_WORDS = {
    "人民政府": AgencyKind.GOVERNMENT,
    "政府": AgencyKind.GOVERNMENT,
    "government": AgencyKind.GOVERNMENT,
    "部门": AgencyKind.DEPARTMENT,
    "department": AgencyKind.DEPARTMENT,
}
LEVEL_WORDS = {
    "省": AgencyLevel.PROVINCE,
    "省级": AgencyLevel.PROVINCE,
    "province": AgencyLevel.PROVINCE,
    "市": AgencyLevel.CITY,
    "市级": AgencyLevel.CITY,
    "city": AgencyLevel.CITY,
    "县": AgencyLevel.COUNTY,
    "县级": AgencyLevel.COUNTY,
    "区": AgencyLevel.COUNTY,
    "county": AgencyLevel.COUNTY,
    "乡镇": AgencyLevel.TOWNSHIP,
    "乡": AgencyLevel.TOWNSHIP,
    "镇": AgencyLevel.TOWNSHIP,
    "街道": AgencyLevel.TOWNSHIP,
    "township": AgencyLevel.TOWNSHIP,
}


def _code(value: str) -> str:
    return validate_uscc(value)


def _parse_rows(rows: list[tuple[int, dict[str, str]]]) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    parsed: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if "__error__" in row:
            errors.append(RowError(line, row["__error__"]))
            continue
        problems = []
        if not row.get("name"):
            problems.append("缺少名称")
        try:
            row["credit_code"] = _code(row.get("credit_code", ""))
        except InvalidIdentifier as exc:
            problems.append(exc.message)
        else:
            if row["credit_code"] in seen:
                problems.append(f"统一社会信用代码与第 {seen[row['credit_code']]} 行重复")
            seen[row["credit_code"]] = line
        kind = KIND_WORDS.get(row.get("kind", "") or "部门")
        level = LEVEL_WORDS.get(row.get("level", "") or "县")
        if kind is None:
            problems.append(f"类型“{row.get('kind')}”无法识别（应为 人民政府 或 部门）")
        if level is None:
            problems.append(f"层级“{row.get('level')}”无法识别（应为 省/市/县/乡镇）")
        for link in ("parent", "supervisor"):
            if row.get(link):
                try:
                    row[link] = _code(row[link])
                except InvalidIdentifier as exc:
                    problems.append(f"{'上级机关' if link == 'parent' else '主管机关'}代码：{exc.message}")
        if problems:
            errors.append(RowError(line, "；".join(problems)))
        else:
            row["kind"], row["level"] = kind, level
            parsed.append((line, row))
    return parsed, errors


@service(atomic=False)
def import_agencies_csv(*, actor: Any, source: str | Path | IO[bytes]) -> list[Agency]:
    """Create every agency in the file, or none: a bad row rejects the whole file with every problem listed.

    Parent and supervisor may name an existing agency or another row of the same file, in any order.
    """
    parsed, errors = _parse_rows(read_csv_rows(source, COLUMN_ALIASES))
    if errors:
        raise ImportRejected(errors)
    file_codes = {row["credit_code"] for _, row in parsed}
    existing = {
        a.credit_code: a
        for a in Agency.objects.filter(
            credit_code__in=file_codes | {row[k] for _, row in parsed for k in ("parent", "supervisor") if row.get(k)}
        )
    }
    for line, row in parsed:
        if row["credit_code"] in existing:
            errors.append(RowError(line, f"统一社会信用代码 {row['credit_code']} 已存在"))
        for link, label in (("parent", "上级机关"), ("supervisor", "主管机关")):
            code = row.get(link)
            if code and code not in existing and code not in file_codes:
                errors.append(RowError(line, f"{label}代码 {code} 既不在系统中，也不在本文件中"))
    if errors:
        raise ImportRejected(errors)

    created: dict[str, Agency] = {}
    failed: dict[str, int] = {}
    pending = list(parsed)
    with transaction.atomic():
        # Create rows whose links are already resolvable first; repeat until done (any order in the file works).
        while pending:
            progress = False
            for item in list(pending):
                line, row = item
                links = {k: row.get(k) for k in ("parent", "supervisor") if row.get(k)}
                broken = [failed[code] for code in links.values() if code in failed]
                if broken:
                    errors.append(RowError(line, f"所引用的机关（第 {broken[0]} 行）有错误"))
                    failed[row["credit_code"]] = line
                    pending.remove(item)
                    progress = True
                    continue
                if any(code not in existing and code not in created for code in links.values()):
                    continue
                resolved = {k: created.get(code) or existing[code] for k, code in links.items()}
                fields = {
                    k: row.get(k, "") for k in ("short_name", "address", "postcode", "phone", "email", "office_hours")
                }
                try:
                    created[row["credit_code"]] = agency_create(
                        actor=actor,
                        name=row["name"],
                        credit_code=row["credit_code"],
                        kind=row["kind"],
                        level=row["level"],
                        **resolved,
                        **fields,
                    )
                except ValidationError as exc:
                    errors.append(RowError(line, validation_message(exc)))
                    failed[row["credit_code"]] = line
                pending.remove(item)
                progress = True
            if not progress:
                errors.extend(RowError(line, "上级机关或主管机关之间形成循环") for line, _ in pending)
                break
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.line))
    return list(created.values())
