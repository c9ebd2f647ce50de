from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.disclosure import services
from tests.disclosure.conftest import catalog, staff  # noqa: F401 — the disclosure fixtures, reused

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def publish(jurisdiction, staff, catalog, make_user):  # noqa: F811
    """``publish(title, body, code="M01", agency=None, today=TODAY, **meta)`` → a published CatalogItem, made
    through the real services (draft → review chain → published)."""
    people = {jurisdiction["civil"].pk: staff}

    def _staff_of(agency):
        if agency.pk not in people:
            services.catalog_seed(actor=None, agency=agency)
            people[agency.pk] = {
                "drafter": make_user(Role.DRAFTER, agency),
                "reviewer": make_user(Role.REVIEWER, agency),
                "secrecy": make_user(Role.REVIEWER, agency),
                "approver": make_user(Role.APPROVER, agency),
            }
        return people[agency.pk]

    def _publish(title, body="", *, code="M01", agency=None, today=TODAY, state="published", **meta):
        agency = agency or jurisdiction["civil"]
        team = _staff_of(agency)
        item = services.item_create(
            actor=team["drafter"],
            agency=agency,
            category=agency.catalog_categories.get(code=code),
            title=title,
            body=body,
            **meta,
        )
        if state == "draft":
            return item
        services.item_submit(actor=team["drafter"], item=item)
        for user in (team["reviewer"], team["secrecy"], team["approver"]):
            item = services.item_decide(actor=user, item=item, approved=True, today=today)
        return item

    _publish.staff_of = _staff_of
    return _publish
