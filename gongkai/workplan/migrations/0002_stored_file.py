"""TaskEvidence is a core.files.StoredFile: added_by and added_at become uploaded_by and uploaded_at (renamed, values
kept), files go under random names by core.files.stored_file_path."""

import django.utils.timezone
import gongkai.core.files
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workplan', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(
            model_name='taskevidence',
            old_name='added_by',
            new_name='uploaded_by',
        ),
        migrations.RenameField(
            model_name='taskevidence',
            old_name='added_at',
            new_name='uploaded_at',
        ),
        migrations.AlterModelOptions(
            name='taskevidence',
            options={'ordering': ['uploaded_at', 'id']},
        ),
        migrations.AlterField(
            model_name='taskevidence',
            name='uploaded_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name='taskevidence',
            name='file',
            field=models.FileField(blank=True, upload_to=gongkai.core.files.stored_file_path),
        ),
    ]
