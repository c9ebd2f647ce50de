"""Reads for annual reports: the statutory tables computed from the data, and the report lists staff and the portal see.

:func:`compute_tables` reads each source once (requests, normative documents, cases, yearly figures), so its query
count does not grow with the number of requests; the counting rules are in :mod:`gongkai.law.report`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.law import report as law_report


def _request_records(agency_id: int, year: int) -> list[law_report.RequestRecord]:
    from gongkai.foi.models import InfoRequest

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        InfoRequest.objects.filter(agency_id=agency_id, received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values_list("tracking_code", "applicant__kind", "received_on", "closed_on", "outcome", "due_on")
        .order_by()
    )
    return [
        law_report.RequestRecord(
            ref=ref, applicant_kind=kind, received_on=received, closed_on=closed, outcome=outcome, due_on=due
        )
        for ref, kind, received, closed, outcome, due in rows
    ]


def _normative_records(agency_id: int, year: int) -> list[law_report.NormativeRecord]:
    """Published 规章 / 行政规范性文件; issued on the 成文日期 (the publication date when none was recorded)."""
    from gongkai.disclosure.models import CatalogItem, ItemState

    end = dt.date(year, 12, 31)
    rows = (
        CatalogItem.objects.filter(agency_id=agency_id, state=ItemState.PUBLISHED)
        .exclude(normative_kind="")
        .values_list("normative_kind", "formed_on", "published_on", "repealed_on")
        .order_by()
    )
    records = []
    for kind, formed_on, published_on, repealed_on in rows:
        issued_on = formed_on or published_on
        if issued_on is not None and issued_on <= end:
            records.append(law_report.NormativeRecord(kind=kind, issued_on=issued_on, repealed_on=repealed_on))
    return records


def compute(agency: Agency, year: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables and the figures the narrative is drafted from, in a constant number of queries."""
    requests = _request_records(agency.pk, year)
    tables = _tables(agency, year, requests)
    return tables, _figures(agency, year, requests)


def compute_tables(agency: Agency, year: int) -> dict[str, Any]:
    return _tables(agency, year, None)


def _tables(agency: Agency, year: int, requests: list | None) -> dict[str, Any]:
    """The three tables of the 2021 format for ``agency`` and ``year``, keyed exactly as report_template.json.

    Raises :class:`gongkai.law.report.UnclassifiedRequest` when a closed request has no result to count it by.
    """
    from gongkai.cases import selectors as cases

    section2: dict[str, Any] = law_report.section2_normative(_normative_records(agency.pk, year), year)
    figures = cases.section2_figures(agency.pk, year)
    section2.update(figures)
    section2["fees"] = {"amount_10k_yuan": Decimal(str(figures["fees"]["amount_10k_yuan"]))}
    return {
        "section2": section2,
        "section3": law_report.section3(requests if requests is not None else _request_records(agency.pk, year), year),
        "section4": cases.section4(agency.pk, year),
    }


def _figures(agency: Agency, year: int, requests: list[law_report.RequestRecord]) -> dict[str, Any]:
    from gongkai.disclosure.models import CatalogItem, DutyInstance, ItemState
    from gongkai.foi.models import RequestEvent

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    closed = [r for r in requests if r.closed_on is not None and start <= r.closed_on <= end]
    timed = [r for r in closed if r.due_on is not None]
    late = sum(1 for r in timed if r.closed_on > r.due_on)
    published = CatalogItem.objects.filter(agency=agency, state=ItemState.PUBLISHED, published_on__range=(start, end))
    by_category: dict[str, int] = {}
    interpretations = 0
    normative_ids, interpreted = set(), set()
    rows = published.values_list(
        "id", "category__parent__name", "category__name", "interprets_id", "normative_kind"
    ).order_by("category__parent__position", "category__position")
    for pk, parent, name, interprets_id, normative_kind in rows:
        top = parent or name
        by_category[top] = by_category.get(top, 0) + 1
        if interprets_id:
            interpretations += 1
            interpreted.add(interprets_id)
        if normative_kind:
            normative_ids.add(pk)
    fee_rows = (
        RequestEvent.objects.filter(request__agency=agency, type__in=("fee_notice", "fee_paid"), on__lte=end)
        .values_list("request_id", "type", "on", "data")
        .order_by("on", "id")
    )
    notices, noticed, collected, last_amount = 0, Decimal(0), Decimal(0), {}
    for request_id, kind, on, data in fee_rows:
        if kind == "fee_notice":
            last_amount[request_id] = Decimal(str((data or {}).get("amount_yuan") or 0))
            if on >= start:
                notices += 1
                noticed += last_amount[request_id]
        elif on >= start:
            collected += last_amount.get(request_id, Decimal(0))
    duties_overdue = (
        DutyInstance.objects.filter(agency=agency, due_on__range=(start, end))
        .filter(Q(fulfilled_on__isnull=True) | Q(fulfilled_on__gt=F("due_on")))
        .count()
    )
    from gongkai.engagement.selectors import report_figures as engagement_figures
    from gongkai.workplan.selectors import report_figures as workplan_figures

    return {
        "engagement": engagement_figures(agency.pk, year, today=min(timezone.localdate(), end)),
        "workplan": workplan_figures(agency.pk, year, today=min(timezone.localdate(), end)),
        "proactive": {
            "total": sum(by_category.values()),
            "by_category": list(by_category.items()),
            "interpretations": interpretations,
        },
        "requests": {
            "closed": len(closed),
            "late": late,
            "on_time_rate": round((len(timed) - late) * 100 / len(timed), 1) if timed else None,
        },
        "fees": {"notices": notices, "noticed_yuan": str(noticed), "collected_yuan": str(collected)},
        "duties_overdue": duties_overdue,
        "policies_without_interpretation": len(normative_ids - interpreted),
    }


