"""The to-do dashboard of 我的工作: per agency and per role held there, what awaits the user — requests overdue, due
within 3 working days, awaiting a correction or a fee or the confirmation of receipt; proactive items at the review
step of the user's role; disclosure duties due — and, for a supervising office, a summary of the agencies it reads.

Reads only, through the apps' selectors; each count is what its link's filtered list shows. Nothing about an
applicant: tracking codes, titles and dates. The working days left count as the clock counts them (条例 第三十三条:
the start day not counted, the official calendar)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import selectors as agency_selectors
from gongkai.agencies.access import access_for
from gongkai.agencies.models import Role
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.foi import selectors as foi_selectors
from gongkai.law.duties import per_item_due
from gongkai.workcalendar.selectors import working_calendar

REQUEST_ROLES = (Role.CASE_OFFICER, Role.APPROVER, Role.AGENCY_ADMIN)  # who acts on requests (foi's officers)
DUTY_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)  # who fulfils a duty's period
REVIEW_ROLES = (Role.REVIEWER, Role.APPROVER)  # who takes a step of the review chain
WITHIN = foi_selectors.DIGEST_WORKDAYS
LIST_LENGTH = 5
OVERSIGHT_ROWS = 30

REQUEST_CARDS = (
    (foi_selectors.TO_DO_OVERDUE, _("Overdue")),
    (foi_selectors.TO_DO_DUE, format_lazy(_("Due within {days} working days"), days=WITHIN)),
    (foi_selectors.TO_DO_CORRECTION, _("Awaiting the applicant's correction")),
    (foi_selectors.TO_DO_FEE, _("Awaiting payment of the fee")),
    (foi_selectors.TO_DO_RECEIPT, _("Awaiting confirmation of receipt")),
)


@dataclass
class Line:
    label: str
    url: str
    due_on: dt.date | None = None
    workdays_left: int | None = None  # negative: overdue by that many working days
    overdue: bool = False

    @property
    def overdue_days(self) -> int:
        return -(self.workdays_left or 0)


@dataclass
class Card:
    key: str
    label: Any
    count: int
    url: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class AgencyTodo:
    agency: Any
    roles: list[Any]
    cards: list[Card]


@dataclass
class Dashboard:
    agencies: list[AgencyTodo]
    oversight: list[dict[str, Any]]
    oversight_total: int
    due_label: Any = REQUEST_CARDS[1][1]

    @property
    def empty(self) -> bool:
        return not any(card.count for block in self.agencies for card in block.cards) and not self.oversight


def _inbox_url(kind: str, agency_id: int) -> str:
    return reverse("foi_staff:inbox") + "?" + urlencode({"state": kind, "agency": agency_id})


def _line_for_date(label: str, url: str, due_on: dt.date | None, *, today: dt.date, calendar: Any) -> Line:
    if due_on is None:
        return Line(label, url)
    left = calendar.workdays_between(today, due_on).days
    return Line(label, url, due_on, left, due_on < today)


def build(user, *, today: dt.date) -> Dashboard:
    """What awaits ``user`` on ``today`` (a constant number of queries, whatever the amount of data)."""
    access = access_for(user)
    calendar = working_calendar()
    last = calendar.add_workdays(today, WITHIN).date
    roles = {agency_id: set(held) - {Role.SUPERVISOR} for agency_id, held in access.roles.items()}
    roles = {agency_id: held for agency_id, held in roles.items() if held}
    request_ids = {a for a, held in roles.items() if held & set(REQUEST_ROLES)}
    duty_ids = {a for a, held in roles.items() if held & set(DUTY_ROLES)}
    review_roles = {a: held & set(REVIEW_ROLES) for a, held in roles.items() if held & set(REVIEW_ROLES)}

    requests = foi_selectors.request_todo(request_ids, today=today, calendar=calendar, limit=LIST_LENGTH)
    reviews = disclosure_selectors.review_todo(review_roles, user=user, limit=LIST_LENGTH)
    duties = disclosure_selectors.duty_todo(duty_ids, last=last, limit=LIST_LENGTH)

    blocks = []
    for agency in agency_selectors.agencies_by_ids(roles):
        cards: list[Card] = []
        if agency.pk in request_ids:
            by_kind = requests.get(agency.pk, {})
            for kind, label in REQUEST_CARDS:
                count, todo = by_kind.get(kind, (0, []))
                lines = [
                    Line(
                        t.tracking_code,
                        reverse("foi_staff:detail", args=[t.pk]),
                        t.due_on,
                        t.workdays_left,
                        t.due_on is not None and t.due_on < today,
                    )
                    for t in todo
                ]
                cards.append(Card(kind, label, count, _inbox_url(kind, agency.pk), lines))
        for step in reviews.get(agency.pk, []):
            url = reverse("disclosure_staff:worklist") + "?" + urlencode({"state": "in_review"})
            lines = []
            for item in step["items"]:
                due = item["publication_due_on"] or (
                    per_item_due(item["formed_on"], calendar) if item["formed_on"] else None
                )
                lines.append(
                    _line_for_date(
                        item["title"],
                        reverse("disclosure_staff:detail", args=[item["pk"]]),
                        due,
                        today=today,
                        calendar=calendar,
                    )
                )
            label = format_lazy(_("Awaiting {step}"), step=step["name"])
            cards.append(Card(f"review-{step['position']}", label, step["count"], url, lines))
        if agency.pk in duty_ids:
            count, todo = duties.get(agency.pk, (0, []))
            url = reverse("disclosure_staff:duties")
            lines = [
                _line_for_date(f"{d['name']}（{d['period_label']}）", url, d["due_on"], today=today, calendar=calendar)
                for d in todo
            ]
            label = format_lazy(_("Disclosure duties overdue or due within {days} working days"), days=WITHIN)
            cards.append(Card("duties", label, count, url, lines))
        held = [Role(r).label for r, _label in Role.choices if r in roles[agency.pk]]
        blocks.append(AgencyTodo(agency, held, cards))

    oversight, total = _oversight(access, today=today, calendar=calendar)
    return Dashboard(blocks, oversight, total)


def _oversight(access, *, today: dt.date, calendar: Any) -> tuple[list[dict[str, Any]], int]:
    """A supervisor's (or the system administrator's) counts for the agencies it reads below its offices: not a
    to-do, a summary; the agencies with most overdue first, at most :data:`OVERSIGHT_ROWS`."""
    if access.is_system_admin:
        ids = None
    else:
        ids = access.overseen_ids()
        if not ids:
            return [], 0
    requests = foi_selectors.request_todo_counts(ids, today=today, calendar=calendar)
    others = disclosure_selectors.oversight_counts(ids, today=today)
    rows = []
    for agency_id in set(requests) | set(others):
        counts = requests.get(agency_id, {})
        row = {
            "agency_id": agency_id,
            "overdue": counts.get(foi_selectors.TO_DO_OVERDUE, 0),
            "due": counts.get(foi_selectors.TO_DO_DUE, 0),
            "in_review": others.get(agency_id, {}).get("in_review", 0),
            "duties_overdue": others.get(agency_id, {}).get("duties_overdue", 0),
        }
        if any(row[k] for k in ("overdue", "due", "in_review", "duties_overdue")):
            rows.append(row)
    rows.sort(key=lambda r: (-r["overdue"], -r["duties_overdue"], -r["due"], r["agency_id"]))
    shown = rows[:OVERSIGHT_ROWS]
    names = {a.pk: a for a in agency_selectors.agencies_by_ids([r["agency_id"] for r in shown])}
    for row in shown:
        row["agency"] = names[row["agency_id"]]
        row["overdue_url"] = _inbox_url(foi_selectors.TO_DO_OVERDUE, row["agency_id"])
        row["due_url"] = _inbox_url(foi_selectors.TO_DO_DUE, row["agency_id"])
    return shown, len(rows)
