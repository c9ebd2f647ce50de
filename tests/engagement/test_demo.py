"""The demo's engagement records: both 民政局s, last year and this year up to today, through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.engagement import demo, selectors
from gongkai.engagement.models import Consultation, OpinionEvent, PressEvent, Proposal

D = dt.date


@pytest.mark.parametrize("today", [D(2026, 1, 5), D(2026, 6, 30), D(2026, 11, 23)])
def test_demo_loads_both_bureaus_for_two_years_with_one_overdue_proposal(jurisdiction, today):
    count = demo.load_engagement(jurisdiction, today=today)
    assert count == sum(model.objects.count() for model in (Consultation, Proposal, OpinionEvent, PressEvent))
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    last = selectors.report_figures(civil.pk, today.year - 1, today=today)
    assert last["consultations"]["total"] == 320
    channels = last["consultations"]["by_channel"]
    assert channels["hotline"] > channels["online"] > channels["in_person"] > channels["letter"] > 0
    assert last["proposals"] == {"npc": 3, "cppcc": 2, "replied": 4, "published": 3, "overdue": 1}
    assert last["press"] == {"conferences": 3, "interviews": 1}  # Q4 postponed, as the work plan's note says
    assert last["opinion"] == {"total": 3, "responded": 3}
    assert selectors.report_figures(county.pk, today.year - 1, today=today)["press"]["conferences"] == 4
    overdue = [p.subject for p in Proposal.objects.all() if p.is_overdue(today)]
    assert overdue == ["关于推进医养结合的提案"]
    assert not Consultation.objects.filter(asked_on__gt=today).exists()
    assert not PressEvent.objects.filter(held_on__gt=today).exists()
    assert not OpinionEvent.objects.filter(first_seen__gt=today).exists()
