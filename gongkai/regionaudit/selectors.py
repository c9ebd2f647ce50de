"""年报体检's reads: the supervisor's regions, the missing-years grid, an agency's reports year over year, a
reading's findings with their review. Each page makes a fixed number of queries, however many rows it shows."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import access_for, agencies_below
from gongkai.agencies.models import Agency, AgencyKind, Role
from gongkai.agencies.selectors import agencies_by_ids
from gongkai.law.report import SECTION4_GROUPS, check_carry_over, deadline_for
from gongkai.law.report_rates import RATE_CODES, RATE_LABELS, Rates, percent, rates_of
from gongkai.regionaudit.models import AuditedReport, FindingReview, ReportReading

PUBLISHED, MISSING, NOT_DUE = "published", "missing", "not_due"
FIRST_YEAR = 2008  # 条例（国务院令第492号）took effect 2008-05-01: the first report is on 2008
# The key figures compared year over year (gongkai.checker's metrics), in the order shown.
KEY_FIGURES = (
    "proactive_items",
    "requests_received",
    "requests_carried_in",
    "requests_answered",
    "reconsiderations",
    "litigation",
    "fees_yuan",
)


def supervised_regions(user: Any) -> QuerySet[Agency]:
    """The agencies where ``user`` holds the supervisor role: the regions it audits."""
    access = access_for(user)
    ids = [agency_id for agency_id, roles in access.roles.items() if Role.SUPERVISOR in roles]
    return agencies_by_ids(ids).order_by("name")


def region_or_404(user: Any, region_id: int) -> Agency:
    """A region ``user`` supervises; 404 for any other, so another region's existence is not revealed."""
    region = supervised_regions(user).filter(pk=region_id).first()
    if region is None:
        raise Http404
    return region


def region_agency_ids(region: Agency) -> set[int]:
    return agencies_below({region.pk})


def region_agencies(region: Agency) -> QuerySet[Agency]:
    return agencies_by_ids(region_agency_ids(region)).order_by("name", "id")


def region_agency_or_404(region: Agency, agency_id: int) -> Agency:
    if agency_id not in region_agency_ids(region):
        raise Http404
    return agencies_by_ids([agency_id]).get()


def _latest_readings(*, reviews: bool = False) -> Prefetch:
    readings = ReportReading.objects.order_by("-checked_at", "-id")
    if reviews:
        readings = readings.prefetch_related("reviews")
    return Prefetch("readings", queryset=readings, to_attr="history")


def region_reports(region: Agency) -> QuerySet[AuditedReport]:
    return AuditedReport.objects.filter(region=region).select_related("agency").prefetch_related(_latest_readings())


def unmatched_reports(region: Agency) -> QuerySet[AuditedReport]:
    return region_reports(region).filter(agency__isnull=True).order_by("-created_at", "-id")


def report_or_404(region: Agency, report_id: int) -> AuditedReport:
    report = region_reports(region).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def reading_or_404(region: Agency, reading_id: int) -> ReportReading:
    reading = (
        ReportReading.objects.filter(report__region=region, pk=reading_id)
        .select_related("report", "report__agency", "report__region")
        .first()
    )
    if reading is None:
        raise Http404
    return reading


# --- the missing-years grid --------------------------------------------------------------------------------------


def _kind(agency: Agency) -> str:
    return "government" if agency.kind == AgencyKind.GOVERNMENT else "department"


def cell_state(agency: Agency, year: int, published: bool, today: dt.date) -> str:
    """Published; missing once its deadline has passed (条例 第四十九条: 1月31日 for departments, 3月31日 for
    governments, 3月31日 for all up to the report on 2018 — :func:`gongkai.law.report.deadline_for`); else not yet
    due (the deadline day itself is still in time)."""
    if published:
        return PUBLISHED
    return MISSING if today > deadline_for(_kind(agency), year) else NOT_DUE


def grid_years(first_year: int, today: dt.date) -> list[int]:
    """From ``first_year`` to the last year whose report falls due this year or earlier (the year before today's)."""
    last = today.year - 1
    return list(range(max(first_year, FIRST_YEAR), last + 1))


