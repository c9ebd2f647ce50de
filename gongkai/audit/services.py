"""Writing to and verifying the audit log.

Every service that changes state calls :func:`record` inside its own transaction, so the change and its audit
entry commit (or roll back) together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from gongkai.audit.models import GENESIS_HASH, PLATFORM_CHAIN, AuditEntry, AuditHead
from gongkai.core import logs


def _normalise(value: Any) -> Any:
    """JSON round trip, so what is hashed is exactly what the database gives back."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def entry_hash(
    *,
    prev_hash: str,
    chain: str,
    seq: int,
    at_iso: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_label: str,
    agency_id: int | None,
    changes: Any,
) -> str:
    payload = json.dumps(
        [chain, seq, at_iso, actor_id, actor_label, action, object_type, object_id, object_label, agency_id, changes],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _at_iso(entry: AuditEntry) -> str:
    return entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _hash_of(entry: AuditEntry) -> str:
    return entry_hash(
        prev_hash=entry.prev_hash,
        chain=entry.chain,
        seq=entry.seq,
        at_iso=_at_iso(entry),
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_label=entry.object_label,
        agency_id=entry.agency_id,
        changes=entry.changes,
    )


def _agency_id_of(obj: models.Model | None, agency: Any) -> int | None:
    if agency is not None:
        return agency if isinstance(agency, int) else agency.pk
    if obj is not None:
        if getattr(obj, "_meta", None) and obj._meta.label == "agencies.Agency":
            return obj.pk
        return getattr(obj, "agency_id", None)
    return None


def record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    agency: Any = None,
    changes: Mapping[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry to the chain of the object's agency. Must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must be called inside transaction.atomic() with the change it logs")
    agency_id = _agency_id_of(obj, agency)
    chain = f"agency:{agency_id}" if agency_id is not None else PLATFORM_CHAIN
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    label = actor_label or (actor_obj.get_username() if actor_obj else "system")
    # Lock this chain's head row: concurrent writers of one agency queue here, other agencies do not.
    head, _ = AuditHead.objects.get_or_create(chain=chain)
    head = AuditHead.objects.select_for_update().get(pk=head.pk)
    at = timezone.now()
    entry = AuditEntry(
        chain=chain,
        seq=head.last_seq + 1,
        at=at,
        actor=actor_obj,
        actor_label=label[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        agency_id=agency_id,
        changes=_normalise(dict(changes or {})),
        prev_hash=head.last_hash,
    )
    entry.hash = _hash_of(entry)
    entry.save()
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    logs.note_audit(action, agency_id)
    return entry


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{"field": [old, new]}`` for every field whose value differs."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    seq: int
    entry_id: int | None
    reason: str


@dataclass(frozen=True)
class VerifyResult:
    entries: int
    chains: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def _chain_breaks(chain: str, head: AuditHead | None) -> Iterator[ChainBreak | int]:
    expected_prev = GENESIS_HASH
    expected_seq = 1
    entries = AuditEntry.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000)
    for entry in entries:
        if entry.seq != expected_seq:
            yield ChainBreak(chain, expected_seq, entry.id, f"缺少序号 {expected_seq} 的记录（可能被删除）")
            return
        if entry.prev_hash != expected_prev:
            yield ChainBreak(chain, entry.seq, entry.id, "前一条记录的哈希值不符（链条被改动）")
            return
        if _hash_of(entry) != entry.hash:
            yield ChainBreak(chain, entry.seq, entry.id, "记录内容与其哈希值不符（记录被修改）")
            return
        expected_prev = entry.hash
        expected_seq += 1
        yield 1
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != expected_prev):
        yield ChainBreak(chain, expected_seq, None, "链尾与记录不符（末尾记录可能被删除）")


def verify_chains(progress: Any = None) -> VerifyResult:
    """Recompute every chain; stop at the first broken entry."""
    heads = {h.chain: h for h in AuditHead.objects.all()}
    chains = sorted(set(heads) | set(AuditEntry.objects.values_list("chain", flat=True).distinct()))
    count = 0
    for chain in chains:
        for item in _chain_breaks(chain, heads.get(chain)):
            if isinstance(item, ChainBreak):
                return VerifyResult(count, len(chains), item)
            count += 1
            if progress is not None:
                progress(count)
    return VerifyResult(count, len(chains), None)


@logs.service
def record_standalone(**kwargs: Any) -> AuditEntry:
    """For events that are not part of another write (logins, exports): its own transaction."""
    return record(**kwargs)
