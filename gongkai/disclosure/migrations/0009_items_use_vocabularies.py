"""An item's 主题分类 and 体裁 become terms of the vocabularies. The text each item held is matched exactly to a term
(its label, or 大类\\小类); a value that matches none becomes an inactive term with that text, so every item shows
what it showed before and nothing is lost. Backwards, the terms' labels are written back as text."""

import django.db.models.deletion
from django.db import migrations, models

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


def term_field(kind):
    return models.ForeignKey(
        blank=True,
        null=True,
        limit_choices_to={"kind": kind},
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="disclosure.vocabularyterm",
        verbose_name={"topic": "subject", "genre": "genre"}[kind],
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0008_vocabularies_and_settings")]

    operations = [
        migrations.AddField("catalogitem", "topic_term", term_field("topic")),
        migrations.AddField("catalogitem", "genre_term", term_field("genre")),
        migrations.RunPython(link_terms, unlink_terms),
        migrations.RemoveField("catalogitem", "topic"),
        migrations.RemoveField("catalogitem", "genre"),
        migrations.RenameField("catalogitem", "topic_term", "topic"),
        migrations.RenameField("catalogitem", "genre_term", "genre"),
    ]
