"""The search index: one row per published catalog item, with the text in plain form and its CJK bigram tokens.

SQLite keeps a companion FTS5 table ``search_fts(title, body)`` (rowid = ``SearchEntry.id``); PostgreSQL keeps a
GIN expression index ``search_entry_grams_gin`` on ``string_to_array(grams, ' ')``. Both are created by migration
0002 for their own backend only; see docs/search.md.
"""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogCategory, CatalogItem

FTS_TABLE = "search_fts"
GIN_INDEX = "search_entry_grams_gin"


class SearchEntry(models.Model):
    item = models.OneToOneField(CatalogItem, on_delete=models.CASCADE, related_name="search_entry")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(CatalogCategory, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(null=True)
    validity = models.CharField(max_length=10, blank=True)
    published_on = models.DateField(null=True)
    title_text = models.CharField(max_length=300)
    doc_number = models.CharField(max_length=100, blank=True)
    body_text = models.TextField(blank=True)
    title_grams = models.TextField(blank=True)  # tokens of title and 文号, padded: " 城市 市低 … "
    grams = models.TextField(blank=True)  # tokens of title, 文号 and body, padded, fields separated by " | "

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title_text
