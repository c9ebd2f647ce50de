"""我的工作's to-do dashboard: per role held at each agency, what awaits the user, each count linking to the list that
shows exactly those (条例 第三十三条 counting of working days on the official calendar), scoped to the user's own
agencies, with no applicant's data; a supervisor gets a summary of the agencies it oversees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.disclosure import duties, separation
from gongkai.disclosure import services as disclosure_services
from gongkai.foi import selectors as foi_selectors
from gongkai.foi import services as foi_services
from gongkai.foi.models import InfoRequest
from gongkai.workspace import dashboard

# Fri 2026-11-13; the working days after it: Mon 16 (1), Tue 17 (2), Wed 18 (3), Thu 19 (4) — no holiday that week
FRI = dt.date(2026, 11, 13)
APPLICANT = {
    "kind": "natural_person",
    "name": "王小明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "xiaoming@example.org",
    "address": "江源市解放路8号",
}


def _request(agency, *, due: dt.date | None, state: str = "open", paused: str = "") -> InfoRequest:
    request = foi_services.request_register(
        actor=None,
        agency=agency,
        applicant=APPLICANT,
        channel="in_person",
        submitted_on=dt.date(2026, 10, 9),
        description="2025年江城区低保户名单",
    ).request
    InfoRequest.objects.filter(pk=request.pk).update(due_on=due, state=state, paused=paused)
    return InfoRequest.objects.get(pk=request.pk)


@pytest.fixture
def people(jurisdiction, make_user):
    civil = jurisdiction["civil"]
    return {
        role: make_user(role, civil, username=role)
        for role in (Role.CASE_OFFICER, Role.DRAFTER, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)
    } | {
        Role.SUPERVISOR: make_user(Role.SUPERVISOR, jurisdiction["office"], username="supervisor"),
        "county_officer": make_user(Role.CASE_OFFICER, jurisdiction["county_civil"], username="county_officer"),
    }


@pytest.fixture
def work(jurisdiction, people):
    """At the city 民政局, relative to FRI: one request of each to-do kind, items at each review step, a duty due;
    at the county 民政局 an overdue request and an item in review (never on a city user's dashboard)."""
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    made = {
        "overdue": _request(civil, due=dt.date(2026, 11, 11)),  # Wed: Thu 12 and Fri 13 have passed → 超期2
        "due": _request(civil, due=dt.date(2026, 11, 18)),  # the 3rd working day: listed, 3 left
        "due_later": _request(civil, due=dt.date(2026, 11, 19)),  # the 4th: not listed
        "correction": _request(civil, due=None, paused="correction"),
        "fee": _request(civil, due=dt.date(2026, 11, 30), paused="fee"),
        "receipt": _request(civil, due=None, state="awaiting_receipt"),
        "closed": _request(civil, due=dt.date(2026, 11, 2), state="answered"),
        "county": _request(county, due=dt.date(2026, 11, 10)),
    }
    disclosure_services.catalog_seed(actor=None, agency=civil)
    disclosure_services.catalog_seed(actor=None, agency=county)
    drafter, reviewer = people[Role.DRAFTER], people[Role.REVIEWER]
    # one reviewer moves the items along (a small office): the dashboard, not the separation of duties, is tested
    separation.settings_set(actor=None, agency=civil, allow_two_steps=True, allow_drafter_review=False)
    category = civil.catalog_categories.get(code="M01")
    items = []
    for step in range(3):  # one item waiting at each step of 初审 → 保密审查 → 签发
        item = disclosure_services.item_create(
            actor=drafter,
            agency=civil,
            category=category,
            title=f"第{step + 1}步的条目",
            formed_on=dt.date(2026, 11, 2),
        )
        disclosure_services.item_submit(actor=drafter, item=item)
        for _ in range(step):
            item = disclosure_services.item_decide(actor=reviewer, item=item, approved=True)
        items.append(item)
    made["items"] = items
    county_drafter = people["county_officer"]
    membership_grant(actor=None, user=county_drafter, agency=county, role=Role.DRAFTER)
    county_item = disclosure_services.item_create(
        actor=county_drafter, agency=county, category=county.catalog_categories.get(code="M01"), title="县里的条目"
    )
    disclosure_services.item_submit(actor=county_drafter, item=county_item)
    duty = duties.duty_create(
        actor=None, agency=civil, name="低保名单", recurrence="monthly", day=10, starts_on=dt.date(2026, 10, 1)
    )
    duties.instances_generate(today=FRI)  # October's list, due 2026-11-10: overdue on FRI
    made["duty"] = duty
    return made


def _cards(user, today=FRI):
    board = dashboard.build(user, today=today)
    return {
        (block.agency.short_name or block.agency.name, card.key): card
        for block in board.agencies
        for card in block.cards
    }


def _codes(card):
    return [line.label for line in card.lines]


REQUEST_KINDS = ("overdue", "due_within", "awaiting_correction", "awaiting_fee", "awaiting_receipt")


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.APPROVER, Role.AGENCY_ADMIN])
def test_the_officers_of_requests_see_each_request_list_of_their_agency_only(people, work, role):
    cards = {key: card for (_agency, key), card in _cards(people[role]).items()}
    expected = {
        "overdue": [work["overdue"].tracking_code],
        "due_within": [work["due"].tracking_code],
        "awaiting_correction": [work["correction"].tracking_code],
        "awaiting_fee": [work["fee"].tracking_code],
        "awaiting_receipt": [work["receipt"].tracking_code],
    }
    for kind, codes in expected.items():
        assert _codes(cards[kind]) == codes and cards[kind].count == 1, kind
    shown = {code for card in cards.values() for code in _codes(card)}
    assert work["county"].tracking_code not in shown and work["closed"].tracking_code not in shown
    assert work["due_later"].tracking_code not in shown  # the 4th working day is beyond "within 3"


