"""The four kinds of engagement record, named once: the slug used in URLs and on the command line, the model, the
date a record's year is read from, and the fields an officer edits."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.engagement.models import Consultation, OpinionEvent, PressEvent, Proposal


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Model]
    date_field: str  # the record's year, for lists, exports and the annual report
    editable: tuple[str, ...]
    title: Promise
    audit_name: str
    related: tuple[str, ...] = ()  # select_related for lists and exports


CONSULTATIONS = Kind(
    slug="consultations",
    model=Consultation,
    date_field="asked_on",
    editable=("channel", "asked_on", "topic", "answered", "answered_on", "asker_name"),
    title=_("Consultations"),
    audit_name="consultation",
)
PROPOSALS = Kind(
    slug="proposals",
    model=Proposal,
    date_field="received_on",
    editable=(
        "kind",
        "number",
        "subject",
        "lead_department",
        "received_on",
        "due_on",
        "replied_on",
        "reply_published",
        "reply_item",
    ),
    title=_("Suggestions and proposals"),
    audit_name="proposal",
    related=("lead_department", "reply_item"),
)
OPINION = Kind(
    slug="opinion",
    model=OpinionEvent,
    date_field="first_seen",
    editable=("level", "first_seen", "responded_on", "channel", "summary"),
    title=_("Public opinion events"),
    audit_name="opinion",
)
PRESS = Kind(
    slug="press",
    model=PressEvent,
    date_field="held_on",
    editable=("kind", "held_on", "topic", "speakers", "link"),
    title=_("Press conferences and interviews"),
    audit_name="press",
)

KINDS: dict[str, Kind] = {kind.slug: kind for kind in (CONSULTATIONS, PROPOSALS, OPINION, PRESS)}
# Personal data: never written to the audit log, never exported.
PRIVATE_FIELDS = frozenset({"asker_name"})


def kind_of(obj: Model) -> Kind:
    return next(kind for kind in KINDS.values() if isinstance(obj, kind.model))
