"""Bulk inserts for generated data (``gongkai bench generate``): unsaved model instances in, rows out, in batches.

Each app offers its own ``services.bulk_insert`` over this helper, so a caller writes an app's tables only through
that app; the helper refuses instances of any other app. ``bulk_create`` sends no signals: the caller keeps derived
data (the search index) in step through the owning app's services.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

BATCH_SIZE = 2000


def insert(objects: Iterable[models.Model], *, app_label: str, batch_size: int = BATCH_SIZE) -> int:
    """Insert the instances, grouped by model in order of first appearance; returns how many rows were written.

    On SQLite and PostgreSQL the primary keys are set on the instances (``RETURNING``)."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        model = type(obj)
        if model._meta.app_label != app_label:
            raise ValueError(f"{model._meta.label} 不属于 {app_label}，不能由它批量写入")
        by_model.setdefault(model, []).append(obj)
    written = 0
    for model, rows in by_model.items():
        model._default_manager.bulk_create(rows, batch_size=batch_size)
        written += len(rows)
    return written
