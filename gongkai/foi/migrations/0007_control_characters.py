"""Control characters removed from the text stored before gongkai cleaned it where it enters (gongkai.core.text);
only the rows holding one are written. Nothing to undo.

Letters are left as issued (frozen: their DOCX escapes what they hold, gongkai.foi.letters); the applicant's
address decrypts and encrypts again through its field; ID number, phone and e-mail are validated formats (the ID
number's digest stays as it is).
"""

from django.db import migrations

from gongkai.core.text import repair_rows

FIELDS = {
    "Applicant": ("name", "contact_person", "address"),
    "InfoRequest": ("description", "purpose", "note"),
    "RequestEvent": ("data",),
    "FoiSettings": ("reconsideration_body", "court"),
    "LetterTemplate": ("body",),
}


def repair(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        repair_rows(apps.get_model("foi", model_name), fields)


class Migration(migrations.Migration):
    dependencies = [("foi", "0006_fill_contact_digests")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
