"""The demo catalog: a few hundred items per 民政局 over two years, published through the real review chain in date
order. Monthly lists come out with names and masked ID numbers; normative documents add up; interpretations name
published policies; some duties are overdue. Loaded once for the module (and rolled back afterwards)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest
from django.db import transaction

from gongkai.agencies import demo as agencies_demo
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import demo, selectors
from gongkai.disclosure.duties import dashboard
from gongkai.disclosure.models import CatalogItem, DutyInstance, ItemState, ReviewDecision, Validity
from gongkai.law.identifiers import is_valid_resident_id
from gongkai.law.pii import scan

TODAY = dt.date(2026, 11, 23)
MASKED_ROW = re.compile(r"<td>\d+</td><td>[\u4e00-\u9fff]{2,3}</td><td>(\d{6}\*{8}\d{3}[\dX])</td>")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        agencies = agencies_demo.load_jurisdiction()
        agencies_demo.load_users()
        count = demo.load_catalog(agencies, today=TODAY)
        yield agencies, count
        transaction.set_rollback(True)


@pytest.fixture
def agencies(loaded, db):
    return loaded[0]


def _published(agency) -> list[CatalogItem]:
    return list(CatalogItem.objects.filter(agency=agency, state=ItemState.PUBLISHED).select_related("category"))


def _months_due() -> list[str]:
    """Months whose lists were due (the 10th of the next month) before TODAY: 2025年1月 … 2026年10月."""
    return [f"{y}年{m}月" for y in (2025, 2026) for m in range(1, 13) if dt.date(y + m // 12, m % 12 + 1, 10) < TODAY]


def test_the_load_reports_what_it_published(loaded, db):
    assert loaded[1] == CatalogItem.objects.filter(state=ItemState.PUBLISHED).count() > 300


@pytest.mark.parametrize(
    ("key", "category", "least"),
    [
        ("civil", "A01", 20),  # 10 normative documents and their interpretations (第二十条第（一）项)
        ("county_civil", "A01", 11),  # 6 documents, 5 interpretations published (one still in review)
        ("civil", "A02", 5),  # 机构信息 (第二十条第（二）项)
        ("county_civil", "A02", 5),
        ("civil", "A14", 5),  # 人事: recruitment and appointments (第二十条第（十四）项)
        ("county_civil", "A14", 5),
        ("civil", "M01", 72),  # 社会救助: 3 lists a month, quarterly statistics, news
        ("county_civil", "M01", 72),
        ("civil", "M02", 8),  # 养老服务 news
        ("county_civil", "M02", 5),
    ],
)
def test_counts_by_category(agencies, key, category, least):
    counts = Counter(item.category.code for item in _published(agencies[key]))
    assert counts[category] >= least
    assert 150 <= sum(counts.values()) <= 200  # "a few hundred items" over the two demo agencies
    assert {"M03", "M04", "M05", "M06", "M07", "M08", "A07", "A11"} <= set(counts)


@pytest.mark.parametrize("key", ["civil", "county_civil"])
def test_budget_by_may_and_final_accounts_by_september(agencies, key):
    budget = {i.title: i for i in _published(agencies[key]) if i.category.code == "A07"}
    name = agencies[key].name
    assert set(budget) == {
        f"{name}2025年部门预算",
        f"{name}2026年部门预算",
        f"{name}2024年度部门决算",
        f"{name}2025年度部门决算",
    }
    for title, item in budget.items():
        due = dt.date(item.published_on.year, 9, 30) if "决算" in title else dt.date(item.published_on.year, 5, 31)
        late = key == "county_civil" and title.endswith("2026年部门预算")  # the county's one late budget
        assert (item.published_on > due) is late


@pytest.mark.parametrize("key", ["civil", "county_civil"])
def test_every_month_has_its_three_lists_and_every_quarter_its_statistics(agencies, key):
    titles = {i.title for i in _published(agencies[key])}
    for month in _months_due():
        for kind in ("城乡最低生活保障对象名单", "特困人员救助供养对象名单", "临时救助对象名单"):
            overdue = key == "civil" and month == "2026年10月" and kind == "临时救助对象名单"
            assert (f"{month}{kind}" in titles) is not overdue, f"{month}{kind}"
    quarters = [f"{y}年第{q}季度困难群众救助情况统计" for y in (2025, 2026) for q in range(1, 5)]
    missing = {"2026年第2季度困难群众救助情况统计"} if key == "county_civil" else set()
    assert {q for q in quarters[:6] if q not in titles} == missing  # due by 2026-08-31
    assert sum(i.genre.label == "工作动态" for i in _published(agencies[key])) >= 50


def test_every_monthly_list_is_published_with_names_and_masked_real_id_numbers(agencies):
    lists = [i for i in CatalogItem.objects.filter(state=ItemState.PUBLISHED, genre__label="名单")]
    assert len(lists) == 3 * len(_months_due()) * 2 - 1
    masked = {
        int(e.object_id): e.changes["masked"]
        for e in AuditEntry.objects.filter(action="disclosure.item.mask_pii", object_type="disclosure.catalogitem")
    }
    for item in lists:
        assert scan(item.body) == [], item.title  # no unmasked ID number left …
        rows = MASKED_ROW.findall(item.body)  # … each row keeps the name and the first 6 / last 4 digits
        assert len(rows) == item.body.count("<tr>") - 1 >= 5, item.title
        # the drafter's one-click masking found a valid 18-digit number in every row before publication
        assert masked[item.pk] == ["id_card"] * len(rows), item.title


def test_the_overdue_list_is_a_draft_whose_id_numbers_the_scanner_finds(agencies):
    draft = CatalogItem.objects.get(agency=agencies["civil"], title="2026年10月临时救助对象名单")
    assert draft.state == ItemState.DRAFT and not draft.index_number
    findings = scan(draft.body)
    assert len(findings) == draft.body.count("<tr>") - 1 >= 5
    assert all(f.kind == "id_card" and is_valid_resident_id(f.text, TODAY) for f in findings)


@pytest.mark.parametrize(("key", "issued", "ended"), [("civil", 10, 2), ("county_civil", 6, 1)])
def test_normative_documents_in_force_are_issued_minus_repealed(agencies, key, issued, ended):
    docs = [i for i in _published(agencies[key]) if i.normative_kind]
    repealed = [d for d in docs if d.validity in (Validity.REPEALED, Validity.EXPIRED)]
    in_force = [d for d in docs if d.validity == Validity.VALID]
    assert (len(docs), len(repealed)) == (issued, ended)
    assert len(in_force) == len(docs) - len(repealed)
    assert all(d.repealed_on and d.repealed_on > d.formed_on for d in repealed)
    assert all(d.repealed_on is None for d in in_force)

    # 条例 第二十条第（一）项 in the annual report: 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)
    def in_force_at(end: dt.date) -> int:
        return sum(d.formed_on <= end and (d.repealed_on is None or d.repealed_on > end) for d in docs)

    for year in (2025, 2026):
        made = sum(d.formed_on.year == year for d in docs)
        ended_in_year = sum(d.repealed_on is not None and d.repealed_on.year == year for d in repealed)
        assert in_force_at(dt.date(year, 12, 31)) == in_force_at(dt.date(year - 1, 12, 31)) + made - ended_in_year
    numbers = [d.doc_number for d in docs]
    assert len(set(numbers)) == len(numbers) and all(re.fullmatch(r"[江青]民规〔\d{4}〕\d+号", n) for n in numbers)


def test_a_replaced_document_is_repealed_when_its_successor_takes_effect(agencies):
    old = CatalogItem.objects.get(title="江源市临时救助实施细则")
    new = CatalogItem.objects.get(title="江源市临时救助实施办法")
    assert (old.validity, old.repealed_on) == (Validity.REPEALED, dt.date(2026, 4, 1))
    assert "自2026年4月1日起施行" in new.body and "《江源市临时救助实施细则》同时废止" in new.body
    expired = CatalogItem.objects.get(title="江源市特困人员认定办法（试行）")
    assert (expired.validity, expired.repealed_on) == (Validity.EXPIRED, dt.date(2025, 6, 30))
    # each links to its successor, and nothing else in the demo does
    assert new.supersedes == old
    assert expired.superseded_by.get().title == "江源市特困人员认定办法"
    county_old = CatalogItem.objects.get(title="青山县临时救助实施细则（试行）")
    assert county_old.superseded_by.get().title == "青山县临时救助实施办法"
    assert CatalogItem.objects.filter(supersedes__isnull=False).count() == 3


def test_interpretations_link_to_published_policies(agencies):
    interpretations = CatalogItem.objects.filter(interprets__isnull=False).select_related("interprets")
    assert interpretations.count() == 16
    for item in interpretations:
        policy = item.interprets
        assert policy.state == ItemState.PUBLISHED and policy.normative_kind and policy.agency_id == item.agency_id
        assert item.title == f"《{policy.title}》政策解读"
        if item.state == ItemState.PUBLISHED:
            assert item.published_on == policy.published_on  # 同步发布
    assert not selectors.policies_without_interpretation(agencies["civil"]).exists()
    flagged = selectors.policies_without_interpretation(agencies["county_civil"])
    assert [p.title for p in flagged] == ["青山县殡葬管理实施办法"]  # its interpretation is still in review


def test_some_duties_are_overdue_and_the_rest_fulfilled_by_their_items(agencies):
    board = dashboard(None, today=TODAY)
    overdue = {(i.agency.short_name, i.duty.name, i.period_label) for i in board["overdue"]}
    assert overdue == {
        ("市民政局", "临时救助对象名单（每月10日前）", "2026年10月"),
        ("县民政局", "困难群众救助情况统计（下一季度第2月底前）", "2026年第2季度"),
    }
    done = DutyInstance.objects.filter(fulfilled_by__isnull=False).select_related("fulfilled_by", "duty")
    assert done.count() >= 2 * (3 * 22 + 5 + 4)
    for instance in done:
        assert instance.fulfilled_by.agency_id == instance.agency_id
        assert instance.fulfilled_by.published_on > instance.period_end or instance.duty.month  # 预算 in its year
        assert instance.fulfilled_by.category_id == instance.duty.category_id
    assert any(i.fulfilled_on > i.due_on for i in done)  # a few came late, as in real life
    assert board["due"].filter(period_label="2026年11月").count() == 6


def test_items_on_their_way_draft_in_review_and_returned(agencies):
    pending = CatalogItem.objects.exclude(state=ItemState.PUBLISHED)
    assert Counter(pending.values_list("state", flat=True)) == {ItemState.DRAFT: 3, ItemState.IN_REVIEW: 4}
    returned = ReviewDecision.objects.get(approved=False)
    assert returned.item.state == ItemState.DRAFT and "核对" in returned.opinion
    waiting = pending.filter(state=ItemState.IN_REVIEW).order_by("title")
    assert sorted(waiting.values_list("review_step", flat=True)) == [0, 0, 1, 2]  # one at each step
    assert not any(item.index_number or item.published_on for item in pending)


@pytest.mark.parametrize("key", ["civil", "county_civil"])
def test_index_numbers_follow_the_publication_dates(agencies, key):
    by_year = defaultdict(list)
    for item in sorted(_published(agencies[key]), key=lambda i: (i.published_on, i.pk)):
        by_year[item.published_on.year].append(int(item.index_number.rsplit("-", 1)[1]))
    for serials in by_year.values():
        assert serials == list(range(1, len(serials) + 1))  # published in date order, no gaps


def test_the_plan_is_deterministic_and_is_what_was_loaded(agencies):
    first, second = demo.plan_catalog(agencies, today=TODAY), demo.plan_catalog(agencies, today=TODAY)
    assert first == second
    planned = sorted(p.title for plans in first.values() for p in plans)
    assert planned == sorted(CatalogItem.objects.values_list("title", flat=True))
