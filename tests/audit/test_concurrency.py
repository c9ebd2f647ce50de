"""Concurrent writers of one agency queue on the chain head: the chain stays gap-free and verifiable."""

from __future__ import annotations

import threading

from django.db import connection, transaction

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record, verify_chains


def test_concurrent_records_for_one_agency_form_one_unbroken_chain(transactional_db):
    from gongkai.agencies import demo

    agencies = demo.load_jurisdiction()
    civil = agencies["civil"]
    start = AuditEntry.objects.filter(agency_id=civil.pk).count()
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    record(action="test.concurrent", agency=civil, changes={"writer": n, "i": i})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    seqs = list(AuditEntry.objects.filter(agency_id=civil.pk).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, start + 41))
    assert verify_chains().ok
