"""The terms linked in 0010 take the place of the free-text 主题分类 and 体裁 columns, which go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0010_items_link_terms")]

    operations = [
        migrations.RemoveField("catalogitem", "topic"),
        migrations.RemoveField("catalogitem", "genre"),
        migrations.RenameField("catalogitem", "topic_term", "topic"),
        migrations.RenameField("catalogitem", "genre_term", "genre"),
    ]