@dataclass
class GridRow:
    agency: Agency
    cells: list[tuple[int, str]]
    missing: int = 0


def missing_years_grid(agencies: list[Agency], region: Agency, years: list[int], today: dt.date) -> list[GridRow]:
    """For each agency (a page of the region's), each year: published, missing or not yet due. One query."""
    published = set(
        AuditedReport.objects.filter(region=region, agency__in=[a.pk for a in agencies], year__in=years).values_list(
            "agency_id", "year"
        )
    )
    rows = []
    for agency in agencies:
        cells = [(year, cell_state(agency, year, (agency.pk, year) in published, today)) for year in years]
        rows.append(GridRow(agency, cells, sum(1 for _y, state in cells if state == MISSING)))
    return rows


# --- year over year ----------------------------------------------------------------------------------------------


def _total(tables: dict[str, Any] | None, section: str, row: str) -> Any:
    value = ((tables or {}).get(section) or {}).get(row)
    return value.get("total") if isinstance(value, dict) else value


@dataclass
class YearColumn:
    year: int
    report: AuditedReport
    reading: ReportReading
    figures: dict[str, Any] = field(default_factory=dict)
    carried_out: Any = None  # 表三 结转下年度继续办理 (total)
    carry_ok: bool | None = None  # every carry-over from last year's report holds (None: not known)
    carry_breaks: list[str] = field(default_factory=list)  # the column or row where it does not, in the law's words


def agency_reports(region: Agency, agency: Agency) -> list[AuditedReport]:
    return list(region_reports(region).filter(agency=agency).order_by("-year", "-created_at", "-id"))


def comparison(reports: list[AuditedReport]) -> list[YearColumn]:
    """The key figures of each year's latest reading side by side (one report per year: the latest ingested), and
    the carry-over from the year before when both reports' tables give it (``law.report.check_carry_over``): 表三's
    上年结转 per column against last year's 结转下年度继续办理, 表二's 现行有效 against last year's + 制发 − 废止."""
    by_year: dict[int, AuditedReport] = {}
    for report in reports:
        if report.year and report.history and report.year not in by_year:
            by_year[report.year] = report
    columns = []
    for year in sorted(by_year):
        report = by_year[year]
        reading = report.history[0]
        tables = reading.reading.get("tables")
        metrics = reading.reading.get("metrics") or {}
        column = YearColumn(year, report, reading, {code: metrics.get(code) for code in KEY_FIGURES})
        column.carried_out = _total(tables, "section3", "carried_to_next_year")
        if columns and columns[-1].year == year - 1:
            column.carry_ok, column.carry_breaks = _carry(columns[-1].reading.reading.get("tables"), tables)
        columns.append(column)
    return columns


def _carry(before: dict[str, Any] | None, now: dict[str, Any] | None) -> tuple[bool | None, list[str]]:
    """Whether last year's tables carry over into this year's, and where not; None when a table to compare is
    missing from either report (a missing table is not a carry-over broken)."""
    sections = {s for s in ("section2", "section3") if (before or {}).get(s) and (now or {}).get(s)}
    if not sections:
        return None, []
    breaks = [f.message for f in check_carry_over(before, now) if f.cell.split(".")[0] in sections]
    return not breaks, breaks


# --- findings and their review ------------------------------------------------------------------------------------


@dataclass
class FindingRow:
    index: int
    finding: dict[str, str]
    review: FindingReview | None


def reading_findings(reading: ReportReading) -> list[FindingRow]:
    reviews = {r.index: r for r in FindingReview.objects.filter(reading=reading).select_related("reviewed_by")}
    return [FindingRow(i, f, reviews.get(i)) for i, f in enumerate(reading.findings)]


@dataclass
class ReportTriage:
    """A report's latest reading in the region's findings list: how many findings, and how many decided."""

    report: AuditedReport
    reading: ReportReading | None
    findings: int = 0
    errors: int = 0
    confirmed: int = 0
    dismissed: int = 0

    @property
    def open(self) -> int:
        return self.findings - self.confirmed - self.dismissed


