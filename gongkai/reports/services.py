"""Writes for annual reports: draft, regenerate, edit, check, approve, publish, correct.

Tables are never typed: a draft's tables are recomputed from the data whenever it is created, regenerated or
checked, and frozen when the report is published.  A correction is a new version; the old one stays, superseded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from gongkai.agencies.access import holds_role
from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record
from gongkai.core import bulk
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.law import report as law_report
from gongkai.law.versions import NotInForce
from gongkai.reports import narrative, selectors
from gongkai.reports.errors import ReportError
from gongkai.reports.models import NARRATIVE_SECTIONS, AnnualReport, ReportState

WRITERS = (Role.AGENCY_ADMIN,)
APPROVERS = (Role.APPROVER,)


def _holds(user: Any, agency: Agency, roles: tuple[str, ...]) -> bool:
    # the system (commands, demo: no user) or a holder of the role (system administrators too)
    return user is None or holds_role(user, agency, *roles)


def _require(user: Any, agency: Agency, roles: tuple[str, ...], what: Promise) -> None:
    if not _holds(user, agency, roles):
        labels = pgettext("between the names of a list", ", ").join(str(Role(r).label) for r in roles)
        raise ReportError.ROLE.refuse(action=what, roles=labels)


def _previous(agency: Agency, year: int) -> dict[str, Any] | None:
    """Last year's published report (its frozen tables and figures), or None."""
    report = (
        AnnualReport.objects.filter(agency=agency, year=year - 1, state=ReportState.PUBLISHED)
        .order_by("-version")
        .first()
    )
    return {"tables": report.tables, "figures": report.figures} if report else None


def _compute(report: AnnualReport, today: dt.date | None = None) -> None:
    try:
        tables, figures = selectors.compute(report.agency, report.year, today=today)
    except law_report.UnclassifiedRequest as exc:
        raise ReportError.UNCLASSIFIED.refuse(reason=str(exc)) from exc
    report.tables = selectors.tables_as_json(tables)
    report.figures = figures
    report.computed_at = timezone.now()


def _regenerate_text(report: AnnualReport) -> None:
    report.generated = narrative.draft(
        agency_name=report.agency.name,
        year=report.year,
        tables=report.tables,
        figures=report.figures,
        previous=_previous(report.agency, report.year),
    )


@service
def report_start(*, actor: Any, agency: Agency, year: int, today: dt.date | None = None) -> AnnualReport:
    """A new draft for ``year``: tables computed, sections 一/五/六 drafted from them.

    The running year may be drafted (to see where the figures stand); it is approved and published the next year."""
    _require(actor, agency, WRITERS, _("draft the annual report"))
    today = today or timezone.localdate()
    if year > today.year:
        raise ReportError.YEAR_FUTURE.refuse("year", year=year)
    try:
        due_format = law_report.report_format(year)
    except NotInForce as exc:
        raise ReportError.FORMAT.refuse("year", year=year, format="—", source=exc.message) from exc
    if due_format.value.key != law_report.COMPUTED_FORMAT:  # the tables gongkai computes are the 2021 format's
        raise ReportError.FORMAT.refuse("year", year=year, format=due_format.value.name, source=due_format.source)
    existing = AnnualReport.objects.filter(agency=agency, year=year).order_by("-version").first()
    if existing is not None:
        raise ReportError.EXISTS.refuse(year=year, version=existing.version, state=existing.get_state_display())
    report = AnnualReport(agency=agency, year=year, created_by=user_or_none(actor))
    _compute(report, today)
    _regenerate_text(report)
    report.narrative = dict(report.generated)
    report.save()
    record(action="reports.report.start", actor=actor, obj=report, changes={"year": year})
    return report


def _editable(report: AnnualReport) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    if not report.is_editable:
        raise ReportError.FROZEN.refuse()
    return report


@service
def report_regenerate(*, actor: Any, report: AnnualReport, text: bool = False) -> AnnualReport:
    """Recompute the tables from today's data; with ``text``, redraft sections 一/五/六 too (edits are replaced)."""
    report = _editable(report)
    _require(actor, report.agency, WRITERS, _("regenerate the annual report"))
    _compute(report)
    _regenerate_text(report)
    if text:
        report.narrative = dict(report.generated)
    report.state = ReportState.DRAFT
    report.save()
    record(action="reports.report.regenerate", actor=actor, obj=report, changes={"text": text})
    return report


@service
def report_edit(*, actor: Any, report: AnnualReport, sections: dict[str, str]) -> AnnualReport:
    report = _editable(report)
    _require(actor, report.agency, WRITERS, _("edit the annual report"))
    unknown = set(sections) - set(NARRATIVE_SECTIONS)
    if unknown:
        raise ReportError.SECTION.refuse()
    for key, text in sections.items():
        if not (text or "").strip():
            raise ReportError.SECTION_EMPTY.refuse(key)
    changed = sorted(k for k, v in sections.items() if report.narrative.get(k) != v)
    report.narrative = {**report.narrative, **{k: v.strip() for k, v in sections.items()}}
    report.state = ReportState.DRAFT
    report.save()
    record(action="reports.report.edit", actor=actor, obj=report, changes={"sections": changed})
    return report


