"""The annual report's engagement figures (report_figures), counted by hand on a small fixture, in four queries;
the overdue rule in the database agrees with gongkai.law.proposals."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.engagement import selectors
from gongkai.engagement.models import Proposal

D = dt.date
TODAY = D(2027, 2, 10)  # the report on 2026 is written early the next year


@pytest.fixture
def fixture_2026(make, county):
    """Hand-counted records of 江源市民政局 for 2026, plus noise in 2025, 2027 and in another agency."""
    for channel, asked, answered_on in (
        ("hotline", D(2026, 1, 5), D(2026, 1, 5)),
        ("hotline", D(2026, 6, 1), None),
        ("hotline", D(2026, 12, 31), D(2027, 1, 4)),
        ("online", D(2026, 3, 3), D(2026, 3, 4)),
        ("in_person", D(2026, 7, 7), D(2026, 7, 7)),
        ("hotline", D(2025, 12, 31), D(2026, 1, 2)),  # 2025
        ("letter", D(2027, 1, 3), None),  # 2027
    ):
        make("consultations", channel=channel, asked_on=asked, answered_on=answered_on, today=TODAY)
    make("consultations", agency=county, today=TODAY)
    proposals = (
        # kind, number, received, due, replied, published
        ("npc", "1", D(2026, 3, 10), None, D(2026, 5, 1), True),  # replied, published
        ("npc", "2", D(2026, 3, 10), None, D(2026, 6, 20), False),  # replied late → overdue
        ("npc", "3", D(2026, 3, 10), None, None, False),  # never replied → overdue
        ("cppcc", "1", D(2026, 3, 10), D(2026, 9, 10), D(2026, 8, 1), True),  # extended, replied in time
        ("cppcc", "2", D(2026, 11, 20), None, D(2027, 1, 15), True),  # replied next year: not in 2026's replies
        ("npc", "9", D(2025, 3, 10), None, None, False),  # 2025
    )
    for kind, number, received, due, replied, published in proposals:
        make(
            "proposals",
            kind=kind,
            number=number,
            received_on=received,
            due_on=due,
            replied_on=replied,
            reply_published=published,
            today=TODAY,
        )
    for level, seen, responded in (
        ("major", D(2026, 4, 1), D(2026, 4, 1)),
        ("general", D(2026, 8, 1), None),
        ("general", D(2025, 8, 1), D(2025, 8, 2)),
    ):
        make("opinion", level=level, first_seen=seen, responded_on=responded, today=TODAY)
    for kind, held in (
        ("conference", D(2026, 2, 20)),
        ("conference", D(2026, 5, 20)),
        ("interview", D(2026, 7, 8)),
        ("conference", D(2027, 1, 20)),
    ):
        make("press", kind=kind, held_on=held, today=TODAY)
    make("press", agency=county, today=TODAY)


def test_report_figures_are_counted_as_by_hand_in_four_queries(civil, fixture_2026, django_assert_num_queries):
    with django_assert_num_queries(4):
        figures = selectors.report_figures(civil.pk, 2026, today=TODAY)
    assert figures == {
        "consultations": {
            "total": 5,
            "by_channel": {"hotline": 3, "online": 1, "in_person": 1, "letter": 0},
            "answered": 4,
        },
        "proposals": {"npc": 3, "cppcc": 2, "replied": 3, "published": 2, "overdue": 2},
        "opinion": {"total": 2, "responded": 1},
        "press": {"conferences": 2, "interviews": 1},
    }


def test_report_figures_while_the_year_runs_count_overdue_as_of_today(civil, fixture_2026):
    mid_year = selectors.report_figures(civil.pk, 2026, today=D(2026, 6, 15))
    # as of 15 June: npc 2 and 3 are past their 10 June date unreplied; cppcc 1 is extended to September
    assert mid_year["proposals"]["overdue"] == 2
    early = selectors.report_figures(civil.pk, 2026, today=D(2026, 6, 10))
    assert early["proposals"]["overdue"] == 0


def test_an_empty_year_gives_zeros(civil):
    figures = selectors.report_figures(civil.pk, 2020, today=TODAY)
    assert figures["consultations"] == {
        "total": 0,
        "by_channel": {"hotline": 0, "online": 0, "in_person": 0, "letter": 0},
        "answered": 0,
    }
    assert set(figures["proposals"].values()) == {0} and set(figures["press"].values()) == {0}


@pytest.mark.parametrize("as_of", [D(2026, 6, 10), D(2026, 6, 11), D(2026, 6, 20), D(2026, 12, 31)])
def test_overdue_in_the_database_agrees_with_the_law(civil, fixture_2026, as_of):
    in_db = set(Proposal.objects.filter(selectors.proposal_overdue_q(as_of)).values_list("pk", flat=True))
    by_law = {p.pk for p in Proposal.objects.all() if p.is_overdue(as_of)}
    assert in_db == by_law


def test_consultation_counts_follow_the_users_agencies(civil, county, fixture_2026, client_for):
    officer = client_for(Role.CASE_OFFICER, civil).user
    assert selectors.consultation_counts(officer, year=2026)["total"] == 5
    supervisor = client_for(Role.SUPERVISOR, civil.supervisor).user
    assert selectors.consultation_counts(supervisor, year=2026)["total"] == 6
    assert selectors.consultation_counts(supervisor, year=2026, agency_id=county.pk)["total"] == 1
