"""Reads for requests; every staff read is scoped through ``gongkai.agencies.access``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import BooleanField, Count, F, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractMonth
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import get_scoped_or_404, scope
from gongkai.core import keyset
from gongkai.foi.models import (
    CLOSED_STATES,
    INBOX_CLOSED,
    INBOX_DUE,
    Attachment,
    DeliveryEvidence,
    FoiSettings,
    InfoRequest,
    Letter,
    LetterDelivery,
    LetterTemplate,
    RequestEvent,
    RequestState,
)
from gongkai.foi.privacy import name_search_q
from gongkai.law import clock as law_clock
from gongkai.law import report as law_report
from gongkai.law.fees import DEFAULT_METHOD, FeeMethod
from gongkai.workcalendar.selectors import working_calendar

DUE_SOON_WORKDAYS = 5


@dataclass(frozen=True)
class InboxFilter:
    state: str = "open"  # open | closed | all | awaiting_receipt | overdue | due_soon | TO_DO_STATE_FILTERS
    agency_id: int | None = None
    query: str = ""


def inbox(user, filters: InboxFilter, *, today: dt.date) -> QuerySet[InfoRequest]:
    """Requests the user may see, most urgent first (no due date last).  The query matches an applicant's name only
    on requests whose applicant the user sees in full (:func:`gongkai.foi.privacy.name_search_q`)."""
    qs = scope(InfoRequest.objects.all(), user).select_related("agency", "applicant")
    if filters.state == "open":
        qs = qs.filter(_not_closed())
    elif filters.state == "closed":
        qs = qs.filter(state__in=CLOSED_STATES)
    elif filters.state == "awaiting_receipt":
        qs = qs.filter(state=RequestState.AWAITING_RECEIPT)
    elif filters.state == "overdue":
        qs = qs.filter(state=RequestState.OPEN, due_on__lt=today)
    elif filters.state == "due_soon":
        soon = working_calendar().add_workdays(today, DUE_SOON_WORKDAYS).date
        qs = qs.filter(state=RequestState.OPEN, due_on__gte=today, due_on__lte=soon)
    elif filters.state in TO_DO_STATE_FILTERS:
        qs = qs.filter(todo_q(filters.state, today=today, calendar=working_calendar()))
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.query:
        q = filters.query.strip()
        qs = qs.filter(Q(tracking_code__icontains=q) | Q(description__icontains=q) | name_search_q(user, q))
    return keyset.ordered(qs, inbox_keys(filters))


# The inbox's orderings, as keyset keys (gongkai.core.keyset) served by the indexes of InfoRequest.Meta: the most
# urgent first, no due date last; closed requests the latest closed first.
INBOX_DUE_KEYS = (keyset.Key("inbox_due", kind="date", expression=INBOX_DUE), keyset.Key("id"))
INBOX_CLOSED_KEYS = (
    keyset.Key("inbox_closed", descending=True, kind="date", expression=INBOX_CLOSED),
    keyset.Key("id", descending=True),
)


def _not_closed() -> RawSQL:
    """``NOT (state IN ('answered', …))`` with the states written into the SQL, the very condition of the partial
    indexes ``foi_inbox_open_idx`` and ``foi_inbox_open_all_idx`` (SQLite uses a partial index only for a WHERE term
    that repeats its condition; as bound parameters it would not).  The states are fixed names, never input."""
    states = ", ".join(f"'{state.value}'" for state in CLOSED_STATES)
    return RawSQL(f'NOT ("{InfoRequest._meta.db_table}"."state" IN ({states}))', (), output_field=BooleanField())


def inbox_keys(filters: InboxFilter) -> tuple[keyset.Key, ...]:
    return INBOX_CLOSED_KEYS if filters.state == "closed" else INBOX_DUE_KEYS


def request_for_user(user, pk: int) -> InfoRequest:
    qs = InfoRequest.objects.select_related("agency", "applicant").prefetch_related(
        Prefetch("events", queryset=RequestEvent.objects.select_related("actor", "approved_by")),
        Prefetch(
            "letters",
            queryset=Letter.objects.order_by("issued_on", "id").prefetch_related(
                Prefetch("deliveries", queryset=LetterDelivery.objects.select_related("recorded_by")),
                "deliveries__evidence",
            ),
        ),
        "attachments",
        "corrections",
    )
    return get_scoped_or_404(qs, user, pk=pk)


def delivery_for_user(user, pk: int) -> LetterDelivery:
    """A delivery of a letter of an agency the user may read; 404 otherwise."""
    return get_scoped_or_404(
        LetterDelivery.objects.select_related("letter__request", "letter__agency"),
        user,
        agency_field="letter__agency",
        pk=pk,
    )


def evidence_for_user(user, pk: int) -> DeliveryEvidence:
    return get_scoped_or_404(
        DeliveryEvidence.objects.select_related("delivery__letter__request"),
        user,
        agency_field="delivery__letter__agency",
        pk=pk,
    )


# --- the applicant's tracking page (no user: the tracking and query codes, then the session) --------------------


def tracked_request(pk: int) -> InfoRequest | None:
    """The request the applicant looked up, with what the tracking page shows of it."""
    return (
        InfoRequest.objects.select_related("agency")
        .prefetch_related("events", "corrections__attachments")
        .filter(pk=pk)
        .first()
    )


def applicant_letters(request: InfoRequest) -> list[Letter]:
    """The letters addressed to the applicant (not those to a third party or another agency)."""
    from gongkai.foi.deliveries import NOT_TO_APPLICANT

    return list(Letter.objects.filter(request=request).exclude(kind__in=NOT_TO_APPLICANT).order_by("issued_on", "id"))


def applicant_letter(request: InfoRequest, pk: int) -> Letter:
    """One letter of ``request`` addressed to the applicant; 404 for any other."""
    from gongkai.foi.deliveries import NOT_TO_APPLICANT

    return get_object_or_404(
        Letter.objects.filter(request=request).exclude(kind__in=NOT_TO_APPLICANT).select_related("agency", "request"),
        pk=pk,
    )


def attachment_for_user(user, pk: int) -> Attachment:
    """An applicant's attachment of a request the user may read; 404 for other agencies' requests."""
    return get_scoped_or_404(
        Attachment.objects.select_related("request__agency"), user, agency_field="request__agency", pk=pk
    )


def letter_for_user(user, pk: int) -> Letter:
    return get_scoped_or_404(Letter.objects.select_related("agency", "request__applicant"), user, pk=pk)


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


def available_actions(request: InfoRequest, clock: law_clock.ClockResult | None) -> list[str]:
    """The events the law allows next (``law.clock`` decides), so the officer is offered only those."""
    if request.is_closed:
        return []
    if request.received_on is None or clock is None:
        return list(law_clock.next_events_before_receipt())
    return list(clock.next_events)


def settings_of(agency_id: int) -> FoiSettings | None:
    """The agency's request settings (letter prefix, reconsideration body, court, fee method); None until set."""
    return FoiSettings.objects.filter(agency_id=agency_id).first()


