"""Keep the index in step with the catalog without touching gongkai.disclosure."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.disclosure.models import CatalogItem
from gongkai.search import services
from gongkai.search.models import SearchEntry


@receiver(post_save, sender=CatalogItem, dispatch_uid="search.index_item")
def _item_saved(sender, instance: CatalogItem, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata
        return
    services.index_item(instance)


@receiver(post_delete, sender=SearchEntry, dispatch_uid="search.fts_delete")
def _entry_deleted(sender, instance: SearchEntry, **kwargs) -> None:
    services.fts_delete([instance.pk])
