"""Every check triggered by a report that plants it, and silent on a correct one — in text, HTML, DOCX and PDF."""

from __future__ import annotations

import pytest

from gongkai.checker.checking import check_documents
from tests.checker import corpus
from tests.checker.conftest import file_for

FORMATS = corpus.FORMATS


def found(results) -> set[str]:
    return {f.code for r in results for f in r.findings if f.severity != "info"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", list(corpus.PLANTS))
def test_a_planted_error_is_found_and_nothing_else(rendered, specimens, code, fmt):
    spec = specimens[f"{code}-17"]
    results = check_documents([(spec.name, file_for(rendered, spec.name, fmt))])
    assert found(results) == spec.expect
    assert results[0].reading.year == spec.year
    assert results[0].reading.agency == spec.agency


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_correct_report_has_no_findings_and_reads_back_its_tables(rendered, specimens, fmt):
    spec = specimens["correct-11"]
    [result] = check_documents([(spec.name, file_for(rendered, spec.name, fmt))])
    assert found([result]) == set()
    assert result.reading.tables["section3"] == spec.tables["section3"]
    assert result.reading.tables["section4"] == spec.tables["section4"]
    assert result.reading.published_on == spec.published_on
    assert result.reading.format == "2021"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("broken", [None, "carry.requests", "carry.normative"])
def test_last_years_report_is_checked_against_this_years(rendered, broken, fmt):
    files = [(name, file_for(rendered, name, fmt)) for name in (f"before-{broken}", f"now-{broken}")]
    results = check_documents(files)
    assert found(results) == ({broken} if broken else set())
    assert len(results) == 2
    assert results[0].reading.agency and results[0].reading.agency == results[1].reading.agency
