"""Reads for agencies; every list a user sees goes through :mod:`gongkai.agencies.access`."""

from __future__ import annotations

from django.db.models import Count, QuerySet

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
