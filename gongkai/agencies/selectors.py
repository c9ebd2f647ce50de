"""Reads for agencies; every list a user sees goes through :mod:`gongkai.agencies.access`."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import access_for, agencies_below
from gongkai.agencies.models import Agency, Department, Membership
from gongkai.law.workplan import DepartmentRef, match_department, split_aliases


def agency_list_for(user) -> QuerySet[Agency]:
    return (
        access_for(user)
        .readable_agencies()
        .select_related("parent", "supervisor")
        .annotate(department_count=Count("departments", distinct=True))
        .order_by("level", "name")
    )


def subordinate_agencies(agency: Agency) -> QuerySet[Agency]:
    ids = agencies_below([agency.pk]) - {agency.pk}
    return Agency.objects.filter(id__in=ids).select_related("parent", "supervisor").order_by("level", "name")


def public_agency_list() -> QuerySet[Agency]:
    return Agency.objects.select_related("parent").order_by("level", "name")


def departments_of(agency: Agency) -> QuerySet[Department]:
    return Department.objects.filter(agency=agency).order_by("position", "name")


def memberships_of(agency: Agency) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(agency=agency).select_related("user", "department").order_by("role", "user__username")
    )


def agency_by_credit_code(code: str) -> Agency | None:
    return Agency.objects.filter(credit_code=code.strip().upper()).first()


def public_agency(credit_code: str) -> Agency:
    """The agency of a public page, with its supervisor (one query); 404 for unknown codes."""
    return get_object_or_404(Agency.objects.select_related("supervisor"), credit_code=credit_code.strip().upper())


def department_names_of_role(agency: Agency, role: str) -> list[str]:
    """The 科室 where the agency's holders of ``role`` sit, in the agency's order (one query)."""
    holders = Membership.objects.filter(agency=agency, role=role).values("department_id")
    return list(
        Department.objects.filter(agency=agency, pk__in=holders)
        .order_by("position", "name")
        .values_list("name", flat=True)
    )


def agencies_by_ids(ids: Iterable[int] | None) -> QuerySet[Agency]:
    """The given agencies (every agency for None) by level and name, with their parent."""
    qs = Agency.objects.all() if ids is None else Agency.objects.filter(id__in=ids)
    return qs.select_related("parent").order_by("level", "name")


def agencies_by_credit_codes(codes: set[str]) -> dict[str, Agency]:
    """The agencies with these 统一社会信用代码, by code (one query)."""
    return {a.credit_code: a for a in Agency.objects.filter(credit_code__in=codes)}


def department_ids_of(user, roles: Iterable[str], agency_id: int | None = None) -> set[int]:
    """The departments the user sits in through memberships of these roles (at one agency, or any)."""
    qs = Membership.objects.filter(user=user, role__in=list(roles), department__isnull=False)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return set(qs.values_list("department_id", flat=True))


def department_refs(departments: Iterable[Department]) -> list[DepartmentRef]:
    """The departments as the name matcher of :mod:`gongkai.law.workplan` reads them (name and other names)."""
    return [DepartmentRef(d.pk, d.name, split_aliases(d.aliases)) for d in departments]


def department_by_name(agency: Agency, name: str, departments: Iterable[Department] | None = None) -> Department | None:
    """The agency's 科室 a written name means — its name, one of its other names, or the same without spaces, width
    differences, a 局 prefix or the unit word (one matcher for every import: gongkai.law.workplan.match_department);
    None for no match or an ambiguous one."""
    candidates = list(departments if departments is not None else departments_of(agency))
    match = match_department(name.strip(), department_refs(candidates))
    return next((d for d in candidates if d.pk == match.key), None) if match else None


def memberships_of_user(user) -> QuerySet[Membership]:
    """The user's own memberships, with their agency and department, by agency name and role."""
    return Membership.objects.filter(user=user).select_related("agency", "department").order_by("agency__name", "role")
