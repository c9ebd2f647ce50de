"""Reads for agencies; every list a user sees goes through :mod:`gongkai.agencies.access`."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import access_for, agencies_below
from gongkai.agencies.models import Agency, Department, Membership


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


def agencies_by_ids(ids: set[int] | None) -> QuerySet[Agency]:
    """The given agencies (every agency for None) by level and name, with their parent."""
    qs = Agency.objects.all() if ids is None else Agency.objects.filter(id__in=ids)
    return qs.select_related("parent").order_by("level", "name")
