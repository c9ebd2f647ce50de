"""条例 第三十三条 in the report's text: closed-late requests and open requests already past their due date are both
counted and the open ones named — as of the computation date for the running year, as of 12-31 for a finished year;
and lists of names that themselves contain 、 stay readable."""

from __future__ import annotations

import datetime as dt

from gongkai.foi.importing import import_register
from gongkai.foi.models import InfoRequest
from gongkai.reports import narrative, selectors
from tests.reports.test_tables import _register

NOW = dt.date(2026, 12, 2)


def _draft(agency, year: int, today: dt.date) -> dict[str, str]:
    tables, figures = selectors.compute(agency, year, today=today)
    return narrative.draft(
        agency_name=agency.name, year=year, tables=selectors.tables_as_json(tables), figures=figures, previous=None
    )


def _codes(**filters) -> list[str]:
    return list(InfoRequest.objects.filter(**filters).order_by("due_on", "id").values_list("tracking_code", flat=True))


def test_running_year_names_the_open_overdue_requests_with_the_closed_late_one(jurisdiction):
    civil = jurisdiction["civil"]
    rows = [("2026-01-05", "自然人", "迟复", "2026-03-02", "予以公开")]  # 20 working days end in early February
    rows += [(f"2026-0{m}-0{m}", "自然人", f"待办{m}", "", "") for m in range(1, 8)]  # open, due months ago
    rows += [("2026-11-30", "自然人", "新收", "", "")]  # open, not yet due
    import_register(actor=None, agency=civil, source=_register(rows), today=NOW)
    overdue = _codes(agency=civil, closed_on=None, due_on__lt=NOW)
    assert len(overdue) == 7
    text = _draft(civil, 2026, NOW)
    assert (
        "本年度办结的申请中有1件未在法定期限内答复；另有7件申请截至2026年12月2日已超过法定答复期限尚未办结"
        f"（申请编号 {'、'.join(overdue)}）"
    ) in text["problems"]
    assert "按期答复率0.0%。另有7件申请已超过法定答复期限尚未办结。" in text["overview"]
    assert _codes(agency=civil, received_on=dt.date(2026, 11, 30))[0] not in text["problems"]


def test_a_finished_year_is_judged_at_its_year_end(jurisdiction):
    civil = jurisdiction["civil"]
    rows = [
        ("2025-10-09", "自然人", "跨年办结", "2026-02-02", "予以公开"),  # overdue at 12-31, answered next year
        ("2025-11-03", "自然人", "仍未办结", "", ""),  # overdue at 12-31, still open
        ("2025-12-15", "自然人", "年末未到期", "", ""),  # due in January: not late at 12-31 (late now)
    ]
    import_register(actor=None, agency=civil, source=_register(rows), today=NOW)
    late = _codes(agency=civil, received_on__lt=dt.date(2025, 12, 1))
    text = _draft(civil, 2025, NOW)["problems"]
    assert f"有2件申请截至2025年12月31日已超过法定答复期限尚未办结（申请编号 {'、'.join(late)}）" in text
    assert _codes(agency=civil, received_on=dt.date(2025, 12, 15))[0] not in text
    # the same data judged in the running year: the December one is now overdue too (carried in, still open)
    assert "有2件申请截至2026年12月2日已超过法定答复期限尚未办结" in _draft(civil, 2026, NOW)["problems"]


def _tables(agency, year: int = 2025) -> dict:
    return selectors.tables_as_json(selectors.compute_tables(agency, year))


def test_more_than_ten_open_overdue_requests_are_named_up_to_ten_with_deng(jurisdiction):
    refs = [f"GK2026-{n:04d}" for n in range(1, 13)]
    figures = {"requests": {"open_overdue": 12, "open_overdue_refs": refs, "as_of": "2026-12-02"}}
    text = narrative.draft(
        agency_name="x", year=2026, tables=_tables(jurisdiction["civil"]), figures=figures, previous=None
    )["problems"]
    assert f"有12件申请截至2026年12月2日已超过法定答复期限尚未办结（申请编号 {'、'.join(refs[:10])}等）" in text
    assert "GK2026-0011" not in text


def test_category_names_containing_the_enumeration_comma_are_quoted(jurisdiction):
    figures = {"proactive": {"total": 15, "by_category": [("机构职能、领导信息", 12), ("规划计划", 3), ("空", 0)]}}
    text = narrative.draft(
        agency_name="x", year=2025, tables=_tables(jurisdiction["civil"]), figures=figures, previous=None
    )["overview"]
    assert "全年主动公开政府信息15条，其中“机构职能、领导信息”12条、“规划计划”3条。" in text
    plain = {"proactive": {"total": 15, "by_category": [("规划计划", 12), ("财政信息", 3)]}}
    text = narrative.draft(
        agency_name="x", year=2025, tables=_tables(jurisdiction["civil"]), figures=plain, previous=None
    )["overview"]
    assert "其中规划计划12条、财政信息3条。" in text
