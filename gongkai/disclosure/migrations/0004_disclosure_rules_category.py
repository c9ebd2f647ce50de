"""Agencies seeded before the 政府信息公开制度 column existed get it now (条例第四条; gongkai.law.catalog)."""

from django.db import migrations

RULES = ("G01", "政府信息公开制度", "第四条")


def add_rules_category(apps, schema_editor):
    CatalogCategory = apps.get_model("disclosure", "CatalogCategory")
    code, name, article = RULES
    seeded = CatalogCategory.objects.values_list("agency_id", flat=True).distinct()
    having = set(CatalogCategory.objects.filter(code=code).values_list("agency_id", flat=True))
    CatalogCategory.objects.bulk_create(
        [
            CatalogCategory(agency_id=agency_id, code=code, name=name, article=article, position=50)
            for agency_id in set(seeded) - having
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_attachments_flags")]
    operations = [migrations.RunPython(add_rules_category, migrations.RunPython.noop)]
