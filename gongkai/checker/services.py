"""The report checker's one write: an upload admitted — within the rate per user — and audited before its files are
read (``checker.check``: how many files and bytes, never their names or content).  The files themselves are never
stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.audit import selectors as audit_selectors
from gongkai.audit.services import record
from gongkai.checker.errors import CheckerError
from gongkai.core.logs import service

CHECK_ACTION = "checker.check"
CHECKS_PER_HOUR = 20  # uploads per staff member and hour, counted in the audit log (no cache server needed)


@service
def check_admit(*, actor: Any, files: int, size: int) -> None:
    """Refuse a staff member's upload beyond :data:`CHECKS_PER_HOUR` uploads in the past hour; else record it."""
    since = timezone.now() - dt.timedelta(hours=1)
    if audit_selectors.count_by_actor(actor, CHECK_ACTION, since=since) >= CHECKS_PER_HOUR:
        raise CheckerError.RATE_LIMITED.refuse(max=CHECKS_PER_HOUR)
    record(action=CHECK_ACTION, actor=actor, changes={"files": files, "bytes": size})
