"""Reads for cases and yearly figures.

Cases name the applicant or plaintiff, so they are shown only to the agency's case officers and admins and to the
supervisors above it (and system administrators); other staff of the agency get 403, other agencies' staff 404.
Of those readers only the agency's case officers and admins see the name in full (:func:`party_shown`, the table in
``gongkai.agencies.access.PERSONAL_DATA_IN_FULL``); supervisors and system administrators see it masked (张*).
:func:`section4` and :func:`section2_figures` are what the annual report reads: one query each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gongkai.agencies.access import access_for, get_scoped_or_404, sees_personal_data
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agencies_by_ids
from gongkai.cases.models import Case, CaseDocument, YearFigures
from gongkai.law import cases as law_cases
from gongkai.law import report as law_report
from gongkai.law.pii import mask_name

WRITE_ROLES = (Role.CASE_OFFICER, Role.AGENCY_ADMIN)
FIGURES_WRITE_ROLES = (Role.AGENCY_ADMIN,)


def case_agency_ids(user) -> set[int] | None:
    """The agencies whose cases the user may read; None means all (system administrator)."""
    access = access_for(user)
    if access.is_system_admin:
        return None
    own = {agency_id for agency_id, roles in access.roles.items() if roles & set(WRITE_ROLES)}
    return own | access.supervised_ids()


def case_agencies(user) -> QuerySet[Agency]:
    return agencies_by_ids(case_agency_ids(user))


def can_write(user, agency_id: int) -> bool:
    access = access_for(user)
    return access.is_system_admin or access.has_role(agency_id, *WRITE_ROLES)


def can_edit_figures(user, agency_id: int) -> bool:
    access = access_for(user)
    return access.is_system_admin or access.has_role(agency_id, *FIGURES_WRITE_ROLES)


def sees_party(user, case: Case) -> bool:
    """Whether ``user`` sees the case's applicant or plaintiff in full (a case is never open to an approver)."""
    return sees_personal_data(user, case.agency_id)


def party_shown(user, case: Case) -> str:
    """The applicant's or plaintiff's name as ``user`` may see it: in full, or masked (张*)."""
    return case.party_name if sees_party(user, case) else mask_name(case.party_name)


def _readable(user, obj_agency_id: int) -> None:
    ids = case_agency_ids(user)
    if ids is not None and obj_agency_id not in ids:
        raise PermissionDenied  # the agency is visible (get_scoped_or_404 passed), its cases are not for this role


@dataclass(frozen=True)
class CaseFilter:
    kind: str = ""
    year: int | None = None  # the cases 表四 of that year counts
    result: str = ""  # upheld | corrected | other | pending
    overdue: bool = False
    agency_id: int | None = None


def year_q(year: int, prefix: str = "") -> Q:
    """The cases 表四 counts in ``year``: filed by its end and not concluded before it (law.cases.section4)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Q(**{f"{prefix}filed_on__lte": end}) & (
        Q(**{f"{prefix}concluded_on__isnull": True}) | Q(**{f"{prefix}concluded_on__gte": start})
    )


def overdue_q(today: dt.date) -> Q:
    """Reply (答复 / 答辩) not in by its due date, or a reconsideration decision past its 第六十二条 period."""
    open_case = Q(concluded_on__isnull=True)
    return open_case & (
        Q(replied_on__isnull=True, reply_due_on__lt=today) | Q(replied_on__isnull=False, decision_due_on__lt=today)
    )


def case_list(user, filters: CaseFilter, *, today: dt.date) -> QuerySet[Case]:
    ids = case_agency_ids(user)
    qs = Case.objects.select_related("agency", "info_request")
    if ids is not None:
        qs = qs.filter(agency_id__in=ids)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.kind in law_cases.KINDS:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year_q(filters.year))
    if filters.result == "pending":
        qs = (
            qs.filter(concluded_on__isnull=True)
            if not filters.year
            else qs.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=dt.date(filters.year, 12, 31)))
        )
    elif filters.result in law_cases.RESULTS:
        qs = qs.filter(result=filters.result)
        if filters.year:
            qs = qs.filter(concluded_on__year=filters.year)
    if filters.overdue:
        qs = qs.filter(overdue_q(today))
    return qs.order_by("-filed_on", "-id")


def case_for_user(user, pk: int) -> Case:
    case = get_scoped_or_404(
        Case.objects.select_related("agency", "info_request", "created_by").prefetch_related("documents"),
        user,
        pk=pk,
    )
    _readable(user, case.agency_id)
    return case


def document_for_user(user, pk: int) -> CaseDocument:
    document = get_scoped_or_404(CaseDocument.objects.select_related("case"), user, agency_field="case__agency", pk=pk)
    _readable(user, document.case.agency_id)
    return document


def figures_of(agency: Agency) -> QuerySet[YearFigures]:
    return YearFigures.objects.filter(agency=agency).select_related("entered_by").order_by("-year")


# --- what the annual report reads -----------------------------------------------------------------------------


def section4(agency_id: int, year: int) -> dict[str, dict[str, int]]:
    """表四 for the agency and year, keyed exactly as report_template.json; one query (law.cases.section4)."""
    rows = (
        Case.objects.filter(agency_id=agency_id)
        .filter(year_q(year))
        .values_list("number", "kind", "filed_on", "concluded_on", "result", "joint_defendant")
        .order_by()
    )
    return law_cases.section4(
        (
            law_cases.CaseRecord(
                ref=number,
                kind=kind,
                filed_on=filed_on,
                concluded_on=concluded_on,
                result=result,
                joint_defendant_as_reconsideration_body=joint,
            )
            for number, kind, filed_on, concluded_on, result, joint in rows
        ),
        year,
    )


def section2_figures(agency_id: int, year: int) -> dict[str, Any]:
    """Every entered row of 表二 (许可、处罚、强制 decisions, 行政事业性收费 …; law.report.ENTERED_ROWS) for the agency
    and year: counts as integers, amounts as Decimal; zeros when none were entered (one query)."""
    stored = YearFigures.objects.filter(agency_id=agency_id, year=year).first() or YearFigures(year=year)
    return {
        row.key: {col: stored.value(row.key, col) for col, _label in row.columns} for row in law_report.ENTERED_ROWS
    }


@dataclass(frozen=True)
class FiguresTable:
    """The yearly figures page: one column per entered cell (labelled as the template words it), one row a year."""

    headers: list[str]
    rows: list[tuple[YearFigures, list[tuple[Any, str]]]]  # (figures, [(value, source of its row)])


def figures_table(figures: list[YearFigures]) -> FiguresTable:
    cells = [(row, col, label) for row in law_report.ENTERED_ROWS for col, label in row.columns]
    headers = [row.header(col) for row, col, _label in cells]
    return FiguresTable(
        headers,
        [(f, [(f.value(row.key, col), f.source(row.key)) for row, col, _label in cells]) for f in figures],
    )


def figures_import_headers() -> list[str]:
    """The column headings of a yearly figures file (`gongkai import figures`), from the template's entered rows."""
    cells = [row.header(col) for row in law_report.ENTERED_ROWS for col, _label in row.columns]
    return ["统一社会信用代码", "年度", *cells, "来源"]


def entered_row_labels() -> list[str]:
    """The labels of 表二's entered rows (行政许可、行政处罚 …), for help texts."""
    return [row.label for row in law_report.ENTERED_ROWS]
