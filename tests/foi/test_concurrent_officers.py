"""Two officers record the reply to one request at the same moment: one wins, the other is told why (issue 16).

Each officer is a thread with its own database connection, both released together by a barrier. What serialises them
is ``select_for_update()`` on the request in ``foi.services.event_add`` (PostgreSQL: a row lock; SQLite: the
IMMEDIATE transaction mode of the settings, which serialises every writer). The loser then sees the request already
answered and is refused by the law's clock with its reason — nothing of its reply is saved, no letter, no audit entry.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.foi import services
from gongkai.foi.models import InfoRequest, Letter, RequestEvent

OFFICERS = 2


@pytest.mark.django_db(transaction=True)
def test_two_officers_replying_at_once_get_one_winner_and_a_clear_refusal():
    from gongkai.agencies import demo

    civil = demo.load_jurisdiction()["civil"]
    today = timezone.localdate()
    request = services.request_register(
        actor=None,
        agency=civil,
        applicant={"kind": "natural_person", "name": "张三"},
        channel="in_person",
        submitted_on=today,
        description="2025年度城乡低保资金发放明细",
    ).request
    letters_before = Letter.objects.filter(request=request).count()
    barrier = threading.Barrier(OFFICERS, timeout=30)
    won: list[str] = []
    refused: list[ValidationError] = []
    errors: list[BaseException] = []
    outcomes = ["disclosed", "unavailable_not_held"]

    def officer(n: int) -> None:
        try:
            barrier.wait()
            services.reply_record(
                actor=None, request=InfoRequest.objects.get(pk=request.pk), on=today, outcome=outcomes[n]
            )
            won.append(outcomes[n])
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:  # a deadlock or "database is locked" would land here
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=officer, args=(n,)) for n in range(OFFICERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an officer hung"
    assert errors == []
    assert len(won) == 1 and len(refused) == 1
    # The refusal is the law's reason in Chinese, not a database error.
    message = refused[0].messages[0]
    assert any("\u4e00" <= char <= "\u9fff" for char in message), message
    # One reply stored, the winner's; one audit entry for it; the request closed with the winner's outcome.
    replies = RequestEvent.objects.filter(request=request, type="reply")
    assert [event.data.get("outcome") for event in replies] == won
    assert AuditEntry.objects.filter(action="foi.event.reply", object_id=str(request.pk)).count() == 1
    request.refresh_from_db()
    assert request.outcome == won[0]
    assert Letter.objects.filter(request=request).count() <= letters_before + 1
