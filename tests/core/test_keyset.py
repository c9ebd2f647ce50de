"""gongkai.core.keyset on its own: cursors that round-trip every kind of key, refuse anything else, and seek
conditions that select exactly the rows after (or before) a row in both directions of each key."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing

from gongkai.core import keyset
from gongkai.foi.models import InfoRequest

KEYS = (
    keyset.Key("day", descending=True, kind="date"),
    keyset.Key("stamp", kind="datetime"),
    keyset.Key("id", descending=True),
)


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


STAMP = dt.datetime(2026, 12, 3, 8, 30, 15, 123456, tzinfo=dt.UTC)


def test_a_cursor_round_trips_dates_aware_datetimes_and_ids():
    token = keyset.make_cursor(KEYS, Row(day=dt.date(2026, 1, 2), stamp=STAMP, id=42), keyset.NEXT)
    assert keyset.read_cursor(KEYS, token) == (keyset.NEXT, [dt.date(2026, 1, 2), STAMP, 42])


@pytest.mark.parametrize(
    "payload",
    [
        ["x", ["2026-01-02", STAMP.isoformat(), 1]],  # unknown direction
        ["n", ["2026-01-02", STAMP.isoformat()]],  # a value missing
        ["n", ["2026-13-02", STAMP.isoformat(), 1]],  # not a date
        ["n", ["2026-01-02", "2026-12-03T08:30:15", 1]],  # a naive datetime
        ["n", ["2026-01-02", STAMP.isoformat(), "1"]],  # an id as text
        ["n", ["2026-01-02", STAMP.isoformat(), True]],  # a boolean is no id
        ["n", [20260102, STAMP.isoformat(), 1]],  # a date as a number
        "n",
        None,
    ],
)
def test_signed_cursors_with_values_of_the_wrong_shape_are_refused(payload):
    token = signing.dumps(payload, salt=keyset._salt(KEYS), compress=False)
    with pytest.raises(ValueError):
        keyset.read_cursor(KEYS, token)


def test_a_cursor_of_another_ordering_or_altered_is_refused():
    row = Row(day=dt.date(2026, 1, 2), stamp=STAMP, id=42)
    token = keyset.make_cursor(KEYS, row, keyset.NEXT)
    other = (keyset.Key("day", kind="date"), *KEYS[1:])  # the same columns, ascending
    for keys, bad in ((other, token), (KEYS, token[:-1]), (KEYS, "a" + token), (KEYS, "")):
        with pytest.raises(ValueError):
            keyset.read_cursor(keys, bad)


def test_a_null_sort_key_is_a_programming_error_not_a_silent_last_page():
    with pytest.raises(ValueError, match="coalesced"):
        keyset.make_cursor(KEYS, Row(day=None, stamp=STAMP, id=1), keyset.NEXT)


def _matches(q, row) -> bool:
    """Evaluate a seek condition (a tree of Q with exact/gt/gte/lt lookups) on a plain row."""
    results = []
    for child in q.children:
        if hasattr(child, "children"):
            results.append(_matches(child, row))
            continue
        lookup, value = child
        name, _, op = lookup.partition("__")
        have = getattr(row, name)
        results.append(
            {"": have == value, "gt": have > value, "gte": have >= value, "lt": have < value, "lte": have <= value}[op]
        )
    result = all(results) if q.connector == "AND" else any(results)
    return not result if q.negated else result


def test_the_seek_condition_selects_exactly_the_rows_after_and_before_in_both_directions():
    days = [dt.date(2026, 1, d) for d in (1, 2, 3)]
    stamps = [STAMP, STAMP + dt.timedelta(seconds=1)]
    rows = [Row(day=d, stamp=s, id=i) for i, (d, s) in enumerate((d, s) for d in days for s in stamps for _ in (0, 1))]
    for n, row in enumerate(rows):
        row.id = n + 1

    def sort_key(r):  # -day, stamp, -id
        return (-r.day.toordinal(), r.stamp, -r.id)

    ordered = sorted(rows, key=sort_key)
    for at, pivot in enumerate(ordered):
        values = [pivot.day, pivot.stamp, pivot.id]
        after = [r for r in ordered if _matches(keyset._seek(KEYS, values, forward=True), r)]
        before = [r for r in ordered if _matches(keyset._seek(KEYS, values, forward=False), r)]
        assert after == ordered[at + 1 :]
        assert before == ordered[:at]


def test_coalesced_writes_its_date_into_the_sql_so_an_index_on_it_matches():
    sql, params = InfoRequest.objects.annotate(
        key=keyset.coalesced("due_on", dt.date(9999, 12, 31))
    ).query.sql_with_params()
    assert "COALESCE(" in sql and "'9999-12-31'" in sql and "9999-12-31" not in [str(p) for p in params]
