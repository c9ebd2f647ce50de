from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import services
from gongkai.foi import services as foi_services
from gongkai.law import cases as law_cases

TODAY = dt.date(2026, 3, 31)


@pytest.fixture
def civil(jurisdiction):
    return jurisdiction["civil"]


@pytest.fixture
def make_case(civil):
    """A case through the service (as an officer would register it), with overridable fields."""
    counter = {"n": 0}

    def _make(agency=None, **overrides):
        counter["n"] += 1
        fields = {
            "kind": law_cases.RECONSIDERATION,
            "number": f"江府复〔2026〕{counter['n']}号",
            "party_name": "张三",
            "filed_on": dt.date(2026, 3, 2),
            "received_on": dt.date(2026, 3, 9),
            "deciding_body": "江源市人民政府",
        }
        fields.update(overrides)
        today = fields.pop("today", TODAY)
        return services.case_create(actor=None, agency=agency or civil, today=today, **fields)

    return _make


@pytest.fixture
def info_request(civil):
    return foi_services.request_register(
        actor=None,
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三", "phone": "13900000000"},
        channel="in_person",
        submitted_on=dt.date(2026, 1, 5),
        description="2025年度低保资金发放明细",
    ).request
