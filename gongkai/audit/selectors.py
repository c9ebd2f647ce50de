from django.db.models import QuerySet

from gongkai.audit.models import AuditEntry
from gongkai.audit.sentences import Sentence, sentence


def entries_for_agency(agency) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(agency_id=agency.pk).order_by("-at", "-id")


def entries_for_object(obj) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("at", "id")


def count_by_actor(actor, action: str, *, since) -> int:
    """How many ``action`` entries ``actor`` wrote since ``since`` (a per-user rate counted in the database)."""
    return AuditEntry.objects.filter(actor=actor, action=action, at__gte=since).count()


def entry_sentence(entry: AuditEntry) -> Sentence:
    """The entry as a sentence for its reader ("张三于2026年12月2日 10:31 完成了公开义务《…》（按时）"), its details
    labelled and its action code kept for small print (gongkai.audit.sentences)."""
    return sentence(entry)
