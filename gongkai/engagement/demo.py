"""Demo engagement records for both demo 民政局s, last year and this year up to today: some hundreds of consultations
by channel, a handful of 人大代表建议 and 政协委员提案 (one of last year's still unanswered, so overdue), a few 舆情
events, and the quarterly press conferences with an online interview a year. The city bureau's fourth-quarter
conference of last year is missing, as its work plan's progress note says. Deterministic, built through the
services (consultations as an import would write them)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import departments_of
from gongkai.core.logs import service
from gongkai.engagement import services
from gongkai.engagement.kinds import KINDS
from gongkai.engagement.models import Channel
from gongkai.law.proposals import reply_due_date

# Consultations in a full year, and the share of each channel.
CONSULTATIONS_PER_YEAR = {"civil": 320, "county_civil": 140}
CHANNEL_WEIGHTS = {Channel.HOTLINE: 50, Channel.ONLINE: 30, Channel.IN_PERSON: 15, Channel.LETTER: 5}
TOPICS = (
    "最低生活保障申请条件和办理流程",
    "特困人员救助供养标准",
    "临时救助如何申请",
    "高龄津贴发放时间",
    "养老机构备案办理",
    "婚姻登记预约和所需材料",
    "惠民殡葬补贴政策",
    "社会组织年度检查",
    "困难残疾人生活补贴和重度残疾人护理补贴",
    "孤儿基本生活费标准",
    "政府信息公开申请的提交方式",
)
# (kind, subject, lead department, reply after days or None for unanswered, published)
PROPOSALS = {
    "civil": (
        ("npc", "关于提高城乡低保标准的建议", "社会救助科", 52, True),
        ("npc", "关于加快社区居家养老服务中心建设的建议", "养老服务科", 60, True),
        ("npc", "关于规范公益性公墓管理的建议", "办公室", 75, False),
        ("cppcc", "关于完善困难群众主动发现机制的提案", "社会救助科", 45, True),
        ("cppcc", "关于推进医养结合的提案", "养老服务科", None, False),
    ),
    "county_civil": (
        ("npc", "关于农村敬老院提档升级的建议", "办公室", 58, True),
        ("cppcc", "关于加强临时救助资金监管的提案", "社会救助股", 40, True),
    ),
}
# (days after 1 January, level, where it arose, summary, days until responded or None)
OPINION = {
    "civil": (
        (40, "general", "本地论坛", "网民反映某社区低保公示信息不全", 2),
        (130, "significant", "微博", "某养老院护理人员服务态度问题引发关注", 1),
        (250, "general", "政务留言板", "网民质疑临时救助审批时间过长", 3),
    ),
    "county_civil": ((200, "general", "微信群", "群众反映婚姻登记处排队时间长", 1),),
}
PRESS_MONTHS = (2, 5, 8, 11)  # the quarterly conference on the 20th of the quarter's second month
PRESS_SPEAKERS = {"civil": "局长、社会救助科科长", "county_civil": "局长"}


def _day(year: int, days: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=days)


def _consultations(key: str, agency: Agency, year: int, today: dt.date) -> list[dict[str, Any]]:
    rng = random.Random(f"{agency.credit_code}-{year}")
    end = min(today, dt.date(year, 12, 31))
    days = (end - dt.date(year, 1, 1)).days + 1
    count = CONSULTATIONS_PER_YEAR[key] * days // 365
    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    rows = []
    for _ in range(count):
        asked = _day(year, rng.randrange(days))
        answered = rng.random() < 0.97
        answered_on = min(asked + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 5))), today) if answered else None
        fields = {
            "channel": rng.choices(channels, weights)[0],
            "asked_on": asked,
            "topic": rng.choice(TOPICS),
            "answered": answered,
            "answered_on": answered_on,
        }
        rows.append(services.clean(KINDS["consultations"], agency, fields, today=today))
    return sorted(rows, key=lambda row: row["asked_on"])


def _create(agency: Agency, records: str, today: dt.date, **fields: Any) -> None:
    """One record through the service (``records`` is the kind's slug: two kinds have a field named ``kind``)."""
    services.record_create(actor=None, agency=agency, kind=records, fields=fields, today=today)


def _proposals(key: str, agency: Agency, year: int, today: dt.date) -> int:
    received = dt.date(year, 3, 10)  # assigned after the two sessions (两会)
    if received > today:
        return 0
    departments = {d.name: d for d in departments_of(agency)}
    created = 0
    for number, (kind, subject, department, after, published) in enumerate(PROPOSALS[key], start=1):
        replied = received + dt.timedelta(days=after) if after is not None else None
        if replied is not None and replied > today:
            replied, published = None, False  # not replied yet, still within its three months
        if replied is None and year == today.year and reply_due_date(received) < today:
            continue  # only last year's unanswered one is overdue
        _create(
            agency,
            "proposals",
            today,
            kind=kind,
            number=f"{year}-{number:03d}",
            subject=subject,
            lead_department=departments.get(department),
            received_on=received,
            replied_on=replied,
            reply_published=published,
        )
        created += 1
    return created


def _opinion(key: str, agency: Agency, year: int, today: dt.date) -> int:
    created = 0
    for days, level, channel, summary, responded_after in OPINION[key]:
        first_seen = _day(year, days)
        if first_seen > today:
            continue
        responded = first_seen + dt.timedelta(days=responded_after) if responded_after is not None else None
        _create(
            agency,
            "opinion",
            today,
            level=level,
            first_seen=first_seen,
            responded_on=responded if responded and responded <= today else None,
            channel=channel,
            summary=summary,
        )
        created += 1
    return created


def _press(key: str, agency: Agency, year: int, today: dt.date) -> int:
    dates = [dt.date(year, month, 20) for month in PRESS_MONTHS]
    if key == "civil" and year == today.year - 1:
        dates = dates[:3]  # the fourth quarter's conference was postponed (see the work plan's progress)
    created = 0
    for quarter, held_on in enumerate(dates, start=1):
        if held_on > today:
            continue
        _create(
            agency,
            "press",
            today,
            kind="conference",
            held_on=held_on,
            topic=f"{year}年第{quarter}季度例行新闻发布会",
            speakers=PRESS_SPEAKERS[key],
            link=f"https://www.example.gov.cn/{agency.credit_code.lower()}/fbh/{year}q{quarter}.html",
        )
        created += 1
    interview = dt.date(year, 7, 8)
    if interview <= today:
        _create(
            agency,
            "press",
            today,
            kind="interview",
            held_on=interview,
            topic="民生保障政策在线访谈",
            speakers=PRESS_SPEAKERS[key],
        )
        created += 1
    return created


@service
def load_engagement(agencies: dict[str, Agency], *, today: dt.date | None = None) -> int:
    """The demo's engagement records; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    for key in CONSULTATIONS_PER_YEAR:
        agency = agencies[key]
        for year in (today.year - 1, today.year):
            rows = _consultations(key, agency, year, today)
            created += len(services.records_create_many(actor=None, agency=agency, kind="consultations", rows=rows))
            created += _proposals(key, agency, year, today)
            created += _opinion(key, agency, year, today)
            created += _press(key, agency, year, today)
    return created
