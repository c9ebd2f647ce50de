"""Control characters removed from the text stored before gongkai cleaned it where it enters (gongkai.core.text);
only the rows holding one are written. Nothing to undo.
"""

from django.db import migrations

from gongkai.core.text import repair_rows

FIELDS = {
    "Consultation": ("topic", "asker_name"),
    "Proposal": ("number", "subject"),
    "OpinionEvent": ("channel", "summary"),
    "PressEvent": ("topic", "speakers"),
}


def repair(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        repair_rows(apps.get_model("engagement", model_name), fields)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
