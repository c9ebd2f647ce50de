"""Refusals of the annual report's workflow (:mod:`gongkai.reports.services`): draft, edit, check, approve,
publish, correct."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class ReportError(Refusals):
    # who may act: %(action)s says what (“approve the annual report”), %(roles)s names the roles
    ROLE = "reports.role", _("Only this agency's %(roles)s may %(action)s.")
    # drafting
    YEAR_FUTURE = "reports.year_future", _("%(year)s has not begun yet; no report can be drafted for it.")
    FORMAT = (
        "reports.format",
        _(
            "The report on %(year)s follows %(format)s (%(source)s); gongkai drafts reports in the 2021 format, "
            "which applies from the report on 2021."
        ),
    )
    EXISTS = (
        "reports.exists",
        _(
            "The report for %(year)s already exists (version %(version)s, %(state)s); "
            "a published report is changed by a correction, which makes a new version."
        ),
    )
    UNCLASSIFIED = (
        "reports.unclassified",
        _("The report's tables cannot be generated: %(reason)s. Please first complete the outcomes of those requests."),
    )
    # editing
    FROZEN = "reports.frozen", _("A published annual report cannot be changed; to correct it, make a correction.")
    SECTION = "reports.section", _("Only parts one, five and six can be edited.")
    SECTION_EMPTY = "reports.section_empty", _("Every part needs some text.")
    # approval and publication
    YEAR_OPEN = (
        "reports.year_open",
        _("%(year)s has not ended yet: its report can be drafted now, but approved and published only next year."),
    )
    NOT_CHECKED = "reports.not_checked", _("The annual report must pass the check before it can be approved.")
    NOT_APPROVED = "reports.not_approved", _("The annual report must be approved before it can be published.")
    # corrections
    NOT_PUBLISHED = "reports.not_published", _("Only a published annual report can be corrected.")
    REASON_REQUIRED = "reports.reason_required", _("Please give the reason for the correction.")
    CORRECTION_EXISTS = "reports.correction_exists", _("A correction for this year is already in progress.")
