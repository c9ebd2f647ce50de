# 表二's entered figures move from one column per cell to {row: {column: value}} and {row: source}, keyed as the
# report template keys them, so a row added to the template needs no new column.

from django.db import migrations, models

ROWS = {"licensing": "decisions", "penalty": "decisions", "coercion": "decisions"}


def to_values(apps, schema_editor):
    YearFigures = apps.get_model("cases", "YearFigures")
    for figures in YearFigures.objects.all():
        figures.values = {row: {column: getattr(figures, row)} for row, column in ROWS.items()}
        figures.values["fees"] = {"amount_10k_yuan": f"{figures.fees_10k_yuan:.4f}"}
        figures.sources = {row: getattr(figures, f"{row}_source") for row in (*ROWS, "fees")}
        figures.save(update_fields=["values", "sources"])


def to_columns(apps, schema_editor):
    YearFigures = apps.get_model("cases", "YearFigures")
    for figures in YearFigures.objects.all():
        for row, column in ROWS.items():
            setattr(figures, row, (figures.values.get(row) or {}).get(column, 0))
            setattr(figures, f"{row}_source", figures.sources.get(row, ""))
        figures.fees_10k_yuan = (figures.values.get("fees") or {}).get("amount_10k_yuan", "0")
        figures.fees_source = figures.sources.get("fees", "")
        figures.save()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="yearfigures",
            name="sources",
            field=models.JSONField(blank=True, default=dict, verbose_name="sources"),
        ),
        migrations.AddField(
            model_name="yearfigures",
            name="values",
            field=models.JSONField(blank=True, default=dict, verbose_name="figures"),
        ),
        migrations.RunPython(to_values, to_columns),
        *(
            migrations.RemoveField(model_name="yearfigures", name=name)
            for name in (
                "coercion",
                "coercion_source",
                "fees_10k_yuan",
                "fees_source",
                "licensing",
                "licensing_source",
                "penalty",
                "penalty_source",
            )
        ),
    ]