def triage_reports(region: Agency) -> QuerySet[AuditedReport]:
    """The region's reports for the findings list, latest year first, their readings and reviews prefetched."""
    return (
        AuditedReport.objects.filter(region=region)
        .select_related("agency")
        .prefetch_related(_latest_readings(reviews=True))
        .order_by("-year", "agency__name", "source_name", "id")
    )


def triage_rows(reports: list[AuditedReport]) -> list[ReportTriage]:
    """For a page of :func:`triage_reports`: each report's findings and their review status (no more queries)."""
    rows = []
    for report in reports:
        reading = report.history[0] if report.history else None
        row = ReportTriage(report, reading)
        if reading is not None:
            row.findings = len(reading.findings)
            row.errors = sum(1 for f in reading.findings if f.get("severity") == "error")
            statuses = [r.status for r in reading.reviews.all()]
            row.confirmed, row.dismissed = statuses.count("confirmed"), statuses.count("dismissed")
        rows.append(row)
    return rows


# --- the benchmark: derived rates, ranking, risks ----------------------------------------------------------------

# A rate above this is a risk (a convention of this page, not of the law: a third of the cases decided against the
# agency is far above what reports usually show).
RISK_RATE = Decimal("0.3")
# A key figure that grew or shrank this many times from last year's report is a risk, once either year counts at
# least RISK_CHANGE_FLOOR (3 → 9 requests is noise, 30 → 90 is not).
RISK_CHANGE = 3
RISK_CHANGE_FLOOR = 10
CHANGE_FIGURES = ("proactive_items", "requests_received")


@dataclass
class Risk:
    code: str  # missing, confirmed_errors, reconsideration_corrected, litigation_lost, change
    reason: str  # in Chinese, for the page and the exports


@dataclass
class BenchRow:
    agency: Agency
    state: str  # PUBLISHED, MISSING, NOT_DUE
    report: AuditedReport | None = None
    reading: ReportReading | None = None
    rates: Rates = field(default_factory=Rates)
    figures: dict[str, Any] = field(default_factory=dict)
    confirmed_errors: int = 0
    risks: list[Risk] = field(default_factory=list)
    rank: dict[str, int] = field(default_factory=dict)  # by rate code, 1 = highest; absent when the rate is None

    def rate(self, code: str) -> Decimal | None:
        return self.rates.get(code)


def _latest_of_year(reports: list[AuditedReport]) -> dict[int, AuditedReport]:
    """Each agency's report of the year: the latest ingested with a reading (reports come newest first)."""
    by_agency: dict[int, AuditedReport] = {}
    for report in reports:
        if report.agency_id and report.history and report.agency_id not in by_agency:
            by_agency[report.agency_id] = report
    return by_agency


def _year_reports(region: Agency, year: int, *, reviews: bool = False) -> dict[int, AuditedReport]:
    reports = (
        AuditedReport.objects.filter(region=region, year=year, agency__isnull=False)
        .prefetch_related(_latest_readings(reviews=reviews))
        .order_by("-created_at", "-id")
    )
    return _latest_of_year(list(reports))


def _confirmed_errors(reading: ReportReading) -> int:
    confirmed = {r.index for r in reading.reviews.all() if r.status == "confirmed"}
    return sum(1 for i, f in enumerate(reading.findings) if i in confirmed and f.get("severity") == "error")


def _change_reason(code: str, now: Any, before: Any) -> str | None:
    if not isinstance(now, int) or not isinstance(before, int) or max(now, before) < RISK_CHANGE_FLOOR:
        return None
    if before == 0 or now == 0 or now >= before * RISK_CHANGE or before >= now * RISK_CHANGE:
        label = FIGURE_LABELS[code]
        return _("%(figure)s: %(now)s this year, %(before)s last year.") % {
            "figure": label,
            "now": now,
            "before": before,
        }
    return None


