"""The duties page names the agency in every table as soon as the user reads more than one: a supervisor over the
city's and the county's 民政局 sees each one's 低保 list of a month once, under its agency, not twice alike."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.disclosure import duties, services

TABLES = ("已超期", "待完成", "已完成", "公开义务清单")
DUTY = "城乡低保对象名单（每月）"


def _tables(html: str) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    """Each table of the page under its heading: (column headers, rows of cell texts)."""

    def text(cell: str) -> str:
        return re.sub(r"<[^>]+>", "", cell).strip()

    found = {}
    for section in html.split("<h2>")[1:]:
        heading = text(section.split("</h2>", 1)[0]).split()[0]
        if "<table>" not in section:
            continue
        table = section.split("<table>", 1)[1].split("</table>", 1)[0]
        head, body = table.split("</thead>", 1)
        headers = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]
        rows = [
            tuple(text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        ]
        found[heading] = (headers, rows)
    return found


@pytest.fixture
def two_agencies(jurisdiction, make_user):
    """The same monthly duty at the city's and the county's 民政局, September fulfilled in both, later months open."""
    for key in ("civil", "county_civil"):
        agency = jurisdiction[key]
        services.catalog_seed(actor=None, agency=agency)
        people = {role: make_user(role, agency) for role in (Role.DRAFTER, Role.REVIEWER, Role.APPROVER)}
        deciders = (people[Role.REVIEWER], make_user(Role.REVIEWER, agency), people[Role.APPROVER])  # one step each
        category = agency.catalog_categories.get(code="M01")
        duty = duties.duty_create(
            actor=None,
            agency=agency,
            name=DUTY,
            recurrence="monthly",
            day=10,
            category=category,
            starts_on=dt.date(2026, 9, 1),
            today=dt.date(2026, 11, 23),
        )
        item = services.item_create(
            actor=people[Role.DRAFTER], agency=agency, category=category, title=f"{agency.short_name}2026年9月低保名单"
        )
        services.item_submit(actor=people[Role.DRAFTER], item=item)
        for decider in deciders:
            item = services.item_decide(actor=decider, item=item, approved=True, today=dt.date(2026, 10, 9))
        duties.duty_fulfil(actor=people[Role.DRAFTER], instance=duty.instances.get(period_label="2026年9月"), item=item)
    return jurisdiction


def _page(user) -> dict:
    client = Client()
    client.force_login(user)
    return _tables(client.get(reverse("disclosure_staff:duties")).content.decode())


def test_a_supervisor_sees_the_agency_in_every_table(two_agencies, make_user):
    tables = _page(make_user(Role.SUPERVISOR, two_agencies["office"]))
    assert set(TABLES) <= set(tables)
    for heading in TABLES:
        headers, rows = tables[heading]
        assert "机关" in headers, heading
        column = headers.index("机关")
        assert all(len(row) == len(headers) for row in rows if len(row) > 1), heading
        assert len(set(rows)) == len(rows), f"{heading}: rows that look alike"
        if heading in ("已完成", "公开义务清单"):
            assert sorted(row[column] for row in rows) == ["县民政局", "市民政局"], heading
    done_headers, done = tables["已完成"]
    assert [row[done_headers.index("期次")] for row in done] == ["2026年9月", "2026年9月"]


def test_a_drafter_of_one_agency_gets_no_agency_column(two_agencies):
    user = two_agencies["civil"].memberships.filter(role=Role.DRAFTER).get().user
    tables = _page(user)
    for heading in TABLES:
        headers, rows = tables[heading]
        assert "机关" not in headers, heading
        assert all(len(row) == len(headers) for row in rows if len(row) > 1), heading
    assert len(tables["已完成"][1]) == 1 and "县民政局" not in str(tables)
