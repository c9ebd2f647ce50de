"""Reads for engagement records: lists scoped to the user's agencies, who may write, the counts of a year, and the
figures the annual report's narrative uses (:func:`report_figures`, four queries whatever the data).

Everyone who reads an agency (its staff, the supervisors above it, system administrators) reads its records; case
officers and agency admins of the agency write them, and only they see the name of a consultation's asker in full
(:func:`asker_shown`, the table in ``gongkai.agencies.access.PERSONAL_DATA_IN_FULL``); everyone else sees 张*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Model, Q, QuerySet
from django.utils import timezone

from gongkai.agencies.access import access_for, get_scoped_or_404, scope, sees_personal_data
from gongkai.agencies.models import Agency, Role
from gongkai.engagement.kinds import Kind
from gongkai.engagement.models import Channel, Consultation, OpinionEvent, PressEvent, PressKind, Proposal, ProposalKind
from gongkai.law.pii import mask_name

WRITE_ROLES = (Role.CASE_OFFICER, Role.AGENCY_ADMIN)


def readable_agencies(user) -> QuerySet[Agency]:
    return access_for(user).readable_agencies().order_by("level", "name")


def can_write(user, agency_id: int) -> bool:
    access = access_for(user)
    return access.is_system_admin or access.has_role(agency_id, *WRITE_ROLES)


def sees_private_fields(user, obj: Model) -> bool:
    """Whether ``user`` sees a record's personal data (a consultation's asker) in full: no approver acts on it."""
    return sees_personal_data(user, obj.agency_id)


def asker_shown(user, consultation: Consultation) -> str:
    """The asker's name as ``user`` may see it: in full, or masked (张*)."""
    name = consultation.asker_name
    return name if not name or sees_private_fields(user, consultation) else mask_name(name)


# --- statuses -------------------------------------------------------------------------------------------------


def proposal_overdue_q(as_of: dt.date) -> Q:
    """Not replied by its due date, as of ``as_of`` (law.proposals.is_overdue, in the database)."""
    due_passed = Q(due_on__lt=as_of)
    not_replied = Q(replied_on__isnull=True) | Q(replied_on__gt=as_of)
    late_reply = Q(replied_on__lte=as_of, replied_on__gt=F("due_on"))
    return (due_passed & not_replied) | late_reply


def _status_filters(today: dt.date) -> dict[str, dict[str, Q]]:
    return {
        "consultations": {"answered": Q(answered=True), "unanswered": Q(answered=False)},
        "proposals": {
            "pending": Q(replied_on__isnull=True),
            "replied": Q(replied_on__isnull=False),
            "published": Q(reply_published=True),
            "overdue": proposal_overdue_q(today),
        },
        "opinion": {"responded": Q(responded_on__isnull=False), "pending": Q(responded_on__isnull=True)},
        "press": {value: Q(kind=value) for value in PressKind.values},
    }


@dataclass(frozen=True)
class RecordFilter:
    year: int | None = None
    status: str = ""
    agency_id: int | None = None


def record_list(user, kind: Kind, filters: RecordFilter, *, today: dt.date) -> QuerySet:
    qs = scope(kind.model.objects.select_related("agency", *kind.related), user)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.year:
        qs = qs.filter(**{f"{kind.date_field}__year": filters.year})
    status_q = _status_filters(today)[kind.slug].get(filters.status)
    if status_q is not None:
        qs = qs.filter(status_q)
    return qs.order_by(f"-{kind.date_field}", "-id")


def record_for_user(user, kind: Kind, pk: int) -> Model:
    """A record of an agency the user reads; 404 for other agencies' records, so their existence is not revealed."""
    return get_scoped_or_404(kind.model.objects.select_related("agency", *kind.related), user, pk=pk)


def consultation_counts(user, *, year: int, agency_id: int | None = None) -> dict[str, Any]:
    """The year's consultations of the agencies the user reads (or of one): total, answered, by channel. One query."""
    qs = scope(Consultation.objects.filter(asked_on__year=year), user)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return _consultation_figures(qs)


def _consultation_figures(qs: QuerySet[Consultation]) -> dict[str, Any]:
    row = qs.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answered=True)),
        **{channel: Count("id", filter=Q(channel=channel)) for channel in Channel.values},
    )
    return {
        "total": row["total"],
        "by_channel": {channel: row[channel] for channel in Channel.values},
        "answered": row["answered"],
    }


# --- what the annual report reads -----------------------------------------------------------------------------


def report_figures(agency_id: int, year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """The engagement figures of ``year`` for the annual report's narrative, four queries whatever the data:

    - consultations asked in the year: total, by channel, answered;
    - suggestions and proposals assigned in the year: per kind, replied within the year, reply published, and
      overdue — not replied by the due date, as of the year's end (or today, while the year runs);
    - 舆情 events first seen in the year, and how many were responded to;
    - press conferences and online interviews held in the year.
    """
    today = today or timezone.localdate()
    year_end = dt.date(year, 12, 31)
    as_of = min(today, year_end)
    consultations = _consultation_figures(Consultation.objects.filter(agency_id=agency_id, asked_on__year=year))
    proposals = Proposal.objects.filter(agency_id=agency_id, received_on__year=year).aggregate(
        npc=Count("id", filter=Q(kind=ProposalKind.NPC)),
        cppcc=Count("id", filter=Q(kind=ProposalKind.CPPCC)),
        replied=Count("id", filter=Q(replied_on__lte=year_end)),
        published=Count("id", filter=Q(replied_on__lte=year_end, reply_published=True)),
        overdue=Count("id", filter=proposal_overdue_q(as_of)),
    )
    opinion = OpinionEvent.objects.filter(agency_id=agency_id, first_seen__year=year).aggregate(
        total=Count("id"), responded=Count("id", filter=Q(responded_on__isnull=False))
    )
    press = PressEvent.objects.filter(agency_id=agency_id, held_on__year=year).aggregate(
        conferences=Count("id", filter=Q(kind=PressKind.CONFERENCE)),
        interviews=Count("id", filter=Q(kind=PressKind.INTERVIEW)),
    )
    return {"consultations": consultations, "proposals": proposals, "opinion": opinion, "press": press}
