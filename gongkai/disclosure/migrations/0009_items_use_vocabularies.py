"""An item's 主题分类 and 体裁 become terms of the vocabularies: the columns for the terms, beside the text (0010 links
them, 0011 drops the text). Three migrations, not one: on PostgreSQL a table whose rows were updated in a transaction
cannot be altered or indexed in it ("pending trigger events" of the deferred foreign keys)."""

import django.db.models.deletion
from django.db import migrations, models


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
    ]
