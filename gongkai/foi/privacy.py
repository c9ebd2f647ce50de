"""What a member of staff sees of a request's applicant: :func:`applicant_view`, the one function every staff page,
letter and list asks (docs/security.md, "Who sees an applicant's personal data").

Who sees the applicant in full is decided by :func:`gongkai.agencies.access.sees_personal_data` (its table
``PERSONAL_DATA_IN_FULL``: the agency's case officers and admins always, its approvers while the request is open);
everyone else gets each field masked by :mod:`gongkai.law.pii` — the name 张*, the ID number 110101********1233,
the phone 139****5678, the e-mail z****@example.com, the address down to its county.  The applicant's kind (自然人,
商业企业 …) is always shown: the annual report counts by it.  An organisation's own name and its unified social
credit code are public register data, not personal information (《个人信息保护法》第四条: information about
natural persons), and stay visible; its contact person's name and the contact details are masked like a person's.

A system administrator sees the applicant masked until they give a written reason
(:func:`gongkai.foi.services.applicant_reveal`, audited as ``foi.applicant.reveal``); the reveal is kept in their
session for that request only, for ``REVEAL_MINUTES`` (:func:`reveal_remember`, :func:`reveal_in_force`).

Texts about the request that a masked reader sees (the description, the timeline's details, a letter's body) go
through :meth:`ApplicantView.redact`: the applicant's own name, number, phone, e-mail and address are replaced by
their masks wherever they occur, and whatever else the scanner finds (ID, mobile and card numbers, e-mail
addresses, :func:`gongkai.law.pii.scan`) is masked too.  The stored texts never change; a letter stays frozen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.access import CLOSED, OPEN, REVEAL_MINUTES, access_for, full_sight_states, sees_personal_data
from gongkai.foi.models import CLOSED_STATES, Applicant, IdType, InfoRequest
from gongkai.law import pii

SESSION_KEY = "gongkai.foi.reveals"  # {request pk: the reveal's end, a POSIX timestamp}
ORGANISATION_ID_TYPES = {IdType.CREDIT_CODE}  # public register numbers, shown in full


@dataclass(frozen=True)
class Shown:
    """One field as a reader sees it: the value, or its mask."""

    value: str
    masked: bool

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class ApplicantView:
    full: bool  # every field in full
    revealed: bool  # in full through a system administrator's reveal
    may_reveal: bool  # a system administrator who sees it masked: offered the reveal form
    kind: str
    kind_label: str  # always in full
    is_natural_person: bool
    name: Shown
    id_type_label: str
    id_number: Shown
    contact_person: Shown
    phone: Shown
    email: Shown
    address: Shown
    _replacements: tuple[tuple[str, str], ...] = ()

    @property
    def masked(self) -> bool:
        return not self.full

    def redact(self, text: str) -> str:
        """``text`` as this reader may see it: unchanged for a reader who sees the applicant in full; otherwise the
        applicant's own values replaced by their masks and the scanner's findings masked."""
        if self.full or not text:
            return text
        for value, masked in self._replacements:
            text = text.replace(value, masked)
        return pii.mask(text)


def _state(info_request: InfoRequest) -> str:
    return CLOSED if info_request.state in CLOSED_STATES else OPEN


def _view(applicant: Applicant, *, full: bool, revealed: bool, may_reveal: bool) -> ApplicantView:
    person = applicant.kind == "natural_person"
    organisation_number = applicant.id_type in ORGANISATION_ID_TYPES

    def shown(value: str, masker, *, public: bool = False) -> Shown:
        value = (value or "").strip()
        if full or public or not value:
            return Shown(value, False)
        return Shown(masker(value), True)

    fields = {
        "name": shown(applicant.name, pii.mask_name, public=not person),
        "id_number": shown(applicant.id_number, pii.mask_id_number, public=organisation_number),
        "contact_person": shown(applicant.contact_person, pii.mask_name),
        "phone": shown(applicant.phone, pii.mask_phone),
        "email": shown(applicant.email, pii.mask_email),
        "address": shown(applicant.address, pii.mask_address),
    }
    originals = {
        "name": applicant.name,
        "id_number": applicant.id_number,
        "contact_person": applicant.contact_person,
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
    }
    # Longest first, so an address is replaced before a name inside it; a one-character value is left alone
    # (replacing it would change every occurrence of that character).
    replacements = sorted(
        (
            ((originals[key] or "").strip(), field.value)
            for key, field in fields.items()
            if field.masked and len((originals[key] or "").strip()) > 1
        ),
        key=lambda pair: -len(pair[0]),
    )
    return ApplicantView(
        full=full,
        revealed=revealed,
        may_reveal=may_reveal,
        kind=applicant.kind,
        kind_label=applicant.get_kind_display(),
        is_natural_person=person,
        id_type_label=applicant.get_id_type_display() if applicant.id_type else "",
        _replacements=tuple(replacements),
        **fields,
    )


def applicant_view(user: Any, info_request: InfoRequest, *, revealed: bool = False) -> ApplicantView:
    """The applicant of ``info_request`` as ``user`` may see it (no query beyond the applicant itself: load it
    with ``select_related("applicant")``).  ``revealed``: a reveal is in force for this request in the user's
    session (:func:`reveal_in_force`); it counts for a system administrator only."""
    full = sees_personal_data(user, info_request.agency_id, state=_state(info_request), revealed=revealed)
    is_admin = access_for(user).is_system_admin if getattr(user, "is_authenticated", False) else False
    return _view(
        info_request.applicant,
        full=full,
        revealed=full and revealed and is_admin,
        may_reveal=is_admin and not full,
    )


def name_search_q(user: Any, query: str) -> Q:
    """Requests whose applicant's name contains ``query``, among those whose applicant the user sees in full:
    searching by a name must not tell a masked reader who applied."""
    states = full_sight_states(user)
    allowed = Q(pk__in=[])
    for agency_id, seen in states.items():
        if {OPEN, CLOSED} <= seen:
            allowed |= Q(agency_id=agency_id)
        elif OPEN in seen:
            allowed |= Q(agency_id=agency_id) & ~Q(state__in=CLOSED_STATES)
        elif CLOSED in seen:
            allowed |= Q(agency_id=agency_id, state__in=CLOSED_STATES)
    return Q(applicant__name__icontains=query) & allowed


# --- a system administrator's reveal, kept in the session -------------------------------------------------------


def _now(now: dt.datetime | None) -> float:
    return (now or timezone.now()).timestamp()


def reveal_remember(session: Any, request_pk: int, *, now: dt.datetime | None = None) -> dt.datetime:
    """Keep a reveal of ``request_pk`` in the session for REVEAL_MINUTES (after the service recorded it); returns
    when it ends.  Expired reveals are dropped."""
    start = _now(now)
    until = start + REVEAL_MINUTES * 60
    kept = {key: end for key, end in dict(session.get(SESSION_KEY) or {}).items() if end > start}
    kept[str(request_pk)] = until
    session[SESSION_KEY] = kept
    return dt.datetime.fromtimestamp(until, tz=dt.UTC)


def reveal_in_force(session: Any, request_pk: int, *, now: dt.datetime | None = None) -> bool:
    until = (session.get(SESSION_KEY) or {}).get(str(request_pk))
    return until is not None and until > _now(now)


def reveals_in_force(session: Any, *, now: dt.datetime | None = None) -> set[int]:
    start = _now(now)
    return {int(key) for key, end in (session.get(SESSION_KEY) or {}).items() if end > start}
