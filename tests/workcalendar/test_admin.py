"""System administrators edit calendar overrides in /admin/; every change is audited."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.audit.models import AuditEntry
from gongkai.workcalendar.models import CalendarOverride
from gongkai.workcalendar.selectors import working_calendar


def test_admin_adds_and_deletes_an_override_with_audit(make_user):
    admin = make_user(superuser=True)
    client = Client()
    client.force_login(admin)
    day = dt.date(2026, 12, 31)  # a Thursday: made a day off for this test
    assert working_calendar().is_workday(day)
    response = client.post("/admin/workcalendar/calendaroverride/add/", {"date": "2026-12-31", "name": "测试"})
    assert response.status_code == 302
    override = CalendarOverride.objects.get(date=day)
    assert not override.is_workday and not working_calendar().is_workday(day)
    client.post(f"/admin/workcalendar/calendaroverride/{override.pk}/delete/", {"post": "yes"})
    assert not CalendarOverride.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="calendar.").order_by("seq").values_list("action", "actor")
    )
    assert actions == [("calendar.override.create", admin.pk), ("calendar.override.delete", admin.pk)]


def test_staff_without_superuser_cannot_reach_the_admin(make_user):
    client = Client()
    client.force_login(make_user())
    assert client.get("/admin/workcalendar/calendaroverride/").status_code == 302
