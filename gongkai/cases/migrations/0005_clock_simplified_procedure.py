"""The simplified procedure (行政复议法 第五十三条) as a flag on the case, and the stored decision due dates of
reconsiderations without an acceptance date recomputed: they now run from the day acceptance is deemed, the end of
the 5-working-day review (第三十条), not from the filing date.  Nothing to undo on the way back (the old dates were
the law misread; reverse is a no-op)."""

from django.db import migrations, models


def recompute_decision_due(apps, schema_editor):
    from gongkai.law import cases as law_cases
    from gongkai.law.calendar import WorkCalendar

    Case = apps.get_model("cases", "Case")
    Override = apps.get_model("workcalendar", "CalendarOverride")
    Notice = apps.get_model("workcalendar", "CalendarNotice")
    rows = list(Override.objects.values_list("date", "is_workday"))
    calendar = WorkCalendar(
        overrides=dict(rows), official_years=list(Notice.objects.values_list("year", flat=True))
    )
    for case in Case.objects.filter(kind=law_cases.RECONSIDERATION, accepted_on__isnull=True):
        deadlines = law_cases.case_deadlines(
            case.kind,
            filed_on=case.filed_on,
            received_on=case.received_on,
            extension_days=case.decision_extension_days,
            calendar=calendar,
        )
        case.decision_due_on = deadlines.decision_due
        case.decision_due_estimated = deadlines.decision_estimated
        case.due_provisional = deadlines.provisional
        case.save(update_fields=["decision_due_on", "decision_due_estimated", "due_provisional"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_control_characters"),
        ("workcalendar", "0002_control_characters"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="simplified_procedure",
            field=models.BooleanField(default=False, verbose_name="heard under the simplified procedure"),
        ),
        migrations.RunPython(recompute_decision_due, migrations.RunPython.noop),
    ]
