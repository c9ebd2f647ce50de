"""年报体检's writes: a supervisor ingests a region's published annual reports, re-checks them, assigns a report to
its agency by hand and triages the findings. Each is audited on the region's chain and refused to anyone but a
supervisor of the region. Reports are read before the write transaction opens (docs/architecture.md)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import agencies_below, holds_role
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agencies_by_ids
from gongkai.audit.services import record
from gongkai.checker.checking import check_documents, result_json
from gongkai.core.files import save_with_file
from gongkai.core.logs import service
from gongkai.regionaudit.errors import RegionAuditError
from gongkai.regionaudit.matching import match_agency
from gongkai.regionaudit.models import (
    AuditedReport,
    FindingReview,
    MatchedBy,
    ReportReading,
    ReviewStatus,
)
from gongkai.regionaudit.versions import checker_version

# What the checker's source names the file's kind → the stored type and extension.
STORED_TYPES = {
    "text": ("text/plain", ".txt"),
    "html": ("text/html", ".html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "pdf": ("application/pdf", ".pdf"),
}


@dataclass
class Ingested:
    """One file of an ingest: stored (a new report) or a duplicate of one already stored."""

    name: str
    report: AuditedReport
    duplicate: bool
    candidates: list[Agency]

    def as_dict(self) -> dict[str, Any]:
        report = self.report
        return {
            "file": self.name,
            "status": "duplicate" if self.duplicate else "stored",
            "report": report.pk,
            "agency_read": _latest_reading_agency(report),
            "year": report.year,
            "agency": report.agency.name if report.agency else None,
            "matched_by": report.matched_by,
            "candidates": [a.name for a in self.candidates],
        }


def _latest_reading_agency(report: AuditedReport) -> str | None:
    reading = getattr(report, "_first_reading", None)
    return reading.reading.get("agency") if reading is not None else None


def _require_supervisor(actor: Any, region: Agency) -> None:
    """A supervisor of the region (or a system administrator); ``None`` is the platform's own console command
    (``gongkai audit-reports``), run by whoever runs the server, and audited as "system"."""
    if actor is not None and not holds_role(actor, region, Role.SUPERVISOR):
        raise RegionAuditError.NOT_SUPERVISOR.refuse()


def region_tree(region: Agency) -> list[Agency]:
    """The region's agencies: the supervising office and every agency under it (parent or supervisor links)."""
    return list(agencies_by_ids(agencies_below({region.pk})).order_by("name", "id"))


