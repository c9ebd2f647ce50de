"""The request inbox in keyset pages (gongkai.core.keyset, docs/performance.md, List pages): every row once and in order
when walking the 下一页 links, also while requests arrive; a fixed number of queries on any page; the index of each
ordering in the query plan; a damaged link gives the first page with a message; scoping holds on every page."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core import keyset
from gongkai.foi import selectors
from gongkai.foi.models import Applicant, InfoRequest, RequestState
from gongkai.foi.views_staff import PAGE_SIZE
from tests.plans import assert_served_by_index

INBOX = reverse("foi_staff:inbox")
BAD_LINK = "翻页链接无法识别"
START = dt.date(2026, 3, 2)
CODE = re.compile(r">(GKT\d+)</a>")
NEXT = re.compile(r'<a href="([^"]*)" rel="next">')
PREV = re.compile(r'<a href="([^"]*)" rel="prev">')


def _requests(agency, count: int, *, first: int = 0, state=RequestState.OPEN, due=None, closed=None):
    """``count`` requests of the agency; due dates repeat (ties are broken by id), the awaiting ones have none."""
    applicant = Applicant.objects.create(agency=agency, kind="natural_person", name="测试申请人")
    rows = []
    for n in range(first, first + count):
        awaiting = state == RequestState.AWAITING_RECEIPT
        rows.append(
            InfoRequest(
                agency=agency,
                applicant=applicant,
                tracking_code=f"GKT{agency.pk:03d}{n:06d}",
                channel="online",
                submitted_on=START,
                received_on=None if awaiting else START,
                description=f"第{n}号申请",
                state=state,
                due_on=None if awaiting else (due or START + dt.timedelta(days=n % 7)),
                closed_on=closed(n) if closed else None,
            )
        )
    return InfoRequest.objects.bulk_create(rows)


def _flat(pages: list[list[str]]) -> list[str]:
    return [code for page in pages for code in page]


def _codes(page: str) -> list[str]:
    return CODE.findall(page)


def _walk(client, url: str, *, between=None) -> list[list[str]]:
    """The codes of each page, following 下一页 from ``url``; ``between(n)`` runs after page n is read."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert BAD_LINK not in page
        pages.append(_codes(page))
        if between:
            between(len(pages))
        found = NEXT.search(page)
        url = INBOX + html.unescape(found.group(1)) if found else None
        assert len(pages) < 50
    return pages


def _expected(agency, *, closed: bool = False) -> list[str]:
    rows = InfoRequest.objects.filter(agency=agency)
    if closed:
        rows = rows.filter(state__in=[RequestState.ANSWERED, RequestState.WITHDRAWN])
        key = sorted(rows, key=lambda r: (r.closed_on, r.pk), reverse=True)
    else:
        rows = rows.filter(state__in=[RequestState.OPEN, RequestState.AWAITING_RECEIPT])
        key = sorted(rows, key=lambda r: (r.due_on or dt.date.max, r.pk))
    return [r.tracking_code for r in key]


@pytest.fixture
def officer(jurisdiction, client_for):
    return client_for(Role.CASE_OFFICER, jurisdiction["civil"])


def test_walking_the_pages_yields_every_request_once_in_urgency_order(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, 2 * PAGE_SIZE + 5)
    _requests(civil, 4, first=500, state=RequestState.AWAITING_RECEIPT)  # no due date: last
    _requests(civil, 6, first=600, state=RequestState.ANSWERED, closed=lambda n: START)  # not in progress
    pages = _walk(officer, INBOX)
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 9]
    assert _flat(pages) == _expected(civil)
    assert _flat(pages)[-4:] == [f"GKT{civil.pk:03d}{n:06d}" for n in range(500, 504)]


def test_previous_links_walk_back_to_the_first_page(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, 2 * PAGE_SIZE + 5)
    forward = _walk(officer, INBOX)
    page = officer.get(INBOX).content.decode()
    while (found := NEXT.search(page)) is not None:
        page = officer.get(INBOX + html.unescape(found.group(1))).content.decode()
    backward = [_codes(page)]
    while (found := PREV.search(page)) is not None:
        page = officer.get(INBOX + html.unescape(found.group(1))).content.decode()
        backward.append(_codes(page))
    assert backward[::-1] == forward
    assert 'rel="prev"' not in page and 'rel="first"' not in page  # back on the first page


