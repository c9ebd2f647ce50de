from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Department
from gongkai.workplan import demo, services

PLAN_YEAR = 2018
# Early 2019: every period of 2018 has been created and the last quarter is not yet due.
TODAY = dt.date(2019, 1, 15)
SEED_MAPPING = {"福利科": "养老服务科"}


@pytest.fixture
def civil(jurisdiction):
    """The demo city 民政局 with the departments the demo adds for seed 002 (政策法规科, 救灾减灾科 alias 救灾科,
    财务科, 社会组织管理科 alias 民管科) beside 办公室, 社会救助科 (alias 社救办) and 养老服务科."""
    agency = jurisdiction["civil"]
    demo._add_departments(agency)
    return agency


@pytest.fixture
def departments(civil) -> dict[str, Department]:
    return {d.name: d for d in Department.objects.filter(agency=civil)}


@pytest.fixture
def seed_text() -> str:
    return demo.SEED.read_text(encoding="utf-8")


@pytest.fixture
def plan(civil, seed_text):
    return services.plan_import(
        actor=None, agency=civil, year=PLAN_YEAR, data=seed_text.encode(), mapping=SEED_MAPPING, today=TODAY
    )