def fee_method(settings: FoiSettings | None) -> FeeMethod:
    """The agency's one charging method (109号 第三条), the law's default until its admin chooses."""
    return FeeMethod(settings.fee_method) if settings and settings.fee_method else DEFAULT_METHOD


def fee_method_of(agency_id: int) -> FeeMethod:
    return fee_method(settings_of(agency_id))


def open_request_count() -> int:
    """Requests the daily job recomputes: received and not yet closed."""
    return InfoRequest.objects.exclude(state__in=CLOSED_STATES).exclude(received_on=None).count()


# --- for the annual report (gongkai.reports) --------------------------------------------------------------------


def report_request_records(agency_id: int, year: int) -> list[law_report.RequestRecord]:
    """The agency's requests that count in the report on ``year`` (received by its end, not closed before its
    start), as the plain records :func:`gongkai.law.report.section3` counts (one query)."""
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


def fee_figures(agency_id: int, year: int) -> dict[str, Any]:
    """信息处理费 in ``year`` for section 六: fee notices sent and their amounts, and the amounts paid (a payment
    collects the amount of the request's last notice; one query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        RequestEvent.objects.filter(request__agency_id=agency_id, type__in=("fee_notice", "fee_paid"), on__lte=end)
        .values_list("request_id", "type", "on", "data")
        .order_by("on", "id")
    )
    notices, noticed, collected, last_amount = 0, Decimal(0), Decimal(0), {}
    for request_id, kind, on, data in rows:
        if kind == "fee_notice":
            last_amount[request_id] = Decimal(str((data or {}).get("amount_yuan") or 0))
            if on >= start:
                notices += 1
                noticed += last_amount[request_id]
        elif on >= start:
            collected += last_amount.get(request_id, Decimal(0))
    return {"notices": notices, "noticed_yuan": str(noticed), "collected_yuan": str(collected)}


def requests_by_month(agency_ids: list[int] | set[int], year: int) -> list[int]:
    """New requests received per month of ``year`` across the agencies (one query)."""
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


# --- for other apps ---------------------------------------------------------------------------------------------


def request_by_code(agency_id: int, code: str) -> InfoRequest | None:
    """The agency's request with this tracking code (case-insensitive), or None."""
    return InfoRequest.objects.filter(agency_id=agency_id, tracking_code=code.strip().upper()).first()


