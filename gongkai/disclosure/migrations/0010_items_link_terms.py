"""Each item's 主题分类 and 体裁 text is matched exactly to a term (its label, or 大类\\小类); a value that matches
none becomes an inactive term with that text, so every item shows what it showed before and nothing is lost.
Backwards, the terms' labels are written back as text."""

from django.db import migrations

from gongkai.disclosure.vocabulary import KINDS, terms_for_values


def link_terms(apps, schema_editor):
    item_model = apps.get_model("disclosure", "CatalogItem")
    term_model = apps.get_model("disclosure", "VocabularyTerm")
    for kind in KINDS:
        values = item_model.objects.exclude(**{kind: ""}).values_list(kind, flat=True).distinct()
        for value, term in terms_for_values(term_model, kind, list(values)).items():
            item_model.objects.filter(**{kind: value}).update(**{f"{kind}_term": term})


def unlink_terms(apps, schema_editor):
    item_model = apps.get_model("disclosure", "CatalogItem")
    for item in item_model.objects.select_related("topic_term__parent", "genre_term__parent"):
        for kind in KINDS:
            term = getattr(item, f"{kind}_term")
            label = "" if term is None else (f"{term.parent.label}\\{term.label}" if term.parent_id else term.label)
            setattr(item, kind, label[: item_model._meta.get_field(kind).max_length])
        item.save(update_fields=list(KINDS))


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0009_items_use_vocabularies")]

    operations = [migrations.RunPython(link_terms, unlink_terms)]
