"""The audit log is append-only and hash-chained; `gongkai audit verify` finds the first changed entry."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.services import agency_update
from gongkai.audit.models import AppendOnlyError, AuditEntry, AuditHead
from gongkai.audit.services import record, verify_chains


def _run_verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_every_service_write_is_logged_with_a_chain(jurisdiction):
    civil = jurisdiction["civil"]
    entries = AuditEntry.objects.filter(agency_id=civil.pk).order_by("seq")
    assert [e.action for e in entries][:1] == ["agency.create"]
    assert [e.seq for e in entries] == list(range(1, entries.count() + 1))
    for previous, current in itertools.pairwise(entries):
        assert current.prev_hash == previous.hash
    head = AuditHead.objects.get(chain=f"agency:{civil.pk}")
    assert head.last_hash == entries.last().hash


def test_verify_passes_on_an_untouched_log(jurisdiction):
    result = verify_chains()
    assert result.ok
    assert result.entries == AuditEntry.objects.count() > 0
    assert "全部校验通过" in _run_verify()


def test_verify_detects_a_row_edited_in_the_database(jurisdiction):
    civil = jurisdiction["civil"]
    agency_update(actor=None, agency=civil, phone="0999-00000000")
    target = AuditEntry.objects.get(agency_id=civil.pk, action="agency.update")
    with connection.cursor() as cursor:  # an attacker with database access, bypassing the model
        cursor.execute("UPDATE audit_auditentry SET changes = %s WHERE id = %s", ['{"phone": ["x", "y"]}', target.id])
    result = verify_chains()
    assert not result.ok
    assert result.first_break.entry_id == target.id
    assert result.first_break.chain == f"agency:{civil.pk}"
    with pytest.raises(CommandError, match=f"记录编号 {target.id}"):
        _run_verify()


def test_verify_detects_an_edited_actor(jurisdiction, make_user):
    entry = AuditEntry.objects.order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET actor_label = %s WHERE id = %s", ["someone-else", entry.id])
    assert verify_chains().first_break.entry_id == entry.id


def test_verify_detects_a_deleted_entry_in_the_middle(jurisdiction):
    civil = jurisdiction["civil"]
    middle = AuditEntry.objects.filter(agency_id=civil.pk).order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [middle.id])
    broken = verify_chains().first_break
    assert broken is not None and broken.seq == middle.seq and "缺少" in broken.reason


def test_verify_detects_a_deleted_last_entry(jurisdiction):
    civil = jurisdiction["civil"]
    last = AuditEntry.objects.filter(agency_id=civil.pk).order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [last.id])
    broken = verify_chains().first_break
    assert broken is not None and "链尾" in broken.reason


def test_entries_cannot_be_changed_or_deleted_through_the_orm(jurisdiction):
    entry = AuditEntry.objects.first()
    entry.action = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_record_refuses_to_run_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError, match="transaction"):
        record(action="x.y")


def test_a_failed_write_leaves_no_audit_entry(jurisdiction):
    civil = jurisdiction["civil"]
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        agency_update(actor=None, agency=civil, postcode="1234567")  # too long: full_clean fails
    assert "postcode" in caught.value.message_dict
    assert AuditEntry.objects.count() == before
    assert Agency.objects.get(pk=civil.pk).postcode == "999002"


def test_entries_roll_back_with_their_transaction(jurisdiction):
    before = AuditEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record(action="test.event", agency=jurisdiction["civil"])
        1 / 0  # noqa: B018
    assert AuditEntry.objects.count() == before
    assert verify_chains().ok