def report_problems(report: AnnualReport) -> dict[str, list[dict]]:
    """What stands between the report and approval: table failures (errors) and text warnings."""
    failures = [f.as_dict() for f in law_report.check_tables(report.tables)]
    previous = _previous(report.agency, report.year)
    if previous:
        failures += [f.as_dict() for f in law_report.check_carry_over(previous["tables"], report.tables)]
    warnings = narrative.text_conflicts(report.narrative, report.tables, report.figures)
    for problem in failures + warnings:
        problem["cell_label"] = law_report.cell_label(problem.get("cell", ""))
    prompts = [key for key in NARRATIVE_SECTIONS if "【" in (report.narrative.get(key) or "")]
    return {"errors": failures, "warnings": warnings, "unfinished": prompts}


@service
def report_check(*, actor: Any, report: AnnualReport) -> dict[str, list[dict]]:
    """Recompute, then check the 勾稽关系, last year's carry-over, text against tables and unfinished prompts.

    The report moves to ``checked`` only when nothing is wrong; otherwise it stays a draft with the list stored."""
    report = _editable(report)
    _require(actor, report.agency, WRITERS, _("check the annual report"))
    _compute(report)
    problems = report_problems(report)
    report.failures = problems["errors"] + [{"code": "text.table_mismatch", **w} for w in problems["warnings"]]
    report.failures += [
        {"code": "text.unfinished", "section": key, "message": "仍有【】提示未替换为本机关的内容。"}
        for key in problems["unfinished"]
    ]
    report.state = ReportState.CHECKED if not report.failures else ReportState.DRAFT
    report.checked_at = timezone.now()
    report.save()
    record(
        action="reports.report.check",
        actor=actor,
        obj=report,
        changes={"passed": not report.failures, "failures": [f["code"] for f in report.failures]},
    )
    return problems


@service
def report_approve(*, actor: Any, report: AnnualReport, today: dt.date | None = None) -> AnnualReport:
    report = _editable(report)
    _require(actor, report.agency, APPROVERS, _("approve the annual report"))
    if report.year >= (today or timezone.localdate()).year:
        raise ReportError.YEAR_OPEN.refuse(year=report.year)
    if report.state != ReportState.CHECKED:
        raise ReportError.NOT_CHECKED.refuse()
    report.state, report.approved_by, report.approved_at = ReportState.APPROVED, user_or_none(actor), timezone.now()
    report.save()
    record(action="reports.report.approve", actor=actor, obj=report)
    return report


@service
def report_publish(*, actor: Any, report: AnnualReport, today: dt.date | None = None) -> AnnualReport:
    """Freeze and publish; a correction supersedes the version it corrects (which stays readable)."""
    report = _editable(report)
    _require(actor, report.agency, WRITERS, _("publish the annual report"))
    if report.state != ReportState.APPROVED:
        raise ReportError.NOT_APPROVED.refuse()
    today = today or timezone.localdate()
    AnnualReport.objects.filter(agency=report.agency, year=report.year, state=ReportState.PUBLISHED).update(
        state=ReportState.SUPERSEDED
    )
    report.state, report.published_on, report.published_by = ReportState.PUBLISHED, today, user_or_none(actor)
    report.save()
    status = law_report.publication_status(report.agency.kind, report.year, published_on=today, today=today)
    record(
        action="reports.report.publish",
        actor=actor,
        obj=report,
        changes={"version": report.version, "published_on": today, "late": status.late},
    )
    return report


@service
def report_correct(*, actor: Any, report: AnnualReport, reason: str) -> AnnualReport:
    """A new draft version of a published report; the published one stays until the correction is published."""
    report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    _require(actor, report.agency, WRITERS, _("correct the annual report"))
    if report.state != ReportState.PUBLISHED:
        raise ReportError.NOT_PUBLISHED.refuse()
    if not reason.strip():
        raise ReportError.REASON_REQUIRED.refuse("reason")
    if AnnualReport.objects.filter(agency=report.agency, year=report.year, version__gt=report.version).exists():
        raise ReportError.CORRECTION_EXISTS.refuse()
    correction = AnnualReport(
        agency=report.agency,
        year=report.year,
        version=report.version + 1,
        corrects=report,
        correction_reason=reason.strip(),
        narrative=dict(report.narrative),
        created_by=user_or_none(actor),
    )
    _compute(correction)
    _regenerate_text(correction)
    correction.save()
    record(action="reports.report.correct", actor=actor, obj=correction, changes={"reason": reason.strip()})
    return correction


# --- generated data (gongkai bench generate) ------------------------------------------------------------------


@service
def bulk_insert(objects: Iterable[Any], *, batch_size: int = bulk.BATCH_SIZE) -> int:
    """Insert unsaved reports rows in batches, for generated benchmark data only: no signal, no audit entry per row
    (the generator records one entry for the whole run); returns how many rows were written."""
    return bulk.insert(objects, app_label="reports", batch_size=batch_size)