def test_closed_requests_page_latest_closed_first(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, PAGE_SIZE + 7, state=RequestState.ANSWERED, closed=lambda n: START + dt.timedelta(days=n % 4))
    _requests(civil, 3, first=900, state=RequestState.WITHDRAWN, closed=lambda n: START)
    _requests(civil, 5, first=950)  # in progress: not listed
    pages = _walk(officer, INBOX + "?state=closed")
    assert [len(p) for p in pages] == [PAGE_SIZE, 10]
    assert _flat(pages) == _expected(civil, closed=True)


def test_requests_arriving_between_page_loads_neither_repeat_nor_hide_the_others(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, 2 * PAGE_SIZE + 5)
    before = set(_expected(civil))
    added = []

    def arrive(n):  # after each page, one request due before everything shown and one due after everything
        early = _requests(civil, 1, first=700 + n, due=START - dt.timedelta(days=30))
        late = _requests(civil, 1, first=800 + n, due=START + dt.timedelta(days=60))
        added.append((early[0].tracking_code, late[0].tracking_code))

    shown = _flat(_walk(officer, INBOX, between=arrive))
    assert len(shown) == len(set(shown))  # nothing twice, although every page shifted the list by one
    assert before <= set(shown)  # nothing skipped
    assert len(added) == 3
    assert all(late in shown for _, late in added[:-1])  # arrivals after the reader's place are reached
    assert not any(early in shown for early, _ in added)  # those before it wait for the next visit of page 1
    order = _expected(civil)
    assert shown == [code for code in order if code in set(shown)]


def test_the_inbox_takes_the_same_queries_for_3_or_60_requests_and_on_a_deep_page(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, 3)
    officer.get(INBOX)  # the session's first request reads more

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            page = officer.get(url).content.decode()
        return len(captured), page

    few, _ = count(INBOX)
    _requests(civil, 60, first=100)
    many, first = count(INBOX)
    second_url = INBOX + html.unescape(NEXT.search(first).group(1))
    deep, second = count(second_url)
    last, _ = count(INBOX + html.unescape(NEXT.search(second).group(1)))
    assert few == many == deep == last
    with CaptureQueriesContext(connection) as captured:
        officer.get(second_url)
    counting = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "foi_inforequest" in q["sql"]]
    assert not counting  # no "page N of M": nothing counts the requests


@pytest.mark.parametrize("cursor", ["garbage", "", "eyJ4IjoxfQ:abc:def", "%00%ff"])
def test_a_damaged_page_link_gives_the_first_page_with_a_message(jurisdiction, officer, cursor):
    civil = jurisdiction["civil"]
    _requests(civil, PAGE_SIZE + 3)
    first = _codes(officer.get(INBOX).content.decode())
    response = officer.get(INBOX + "?cursor=" + cursor)
    assert response.status_code == 200
    page = response.content.decode()
    assert _codes(page) == first
    assert (BAD_LINK in page) == bool(cursor)


def test_a_link_past_the_end_after_deletions_gives_the_first_page(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, PAGE_SIZE + 5)
    first = officer.get(INBOX).content.decode()
    second_url = INBOX + html.unescape(NEXT.search(first).group(1))
    InfoRequest.objects.filter(tracking_code__in=_codes(officer.get(second_url).content.decode())).delete()
    page = officer.get(second_url).content.decode()
    assert _codes(page) == _codes(first) and 'rel="next"' not in page and BAD_LINK not in page


def test_a_tampered_or_foreign_cursor_is_refused(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, 2 * PAGE_SIZE)
    _requests(civil, 2 * PAGE_SIZE, first=300, state=RequestState.ANSWERED, closed=lambda n: START)
    first = officer.get(INBOX).content.decode()
    token = re.search(r"cursor=([^\"&]+)", html.unescape(NEXT.search(first).group(1))).group(1)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    page = officer.get(INBOX, {"cursor": tampered}).content.decode()
    assert BAD_LINK in page and _codes(page) == _codes(first)
    # a cursor of the closed list (another ordering) is not read on the list in progress
    closed = officer.get(INBOX, {"state": "closed"}).content.decode()
    closed_token = re.search(r"cursor=([^\"&]+)", html.unescape(NEXT.search(closed).group(1))).group(1)
    page = officer.get(INBOX, {"state": "open", "cursor": closed_token}).content.decode()
    assert BAD_LINK in page and _codes(page) == _codes(first)
    # signed, but holding the wrong kinds of values
    forged = keyset.signing.dumps(["n", [1, "x"]], salt=keyset._salt(selectors.INBOX_DUE_KEYS), compress=False)
    page = officer.get(INBOX, {"cursor": forged}).content.decode()
    assert BAD_LINK in page and _codes(page) == _codes(first)


