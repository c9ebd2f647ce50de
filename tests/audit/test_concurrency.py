"""Concurrent writers of one agency queue on the chain head: the chain stays gap-free and verifiable.

Each writer thread has its own database connection. In every round all writers are released together by a barrier
and each appends one entry to the same agency chain, so every round is a real race for the chain head.

What keeps them in line differs by backend, and the test guards whichever is in use:

- PostgreSQL: the ``select_for_update()`` row lock on ``AuditHead`` in ``record()``. Without it, writers of a
  round read the same head and collide on the ``(chain, seq)`` unique constraint.
- SQLite: the ``IMMEDIATE`` transaction mode with a busy timeout in settings (SQLite serialises all writers, so the
  row lock is a no-op there). Without it, writers fail with "database is locked".
"""

from __future__ import annotations

import threading
import time
from io import StringIO
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from gongkai.audit import services
from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.audit.services import record, verify_chains

WRITERS = 4
ROUNDS = 8
ACTION = "test.concurrent"


def _slow_now():
    # ``record()`` takes the time right after it has read (and locked) the chain head: holding the head a moment
    # there makes the race window wide, so that without the lock every writer of a round reads the same head.
    time.sleep(0.02)
    return timezone.now()


@pytest.mark.django_db(transaction=True)
def test_concurrent_records_for_one_agency_form_one_unbroken_chain(monkeypatch):
    from gongkai.agencies import demo

    civil = demo.load_jurisdiction()["civil"]
    chain = f"agency:{civil.pk}"
    start = AuditEntry.objects.filter(chain=chain).count()
    monkeypatch.setattr(services, "timezone", SimpleNamespace(now=_slow_now))
    errors: list[BaseException] = []
    barrier = threading.Barrier(WRITERS, timeout=30)

    def writer(n: int) -> None:
        try:
            for i in range(ROUNDS):
                barrier.wait()
                with transaction.atomic():
                    record(action=ACTION, agency=civil, changes={"writer": n, "round": i})
        except threading.BrokenBarrierError:
            pass  # another writer failed and broke the barrier; its error is the one reported
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert errors == []

    entries = list(AuditEntry.objects.filter(chain=chain).order_by("seq"))
    # Unique and gap-free: exactly 1..n, every test entry present once.
    assert [e.seq for e in entries] == list(range(1, start + WRITERS * ROUNDS + 1))
    written = [e for e in entries if e.action == ACTION]
    assert len(written) == WRITERS * ROUNDS
    assert {(e.changes["writer"], e.changes["round"]) for e in written} == {
        (n, i) for n in range(WRITERS) for i in range(ROUNDS)
    }
    # Every round really had all writers in flight at once: its entries fill one block of seq numbers.
    for i in range(ROUNDS):
        block = written[i * WRITERS : (i + 1) * WRITERS]
        assert {e.changes["round"] for e in block} == {i}
        assert {e.changes["writer"] for e in block} == set(range(WRITERS))
    # Each entry links to the one before it, and the head points at the last one.
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(entries))
    head = AuditHead.objects.get(chain=chain)
    assert (head.last_seq, head.last_hash) == (entries[-1].seq, entries[-1].hash)

    assert verify_chains().ok
    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert "全部校验通过" in out.getvalue()