def test_within_three_working_days_counts_the_third_and_not_the_fourth_across_a_weekend(people, work):
    cards = {key: card for (_a, key), card in _cards(people[Role.CASE_OFFICER]).items()}
    (line,) = cards["due_within"].lines
    assert line.due_on == dt.date(2026, 11, 18) and line.workdays_left == 3 and not line.overdue
    # a day later the 4th becomes the 3rd (Mon: Tue, Wed, Thu), and Wednesday's has 2 left
    cards = {key: card for (_a, key), card in _cards(people[Role.CASE_OFFICER], today=dt.date(2026, 11, 16)).items()}
    lines = {line.label: line.workdays_left for line in cards["due_within"].lines}
    assert lines == {work["due"].tracking_code: 2, work["due_later"].tracking_code: 3}


def test_overdue_counts_the_working_days_passed_as_negative(people, work):
    cards = {key: card for (_a, key), card in _cards(people[Role.CASE_OFFICER]).items()}
    (line,) = cards["overdue"].lines
    assert line.overdue and line.workdays_left == -2 and line.overdue_days == 2  # Thu 12, Fri 13


def test_reviewers_and_approvers_see_the_items_at_their_roles_step(people, work):
    reviewer = _cards(people[Role.REVIEWER])
    assert {key for _a, key in reviewer} == {"review-0", "review-1"}  # 初审 and 保密审查, no request lists
    first, second = (reviewer[("市民政局", f"review-{i}")] for i in (0, 1))
    assert str(first.label) == "待科室负责人初审" and _codes(first) == ["第1步的条目"]
    assert str(second.label) == "待保密审查" and _codes(second) == ["第2步的条目"]
    approver = _cards(people[Role.APPROVER])
    assert str(approver[("市民政局", "review-2")].label) == "待分管领导签发"
    assert _codes(approver[("市民政局", "review-2")]) == ["第3步的条目"]
    assert not any(key.startswith("review") and key != "review-2" for _a, key in approver)
    # 条例 第二十六条: due 20 working days after the date of writing (Mon 2026-11-02 → Mon 11-30): 11 left on FRI
    assert approver[("市民政局", "review-2")].lines[0].workdays_left == 11


def test_drafters_and_admins_see_duties_due(people, work):
    for role in (Role.DRAFTER, Role.AGENCY_ADMIN):
        cards = {key: card for (_a, key), card in _cards(people[role]).items()}
        assert cards["duties"].count == 1 and cards["duties"].lines[0].label == "低保名单（2026年10月）"
        assert cards["duties"].lines[0].due_on == dt.date(2026, 11, 10) and cards["duties"].lines[0].overdue
    assert "duties" not in {key for _a, key in _cards(people[Role.CASE_OFFICER])}
    assert {key for _a, key in _cards(people[Role.DRAFTER])} == {"duties"}


def test_a_supervisor_sees_a_summary_of_the_agencies_it_oversees_not_a_to_do(people, work, jurisdiction):
    board = dashboard.build(people[Role.SUPERVISOR], today=FRI)
    assert board.agencies == []  # no write to-do
    rows = {row["agency"].pk: row for row in board.oversight}
    civil, county = rows[jurisdiction["civil"].pk], rows[jurisdiction["county_civil"].pk]
    assert (civil["overdue"], civil["due"], civil["in_review"], civil["duties_overdue"]) == (1, 1, 3, 1)
    assert (county["overdue"], county["due"], county["in_review"], county["duties_overdue"]) == (1, 0, 1, 0)
    assert jurisdiction["office"].pk not in rows  # its own office is not "overseen"


