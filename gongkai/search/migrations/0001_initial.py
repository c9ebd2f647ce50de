import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agencies", "0001_initial"),
        ("disclosure", "0002_duties"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveIntegerField(null=True)),
                ("validity", models.CharField(blank=True, max_length=10)),
                ("published_on", models.DateField(null=True)),
                ("title_text", models.CharField(max_length=300)),
                ("doc_number", models.CharField(blank=True, max_length=100)),
                ("body_text", models.TextField(blank=True)),
                ("title_grams", models.TextField(blank=True)),
                ("grams", models.TextField(blank=True)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="agencies.agency"
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="disclosure.catalogcategory"
                    ),
                ),
                (
                    "item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entry",
                        to="disclosure.catalogitem",
                    ),
                ),
            ],
            options={"ordering": ["-published_on", "-id"]},
        ),
    ]
