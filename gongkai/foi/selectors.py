"""Reads for requests; every staff read is scoped through ``gongkai.agencies.access``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import get_scoped_or_404, scope
from gongkai.foi.models import CLOSED_STATES, InfoRequest, Letter, RequestEvent, RequestState
from gongkai.workcalendar.selectors import working_calendar

DUE_SOON_WORKDAYS = 5


@dataclass(frozen=True)
class InboxFilter:
    state: str = "open"  # open | closed | all | awaiting_receipt | overdue | due_soon
    agency_id: int | None = None
    query: str = ""


def inbox(user, filters: InboxFilter, *, today: dt.date) -> QuerySet[InfoRequest]:
    """Requests the user may see, most urgent first (no due date last)."""
    qs = scope(InfoRequest.objects.all(), user).select_related("agency", "applicant")
    if filters.state == "open":
        qs = qs.exclude(state__in=CLOSED_STATES)
    elif filters.state == "closed":
        qs = qs.filter(state__in=CLOSED_STATES)
    elif filters.state == "awaiting_receipt":
        qs = qs.filter(state=RequestState.AWAITING_RECEIPT)
    elif filters.state == "overdue":
        qs = qs.filter(state=RequestState.OPEN, due_on__lt=today)
    elif filters.state == "due_soon":
        soon = working_calendar().add_workdays(today, DUE_SOON_WORKDAYS).date
        qs = qs.filter(state=RequestState.OPEN, due_on__gte=today, due_on__lte=soon)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.query:
        q = filters.query.strip()
        qs = qs.filter(Q(tracking_code__icontains=q) | Q(description__icontains=q) | Q(applicant__name__icontains=q))
    if filters.state == "closed":
        return qs.order_by("-closed_on", "-id")
    return qs.order_by(F("due_on").asc(nulls_last=True), "id")


def request_for_user(user, pk: int) -> InfoRequest:
    qs = InfoRequest.objects.select_related("agency", "applicant").prefetch_related(
        Prefetch("events", queryset=RequestEvent.objects.select_related("actor", "approved_by")),
        Prefetch("letters", queryset=Letter.objects.order_by("issued_on", "id")),
        "attachments",
    )
    return get_scoped_or_404(qs, user, pk=pk)


def letter_for_user(user, pk: int) -> Letter:
    return get_scoped_or_404(Letter.objects.select_related("agency", "request"), user, pk=pk)


def request_by_tracking_code(code: str) -> InfoRequest:
    return get_object_or_404(InfoRequest.objects.select_related("agency"), tracking_code=code.strip().upper())


class YearCounts(NamedTuple):
    """How the annual report counts one agency's requests in ``year`` (2021 template, section 三)."""

    new_this_year: int
    carried_from_last_year: int
    closed_this_year: int
    carried_to_next_year: int


def year_counts(agency_id: int, year: int) -> YearCounts:
    """本年新收 by year of receipt; results by year of closing; 结转 while open across a year end."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = InfoRequest.objects.filter(agency_id=agency_id).exclude(received_on=None)
    open_at = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    return YearCounts(
        new_this_year=qs.filter(received_on__range=(start, end)).count(),
        carried_from_last_year=qs.filter(received_on__lt=start)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .count(),
        closed_this_year=qs.filter(closed_on__range=(start, end)).count(),
        carried_to_next_year=qs.filter(received_on__lte=end).filter(open_at).count(),
    )


_OPENERS = {
    "third_party_sent": "third_party_replied",
    "other_agency_sent": "other_agency_replied",
    "fee_notice": "fee_paid",
}


def available_actions(request: InfoRequest, clock) -> list[str]:
    """The clock events the law allows next, so the officer is offered only those (the clock still checks)."""
    if request.is_closed:
        return []
    if request.received_on is None or clock is None:
        return ["receipt_confirmed"]
    types = [e.type for e in request.events.all()]
    actions = []
    waiting = clock.paused == "correction"
    if "correction_requested" not in types:
        actions.append("correction_requested")
    if waiting:
        actions.append("correction_received")
    for opener, closer in _OPENERS.items():
        pending = types.count(opener) > types.count(closer)
        if pending:
            actions.append(closer)
        elif not waiting:
            actions.append(opener)
    if not waiting and clock.due is not None:
        if clock.extension_workdays < 20:
            actions.append("extension")
        actions.append("reasonable_delay")
    actions += ["withdrawn", "reply"]
    return actions