def requests_by_codes(agency_id: int, codes: set[str]) -> dict[str, InfoRequest]:
    """The agency's requests with these tracking codes, by code (one query)."""
    return {r.tracking_code: r for r in InfoRequest.objects.filter(agency_id=agency_id, tracking_code__in=codes)}


def closed_with_outcome(agency_id: int, start: dt.date, end: dt.date) -> QuerySet[InfoRequest]:
    """The agency's requests closed between ``start`` and ``end`` with a result, in closing order."""
    return (
        InfoRequest.objects.filter(agency_id=agency_id, closed_on__range=(start, end))
        .exclude(outcome="")
        .order_by("closed_on", "id")
    )


def customised_letter_kinds(agency_id: int) -> set[str]:
    """The letter kinds whose template the agency has edited."""
    return set(LetterTemplate.objects.filter(agency_id=agency_id).values_list("kind", flat=True))


# --- the officers' daily digest (gongkai.foi.digest) ------------------------------------------------------------

DIGEST_WORKDAYS = 3  # requests due within this many working days are listed with the overdue ones


@dataclass(frozen=True)
class DueRequest:
    """One line of the digest: nothing about the applicant (the e-mail leaves the system)."""

    pk: int
    agency_id: int
    tracking_code: str
    due_on: dt.date
    workdays_left: int  # working days in (today, due] (条例 第三十三条 counting); negated, (due, today], when overdue
    state: str
    provisional: bool  # the calendar of a year in the count has no official notice yet
    overdue: bool  # the due date is before today (on a weekend after it, 0 working days have passed yet)

    @property
    def state_label(self) -> str:
        return str(RequestState(self.state).label)


def due_and_overdue(
    *, today: dt.date, agency_id: int | None = None, within: int = DIGEST_WORKDAYS, calendar: Any = None
) -> list[DueRequest]:
    """Open requests whose reply is overdue or due within ``within`` working days of ``today`` on the official
    calendar (``workcalendar.selectors.working_calendar``), of one agency or of all, most urgent first.

    Paused requests (waiting for a correction, a fee, a consultation) are not listed: their clock is stopped.
    One query, plus the calendar's two when ``calendar`` is not given."""
    calendar = calendar or working_calendar()
    last = calendar.add_workdays(today, within).date
    qs = InfoRequest.objects.filter(state=RequestState.OPEN, paused="", due_on__lte=last)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    rows = qs.order_by("due_on", "id").values_list("pk", "agency_id", "tracking_code", "due_on", "state")
    due = []
    for pk, agency, code, due_on, state in rows:
        count = calendar.workdays_between(today, due_on)
        due.append(DueRequest(pk, agency, code, due_on, count.days, state, count.provisional, due_on < today))
    return due


def last_letter_id(request: InfoRequest) -> int:
    """The id of the request's latest letter (0 when none): what an action issued is what comes after it."""
    return Letter.objects.filter(request=request).order_by("-id").values_list("id", flat=True).first() or 0


def letters_after(request: InfoRequest, letter_id: int) -> list[Letter]:
    """The request's letters issued after ``letter_id`` (see :func:`last_letter_id`)."""
    return list(Letter.objects.filter(request=request, id__gt=letter_id).order_by("id"))


# --- the workspace's to-do dashboard (gongkai.workspace) --------------------------------------------------------

TO_DO_OVERDUE = "overdue"  # open and past the stored due date (the inbox's "overdue")
TO_DO_DUE = "due_within"  # open, running, due today or within DIGEST_WORKDAYS working days (the digest's list)
TO_DO_CORRECTION = "awaiting_correction"  # 条例 第三十条: the clock waits for the applicant's correction
TO_DO_FEE = "awaiting_fee"  # 国办函〔2020〕109号: the clock waits for the fee
TO_DO_RECEIPT = "awaiting_receipt"  # the receipt is yet to be confirmed
TO_DO_KINDS = (TO_DO_OVERDUE, TO_DO_DUE, TO_DO_CORRECTION, TO_DO_FEE, TO_DO_RECEIPT)
TO_DO_STATE_FILTERS = (TO_DO_DUE, TO_DO_CORRECTION, TO_DO_FEE)  # the inbox filters the dashboard added


