"""The real corpus (tests/checker/real, issue 15) is whole: every listed document is there, every truth file is valid.

The checker's scores on it are printed by ``python -m tests.checker.real.score``, not asserted here.
"""

from __future__ import annotations

import json

import pytest

from tests.checker.real import schema
from tests.checker.real.score import cell_right

SOURCES = schema.load_sources()
TRUTHS = schema.load_truths()
PENDING = schema.load_truths(schema.PENDING)


def test_sources_csv_has_its_columns_and_one_row_per_document():
    with schema.SOURCES.open(encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    assert tuple(header) == schema.SOURCE_COLUMNS
    names = [row["file"] for row in SOURCES]
    assert len(names) == len(set(names))
    assert len(names) >= 40


@pytest.mark.parametrize("row", SOURCES, ids=lambda row: row["file"])
def test_every_listed_document_exists_with_its_source_and_truth(row):
    path = schema.DOCS / row["file"]
    assert path.is_file(), f"{row['file']} is listed in sources.csv but not in docs/"
    assert path.stat().st_size > 0
    if path.suffix in (".pdf", ".docx"):
        assert path.stat().st_size < schema.MAX_BINARY_BYTES
    assert row["source"].strip() and row["retrieved"].strip() and row["title"].strip()
    assert row["era"] in schema.ERA_VALUES and row["complete"] in ("true", "false")
    truth = TRUTHS.get(row["file"])
    assert truth is not None, f"no truth file for {row['file']}"
    # sources.csv repeats what the truth file says; the two must not drift apart.
    assert (row["era"], int(row["year"]), row["complete"] == "true") == (truth["era"], truth["year"], truth["complete"])
    assert row["agency"] == (truth["agency"] or "")


def test_docs_folder_holds_only_listed_documents_and_truth_only_their_files():
    listed = {row["file"] for row in SOURCES}
    assert {p.name for p in schema.DOCS.iterdir()} == listed
    assert set(TRUTHS) == listed


@pytest.mark.parametrize("name", [*TRUTHS, *PENDING])
def test_truth_file_is_valid(name):
    truth = TRUTHS.get(name) or PENDING[name]
    assert schema.validate(truth, name) == []


def test_pending_documents_say_where_they_come_from_and_are_not_committed():
    for name, truth in PENDING.items():
        assert truth.get("source", "").startswith("github:"), name
        assert not (schema.DOCS / name).exists(), f"{name} is pending: its file may not be committed"


def test_all_three_eras_and_both_kinds_of_agency_are_covered():
    truths = list(TRUTHS.values())
    assert {t["era"] for t in truths} >= set(schema.ERAS)
    assert {t["agency_kind"] for t in truths} >= set(schema.KINDS)
    assert {t["level"] for t in truths} >= set(schema.LEVELS)


def test_the_validator_rejects_what_the_readme_forbids():
    good = json.loads(json.dumps(next(iter(TRUTHS.values()))))
    name = good["file"]
    assert schema.validate(good, name) == []
    cases = {
        "era": "2020",
        "verified": "yes",
        "tables": {"section3": {"new_this_year": {"everyone": 1}}},
        "errors": [{"code": "arith.everything", "where": "", "note": "x"}],
        "not_judged": ["no.such.code"],
        "figures": {"requests_received": "3"},
    }
    for key, value in cases.items():
        bad = {**good, key: value}
        assert schema.validate(bad, name), f"{key}={value!r} should be rejected"
    assert schema.validate({k: v for k, v in good.items() if k != "notes"}, name)


@pytest.mark.parametrize(
    ("expected", "read", "right"),
    [
        (None, 0, True),  # a printed blank is the checker's 0
        (None, 3, False),
        (3, 3, True),
        (3, "<not read>", False),
        ("7730.28", 7730.28, True),
        ("103.3879万元", 103.3879, True),
        ("--253", 253, False),
        ("--253", "--253", True),
    ],
)
def test_cells_are_compared_by_value_and_blanks_as_zero(expected, read, right):
    assert cell_right(expected, read) is right
