"""Letter numbers are counted in agencies.SerialCounter (kind "foi.letter"): the rows of LetterCounter move there."""

from django.db import migrations

KIND = "foi.letter"


def to_serial_counters(apps, schema_editor):
    LetterCounter = apps.get_model("foi", "LetterCounter")
    SerialCounter = apps.get_model("agencies", "SerialCounter")
    SerialCounter.objects.bulk_create(
        SerialCounter(agency_id=row.agency_id, kind=KIND, year=row.year, last_serial=row.last_serial)
        for row in LetterCounter.objects.all()
    )


def from_serial_counters(apps, schema_editor):
    LetterCounter = apps.get_model("foi", "LetterCounter")
    SerialCounter = apps.get_model("agencies", "SerialCounter")
    rows = SerialCounter.objects.filter(kind=KIND)
    LetterCounter.objects.bulk_create(
        LetterCounter(agency_id=row.agency_id, year=row.year, last_serial=row.last_serial) for row in rows
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_serial_counter"),
        ("foi", "0002_tracking_attempts"),
    ]

    operations = [
        migrations.RunPython(to_serial_counters, from_serial_counters),
        migrations.DeleteModel(name="LetterCounter"),
    ]
