"""年报体检's reads: the missing-years grid at the deadlines of 条例 第四十九条, year over year with the carry-over."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.regionaudit import selectors, services
from gongkai.regionaudit.selectors import MISSING, NOT_DUE, PUBLISHED
from tests.regionaudit.conftest import report_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "year", "today", "state"),
    [
        # 条例 第四十九条: departments by 1月31日, governments by 3月31日; the deadline day itself is in time
        ("civil", 2025, dt.date(2026, 1, 31), NOT_DUE),
        ("civil", 2025, dt.date(2026, 2, 1), MISSING),
        ("county", 2025, dt.date(2026, 2, 1), NOT_DUE),
        ("county", 2025, dt.date(2026, 3, 31), NOT_DUE),
        ("county", 2025, dt.date(2026, 4, 1), MISSING),
        # the report on 2018 and before: 3月31日 for everyone (条例 2007 第三十一条)
        ("civil", 2018, dt.date(2019, 2, 1), NOT_DUE),
        ("civil", 2018, dt.date(2019, 4, 1), MISSING),
    ],
)
def test_cell_state_at_the_deadline(jurisdiction, who, year, today, state):
    assert selectors.cell_state(jurisdiction[who], year, False, today) == state
    assert selectors.cell_state(jurisdiction[who], year, True, today) == PUBLISHED


def test_grid_marks_published_missing_and_not_yet_due(region, supervisor, jurisdiction):
    services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("a.txt", report_text("江源市民政局", 2023)), ("b.txt", report_text("江源市民政局", 2024, seed=2))],
    )
    today = dt.date(2025, 2, 15)  # departments' 2024 reports overdue, governments' not yet
    years = selectors.grid_years(2022, today)
    assert years == [2022, 2023, 2024]
    rows = {
        row.agency.name: dict(row.cells)
        for row in selectors.missing_years_grid(list(selectors.region_agencies(region)), region, years, today)
    }
    assert rows["江源市民政局"] == {2022: MISSING, 2023: PUBLISHED, 2024: PUBLISHED}
    assert rows["青山县民政局"] == {2022: MISSING, 2023: MISSING, 2024: MISSING}
    assert rows["青山县人民政府"] == {2022: MISSING, 2023: MISSING, 2024: NOT_DUE}
    assert "江源市人民政府" not in rows  # above the supervising office: not its region


def test_grid_query_count_does_not_grow_with_agencies(region, supervisor, django_assert_max_num_queries):
    agencies = list(selectors.region_agencies(region))
    with django_assert_max_num_queries(1):
        selectors.missing_years_grid(agencies, region, [2022, 2023, 2024], dt.date(2025, 6, 1))


def test_comparison_sets_years_side_by_side_and_checks_the_carry_over(region, supervisor, jurisdiction):
    before, now = report_text("江源市民政局", 2023), report_text("江源市民政局", 2024, seed=5)
    services.reports_ingest(actor=supervisor, region=region, files=[("a.txt", before), ("b.txt", now)])
    columns = selectors.comparison(selectors.agency_reports(region, jurisdiction["civil"]))
    assert [c.year for c in columns] == [2023, 2024]
    first, second = columns
    assert first.carry_ok is None  # no report on 2022
    assert first.carried_out is not None
    assert second.carry_ok is (not second.carry_breaks)  # two unrelated generated reports: whatever they give
    assert set(first.figures) == set(selectors.KEY_FIGURES)


def test_comparison_flags_a_carry_over_that_does_not_agree(region, supervisor, jurisdiction):
    from tests.checker import corpus

    last, this = corpus.pair(3, broken="carry.requests")
    last.agency = this.agency = "江源市民政局"
    services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("a.txt", corpus.to_text(last).encode()), ("b.txt", corpus.to_text(this).encode())],
    )
    columns = selectors.comparison(selectors.agency_reports(region, jurisdiction["civil"]))
    assert [c.carry_ok for c in columns] == [None, False]
    assert columns[1].carry_breaks and all("上年结转" in m for m in columns[1].carry_breaks)  # 表三, per column


def test_comparison_flags_a_normative_count_that_does_not_carry_over(region, supervisor, jurisdiction):
    from tests.checker import corpus

    last, this = corpus.pair(4, broken="carry.normative")
    last.agency = this.agency = "江源市民政局"
    services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("a.txt", corpus.to_text(last).encode()), ("b.txt", corpus.to_text(this).encode())],
    )
    columns = selectors.comparison(selectors.agency_reports(region, jurisdiction["civil"]))
    assert columns[1].carry_ok is False
    assert any("现行有效" in m for m in columns[1].carry_breaks)


def test_the_agency_page_shows_where_the_carry_over_breaks(region, supervisor, jurisdiction):
    from django.test import Client
    from django.urls import reverse

    from tests.checker import corpus

    last, this = corpus.pair(3, broken="carry.requests")
    last.agency = this.agency = "江源市民政局"
    services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("a.txt", corpus.to_text(last).encode()), ("b.txt", corpus.to_text(this).encode())],
    )
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("regionaudit_staff:agency", args=[region.pk, jurisdiction["civil"].pk])).content.decode()
    assert "与上年结转数一致" in page and "与上年报告的结转下年度" in page


def test_comparison_of_a_consistent_pair_agrees(region, supervisor, jurisdiction):
    from tests.checker import corpus

    last, this = corpus.pair(3)
    last.agency = this.agency = "江源市民政局"
    services.reports_ingest(
        actor=supervisor,
        region=region,
        files=[("a.txt", corpus.to_text(last).encode()), ("b.txt", corpus.to_text(this).encode())],
    )
    columns = selectors.comparison(selectors.agency_reports(region, jurisdiction["civil"]))
    assert [c.carry_ok for c in columns] == [None, True]