def test_an_officer_sees_only_their_agencys_requests_on_every_page(jurisdiction, officer):
    civil, county = jurisdiction["civil"], jurisdiction["county_civil"]
    _requests(civil, PAGE_SIZE + 4)
    _requests(county, PAGE_SIZE + 9)
    shown = _flat(_walk(officer, INBOX + "?state=all"))
    assert sorted(shown) == sorted(InfoRequest.objects.filter(agency=civil).values_list("tracking_code", flat=True))
    assert not _codes(officer.get(INBOX, {"state": "all", "agency": county.pk}).content.decode())


def test_filters_survive_the_page_links(jurisdiction, officer):
    civil = jurisdiction["civil"]
    _requests(civil, PAGE_SIZE + 5)
    for n in range(PAGE_SIZE + 5):  # every other one mentions 低保
        if n % 2 == 0:
            InfoRequest.objects.filter(tracking_code=f"GKT{civil.pk:03d}{n:06d}").update(description=f"低保名单{n}")
    pages = _walk(officer, INBOX + "?state=all&q=%E4%BD%8E%E4%BF%9D")
    shown = _flat(pages)
    assert len(shown) == (PAGE_SIZE + 6) // 2 and len(pages) == 1
    _requests(civil, 2 * PAGE_SIZE, first=400)
    InfoRequest.objects.filter(tracking_code__gte=f"GKT{civil.pk:03d}000400").update(description="低保复核")
    pages = _walk(officer, INBOX + "?state=all&q=%E4%BD%8E%E4%BF%9D")
    assert len(_flat(pages)) == (PAGE_SIZE + 6) // 2 + 2 * PAGE_SIZE and len(pages) == 3


@pytest.mark.parametrize(
    ("state", "index"),
    [
        # in progress: the partial index of open requests; past the first page SQLite without statistics may as
        # well seek in the index of all the agency's requests by due date (the same order, closed ones skipped)
        ("open", ("foi_inbox_open_idx", "foi_inbox_due_idx")),
        ("all", "foi_inbox_due_idx"),
        ("closed", "foi_inbox_closed_idx"),
        ("awaiting_receipt", "foi_inbox_state_idx"),
    ],
)
def test_the_inbox_query_uses_its_index_on_the_first_and_a_deep_page(jurisdiction, make_user, state, index):
    civil = jurisdiction["civil"]
    user = make_user(Role.CASE_OFFICER, civil)
    _requests(civil, 40)
    _requests(civil, 40, first=100, state=RequestState.ANSWERED, closed=lambda n: START + dt.timedelta(days=n % 9))
    _requests(civil, 10, first=200, state=RequestState.AWAITING_RECEIPT)
    filters = selectors.InboxFilter(state=state)
    rows = selectors.inbox(user, filters, today=START)
    keys = selectors.inbox_keys(filters)
    assert_served_by_index(keyset.page_queryset(rows, keys, None, PAGE_SIZE), index[0] if state == "open" else index)
    middle = list(rows)[len(rows) // 2]
    cursor = (keyset.NEXT, [getattr(middle, key.name) for key in keys])
    assert_served_by_index(keyset.page_queryset(rows, keys, cursor, PAGE_SIZE), index)
    backward = (keyset.PREVIOUS, cursor[1])
    assert_served_by_index(keyset.page_queryset(rows, keys, backward, PAGE_SIZE), index)


def test_a_system_administrators_inbox_in_progress_uses_the_index_without_an_agency(jurisdiction, make_user):
    admin = make_user(superuser=True)
    _requests(jurisdiction["civil"], 20)
    _requests(jurisdiction["county_civil"], 20)
    filters = selectors.InboxFilter(state="open")
    rows = selectors.inbox(admin, filters, today=START)
    assert_served_by_index(
        keyset.page_queryset(rows, selectors.inbox_keys(filters), None, PAGE_SIZE), "foi_inbox_open_all_idx"
    )