def test_another_agencys_officer_sees_only_its_own(people, work):
    cards = {key: card for (_a, key), card in _cards(people["county_officer"]).items()}
    assert _codes(cards["overdue"]) == [work["county"].tracking_code]
    assert cards["due_within"].count == 0
    assert not any(key.startswith("review") for key in cards)  # it holds no review role


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def on_fri(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: FRI)


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN, Role.DRAFTER])
def test_every_count_and_line_links_to_a_page_that_lists_it(people, work, on_fri, role):
    client = _client(people[role])
    page = client.get(reverse("workspace:home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "王小明" not in html and "13912345678" not in html  # no applicant's data
    for card in (card for (_a, _k), card in _cards(people[role]).items()):
        assert card.url in html.replace("&amp;", "&")
        listed = client.get(card.url)
        assert listed.status_code == 200, card.url
        for line in card.lines:
            assert client.get(line.url).status_code == 200
            if card.url.startswith(reverse("foi_staff:inbox")):
                assert line.label in listed.content.decode()  # the request is on the filtered list


@pytest.mark.parametrize("kind", REQUEST_KINDS)
def test_the_inbox_filter_lists_exactly_what_the_dashboard_counts(people, work, on_fri, kind, jurisdiction):
    client = _client(people[Role.AGENCY_ADMIN])
    page = client.get(reverse("foi_staff:inbox"), {"state": kind, "agency": jurisdiction["civil"].pk})
    cards = {key: card for (_a, key), card in _cards(people[Role.AGENCY_ADMIN]).items()}
    listed = [r.tracking_code for r in page.context["page_obj"]]
    assert listed == _codes(cards[kind]) and len(listed) == cards[kind].count


def test_the_page_shows_remaining_and_overdue_working_days_in_chinese(people, work, on_fri):
    html = _client(people[Role.CASE_OFFICER]).get(reverse("workspace:home")).content.decode()
    assert "我的待办" in html
    assert "超期2个工作日" in html and "剩余3个工作日" in html and "3个工作日内到期" in html
    assert "待补正" in html and "待缴费" in html and "已超期" in html
    # the due dates as 公文 write them (issue 14); ISO only in the machine-readable attribute
    assert '<time class="todo-due" datetime="2026-11-18">2026年11月18日</time>' in html
    assert ">2026-11-18<" not in html


def test_the_supervisor_page_links_to_the_overseen_agencies_lists(people, work, on_fri, jurisdiction):
    client = _client(people[Role.SUPERVISOR])
    html = client.get(reverse("workspace:home")).content.decode()
    assert "所监督机关" in html and jurisdiction["county_civil"].name in html
    board = dashboard.build(people[Role.SUPERVISOR], today=FRI)
    for row in board.oversight:
        assert row["overdue_url"] in html.replace("&amp;", "&")
        assert client.get(row["overdue_url"]).status_code == 200
        assert client.get(row["due_url"]).status_code == 200


def test_nothing_awaiting_shows_the_empty_state(people, on_fri):
    html = _client(people[Role.CASE_OFFICER]).get(reverse("workspace:home")).content.decode()
    assert "暂无待办事项" in html


def test_the_empty_state_is_not_shown_when_something_awaits(people, work, on_fri):
    html = _client(people[Role.CASE_OFFICER]).get(reverse("workspace:home")).content.decode()
    assert "暂无待办事项" not in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("workspace:home")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.SUPERVISOR, Role.REVIEWER])
def test_the_number_of_queries_does_not_grow_with_the_data(
    people, jurisdiction, on_fri, role, django_assert_max_num_queries
):
    client = _client(people[role])
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    for _ in range(3):
        _request(civil, due=dt.date(2026, 11, 11))
        _request(county, due=dt.date(2026, 11, 17))
    small = _queries(client)
    for _ in range(27):
        _request(civil, due=dt.date(2026, 11, 11))
        _request(civil, due=dt.date(2026, 11, 17), paused="fee")
        _request(county, due=dt.date(2026, 11, 17))
    with django_assert_max_num_queries(small):
        client.get(reverse("workspace:home"))
    assert (
        foi_selectors.request_todo_counts({civil.pk}, today=FRI, calendar=dashboard.working_calendar())[civil.pk][
            "overdue"
        ]
        == 30
    )
