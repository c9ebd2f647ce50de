"""Demo requests: two years of realistic traffic for the demo 民政局s, every outcome present, some overdue, some
carried over a year end. Deterministic (seeded), built through the same services the officers use."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.logs import service
from gongkai.foi import services
from gongkai.foi.models import FoiSettings, IdType
from gongkai.law import clock as law_clock
from gongkai.law.identifiers import make_resident_id, make_uscc
from gongkai.law.outcomes import AUTOMATIC_OUTCOMES, RESULT_ROWS
from gongkai.law.receipt import Channel
from gongkai.workcalendar.selectors import working_calendar

TOPICS = [
    "{year}年度城乡最低生活保障资金发放明细",
    "本区特困人员救助供养名单及标准",
    "{year}年临时救助审批情况",
    "某养老机构的设立许可及年度检查结果",
    "居住地所在社区的低保审批材料",
    "本人父亲的婚姻登记档案",
    "公墓建设项目的审批文件",
    "社会组织年检结果",
    "{year}年养老服务补贴发放标准和名单",
    "某街道地名命名的批复文件",
    "困难残疾人生活补贴发放情况",
    "慈善募捐备案信息",
    "{year}年度部门预算及三公经费",
    "孤儿基本生活费发放标准",
    "民政局机构设置及内设科室职责",
    "农村留守儿童关爱服务项目资金使用情况",
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐明", "孙丽", "马超", "朱红"]
ORGS = {
    "commercial_enterprise": ["江源市恒达养老服务有限公司", "青山县安康物业管理有限公司"],
    "research_institution": ["江源大学社会保障研究中心"],
    "public_interest_org": ["江源市阳光助残公益服务中心"],
    "legal_service_org": ["江源市正义律师事务所"],
    "other_org": ["青山县城关镇某村民委员会"],
}
REASONS = {
    "withheld_state_secret": "该信息经保密审查属于国家秘密。",
    "withheld_third_party": "该信息涉及第三方个人隐私，第三方不同意公开。",
    "withheld_process_info": "该信息属于讨论记录等过程性信息。",
}


def _applicant(rng: random.Random, kind: str, n: int) -> dict[str, str]:
    if kind == "natural_person":
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 18000))
        prefix = f"990102{birth:%Y%m%d}{n % 1000:03d}"
        return {
            "kind": kind,
            "name": rng.choice(NAMES),
            "id_type": IdType.RESIDENT_ID,
            "id_number": make_resident_id(prefix),
            "phone": f"139{rng.randrange(10**7, 10**8)}",
        }
    return {
        "kind": kind,
        "name": rng.choice(ORGS[kind]),
        "id_type": IdType.CREDIT_CODE,
        "id_number": make_uscc(f"91990100MA{n:07d}"),
        "phone": f"0999-{rng.randrange(1000000, 9999999)}",
    }


def _workday_between(rng: random.Random, calendar, start: dt.date, end: dt.date) -> dt.date:
    while True:
        day = start + dt.timedelta(days=rng.randrange(0, max((end - start).days, 1)))
        if calendar.is_workday(day):
            return day


@service
def load_requests(agencies: dict[str, Agency], *, today: dt.date | None = None, per_agency: int = 140) -> int:
    """Create the demo requests; returns how many."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    rng = random.Random(20261123)
    count = 0
    settings_rows = [
        (agencies["civil"], "江民公开", "江源市人民政府", "江源市江城区人民法院", "0431-85551234"),
        (agencies["county_civil"], "青民公开", "青山县人民政府", "青山县人民法院", ""),
    ]
    for agency, prefix, body, court, phone in settings_rows:  # one agency names its contact in letters, one not
        FoiSettings.objects.get_or_create(
            agency=agency,
            defaults={
                "letter_prefix": prefix,
                "reconsideration_body": body,
                "court": court,
                "contact_name": "李明" if phone else "",
                "contact_phone": phone,
            },
        )
    first_day = dt.date(today.year - 1, 1, 2)
    kinds = ["natural_person"] * 12 + list(ORGS)
    for agency, *_ in settings_rows:
        # every result row of the annual report appears at least once per agency
        outcomes_to_show = [o for o in RESULT_ROWS if o not in AUTOMATIC_OUTCOMES]
        size = per_agency if agency == agencies["civil"] else per_agency // 2
        for n in range(size):
            count += 1
            received = _workday_between(rng, calendar, first_day, today)
            if n < 3:  # carried over the year end: received in late December, answered in January
                received = _workday_between(
                    rng, calendar, dt.date(today.year - 1, 12, 15), dt.date(today.year - 1, 12, 31)
                )
            kind = kinds[n % len(kinds)] if n < 40 else rng.choice(kinds)
            topic = rng.choice(TOPICS).format(year=received.year - 1)
            submitted = services.request_register(
                actor=None,
                agency=agency,
                applicant=_applicant(rng, kind, count),
                channel=rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.POST, Channel.IN_PERSON, Channel.EMAIL]),
                submitted_on=received,
                signed_on=received,
                confirmed_on=received,
                description=f"申请公开{topic}。",
            )
            _play(submitted.request, n, rng, calendar, today, outcomes_to_show)
        _waiting_for_the_applicant(agency, calendar, today)
    return count


