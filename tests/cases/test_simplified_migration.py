"""cases 0005: the simplified-procedure flag, and the stored decision due date of a reconsideration without an
acceptance date recomputed from the day acceptance is deemed (行政复议法 第三十条), not from the filing date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0004_control_characters")]
AFTER = [("cases", "0005_clock_simplified_procedure")]


@pytest.mark.django_db(transaction=True)
def test_decision_due_dates_are_recomputed_from_the_deemed_acceptance():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    agency = apps.get_model("agencies", "Agency").objects.create(
        name="江源市民政局", credit_code="11990100MB0000001X", kind="department", level="city"
    )
    Case = apps.get_model("cases", "Case")
    common = {"agency_id": agency.pk, "party_name": "张三", "filed_on": dt.date(2026, 3, 2)}
    # as 0004's code stored them: 60 days from the filing date (03-02 → 05-01 → after 劳动节, 05-06)
    Case.objects.create(
        kind="reconsideration", number="1", decision_due_on=dt.date(2026, 5, 6), decision_due_estimated=True, **common
    )
    Case.objects.create(
        kind="reconsideration",
        number="2",
        accepted_on=dt.date(2026, 3, 3),
        decision_due_on=dt.date(2026, 5, 6),
        **common,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Case = executor.loader.project_state(AFTER).apps.get_model("cases", "Case")
    # deemed accepted 03-09 (5 working days after 03-02), + 60 days → 05-08
    assert Case.objects.get(number="1").decision_due_on == dt.date(2026, 5, 8)
    assert Case.objects.get(number="2").decision_due_on == dt.date(2026, 5, 6)  # a recorded acceptance: untouched
    assert not Case.objects.filter(simplified_procedure=True).exists()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # the reverse is a no-op and runs
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
