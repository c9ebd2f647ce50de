"""索引号 are counted in agencies.SerialCounter (kind "disclosure.index"): the rows of IndexCounter move there."""

from django.db import migrations

KIND = "disclosure.index"


def to_serial_counters(apps, schema_editor):
    IndexCounter = apps.get_model("disclosure", "IndexCounter")
    SerialCounter = apps.get_model("agencies", "SerialCounter")
    SerialCounter.objects.bulk_create(
        SerialCounter(agency_id=row.agency_id, kind=KIND, year=row.year, last_serial=row.last_serial)
        for row in IndexCounter.objects.all()
    )


def from_serial_counters(apps, schema_editor):
    IndexCounter = apps.get_model("disclosure", "IndexCounter")
    SerialCounter = apps.get_model("agencies", "SerialCounter")
    rows = SerialCounter.objects.filter(kind=KIND)
    IndexCounter.objects.bulk_create(
        IndexCounter(agency_id=row.agency_id, year=row.year, last_serial=row.last_serial) for row in rows
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_serial_counter"),
        ("disclosure", "0004_disclosure_rules_category"),
    ]

    operations = [
        migrations.RunPython(to_serial_counters, from_serial_counters),
        migrations.DeleteModel(name="IndexCounter"),
    ]
