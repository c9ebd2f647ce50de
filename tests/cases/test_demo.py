"""The demo cases: reconsiderations of refused demo requests and lawsuits, last year and this year, results mixed,
one pending; yearly figures of both 民政局s for the last two years; 表四 adds up."""

from __future__ import annotations

import datetime as dt

from gongkai.cases import demo, selectors
from gongkai.cases.models import Case, YearFigures
from gongkai.foi import demo as foi_demo
from gongkai.law.remedies import reconsideration_first_required

TODAY = dt.date(2026, 11, 23)


def test_demo_cases_and_figures(jurisdiction, make_user):
    make_user(superuser=True)  # the demo requests need an approver for extensions
    foi_demo.load_requests(jurisdiction, today=TODAY, per_agency=60)
    count = demo.load_cases(jurisdiction, today=TODAY)
    cases = list(Case.objects.select_related("info_request"))
    assert count == len(cases) >= 8
    assert {c.agency_id for c in cases} == {jurisdiction["civil"].pk, jurisdiction["county_civil"].pk}
    assert {c.kind for c in cases} == {"reconsideration", "litigation_direct", "litigation_after_reconsideration"}
    assert {c.result for c in cases} >= {"upheld", "corrected", "other", ""}
    assert {c.filed_on.year for c in cases} == {2025, 2026}
    for case in cases:  # 复议前置: a refusal goes to reconsideration first, never straight to court
        if case.kind == "litigation_direct":
            assert not reconsideration_first_required(case.info_request.outcome)
        assert case.info_request.closed_on <= case.filed_on
        assert case.reply_due_on is not None
    assert {(f.agency_id, f.year) for f in YearFigures.objects.all()} == {
        (jurisdiction[key].pk, year) for key in ("civil", "county_civil") for year in (2024, 2025)
    }
    table = selectors.section4(jurisdiction["civil"].pk, 2025)
    assert sum(cells["total"] for cells in table.values()) >= 3
    assert demo.load_cases(jurisdiction, today=TODAY) == 0  # run again: nothing doubled
    assert Case.objects.count() == len(cases)
