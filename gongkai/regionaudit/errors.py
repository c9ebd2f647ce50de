"""Refusals of 年报体检: nothing is stored or changed when one is refused."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class RegionAuditError(Refusals):
    NOT_SUPERVISOR = "regionaudit.not_supervisor", _("Only a supervisor of this region may do this.")
    NO_FILES = "regionaudit.no_files", _("No report was given.")
    UNREADABLE = "regionaudit.unreadable", _("“%(name)s” could not be read (%(reason)s); no report was stored.")
    OUTSIDE_REGION = "regionaudit.outside_region", _("This agency is not in the region.")
    NO_FINDING = "regionaudit.no_finding", _("This reading has no finding number %(index)s.")
    BAD_STATUS = "regionaudit.bad_status", _("Choose confirmed or dismissed.")