def tables_as_json(tables: dict[str, Any]) -> dict[str, Any]:
    """The tables with JSON-safe values (the fee amount, a Decimal, becomes a number with its exact digits)."""
    out = {key: {row: dict(cells) for row, cells in section.items()} for key, section in tables.items()}
    amount = out["section2"]["fees"]["amount_10k_yuan"]
    out["section2"]["fees"]["amount_10k_yuan"] = float(amount) if isinstance(amount, Decimal) else amount
    return out


def reports_for(agencies: QuerySet[Agency] | list[int], year: int | None = None):
    from gongkai.reports.models import AnnualReport

    qs = AnnualReport.objects.filter(agency__in=agencies).select_related("agency")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("agency__name", "-year", "-version")


def latest_reports(agency_ids: list[int] | set[int], year: int) -> dict[int, Any]:
    """The newest version of each agency's report on ``year`` (one query)."""
    from gongkai.reports.models import AnnualReport

    latest: dict[int, Any] = {}
    for report in AnnualReport.objects.filter(agency_id__in=agency_ids, year=year).order_by("agency_id", "-version"):
        latest.setdefault(report.agency_id, report)
    return latest


def published_reports(agency_ids: list[int] | set[int], year: int) -> dict[int, Any]:
    from gongkai.reports.models import AnnualReport, ReportState

    return {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=agency_ids, year=year, state=ReportState.PUBLISHED)
    }


def sum_tables(tables: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The roll-up: every cell summed over the given tables (the fee amount as an exact decimal)."""
    if not tables:
        return None
    total: dict[str, Any] = {}
    for one in tables:
        for section, rows in one.items():
            for row, cells in rows.items():
                target = total.setdefault(section, {}).setdefault(row, {})
                for col, value in cells.items():
                    if isinstance(value, float) or (section == "section2" and row == "fees"):
                        target[col] = Decimal(str(target.get(col, 0))) + Decimal(str(value))
                    else:
                        target[col] = target.get(col, 0) + int(value)
    if "section2" in total and "fees" in total["section2"]:
        total["section2"]["fees"]["amount_10k_yuan"] = float(total["section2"]["fees"]["amount_10k_yuan"])
    return total


def requests_by_month(agency_ids: list[int] | set[int], year: int) -> list[int]:
    """New requests received per month of ``year`` across the agencies (one query)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    from gongkai.foi.models import InfoRequest

    counts = [0] * 12
    rows = (
        InfoRequest.objects.filter(agency_id__in=agency_ids, received_on__year=year)
        .annotate(month=ExtractMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
        .order_by()
    )
    for month, n in rows:
        counts[month - 1] = n
    return counts


def public_reports(agency: Agency) -> list[Any]:
    """The agency's published reports, newest year first; each with the earlier versions it superseded (one query)."""
    from gongkai.reports.models import AnnualReport, ReportState

    rows = AnnualReport.objects.filter(
        agency=agency, state__in=(ReportState.PUBLISHED, ReportState.SUPERSEDED)
    ).order_by("-year", "-version")
    by_year: dict[int, list[Any]] = {}
    for report in rows:
        by_year.setdefault(report.year, []).append(report)
    result = []
    for reports in by_year.values():
        current = next((r for r in reports if r.state == ReportState.PUBLISHED), reports[0])
        current.earlier = [r for r in reports if r is not current]
        result.append(current)
    return result


def public_report(agency: Agency, year: int, version: int | None = None) -> Any:
    """One published (or superseded, when its version is asked for) report; 404 otherwise."""
    from django.shortcuts import get_object_or_404

    from gongkai.reports.models import AnnualReport, ReportState

    qs = AnnualReport.objects.select_related("agency").filter(agency=agency, year=year)
    if version is None:
        return get_object_or_404(qs, state=ReportState.PUBLISHED)
    return get_object_or_404(qs, version=version, state__in=(ReportState.PUBLISHED, ReportState.SUPERSEDED))
