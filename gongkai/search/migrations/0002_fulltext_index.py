"""The backend's own full-text index: an FTS5 table on SQLite, a GIN expression index on PostgreSQL.

Each backend gets only its own; the other operations do nothing there. See docs/search.md.
"""

from django.db import migrations

FTS_CREATE = "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='unicode61')"
FTS_DROP = "DROP TABLE IF EXISTS search_fts"
GIN_CREATE = "CREATE INDEX search_entry_grams_gin ON search_searchentry USING gin (string_to_array(grams, ' '))"
GIN_DROP = "DROP INDEX IF EXISTS search_entry_grams_gin"


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(GIN_CREATE)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(GIN_DROP)


def fill(apps, schema_editor):
    """Index the items published before this app was installed (historical models; same tokeniser)."""
    from gongkai.search.grams import index_string
    from gongkai.search.text import html_to_text

    CatalogItem = apps.get_model("disclosure", "CatalogItem")
    SearchEntry = apps.get_model("search", "SearchEntry")
    connection = schema_editor.connection
    for item in CatalogItem.objects.using(connection.alias).filter(state="published").iterator():
        body_text = html_to_text(item.body)
        title_grams = index_string(f"{item.title} {item.doc_number}")
        body_grams = index_string(body_text)
        entry = SearchEntry.objects.using(connection.alias).create(
            item_id=item.pk,
            agency_id=item.agency_id,
            category_id=item.category_id,
            year=item.published_on.year if item.published_on else None,
            validity=item.validity,
            published_on=item.published_on,
            title_text=item.title,
            doc_number=item.doc_number,
            body_text=body_text,
            title_grams=title_grams,
            grams=f"{title_grams}|{body_grams}",
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                    [entry.pk, title_grams.strip(), body_grams.strip()],
                )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