def _waiting_for_the_applicant(agency: Agency, calendar, today: dt.date) -> None:
    """The two latest requests still in their period wait for the applicant: one for a correction (条例 第三十条), one
    for the fee (国办函〔2020〕109号), so the workspace's 待补正 and 待缴费 lists have a request each."""
    from gongkai.foi.models import InfoRequest, RequestState

    latest = InfoRequest.objects.filter(agency=agency, state=RequestState.OPEN, paused="", due_on__gte=today)
    for request, (type_, data) in zip(
        latest.order_by("-received_on", "-id")[:2],
        [
            ("correction_requested", {"period_workdays": 10, "reason": "请明确所需信息的时间范围"}),
            ("fee_notice", {"amount_yuan": 100}),
        ],
        strict=False,
    ):
        on = min(calendar.add_workdays(request.received_on, 1).date, today)
        services.event_add(actor=None, request=request, type=type_, on=on, today=today, **data)


def _approver(agency: Agency) -> Any:
    """The agency's 签发人, or a system administrator where the demo has none."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Role

    users = get_user_model().objects
    return (
        users.filter(memberships__agency=agency, memberships__role=Role.APPROVER).first()
        or users.filter(is_superuser=True).first()
    )


def _play(request: Any, n: int, rng: random.Random, calendar, today: dt.date, outcomes_to_show: list[str]) -> None:
    """Walk one request through a scenario chosen by its number and age."""
    received = request.received_on
    due = calendar.add_workdays(received, law_clock.REPLY_WORKDAYS).date
    fresh = due >= today  # still within its first period

    def add(type_: str, on: dt.date, **data: Any) -> None:
        approver = _approver(request.agency) if law_clock.needs_approval(type_) else None
        services.event_add(
            actor=approver, request=request, type=type_, on=on, today=today, approved_by=approver, **data
        )

    def reply(on: dt.date, outcome: str) -> None:
        services.reply_record(
            actor=None,
            request=request,
            on=min(on, today),
            outcome=outcome,
            today=today,
            documents="相关文件电子版" if outcome in ("disclosed", "partly_disclosed") else "",
            reason=REASONS.get(outcome, ""),
        )

    scenario = n % 20
    if fresh:
        if scenario == 1 and calendar.add_workdays(received, 2).date < today:
            add("third_party_sent", calendar.add_workdays(received, 2).date, reason="涉及第三方经营信息")
        return
    if n < 3:
        reply(dt.date(today.year, 1, 8 + n), "disclosed")
        return
    if scenario == 2:  # corrected, then answered
        asked = calendar.add_workdays(received, 3).date
        add("correction_requested", asked, period_workdays=10, reason="请明确所需信息的时间范围")
        corrected = calendar.add_workdays(asked, 4).date
        if corrected < today:
            add("correction_received", corrected)
            answer = calendar.add_workdays(corrected, rng.randrange(5, 18)).date
            if answer < today:
                reply(answer, "unavailable_still_unclear" if n % 40 == 2 else "disclosed")
        return
    if scenario == 3:  # never corrected: the clock closes it (（六）1)
        add("correction_requested", calendar.add_workdays(received, 5).date, period_workdays=10)
        return
    if scenario == 4:  # fee notice, unpaid (（六）2) or paid
        notice = calendar.add_workdays(received, 6).date
        add("fee_notice", notice, amount_yuan=200)
        if n % 40 == 4:
            return
        paid = calendar.add_workdays(notice, 5).date
        if paid < today:
            add("fee_paid", paid)
            reply(calendar.add_workdays(paid, 10).date, "disclosed")
        return
    if scenario == 5:  # extension approved, answered within it
        add("extension", calendar.add_workdays(received, 18).date, workdays=15, reason="需要调取历年档案核实")
        reply(calendar.add_workdays(received, 30).date, "partly_disclosed")
        return
    if scenario == 6:  # third party consulted
        sent = calendar.add_workdays(received, 4).date
        add("third_party_sent", sent)
        add("third_party_replied", calendar.add_workdays(sent, 9).date)
        reply(calendar.add_workdays(received, 25).date, "withheld_third_party")
        return
    if scenario == 7:  # left open past its due date: shows as overdue
        return
    if scenario == 8:  # answered late
        reply(calendar.add_workdays(due, rng.randrange(1, 6)).date, "disclosed")
        return
    if scenario == 9 and n % 60 == 9:
        add("withdrawn", calendar.add_workdays(received, 3).date)
        return
    outcome = (
        outcomes_to_show.pop(0)
        if outcomes_to_show
        else rng.choices(
            ["disclosed", "partly_disclosed", "unavailable_not_held", "not_processed_repeat", "withheld_process_info"],
            weights=[50, 15, 20, 5, 10],
        )[0]
    )
    reply(calendar.add_workdays(received, rng.randrange(3, 20)).date, outcome)
