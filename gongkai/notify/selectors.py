"""Reads of the messages sent."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.notify.models import Message


def messages_about(obj: models.Model, *, purpose: str = "") -> QuerySet[Message]:
    """The messages sent about ``obj`` (newest first), of one purpose when given."""
    qs = Message.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(purpose=purpose) if purpose else qs


def sent_since(obj: models.Model, *, purpose: str, since: dt.timedelta) -> int:
    """How many messages of ``purpose`` were sent (or tried) about ``obj`` in the last ``since``."""
    return messages_about(obj, purpose=purpose).filter(sent_at__gte=timezone.now() - since).count()
