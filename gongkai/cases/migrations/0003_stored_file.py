"""CaseDocument is a core.files.StoredFile: created_at becomes uploaded_at (renamed, values kept), files go under
random names by core.files.stored_file_path."""

import django.utils.timezone
import gongkai.core.files
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_year_figures_from_the_template'),
    ]

    operations = [
        migrations.RenameField(
            model_name='casedocument',
            old_name='created_at',
            new_name='uploaded_at',
        ),
        migrations.AlterModelOptions(
            name='casedocument',
            options={'ordering': ['uploaded_at', 'id']},
        ),
        migrations.AlterField(
            model_name='casedocument',
            name='uploaded_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name='casedocument',
            name='file',
            field=models.FileField(upload_to=gongkai.core.files.stored_file_path),
        ),
        migrations.AlterField(
            model_name='casedocument',
            name='size',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