def todo_q(kind: str, *, today: dt.date, calendar: Any) -> Q:
    """The requests of one to-do list, as the inbox filters them (the dashboard counts exactly what its link lists)."""
    if kind == TO_DO_OVERDUE:
        return Q(state=RequestState.OPEN, due_on__lt=today)
    if kind == TO_DO_DUE:
        last = calendar.add_workdays(today, DIGEST_WORKDAYS).date
        return Q(state=RequestState.OPEN, paused="", due_on__gte=today, due_on__lte=last)
    if kind == TO_DO_CORRECTION:
        return Q(state=RequestState.OPEN, paused="correction")
    if kind == TO_DO_FEE:
        return Q(state=RequestState.OPEN, paused="fee")
    if kind == TO_DO_RECEIPT:
        return Q(state=RequestState.AWAITING_RECEIPT)
    raise ValueError(kind)


@dataclass(frozen=True)
class TodoRequest:
    """One line of a to-do list: the tracking code and dates, nothing about the applicant."""

    pk: int
    agency_id: int
    tracking_code: str
    due_on: dt.date | None
    workdays_left: int | None  # working days in (today, due] (条例 第三十三条 counting), negative when overdue
    provisional: bool


def request_todo(
    agency_ids: set[int], *, today: dt.date, calendar: Any, limit: int = 5
) -> dict[int, dict[str, tuple[int, list[TodoRequest]]]]:
    """For each agency, each to-do kind's count and its first ``limit`` requests, most urgent first (one query)."""
    if not agency_ids:
        return {}
    qs_filter = Q()
    for kind in TO_DO_KINDS:
        qs_filter |= todo_q(kind, today=today, calendar=calendar)
    rows = (
        InfoRequest.objects.filter(agency_id__in=agency_ids)
        .filter(qs_filter)
        .order_by(F("due_on").asc(nulls_last=True), "id")
        .values_list("pk", "agency_id", "tracking_code", "due_on", "state", "paused")
    )
    last = calendar.add_workdays(today, DIGEST_WORKDAYS).date
    result: dict[int, dict[str, tuple[int, list[TodoRequest]]]] = {}
    for pk, agency_id, code, due_on, state, paused in rows:
        kinds = _todo_kinds(state, paused, due_on, today=today, last=last)
        if not kinds:
            continue
        count = calendar.workdays_between(today, due_on) if due_on else None
        line = TodoRequest(
            pk, agency_id, code, due_on, count.days if count else None, bool(count and count.provisional)
        )
        by_kind = result.setdefault(agency_id, {})
        for kind in kinds:
            n, lines = by_kind.get(kind, (0, []))
            by_kind[kind] = (n + 1, [*lines, line] if len(lines) < limit else lines)
    return result


def _todo_kinds(state: str, paused: str, due_on: dt.date | None, *, today: dt.date, last: dt.date) -> list[str]:
    """The lists a request is on (the Python side of :func:`todo_q`, for the rows of the one query)."""
    if state == RequestState.AWAITING_RECEIPT:
        return [TO_DO_RECEIPT]
    kinds = []
    if due_on is not None and due_on < today:
        kinds.append(TO_DO_OVERDUE)
    if not paused and due_on is not None and today <= due_on <= last:
        kinds.append(TO_DO_DUE)
    if paused == "correction":
        kinds.append(TO_DO_CORRECTION)
    if paused == "fee":
        kinds.append(TO_DO_FEE)
    return kinds


def request_todo_counts(agency_ids: set[int] | None, *, today: dt.date, calendar: Any) -> dict[int, dict[str, int]]:
    """Per agency (every agency for None), the count of each to-do kind, for a supervisor's summary (one query)."""
    qs = InfoRequest.objects.all() if agency_ids is None else InfoRequest.objects.filter(agency_id__in=agency_ids)
    counts = {kind: Count("id", filter=todo_q(kind, today=today, calendar=calendar)) for kind in TO_DO_KINDS}
    rows = qs.exclude(state__in=CLOSED_STATES).values("agency_id").annotate(**counts).order_by()
    return {row["agency_id"]: {kind: row[kind] for kind in TO_DO_KINDS} for row in rows}
