"""The controlled vocabularies of the catalog (主题分类, 体裁), loaded from data/vocabularies.json, and the per-agency
disclosure settings (separation of duties in the review chain)."""

import django.db.models.deletion
from django.db import migrations, models

from gongkai.disclosure.vocabulary import load_terms


def load(apps, schema_editor):
    load_terms(apps.get_model("disclosure", "VocabularyTerm"))


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("disclosure", "0007_control_characters"),
    ]

    operations = [
        migrations.CreateModel(
            name="VocabularyTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("topic", "主题分类"), ("genre", "体裁")], max_length=10, verbose_name="vocabulary"
                    ),
                ),
                ("code", models.CharField(max_length=20, verbose_name="code")),
                ("label", models.CharField(max_length=60, verbose_name="label")),
                ("active", models.BooleanField(default=True, verbose_name="offered for new items")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="order")),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="disclosure.vocabularyterm",
                        verbose_name="parent term",
                    ),
                ),
            ],
            options={
                "verbose_name": "vocabulary term",
                "verbose_name_plural": "vocabulary terms",
                "ordering": ["kind", "position", "code"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "code"), name="vocabulary_term_code_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="DisclosureSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "allow_two_steps",
                    models.BooleanField(
                        default=False,
                        help_text="For a small office; each such decision is recorded in the audit log as an override.",
                        verbose_name="one person may take two steps of the same item",
                    ),
                ),
                (
                    "allow_drafter_review",
                    models.BooleanField(
                        default=False,
                        help_text="Each such decision is recorded in the audit log as an override.",
                        verbose_name="the drafter may review their own item",
                    ),
                ),
                (
                    "agency",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="disclosure_settings",
                        to="agencies.agency",
                    ),
                ),
            ],
            options={"verbose_name": "disclosure settings", "verbose_name_plural": "disclosure settings"},
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
