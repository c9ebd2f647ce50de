"""Reads for annual reports: the statutory tables computed from the data, and the report lists staff and the portal see.

:func:`compute_tables` reads each source once (requests, normative documents, cases, yearly figures), so its query
count does not grow with the number of requests; the counting rules are in :mod:`gongkai.law.report`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import pgettext

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_by_ids
from gongkai.cases import selectors as cases_selectors
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.engagement import selectors as engagement_selectors
from gongkai.foi import selectors as foi_selectors
from gongkai.law import report as law_report
from gongkai.law.outcomes import RESULT_GROUPS
from gongkai.reports.narrative import FigurePhrase as FigurePhrase  # the checker reads text the same way
from gongkai.reports.narrative import text_conflicts as text_conflicts
from gongkai.workplan import selectors as workplan_selectors


def compute(agency: Agency, year: int, *, today: dt.date | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables and the figures the narrative is drafted from, in a constant number of queries; ``today`` (by
    default the local date) is the date open requests and duties are judged on, capped at the year end."""
    requests = foi_selectors.report_request_records(agency.pk, year)
    tables = _tables(agency, year, requests)
    return tables, _figures(agency, year, requests, today=today or timezone.localdate())


def compute_tables(agency: Agency, year: int) -> dict[str, Any]:
    return _tables(agency, year, None)


def _tables(agency: Agency, year: int, requests: list | None) -> dict[str, Any]:
    """The three tables of the 2021 format for ``agency`` and ``year``, keyed exactly as report_template.json.

    Raises :class:`gongkai.law.report.UnclassifiedRequest` when a closed request has no result to count it by.
    """
    section2: dict[str, Any] = law_report.section2_normative(
        disclosure_selectors.normative_records(agency.pk, year), year
    )
    section2.update(cases_selectors.section2_figures(agency.pk, year))
    return {
        "section2": section2,
        "section3": law_report.section3(
            requests if requests is not None else foi_selectors.report_request_records(agency.pk, year), year
        ),
        "section4": cases_selectors.section4(agency.pk, year),
    }


def _figures(agency: Agency, year: int, requests: list[law_report.RequestRecord], *, today: dt.date) -> dict[str, Any]:
    """The facts the narrative is drafted from, each read from the app that holds it (a fixed number of queries)."""
    end = dt.date(year, 12, 31)
    timeliness = law_report.reply_timeliness(requests, year, today=today)
    proactive = disclosure_selectors.proactive_figures(agency.pk, year)
    as_of = min(today, end)
    return {
        "engagement": engagement_selectors.report_figures(agency.pk, year, today=as_of),
        "workplan": workplan_selectors.report_figures(agency.pk, year, today=as_of),
        "proactive": {key: proactive[key] for key in ("total", "by_category", "interpretations")},
        "requests": {
            "closed": timeliness.closed,
            "late": timeliness.closed_late,
            "on_time_rate": timeliness.on_time_rate,
            "open_overdue": len(timeliness.open_overdue),
            "open_overdue_refs": list(timeliness.open_overdue),
            "as_of": timeliness.as_of.isoformat(),
        },
        "fees": foi_selectors.fee_figures(agency.pk, year),
        "duties_overdue": disclosure_selectors.duties_overdue_in(agency.pk, year),
        "policies_without_interpretation": proactive["policies_without_interpretation"],
    }


# 表二's amount cells (行政事业性收费 in 万元), from the template: stored and summed as exact decimals.
_AMOUNT_CELLS = {
    (row.key, col) for row in law_report.SECTION2_ROWS for col, label in row.columns if law_report.is_amount(label)
}


def tables_as_json(tables: dict[str, Any]) -> dict[str, Any]:
    """The tables with JSON-safe values (an amount, a Decimal, becomes a number with its exact digits)."""
    out = {key: {row: dict(cells) for row, cells in section.items()} for key, section in tables.items()}
    for row, col in _AMOUNT_CELLS:
        amount = out["section2"].get(row, {}).get(col)
        if isinstance(amount, Decimal):
            out["section2"][row][col] = float(amount)
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
                    if isinstance(value, float) or (section == "section2" and (row, col) in _AMOUNT_CELLS):
                        target[col] = Decimal(str(target.get(col, 0))) + Decimal(str(value))
                    else:
                        target[col] = target.get(col, 0) + int(value)
    for row, col in _AMOUNT_CELLS:
        cells = total.get("section2", {}).get(row)
        if cells and col in cells:
            cells[col] = float(cells[col])
    return total


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


# --- the supervisor's oversight -----------------------------------------------------------------------------------


def oversight_agencies(user) -> list[Agency]:
    """The agencies below the user's supervising offices (not those offices themselves); every agency for a system
    administrator; 404 for a user who supervises nothing."""
    access = access_for(user)
    if access.is_system_admin:
        return list(agencies_by_ids(None))
    if not access.supervised_ids():
        raise Http404
    return list(agencies_by_ids(access.overseen_ids()))


# What the oversight page compares with the year before: (the page's short wording, section, row, column).
COMPARED_CELLS = (
    ("本年新收政府信息公开申请", "section3", "new_this_year", "total"),
    ("本年度办理结果总计", "section3", "results_total", "total"),
    ("予以公开", "section3", "disclosed", "total"),
    ("结转下年度继续办理", "section3", "carried_to_next_year", "total"),
    ("行政复议总计", "section4", "reconsideration", "total"),
    ("行政规范性文件现行有效", "section2", "normative_documents", "in_force"),
)


