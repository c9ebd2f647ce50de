from __future__ import annotations

import random

import pytest

from gongkai.agencies.models import Role
from tests.checker import corpus


def report_text(agency: str, year: int, seed: int = 1) -> bytes:
    """A correct generated report of ``agency`` on ``year`` (tests/checker/corpus.py), as UTF-8 text."""
    spec = corpus.base_spec(random.Random(seed), f"{agency}-{year}", year=year, agency=agency)
    return corpus.to_text(spec).encode()


@pytest.fixture
def region(jurisdiction):
    """江源市人民政府办公室: its tree holds itself, 江源市民政局, 青山县人民政府 and 青山县民政局."""
    return jurisdiction["office"]


@pytest.fixture
def supervisor(make_user, region):
    return make_user(Role.SUPERVISOR, region)


def report_with_finding(agency: str, year: int, seed: int = 1, code: str = "fees.missing") -> bytes:
    """A generated report with one error planted (``code``, one of tests/checker/corpus.py's PLANTS); for fees.missing a
    report on 2021 or later (the 2019 format asks for no fee statement)."""
    rng = random.Random(seed)
    spec = corpus.PLANTS[code](corpus.base_spec(rng, f"{agency}-{year}", year=year, agency=agency), rng)
    return corpus.to_text(spec).encode()
