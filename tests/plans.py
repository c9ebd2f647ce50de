"""Query plans for the tests of list pages (docs/performance.md, List pages): a page's query must be served by the index
made for its ordering, without sorting the rows it filters — ``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on
PostgreSQL (``DATABASE_URL=postgres://…``)."""

from __future__ import annotations

import re

from django.db import connection

FULL_SCAN = re.compile(r"\bSCAN \S+(?: LEFT-JOIN)?\s*$", re.MULTILINE)  # SQLite: a table read whole, no index


def analyze() -> None:
    """Gather the planner's statistics, as a long-running database has them (PostgreSQL's autovacuum does it by
    itself; SQLite only on ANALYZE): some plans change once the database knows that, for one, a column is mostly
    NULL."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def query_plan(queryset) -> str:
    """The database's plan for the queryset.  PostgreSQL is told to avoid sequential scans and sorts where it can
    (the test tables are far too small for it to prefer an index on its own), after ANALYZE of the table so that it
    weighs the indexes by the rows' real spread: a Sort left in the plan then means no index gives the order."""
    if connection.vendor != "postgresql":
        return queryset.explain()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(queryset.model._meta.db_table)}")  # real row estimates
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")


def assert_served_by_index(queryset, index: str | tuple[str, ...]) -> str:
    """The plan reads one of the named indexes (for some queries two indexes serve equally well and the database
    picks either), sorts nothing and reads no table whole (subqueries included)."""
    plan = query_plan(queryset)
    assert any(name in plan for name in ((index,) if isinstance(index, str) else index)), plan
    if connection.vendor == "postgresql":
        assert "Sort" not in plan and "Seq Scan" not in plan, plan
    else:
        assert "TEMP B-TREE" not in plan and not FULL_SCAN.search(plan), plan
    return plan
