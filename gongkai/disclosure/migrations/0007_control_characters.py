"""Control characters removed from the text stored before gongkai cleaned it where it enters (gongkai.core.text);
only the rows holding one are written. Nothing to undo.
"""

from django.db import migrations

from gongkai.core.text import repair_rows

FIELDS = {
    "CatalogItem": ("title", "doc_number", "publisher", "topic", "genre", "body"),
    "ReviewStep": ("name",),
    "ReviewDecision": ("opinion",),
    "PiiJustification": ("reason",),
    "Duty": ("name",),
}


def repair(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        repair_rows(apps.get_model("disclosure", model_name), fields)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0006_stored_file")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
