"""The one permission layer every view and API uses.

A user sees an agency when it holds a membership there, or a supervisor membership at an agency above it (over
``parent`` or ``supervisor`` links, any depth); system administrators (superusers) see every agency. Write
actions additionally need one of the roles the action names, held at that very agency: supervisors read only.

Reading an agency's pages is not reading the personal data on them: :data:`PERSONAL_DATA_IN_FULL` says which
roles see a person's data (an applicant's, a party's to a case, a consultation asker's) in full, and
:func:`sees_personal_data` is the one place that decides it; everyone else sees it masked (``gongkai.law.pii``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency, Membership, Role

_CACHE_ATTR = "_gongkai_access"


def agencies_below(agency_ids: Iterable[int]) -> set[int]:
    """The given agencies and every agency under them, over parent and supervisor links (one query per level)."""
    seen = set(agency_ids)
    frontier = set(seen)
    while frontier:
        children = set(
            Agency.objects.filter(Q(parent_id__in=frontier) | Q(supervisor_id__in=frontier))
            .exclude(id__in=seen)
            .values_list("id", flat=True)
        )
        seen |= children
        frontier = children
    return seen


class Access:
    """What one user may see and do; computed once per request and cached on the user object."""

    def __init__(self, user) -> None:
        self.user = user
        self.is_system_admin = bool(user.is_authenticated and user.is_superuser)
        self.roles: dict[int, set[str]] = {}
        if user.is_authenticated:
            for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
                self.roles.setdefault(agency_id, set()).add(role)
        supervised = [a for a, roles in self.roles.items() if Role.SUPERVISOR in roles]
        self._supervised = agencies_below(supervised) if supervised else set()
        self._readable = set(self.roles) | self._supervised

    def can_read(self, agency_id: int) -> bool:
        return self.is_system_admin or agency_id in self._readable

    def has_role(self, agency_id: int, *roles: str) -> bool:
        return bool(self.roles.get(agency_id, set()) & set(roles))

    def supervises(self, agency_id: int) -> bool:
        """True when a supervisor membership covers this agency (read-only oversight)."""
        return agency_id in self._supervised

    def supervised_ids(self) -> set[int]:
        """The agencies this user oversees through supervisor memberships (its own and every one below)."""
        return set(self._supervised)

    def overseen_ids(self) -> set[int]:
        """The agencies below this user's supervising offices, not those offices themselves (the oversight pages)."""
        own = {agency_id for agency_id, roles in self.roles.items() if Role.SUPERVISOR in roles}
        return self._supervised - own

    def readable_agencies(self) -> QuerySet[Agency]:
        if self.is_system_admin:
            return Agency.objects.all()
        return Agency.objects.filter(id__in=self._readable)

    def readable_ids(self) -> set[int] | None:
        """None means all (system administrator)."""
        return None if self.is_system_admin else set(self._readable)


# Who sees a person's data in full, by role at the agency that holds it (docs/security.md, "Who sees an applicant's
# personal data"): a matter is "open" while it is being handled, "closed" after. Every other role, and every role at
# another agency (a supervising office), sees it masked.  《个人信息保护法》第六条 (no more than the purpose needs)
# and 第五十一条第（四）项 (operating permissions set reasonably); GB/T 22239-2019 8.1.4 (least privilege;
# personal information protection).
OPEN, CLOSED = "open", "closed"
PERSONAL_DATA_IN_FULL: dict[str, frozenset[str]] = {
    Role.CASE_OFFICER: frozenset({OPEN, CLOSED}),  # handles the matter: writes to, calls and posts to the person
    Role.AGENCY_ADMIN: frozenset({OPEN, CLOSED}),  # answers for the agency's handling, and does it in a pinch
    # approves an extension or a delay of an open request (条例 第三十三条第二款、第三十五条); nothing after it closed
    Role.APPROVER: frozenset({OPEN}),
    Role.DRAFTER: frozenset(),  # drafts what is published: never writes to an applicant
    Role.REVIEWER: frozenset(),  # reviews drafts
    Role.SUPERVISOR: frozenset(),  # oversees the agency's work (条例 第四十九条), needs counts and dates, not people
    # runs the platform; sees a request's applicant only after giving a written reason, which is audited and lasts
    # REVEAL_MINUTES for that request (gongkai.foi.services.applicant_reveal)
    Role.SYSTEM_ADMIN: frozenset(),
}
REVEAL_MINUTES = 15


def sees_personal_data(user, agency_id: int, *, state: str = CLOSED, revealed: bool = False) -> bool:
    """Whether ``user`` sees a person's data in full on a matter of ``agency_id`` in ``state`` (:data:`OPEN` or
    :data:`CLOSED`; a matter no approver acts on, a consultation or a case, passes CLOSED).  ``revealed`` is a system
    administrator's reveal in force for this matter; it gives nothing to anybody else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    if access.is_system_admin and revealed:
        return True
    roles = access.roles.get(agency_id, set())
    return any(state in PERSONAL_DATA_IN_FULL.get(role, frozenset()) for role in roles)


def full_sight_states(user) -> dict[int, frozenset[str]]:
    """For each agency where ``user`` sees some matters' personal data in full, the states of those matters
    (the same table as :func:`sees_personal_data`, for filtering lists in the database)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    result: dict[int, frozenset[str]] = {}
    for agency_id, roles in access_for(user).roles.items():
        states = frozenset().union(*(PERSONAL_DATA_IN_FULL.get(role, frozenset()) for role in roles))
        if states:
            result[agency_id] = states
    return result


def access_for(user) -> Access:
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = Access(user)
        if user.is_authenticated:
            setattr(user, _CACHE_ATTR, cached)
    return cached


def scope(queryset: QuerySet, user, *, agency_field: str = "agency") -> QuerySet:
    """Restrict any queryset to the rows of agencies the user may read."""
    ids = access_for(user).readable_ids()
    if ids is None:
        return queryset
    return queryset.filter(**{f"{agency_field}__in": ids})


def get_agency_or_404(user, pk: int) -> Agency:
    """An agency the user may read; 404 (not 403) otherwise, so other agencies' existence is not revealed."""
    return get_scoped_or_404(Agency.objects.select_related("parent", "supervisor"), user, agency_field="id", pk=pk)


def get_scoped_or_404(queryset: QuerySet, user, *, agency_field: str = "agency", **lookup) -> Model:
    try:
        return scope(queryset, user, agency_field=agency_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def holds_role(user, agency: Agency | int, *roles: str) -> bool:
    """True when the user holds one of ``roles`` at this very agency, or is a system administrator: the check every
    service makes before a write (supervisors never pass it)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    agency_id = agency if isinstance(agency, int) else agency.pk
    return access.is_system_admin or access.has_role(agency_id, *roles)


def require_role(user, agency: Agency | int, *roles: str, allow_supervisor: bool = False) -> None:
    """Raise PermissionDenied unless the user holds one of ``roles`` at the agency (superusers always pass).

    ``allow_supervisor`` also admits supervisors over the agency, for read-only pages beyond the public data.
    """
    if holds_role(user, agency, *roles):
        return
    agency_id = agency if isinstance(agency, int) else agency.pk
    if allow_supervisor and access_for(user).supervises(agency_id):
        return
    raise PermissionDenied
