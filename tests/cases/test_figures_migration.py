"""cases 0002: the yearly figures move from one column per cell to the template's {row: {column}} — nothing lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0001_initial")]
AFTER = [("cases", "0002_year_figures_from_the_template")]


@pytest.mark.django_db(transaction=True)
def test_the_figures_keep_every_value_and_source():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    agency = apps.get_model("agencies", "Agency").objects.create(
        name="江源市民政局", credit_code="11990100MB0000001X", kind="department", level="city"
    )
    apps.get_model("cases", "YearFigures").objects.create(
        agency_id=agency.pk,
        year=2025,
        licensing=186,
        licensing_source="政务服务网",
        penalty=4,
        coercion=1,
        coercion_source="执法平台",
        fees_10k_yuan=Decimal("0.1250"),
        fees_source="非税系统",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    figures = executor.loader.project_state(AFTER).apps.get_model("cases", "YearFigures").objects.get()
    assert figures.values == {
        "licensing": {"decisions": 186},
        "penalty": {"decisions": 4},
        "coercion": {"decisions": 1},
        "fees": {"amount_10k_yuan": "0.1250"},
    }
    assert figures.sources == {"licensing": "政务服务网", "penalty": "", "coercion": "执法平台", "fees": "非税系统"}
    # and back: the reverse migration restores the columns
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "YearFigures").objects.get()
    assert (old.licensing, old.coercion_source, old.fees_10k_yuan) == (186, "执法平台", Decimal("0.1250"))
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