def _bars(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Bars for a server-side SVG chart: label, value and width as a percentage of the largest value."""
    top = max((v for _, v in pairs), default=0) or 1
    return [{"label": label, "value": value, "pct": round(value * 100 / top, 1)} for label, value in pairs]


def _comparison(now: dict | None, before: dict | None) -> list[dict[str, Any]]:
    if not now:
        return []
    out = []
    for label, section, row, col in COMPARED_CELLS:
        value = now[section][row][col]
        previous = before[section][row][col] if before else None
        out.append(
            {
                "label": label,
                "now": value,
                "before": previous,
                "change": None if previous is None else value - previous,
            }
        )
    return out


def oversight(agencies: list[Agency], year: int, *, today: dt.date) -> dict[str, Any]:
    """Each agency's report on ``year`` against its deadline (条例 第四十九条, law.report), the roll-up of the
    published tables with the year before, and the chart data (a fixed number of queries)."""
    ids = [a.pk for a in agencies]
    latest = latest_reports(ids, year)
    published = published_reports(ids, year)
    rows = []
    for agency in agencies:
        shown = published.get(agency.pk)
        status = law_report.publication_status(
            agency.kind, year, published_on=shown.published_on if shown else None, today=today
        )
        rows.append(
            {
                "agency": agency,
                "report": latest.get(agency.pk),
                "published": shown,
                "deadline": status.deadline,
                "late": status.late,
            }
        )
    rollup = sum_tables([r.tables for r in published.values()])
    rollup_before = sum_tables([r.tables for r in published_reports(ids, year - 1).values()])
    months = foi_selectors.requests_by_month(ids, year)
    outcome_bars = []
    if rollup:
        outcome_bars = [
            (label, sum(rollup["section3"][k]["total"] for k in keys)) for label, keys in RESULT_GROUPS.values()
        ]
    on_time = [
        (r["agency"].short_name or r["agency"].name, r["published"].figures.get("requests", {}).get("on_time_rate"))
        for r in rows
        if r["published"] is not None
    ]
    return {
        "rows": rows,
        "rollup": rollup,
        "comparison": _comparison(rollup, rollup_before),
        "months": _bars([(pgettext("chart label", "Month %(n)s") % {"n": i + 1}, n) for i, n in enumerate(months)]),
        "outcomes": _bars(outcome_bars),
        "on_time": [(name, rate) for name, rate in on_time if rate is not None],
        "published_count": len(published),
        "late_count": sum(1 for r in rows if r["late"]),
    }


def oversight_tables(agencies: list[Agency], year: int) -> list[tuple[str, dict[str, Any]]]:
    """(agency name, tables) of every published report on ``year``, by agency name (for the XLSX of all tables)."""
    published = published_reports([a.pk for a in agencies], year)
    names = {a.pk: a.name for a in agencies}
    return [
        (names[agency_id], report.tables)
        for agency_id, report in sorted(published.items(), key=lambda kv: names[kv[0]])
    ]


# --- the report as documents (for the portal and the staff pages) ----------------------------------------------

EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def export(report: Any, fmt: str) -> bytes | str:
    """The report as a DOCX in the official layout, an XLSX of its tables, or printable HTML (KeyError otherwise)."""
    from gongkai.reports import exports

    return {"docx": exports.to_docx, "xlsx": exports.to_xlsx, "html": exports.to_html}[fmt](report)


def tables_xlsx(rows: list[tuple[str, dict[str, Any]]]) -> bytes:
    """One workbook with every agency's tables (the supervisor's export)."""
    from gongkai.reports import exports

    return exports.tables_to_xlsx(rows)


def narrative_sections(report: Any) -> list[tuple[str, list[str]]]:
    """The report's written sections (一、五、六) as (heading, paragraphs), in statutory order."""
    from gongkai.reports import layout

    return layout.narrative_sections(report.narrative)


def deadline_status(report: Any, today: dt.date) -> law_report.PublicationStatus:
    """The statutory deadline of the report (条例 第四十九条) and whether publication was, or now is, late."""
    return law_report.publication_status(report.agency.kind, report.year, published_on=report.published_on, today=today)


def report_for_user(user, pk: int) -> Any:
    """A report of an agency the user may read, with its agency and the version it corrects; 404 otherwise."""
    from gongkai.agencies.access import get_scoped_or_404
    from gongkai.reports.models import AnnualReport

    return get_scoped_or_404(AnnualReport.objects.select_related("agency", "corrects"), user, pk=pk)


def reports_for_user(user) -> QuerySet:
    """Every report the user may read, newest year first."""
    from gongkai.agencies.access import scope
    from gongkai.reports.models import AnnualReport

    return scope(AnnualReport.objects.select_related("agency"), user).order_by("-year", "agency__name", "-version")


def versions_of(report: Any) -> QuerySet:
    """All versions of the agency's report on that year (corrections included), oldest first."""
    from gongkai.reports.models import AnnualReport

    return AnnualReport.objects.filter(agency_id=report.agency_id, year=report.year).order_by("version")
