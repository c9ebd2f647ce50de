from __future__ import annotations

import pytest

from gongkai.agencies.models import Role
from gongkai.disclosure import services


@pytest.fixture
def catalog(jurisdiction):
    services.catalog_seed(actor=None, agency=jurisdiction["civil"])
    return jurisdiction["civil"].catalog_categories


@pytest.fixture
def staff(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    return {
        "drafter": make_user(Role.DRAFTER, civil, username="drafter"),
        "reviewer": make_user(Role.REVIEWER, civil, username="reviewer"),
        "secrecy": make_user(Role.REVIEWER, civil, username="secrecy"),  # 保密审查, by another reviewer
        "approver": make_user(Role.APPROVER, civil, username="approver"),
    }
