"""Fill the contact digests of requests stored before they existed (the applicant's e-mail and phone, decrypted
here once). Reverse: nothing to undo (the columns go with 0005)."""

from django.db import migrations

from gongkai.core.contacts import EMAIL, PHONE, contact_digest


def fill(apps, schema_editor):
    InfoRequest = apps.get_model("foi", "InfoRequest")
    for request in InfoRequest.objects.select_related("applicant").iterator(chunk_size=500):
        email = contact_digest(EMAIL, request.applicant.email)
        phone = contact_digest(PHONE, request.applicant.phone)
        if (email, phone) != (request.email_digest, request.phone_digest):
            InfoRequest.objects.filter(pk=request.pk).update(email_digest=email, phone_digest=phone)


class Migration(migrations.Migration):
    dependencies = [("foi", "0005_contact_digests")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