# The key figures' names, on the comparison page and in the risks' reasons (the code is shown beside them).
FIGURE_LABELS: dict[str, Any] = {
    "proactive_items": gettext_lazy("Items published proactively"),
    "requests_received": gettext_lazy("Requests received this year"),
    "requests_carried_in": gettext_lazy("Requests carried over from last year"),
    "requests_answered": gettext_lazy("Requests answered this year"),
    "reconsiderations": SECTION4_GROUPS["reconsideration"],  # 表四's own labels (data)
    "litigation": SECTION4_GROUPS["litigation_direct"].split("/")[0],
    "fees_yuan": gettext_lazy("Information processing fees collected (yuan)"),
}


def _risks(row: BenchRow, year: int, deadline: dt.date, previous: ReportReading | None) -> list[Risk]:
    risks = []
    if row.state == MISSING:
        risks.append(
            Risk(MISSING, _("No report on %(year)s, due by %(day)s.") % {"year": year, "day": f"{deadline:%Y-%m-%d}"})
        )
    if row.confirmed_errors:
        risks.append(
            Risk("confirmed_errors", _("%(count)s errors in the report confirmed.") % {"count": row.confirmed_errors})
        )
    for code in ("reconsideration_corrected", "litigation_lost"):
        value = row.rate(code)
        if value is not None and value > RISK_RATE:
            risks.append(
                Risk(
                    code,
                    _("%(rate)s is %(value)s, above %(limit)s.")
                    % {"rate": RATE_LABELS[code], "value": percent(value), "limit": percent(RISK_RATE)},
                )
            )
    if row.reading is not None and previous is not None:
        before = previous.reading.get("metrics") or {}
        for code in CHANGE_FIGURES:
            reason = _change_reason(code, row.figures.get(code), before.get(code))
            if reason:
                risks.append(Risk("change", reason))
    return risks


def benchmark(region: Agency, year: int, today: dt.date) -> list[BenchRow]:
    """Every agency of the region on ``year``: its report's latest reading, the derived rates
    (:func:`gongkai.law.report_rates.rates_of`), the rank by each rate and its risks. A fixed number of queries
    (the agencies, this year's reports with readings and reviews, last year's with readings), however many rows."""
    agencies = list(region_agencies(region))
    this_year = _year_reports(region, year, reviews=True)
    last_year = _year_reports(region, year - 1)
    rows = []
    for agency in agencies:
        report = this_year.get(agency.pk)
        row = BenchRow(agency, cell_state(agency, year, report is not None, today), report)
        if report is not None:
            row.reading = report.history[0]
            row.rates = rates_of(row.reading.reading.get("tables"))
            metrics = row.reading.reading.get("metrics") or {}
            row.figures = {code: metrics.get(code) for code in KEY_FIGURES}
            row.confirmed_errors = _confirmed_errors(row.reading)
        previous = last_year.get(agency.pk)
        row.risks = _risks(row, year, deadline_for(_kind(agency), year), previous.history[0] if previous else None)
        rows.append(row)
    for code in RATE_CODES:
        ranked = sorted((r for r in rows if r.rate(code) is not None), key=lambda r: r.rate(code), reverse=True)
        rank, last = 0, None
        for position, row in enumerate(ranked, start=1):
            if row.rate(code) != last:
                rank, last = position, row.rate(code)
            row.rank[code] = rank  # equal rates share a rank (1, 2, 2, 4)
    return rows


def sort_benchmark(rows: list[BenchRow], code: str | None, descending: bool = True) -> list[BenchRow]:
    """By a rate (agencies without it last), else by name (the rows' order)."""
    if code not in RATE_CODES:
        return rows
    known = sorted((r for r in rows if r.rate(code) is not None), key=lambda r: r.rate(code), reverse=descending)
    return known + [r for r in rows if r.rate(code) is None]


def medians(rows: list[BenchRow]) -> dict[str, Decimal | None]:
    """The region's median of each rate, over the agencies that have it."""
    result: dict[str, Decimal | None] = {}
    for code in RATE_CODES:
        values = [r.rate(code) for r in rows if r.rate(code) is not None]
        result[code] = statistics.median(values) if values else None
    return result


def risk_rows(rows: list[BenchRow]) -> list[BenchRow]:
    return [r for r in rows if r.risks]
