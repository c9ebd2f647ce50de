"""`gongkai calendar import`: a State Council notice the library does not know yet, loaded all-or-nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEntry
from gongkai.law.calendar import default_calendar
from gongkai.workcalendar.models import CalendarNotice, CalendarOverride
from gongkai.workcalendar.selectors import working_calendar

NEXT = default_calendar().last_official_year + 1  # the first year without official data in the library


def _first(weekday: int, month: int) -> dt.date:
    day = dt.date(NEXT, month, 1)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


# A made-up notice for NEXT: the first Monday of March off, the Saturday before it a make-up working day.
MONDAY_OFF = _first(0, 3)
SATURDAY_ON = MONDAY_OFF - dt.timedelta(days=2)


def _notice_csv(*extra: str) -> str:
    rows = ["日期,类型,名称", f"{MONDAY_OFF},休,测试假日", f"{SATURDAY_ON},班,调休上班", *extra]
    return "\n".join(rows) + "\n"


def test_import_makes_the_year_official_and_changes_working_days(db, tmp_path):
    before = working_calendar()
    assert before.is_workday(MONDAY_OFF) and not before.is_workday(SATURDAY_ON)
    assert before.add_workdays(dt.date(NEXT, 2, 20), 5).provisional

    path = tmp_path / "notice.csv"
    path.write_text(_notice_csv(), encoding="utf-8")
    out = io.StringIO()
    call_command("calendar", "import", str(path), "--notice", f"国办发明电〔{NEXT - 1}〕99号", stdout=out)
    assert "2 天" in out.getvalue()

    after = working_calendar()
    assert not after.is_workday(MONDAY_OFF) and after.is_workday(SATURDAY_ON)
    assert after.day_info(MONDAY_OFF).name == "测试假日"
    assert after.is_official(MONDAY_OFF)
    assert not after.add_workdays(dt.date(NEXT, 2, 20), 5).provisional
    assert AuditEntry.objects.filter(action="calendar.import").count() == 1


def test_a_bad_row_imports_nothing_and_names_its_line(db, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_text(_notice_csv(f"{NEXT}-02-30,休,不存在的日子"), encoding="utf-8")
    with pytest.raises(CommandError, match="第 4 行"):
        call_command("calendar", "import", str(path), "--notice", "x")
    assert not CalendarOverride.objects.exists() and not CalendarNotice.objects.exists()
    assert not AuditEntry.objects.exists()


def test_unknown_kind_and_duplicates_are_refused(db, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_text(_notice_csv(f"{MONDAY_OFF},休,又一次"), encoding="utf-8")
    with pytest.raises(CommandError, match="重复"):
        call_command("calendar", "import", str(path), "--notice", "x")
    path.write_text("日期,类型\n" + f"{MONDAY_OFF},加班\n", encoding="utf-8")
    with pytest.raises(CommandError, match="无法识别"):
        call_command("calendar", "import", str(path), "--notice", "x")
    assert not CalendarOverride.objects.exists()


def test_reimport_replaces_the_year(db, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_text(_notice_csv(), encoding="utf-8")
    call_command("calendar", "import", str(path), "--notice", "第一版", stdout=io.StringIO())
    path.write_text(f"日期,类型\n{MONDAY_OFF},休\n", encoding="utf-8")
    call_command("calendar", "import", str(path), "--notice", "更正版", stdout=io.StringIO())
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [MONDAY_OFF]
    assert CalendarNotice.objects.get(year=NEXT).document == "更正版"


def test_status_and_show_commands(db):
    out = io.StringIO()
    call_command("calendar", "status", stdout=out)
    assert f"{NEXT - 1} 年" in out.getvalue()
    out = io.StringIO()
    call_command("calendar", "show", "2026", stdout=out)
    lines = out.getvalue().splitlines()
    # 2026 notice: 2月14日(周六)、2月28日(周六) 上班; 10月1日–7日 放假调休
    assert "2026-02-14 班 调休上班" in lines and "2026-02-28 班 调休上班" in lines
    assert any(line.startswith("2026-10-07 休") for line in lines)
    out = io.StringIO()
    call_command("calendar", "show", str(NEXT), stdout=out)
    assert "尚无官方数据" in out.getvalue()
