"""``gongkai bench generate``: generated data has the real shape and is valid for the app's own reads."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import CatalogItem, Duty, DutyInstance, ItemState, NormativeKind
from gongkai.foi import services as foi_services
from gongkai.foi.models import Applicant, InfoRequest, Letter, RequestEvent
from gongkai.law import clock as law_clock
from gongkai.law.outcomes import group_of
from gongkai.ops import generate
from gongkai.reports import selectors as reports_selectors
from gongkai.reports.models import AnnualReport
from gongkai.search import selectors as search_selectors
from gongkai.search.models import SearchEntry
from gongkai.workcalendar.selectors import working_calendar

TODAY = dt.date(2026, 11, 20)
SMALL = generate.Spec(agencies=3, requests_per_agency=20, items_per_agency=15, years=2, seed=7)


def _generate(spec: generate.Spec = SMALL) -> generate.Result:
    return generate.generate(spec, today=TODAY)


def _fingerprint() -> list[tuple]:
    return list(
        InfoRequest.objects.order_by("tracking_code").values_list(
            "tracking_code", "received_on", "due_on", "state", "outcome", "closed_on", "paused"
        )
    )


@pytest.mark.django_db
def test_the_agency_tree_and_the_rows_of_every_table():
    result = _generate()
    agencies = list(Agency.objects.filter(pk__in=result.agencies))
    assert len(agencies) == 3
    [root] = [a for a in agencies if a.parent_id is None]
    assert root.kind == AgencyKind.GOVERNMENT and root.supervisor_id is None
    for agency in agencies:
        if agency != root:  # every other agency sits under a government that also supervises it
            assert agency.parent.kind == AgencyKind.GOVERNMENT
            assert agency.supervisor_id == agency.parent_id
    assert {a.kind for a in agencies} == {AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT}
    assert InfoRequest.objects.count() == result.rows["requests"] == 60
    assert CatalogItem.objects.count() == result.rows["catalog items"] >= 45
    for agency in agencies:
        assert InfoRequest.objects.filter(agency=agency).count() == 20
        assert CatalogItem.objects.filter(agency=agency, interprets__isnull=True).count() == 15
    assert Letter.objects.count() == result.rows["letters"] == RequestEvent.objects.filter(type="letter_issued").count()
    assert SearchEntry.objects.count() == CatalogItem.objects.filter(state=ItemState.PUBLISHED).count()
    assert Duty.objects.count() == 6 and DutyInstance.objects.filter(fulfilled_by__isnull=False).exists()
    # two years asked for: the finished year has its published report for each agency
    assert AnnualReport.objects.filter(year=TODAY.year - 1).count() == 3
    assert result.total_rows == sum(result.rows.values()) and result.rows_per_second > 0
    assert AuditEntry.objects.filter(action="ops.bench.generate").count() == 1


@pytest.mark.django_db
def test_every_request_is_what_the_law_s_clock_says_and_the_outcomes_are_mixed():
    _generate(generate.Spec(agencies=3, requests_per_agency=60, items_per_agency=5, years=2, seed=7))
    calendar = working_calendar()
    states, groups, paused, overdue, carried = Counter(), set(), Counter(), 0, 0
    for request in InfoRequest.objects.select_related("applicant").prefetch_related("events"):
        clock = foi_services.compute_request_clock(request, today=TODAY)
        assert (request.due_on, request.state, request.paused or None) == (clock.due, clock.state, clock.paused)
        assert request.closed_on == (clock.closed_on if clock.state != law_clock.OPEN else None)
        if not [e for e in request.events.all() if e.is_clock_event]:
            assert request.due_on == calendar.add_workdays(request.received_on, 20).date
        states[request.state] += 1
        if request.outcome:
            groups.add(group_of(request.outcome))
        paused[request.paused] += 1
        overdue += clock.overdue
        carried += request.received_on.year < TODAY.year and (
            request.closed_on is None or request.closed_on.year == TODAY.year
        )
    assert len(groups) >= 4  # 予以公开, 部分公开, 不予公开/无法提供/不予处理, 其他处理 …
    assert states["answered"] > states["open"] > 0
    assert overdue > 0 and carried > 0
    assert sum(n for kind, n in paused.items() if kind) > 0
    # applicants' personal data is encrypted at rest, as the services store it, and reads back in the clear
    applicant = Applicant.objects.exclude(phone="").first()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT phone FROM {Applicant._meta.db_table} WHERE id = %s", [applicant.pk])
        [raw] = cursor.fetchone()
    assert raw != applicant.phone and re.fullmatch(r"[\d-]{11,13}", applicant.phone)


@pytest.mark.django_db
def test_items_are_searchable_by_a_word_of_the_seed_documents_and_normative_documents_are_among_them():
    _generate(generate.Spec(agencies=3, requests_per_agency=2, items_per_agency=80, years=2, seed=7))
    hits = search_selectors.entries("政务公开")
    assert hits.count() > 0
    generated = set(CatalogItem.objects.filter(state=ItemState.PUBLISHED).values_list("pk", flat=True))
    assert {hit.item_id for hit in hits} <= generated
    body = CatalogItem.objects.filter(state=ItemState.PUBLISHED).first().body
    assert len(body) >= 200 and body.startswith("<p>")
    normative = CatalogItem.objects.exclude(normative_kind=NormativeKind.NONE)
    assert normative.exists() and all(item.doc_number and item.validity for item in normative)
    assert CatalogItem.objects.filter(interprets__in=normative).exists()
    assert search_selectors.entries(normative.first().doc_number.split("〔")[0][:4]).exists()


@pytest.mark.django_db
def test_the_annual_report_tables_count_the_generated_requests():
    result = _generate()
    agency = Agency.objects.get(pk=result.agencies[-1])
    for year in (TODAY.year - 1, TODAY.year):
        tables = reports_selectors.compute_tables(agency, year)
        section3 = tables["section3"]
        received = InfoRequest.objects.filter(agency=agency, received_on__year=year).count()
        assert section3["new_this_year"]["total"] == received > 0
        for col in section3["new_this_year"]:
            assert (
                section3["new_this_year"][col] + section3["carried_from_last_year"][col]
                == section3["results_total"][col] + section3["carried_to_next_year"][col]
            )
    stored = AnnualReport.objects.get(agency=agency, year=TODAY.year - 1)
    computed = reports_selectors.tables_as_json(reports_selectors.compute_tables(agency, TODAY.year - 1))
    assert stored.tables == computed


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    class Rollback(Exception):
        """Undoes one generation, so that the next starts from the same empty database."""

    runs = []
    for seed in (7, 7, 8):
        with contextlib.suppress(Rollback), transaction.atomic():
            result = _generate(
                generate.Spec(agencies=3, requests_per_agency=20, items_per_agency=15, years=2, seed=seed)
            )
            runs.append((result.rows, _fingerprint()))
            raise Rollback
    assert runs[0] == runs[1]
    assert runs[0][1] != runs[2][1]


@pytest.mark.django_db
def test_the_inserts_are_in_batches_not_per_row():
    def queries(requests: int, items: int) -> tuple[int, Counter, int]:
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            result = _generate(generate.Spec(agencies=3, requests_per_agency=requests, items_per_agency=items, years=2))
            transaction.set_rollback(True)
        sql = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
        inserts = sum(1 for q in sql if q.startswith("INSERT"))
        others = Counter(re.sub(r"'[^']*'|\d+", "?", q)[:80] for q in sql if not q.startswith("INSERT"))
        return inserts, others, result.total_rows

    small_inserts, small_others, _ = queries(10, 10)
    large_inserts, large_others, rows = queries(100, 60)
    assert large_others == small_others  # the reads do not grow with the rows
    assert large_inserts * 20 <= rows  # each INSERT carries many rows (SQLite: as many as 999 parameters allow)
    assert large_inserts < 4 * small_inserts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agencies", "-1"], "--agencies 不能为负数"),
        (["--agencies", "2", "--requests-per-agency", "-5"], "--requests-per-agency 不能为负数"),
        (["--agencies", "2", "--years", "0"], "--years 应在 1 到"),
        (["--agencies", "2", "--big", "省民政厅"], "--big 的格式应为"),
        (["--agencies", "2", "--big", "省民政厅:十万:5"], "申请数和信息数应为非负整数"),
        (["--agencies", "2", "--big", ":10:5"], "--big 的格式应为"),
    ],
)
def test_bad_arguments_are_refused_in_chinese_and_nothing_is_written(args, message):
    with pytest.raises(CommandError) as refused:
        call_command("bench", "generate", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert message in str(refused.value) and refused.value.returncode == 2
    assert not Agency.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_one_json_object_and_a_progress_bar():
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "bench",
        "generate",
        "--agencies",
        "2",
        "--requests-per-agency",
        "5",
        "--items-per-agency",
        "4",
        "--big",
        "南岭省政务服务中心:30:12",
        "--json",
        stdout=out,
        stderr=err,
    )
    report = json.loads(out.getvalue())
    assert report["rows"]["requests"] == 2 * 5 + 30 == InfoRequest.objects.count()
    assert report["total_rows"] == sum(report["rows"].values()) and report["rows_per_second"] > 0
    assert "生成数据" in err.getvalue()
    big = Agency.objects.get(name="南岭省政务服务中心")
    assert InfoRequest.objects.filter(agency=big).count() == 30
    # generated data is there: a second run is refused rather than mixed in
    with pytest.raises(CommandError, match="已有生成的数据"):
        call_command("bench", "generate", "--agencies", "2", stdout=io.StringIO(), stderr=io.StringIO())
