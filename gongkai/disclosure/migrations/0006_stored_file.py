"""Attachment is a core.files.StoredFile: files go under random names by core.files.stored_file_path."""

import gongkai.core.files
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0005_serial_counters'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='file',
            field=models.FileField(upload_to=gongkai.core.files.stored_file_path),
        ),
        migrations.AlterField(
            model_name='attachment',
            name='size',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