def _reading_data(result: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    data = result_json(result)
    reading = {key: data[key] for key in ("agency", "year", "format", "published_on", "metrics", "tables")}
    reading["source"] = result.source
    return reading, data["findings"]


def _unreadable(result: Any) -> bool:
    return not result.source


@service(atomic=False)
def reports_ingest(
    *,
    actor: Any,
    region: Agency,
    files: list[tuple[str, bytes]],
    progress: Callable[[int, int], None] | None = None,
    seconds: float | None = None,
    addresses: list[str] | None = None,
) -> list[Ingested]:
    """Check every file, then store them all in one transaction (all or none); a file already stored for the region
    (same SHA-256) adds nothing and is reported as a duplicate. Each report is matched to an agency of the region by
    the name read from it (:func:`gongkai.regionaudit.matching.match_agency`); unmatched ones wait for
    :func:`report_assign`. ``progress(done, total)`` is called as each file is read (the command's progress bar);
    ``seconds`` bounds the checking of all files together (a page's upload): a file left unread refuses the batch.
    ``addresses`` (one per file, the crawler's) are kept as each report's ``source_address``."""
    _require_supervisor(actor, region)
    if not files:
        raise RegionAuditError.NO_FILES.refuse()

    def pulled():
        for done, document in enumerate(files):
            if progress is not None:
                progress(done, len(files))
            yield document
        if progress is not None:
            progress(len(files), len(files))

    results = check_documents(pulled(), seconds=seconds)  # slow: before the transaction
    for result in results:
        if _unreadable(result):
            reason = result.findings[0].message if result.findings else ""
            raise RegionAuditError.UNREADABLE.refuse(name=result.file, reason=reason)
    tree = region_tree(region)
    version = checker_version()
    stored_names: list[str] = []
    outcome: list[Ingested] = []
    try:
        with transaction.atomic():
            seen: dict[str, AuditedReport] = {
                r.sha256: r
                for r in AuditedReport.objects.filter(
                    region=region, sha256__in=[hashlib.sha256(data).hexdigest() for _name, data in files]
                ).select_related("agency")
            }
            sources = addresses or [""] * len(files)
            for (name, data), result, address in zip(files, results, sources, strict=True):
                digest = hashlib.sha256(data).hexdigest()
                if digest in seen:
                    duplicate = seen[digest]
                    if not hasattr(duplicate, "_first_reading"):
                        duplicate._first_reading = duplicate.readings.order_by("-checked_at", "-id").first()
                    outcome.append(Ingested(name, duplicate, True, []))
                    continue
                reading, findings = _reading_data(result)
                agency, how, candidates = match_agency(reading["agency"] or "", tree)
                content_type, extension = STORED_TYPES.get(result.source, ("application/octet-stream", ".bin"))
                report = AuditedReport(
                    region=region,
                    agency=agency,
                    matched_by=how,
                    year=reading["year"],
                    source_name=name[:300],
                    source_address=address[:500],
                    sha256=digest,
                    original_name=name.rsplit("/", 1)[-1][:200],
                    content_type=content_type,
                    size=len(data),
                    uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                save_with_file(report, report.file, data, extension=extension)
                stored_names.append(report.file.name)
                first = ReportReading.objects.create(
                    report=report,
                    checker_version=version,
                    checked_by=report.uploaded_by,
                    reading=reading,
                    findings=findings,
                )
                report._first_reading = first
                record(
                    action="regionaudit.ingest",
                    actor=actor,
                    obj=report,
                    agency=region,
                    changes={
                        "sha256": digest,
                        "size": len(data),
                        "year": reading["year"],
                        "agency": agency.pk if agency else None,
                        "matched_by": how,
                        "findings": len(findings),
                    },
                )
                seen[digest] = report
                outcome.append(Ingested(name, report, False, candidates if agency is None else []))
    except BaseException:
        for stored in stored_names:  # the rollback took the rows; the files written before go too
            with contextlib.suppress(Exception):
                AuditedReport._meta.get_field("file").storage.delete(stored)
        raise
    return outcome


@service
def report_assign(*, actor: Any, report: AuditedReport, agency: Agency) -> AuditedReport:
    """The supervisor names the agency of a report (one the names did not match, or matched wrongly)."""
    _require_supervisor(actor, report.region)
    if agency.pk not in agencies_below({report.region_id}):
        raise RegionAuditError.OUTSIDE_REGION.refuse("agency")
    old = report.agency_id
    report.agency = agency
    report.matched_by = MatchedBy.MANUAL
    report.save(update_fields=["agency", "matched_by"])
    record(
        action="regionaudit.assign",
        actor=actor,
        obj=report,
        agency=report.region,
        changes={"agency": [old, agency.pk]},
    )
    return report


@service(atomic=False)
def report_recheck(*, actor: Any, report: AuditedReport) -> ReportReading:
    """Check the stored file again (after an upgrade of the checker): a new reading; the old ones are kept."""
    _require_supervisor(actor, report.region)
    with report.file.open("rb") as handle:
        data = handle.read()
    result = check_documents([(report.source_name, data)])[0]  # before the transaction
    reading, findings = _reading_data(result)
    with transaction.atomic():
        new = ReportReading.objects.create(
            report=report,
            checker_version=checker_version(),
            checked_by=actor if getattr(actor, "is_authenticated", False) else None,
            reading=reading,
            findings=findings,
        )
        changes: dict[str, Any] = {"reading": new.pk, "findings": len(findings)}
        if reading["year"] and reading["year"] != report.year:
            changes["year"] = [report.year, reading["year"]]
            report.year = reading["year"]
            report.save(update_fields=["year"])
        record(action="regionaudit.recheck", actor=actor, obj=report, agency=report.region, changes=changes)
    return new


@service
def finding_review(*, actor: Any, reading: ReportReading, index: int, status: str, note: str = "") -> FindingReview:
    """Confirm or dismiss finding ``index`` of a reading, with a note; a later decision replaces the earlier one
    (both stay in the audit log)."""
    region = reading.report.region
    _require_supervisor(actor, region)
    if status not in ReviewStatus.values:
        raise RegionAuditError.BAD_STATUS.refuse("status")
    if not 0 <= index < len(reading.findings):
        raise RegionAuditError.NO_FINDING.refuse(index=index + 1)
    code = reading.findings[index].get("code", "")
    review = FindingReview.objects.filter(reading=reading, index=index).first()
    old = (review.status, review.note) if review else (None, "")
    if review is None:
        review = FindingReview(reading=reading, index=index, code=code)
    review.status, review.note, review.reviewed_by = status, note.strip(), actor
    review.reviewed_at = timezone.now()
    review.save()
    record(
        action="regionaudit.finding_review",
        actor=actor,
        obj=reading.report,
        agency=region,
        changes={
            "reading": reading.pk,
            "index": index,
            "code": code,
            "status": [old[0], status],
            "note": [old[1], review.note],
        },
    )
    return review
