"""Reads of the messages sent."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from gongkai.notify.models import Message


def messages_about(obj: models.Model, *, purpose: str = "") -> QuerySet[Message]:
    """The messages sent about ``obj`` (newest first), of one purpose when given."""
    qs = Message.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(purpose=purpose) if purpose else qs


def delivered_for_purpose(purpose: str, *, object_type: str) -> set[tuple[int | None, str]]:
    """(agency id, object id) of every message of ``purpose`` about objects of ``object_type`` that was delivered
    (one query): what a daily job already sent today."""
    rows = Message.objects.filter(purpose=purpose, object_type=object_type, delivered=True)
    return set(rows.values_list("agency_id", "object_id"))
