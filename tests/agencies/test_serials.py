"""Serial numbers (letter numbers, 索引号) come from one counter table of the agencies app: gap-free per agency, kind and year,
also under concurrent writers; the counters of the two old tables are carried over by the migrations."""

from __future__ import annotations

import threading

from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from gongkai.agencies.models import SerialCounter
from gongkai.agencies.services import next_serial


def test_numbers_count_per_agency_kind_and_year(jurisdiction):
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    with transaction.atomic():
        taken = [next_serial(agency=civil, kind="test.a", year=2026) for _ in range(3)]
        taken += [
            next_serial(agency=civil, kind="test.b", year=2026),
            next_serial(agency=civil, kind="test.a", year=2027),
            next_serial(agency=county, kind="test.a", year=2026),
        ]
    assert taken == [1, 2, 3, 1, 1, 1]
    assert SerialCounter.objects.get(agency=civil, kind="test.a", year=2026).last_serial == 3


def test_concurrent_writers_take_every_number_once(transactional_db):
    from gongkai.agencies import demo

    civil = demo.load_jurisdiction()["civil"]
    taken: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def writer() -> None:
        try:
            barrier.wait()
            for _ in range(10):
                with transaction.atomic():
                    taken.append(next_serial(agency=civil, kind="test.concurrent", year=2026))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(taken) == list(range(1, 41))


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_migrations_carry_the_old_counters_over_and_back(transactional_db):
    before = [
        ("agencies", "0002_serial_counter"),
        ("foi", "0002_tracking_attempts"),
        ("disclosure", "0004_disclosure_rules_category"),
    ]
    after = [("foi", "0003_serial_counters"), ("disclosure", "0005_serial_counters")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = _migrate(before)
        agency = apps.get_model("agencies", "Agency").objects.create(
            name="江源市民政局", credit_code="11110000000000001X", kind="department", level="city"
        )
        apps.get_model("foi", "LetterCounter").objects.create(agency=agency, year=2025, last_serial=12)
        apps.get_model("disclosure", "IndexCounter").objects.create(agency=agency, year=2025, last_serial=7)
        apps.get_model("disclosure", "IndexCounter").objects.create(agency=agency, year=2026, last_serial=2)

        apps = _migrate(after)
        rows = apps.get_model("agencies", "SerialCounter").objects.values_list("kind", "year", "last_serial")
        assert sorted(rows) == [("disclosure.index", 2025, 7), ("disclosure.index", 2026, 2), ("foi.letter", 2025, 12)]

        apps = _migrate(before)
        assert list(apps.get_model("foi", "LetterCounter").objects.values_list("year", "last_serial")) == [(2025, 12)]
        assert sorted(apps.get_model("disclosure", "IndexCounter").objects.values_list("year", "last_serial")) == [
            (2025, 7),
            (2026, 2),
        ]
        assert not apps.get_model("agencies", "SerialCounter").objects.exists()
    finally:
        _migrate(latest)
