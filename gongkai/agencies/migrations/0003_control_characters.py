"""Control characters removed from the text stored before gongkai cleaned it where it enters (gongkai.core.text);
only the rows holding one are written. Nothing to undo.
"""

from django.db import migrations

from gongkai.core.text import repair_rows

FIELDS = {
    "Agency": ("name", "short_name", "address", "phone", "office_hours"),
    "Department": ("name", "aliases"),
}


def repair(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        repair_rows(apps.get_model("agencies", model_name), fields)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_serial_counter")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
