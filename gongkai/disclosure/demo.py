"""Demo catalog: two years of proactive disclosure for the demo 民政局s, published through the real services and
review chain in date order — monthly 低保 / 特困 / 临时救助 lists with masked ID numbers, quarterly statistics,
budgets and final accounts, organisation and personnel notices, normative documents issued, repealed and expired
with their interpretations, work news; a few items still in draft or in review, one returned; duties, some overdue.

Deterministic: one seeded random generator; dates are relative to ``today``. The texts are in demo_texts.py.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.core.logs import service
from gongkai.disclosure import demo_texts as texts
from gongkai.disclosure import duties, services
from gongkai.disclosure.models import CatalogItem, Duty, NormativeKind, Validity, VocabularyKind, VocabularyTerm
from gongkai.law import catalog as law_catalog
from gongkai.law.calendar import WorkCalendar
from gongkai.workcalendar.selectors import working_calendar

SEED = 20261124
AGENCIES = ("civil", "county_civil")
PUBLISHED, IN_REVIEW, RETURNED, DRAFT = "published", "in_review", "returned", "draft"
TOPICS = {code: name for code, name in law_catalog.CIVIL_AFFAIRS_ITEMS} | {"A11": "民政综合"}
# each demo subject's term of the 国务院公文主题分类 (大类\\小类), and the 体裁 terms the demo's words stand for
SUBJECT_TERMS = {
    "社会救助": "民政、扶贫、救灾\\社会福利",
    "养老服务": "民政、扶贫、救灾\\社会福利",
    "儿童福利": "民政、扶贫、救灾\\社会福利",
    "慈善与社会工作": "民政、扶贫、救灾\\社会福利",
    "社会组织": "民政、扶贫、救灾\\社团管理",
    "区划地名": "民政、扶贫、救灾\\行政区划与地名",
    "婚姻登记": "民政、扶贫、救灾\\其他",
    "殡葬管理": "民政、扶贫、救灾\\其他",
    "民政综合": "民政、扶贫、救灾\\其他",
    "政务公开": "综合政务\\政务公开",
    "机构职能": "综合政务\\其他",
    "财政预决算": "财政、金融、审计\\财政",
    "人事": "劳动、人事、监察\\人事工作",
}
GENRE_TERMS = {"解读": "政策解读"}


@dataclass
class Planned:
    """One item of the demo catalog before it is written."""

    on: dt.date  # publication date (for items not published: when the draft was written)
    code: str  # catalog category
    title: str
    body: str
    formed_on: dt.date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    duty: tuple[str, str] | None = None  # (duty key, period label) the item fulfils
    key: str = ""  # a normative document's key, named by its interpretation
    interprets: str = ""
    supersedes: str = ""  # the key of the normative document this one repeals or replaces
    ends: tuple[dt.date, str] | None = None  # (date, "repealed" | "expired")
    state: str = PUBLISHED
    steps_approved: int = 0  # for IN_REVIEW
    reason: str = ""  # for RETURNED


RULES = (
    (
        "政府信息公开保密审查制度",
        "<p>第一条 为规范政府信息公开保密审查工作，根据《中华人民共和国政府信息公开条例》第十七条，制定本制度。</p>"
        "<p>第二条 拟公开的政府信息，由起草科室负责人初审，办公室进行保密审查，分管领导签发。</p>"
        "<p>第三条 涉及个人信息的，公开前应当作去标识化处理。</p>",
    ),
    (
        "依申请公开政府信息办理制度",
        "<p>第一条 本局办公室统一受理政府信息公开申请，登记后按《中华人民共和国政府信息公开条例》第三十三条规定的期限答复。</p>"
        "<p>第二条 需要延长答复期限的，经政府信息公开工作机构负责人同意，并告知申请人。</p>",
    ),
    (
        "政府信息主动公开工作制度",
        "<p>第一条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。</p>"
        "<p>第二条 主动公开基本目录每年更新一次。</p>",
    ),
)


def _months(start: dt.date, today: dt.date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= today:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _first_of_next_month(year: int, month: int, months: int = 1) -> dt.date:
    index = year * 12 + month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _dated(title: str, year: int, subjects: tuple[str, ...]) -> str:
    """A title repeated from last year gets its year after the subject: 市民政局2026年开展……"""
    subject = next((s for s in subjects if title.startswith(s)), "")
    return f"{subject}{year}年{title.removeprefix(subject)}"


class _Planner:
    """Plans one agency's catalog; ``items`` holds only what exists by ``today``."""

    def __init__(self, key: str, agency: Agency, today: dt.date, rng: random.Random, calendar: WorkCalendar):
        self.key, self.agency, self.today, self.rng, self.calendar = key, agency, today, rng, calendar
        self.profile = texts.PROFILES[key]
        self.start = dt.date(today.year - 1, 1, 1)
        self.items: list[Planned] = []

    def workday(self, day: dt.date) -> dt.date:
        while not self.calendar.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add(self, item: Planned) -> None:
        if item.state != PUBLISHED or item.on <= self.today:
            self.items.append(item)

    def plan(self) -> list[Planned]:
        for part in (self.organisation, self.normative, self.budgets, self.personnel, self.lists, self.statistics):
            part()
        self.news()
        self.pending()
        self.rules()
        return self.items

    def rules(self) -> None:
        """The agency's own disclosure rules (政府信息公开制度, 条例第四条), in force since the start of the demo."""
        on = self.workday(self.start + dt.timedelta(days=20))
        for title, body in RULES:
            self.add(Planned(on, "G01", f"{self.agency.name}{title}", body, on, {"genre": "制度", "topic": "政务公开"}))

    def organisation(self) -> None:
        agency, rng = self.agency, self.rng
        on = self.workday(self.start + dt.timedelta(days=rng.randrange(3, 15)))
        leaders = [texts.person_name(rng) for _ in range(5)]
        for name, body in texts.ORGANISATION:
            if name.startswith("办公地址"):
                body = f"<p>办公地址：{agency.address}</p><p>邮政编码：{agency.postcode}</p><p>联系电话：{agency.phone}</p>{body}"
            body = body.format(a=leaders[0], b=leaders[1], c=leaders[2])
            self.add(Planned(on, "A02", f"{agency.name}{name}", body, on, {"genre": "机构信息", "topic": "机构职能"}))
        on = self.workday(dt.date(self.today.year, 3, rng.randrange(2, 20)))
        body = dict(texts.ORGANISATION)["领导信息"].format(a=leaders[0], b=leaders[3], c=leaders[4])
        title = f"{agency.name}领导信息（{on.year}年{on.month}月更新）"
        self.add(Planned(on, "A02", title, body, on, {"genre": "机构信息", "topic": "机构职能"}))

    def normative(self) -> None:
        profile, rng = self.profile, self.rng
        docs = sorted(texts.NORMATIVES[self.key], key=lambda d: (d.year_offset, d.month, d.day))
        serials: dict[int, int] = {}
        for doc in docs:
            formed = dt.date(self.today.year + doc.year_offset, doc.month, doc.day)
            if formed > self.today:
                continue
            serials[formed.year] = serials.get(formed.year, 0) + 1
            on = self.workday(formed + dt.timedelta(days=rng.randrange(2, 8)))
            old = next((o for o in docs if o.ends and o is not doc and o.subject == doc.subject), None)
            effective = on + dt.timedelta(days=30)
            if old is not None:
                old_end = dt.date(self.today.year + old.ends[0], old.ends[1], old.ends[2])
                effective = old_end if old.ends[3] == "repealed" else old_end + dt.timedelta(days=1)
            topic = (
                "养老服务" if "养老" in doc.subject else "殡葬管理" if doc.key in ("gongmu", "binzang") else "社会救助"
            )
            ends = None
            if doc.ends:
                end = dt.date(self.today.year + doc.ends[0], doc.ends[1], doc.ends[2])
                ends = (end, doc.ends[3]) if end <= self.today else None
            meta = {
                "doc_number": f"{profile.doc_prefix}〔{formed.year}〕{serials[formed.year]}号",
                "normative_kind": NormativeKind.NORMATIVE_DOCUMENT,
                "validity": Validity.VALID,
                "genre": doc.genre,
                "topic": topic,
            }
            body = texts.normative_body(profile, doc, effective, old.title if old is not None else "")
            replaces = old.key if old is not None else ""
            self.add(Planned(on, "A01", doc.title, body, formed, meta, key=doc.key, supersedes=replaces, ends=ends))
            if doc.interpretation:
                self.add(
                    Planned(
                        on,
                        "A01",
                        f"《{doc.title}》政策解读",
                        texts.interpretation_body(profile, doc),
                        on,
                        {"genre": "解读", "topic": topic},
                        interprets=doc.key,
                        state=PUBLISHED if doc.interpretation == "published" else IN_REVIEW,
                    )
                )

    def budgets(self) -> None:
        rng, name = self.rng, self.agency.name
        scale = 10 if self.key == "civil" else 4
        meta = {"genre": "预决算", "topic": "财政预决算"}
        for year in (self.start.year, self.today.year):
            on = self.workday(dt.date(year, rng.choice((2, 3)), rng.randrange(1, 28)))
            if self.key == "county_civil" and year == self.today.year:
                on = self.workday(dt.date(year, 6, 3))  # after the 5-31 deadline: fulfilled late
            body = texts.budget_body(self.profile, year, False, rng, scale)
            formed = on - dt.timedelta(days=12)
            self.add(Planned(on, "A07", f"{name}{year}年部门预算", body, formed, meta, ("budget", f"{year}年度")))
            on = self.workday(dt.date(year, rng.choice((8, 9)), rng.randrange(1, 20)))
            body = texts.budget_body(self.profile, year - 1, True, rng, scale)
            formed = on - dt.timedelta(days=10)
            self.add(
                Planned(on, "A07", f"{name}{year - 1}年度部门决算", body, formed, meta, ("final", f"{year - 1}年度"))
            )

    def personnel(self) -> None:
        rng = self.rng
        for year in (self.start.year, self.today.year):
            for kind, month in ((0, 7), (1, 9), (2, rng.choice((4, 5, 10, 11)))):
                on = self.workday(dt.date(year, month, rng.randrange(1, 25)))
                title = self.agency.name + texts.PERSONNEL[kind][0].format(year=year)
                body = texts.personnel_body(kind, rng, self.profile.org, year)
                self.add(Planned(on, "A14", title, body, on, {"genre": "公示", "topic": "人事"}))

    def lists(self) -> None:
        """Every month's three lists by the 10th of the next month, a few late; the city's latest 临时救助 list
        that is already due is still a draft with the ID numbers unmasked (so its duty is overdue)."""
        profile, rng = self.profile, self.rng
        sizes = {"dibao": profile.list_size, "tekun": profile.list_size // 2, "linshi": profile.list_size // 2}
        pools = {
            spec.key: [
                (
                    texts.person_name(rng),
                    texts.resident_id(rng, rng.choice(profile.divisions), *spec.born),
                    rng.choice(profile.towns),
                )
                for _ in range(sizes[spec.key] * 2)
            ]
            for spec in texts.MONTHLY_LISTS
        }
        due_months = [
            (y, m)
            for y, m in _months(self.start, self.today)
            if _first_of_next_month(y, m).replace(day=10) < self.today
        ]
        overdue = due_months[-1] if self.key == "civil" and due_months else None
        for year, month in _months(self.start, self.today):
            label, following = f"{year}年{month}月", _first_of_next_month(year, month)
            for spec in texts.MONTHLY_LISTS:
                pool = pools[spec.key]
                people = [pool[i] for i in sorted(rng.sample(range(len(pool)), sizes[spec.key]))]
                body = texts.list_body(profile, label, spec, texts.list_rows(spec.key, rng, people))
                late = rng.random() < 0.06
                on = self.workday(following + dt.timedelta(days=rng.randrange(10, 15) if late else rng.randrange(1, 8)))
                item = Planned(
                    on,
                    "M01",
                    f"{label}{spec.title}",
                    body,
                    following - dt.timedelta(days=1),
                    {"genre": "名单", "topic": "社会救助"},
                    duty=(spec.key, label),
                )
                if spec.key == "linshi" and (year, month) == overdue:
                    item.state, item.on = DRAFT, self.today
                self.add(item)

    def statistics(self) -> None:
        quarters = [(y, q) for y in (self.start.year, self.today.year) for q in range(1, 5)]
        due = {(y, q): _first_of_next_month(y, q * 3, 3) - dt.timedelta(days=1) for y, q in quarters}
        missed = [k for k in quarters if due[k] < self.today][-1:] if self.key == "county_civil" else []
        for year, quarter in quarters:
            if (year, quarter) in missed:
                continue  # the county has not published it: overdue
            label = f"{year}年第{quarter}季度"
            second = _first_of_next_month(year, quarter * 3, 2)
            on = self.workday(second + dt.timedelta(days=self.rng.randrange(3, 24)))
            body = texts.statistics_body(self.profile, label, self.rng, 10 if self.key == "civil" else 4)
            meta = {"genre": "统计数据", "topic": "社会救助"}
            self.add(Planned(on, "M01", f"{label}困难群众救助情况统计", body, on, meta, ("stats", label)))

    def news(self) -> None:
        profile, rng = self.profile, self.rng
        used, titles = set(), {item.title for item in self.items}
        for year, month in _months(self.start, self.today):
            count = rng.randint(*profile.news_per_month)
            chosen = [t for t in texts.SEASONAL_NEWS if month in t[1] and (year, t[2]) not in used][:count]
            fresh = [t for t in texts.NEWS if (year, t[2]) not in used]
            chosen += rng.sample(fresh, max(0, count - len(chosen)))
            for code, _, template, detail in chosen:
                used.add((year, template))
                on = self.workday(dt.date(year, month, rng.randrange(1, 29)))
                values = {
                    "org": profile.org,
                    "place": profile.place,
                    "unit": profile.unit,
                    "town": rng.choice(profile.towns),
                    "year": year,
                    "prev": year - 1,
                    "n": rng.randrange(6, 48),
                }
                title = template.format(**values)
                if title in titles:
                    title = _dated(title, year, (profile.org, profile.place, values["town"]))
                titles.add(title)
                body = texts.news_body(profile, on, code, detail.format(**values))
                self.add(Planned(on, code, title, body, on, {"genre": "工作动态", "topic": TOPICS[code]}))

    def pending(self) -> None:
        """Recent items still on their way: waiting for a step, returned with a reason, a draft."""
        today, org = self.today, self.profile.org
        days = dt.timedelta
        if self.key != "civil":
            body = f"<p>{today.year}年，{org}坚持兜底线、织密网、建机制，养老服务体系不断完善……</p>"
            self.add(Planned(today - days(1), "M02", f"{org}{today.year}年度养老服务工作总结", body, state=DRAFT))
            return
        body = f"<p>会议通报了{today.year}年以来全市低保、特困供养和临时救助工作情况，部署下一阶段重点工作。</p>"
        title = f"{org}召开{today.year}年社会救助工作推进会"
        self.add(Planned(today - days(2), "M01", title, body, today - days(3), state=IN_REVIEW, steps_approved=1))
        body = "<p>各乡镇人民政府、街道办事处：为切实保障困难群众温暖过节，现就有关工作通知如下……</p>"
        title = f"关于做好{today.year + 1}年元旦春节期间困难群众走访慰问工作的通知"
        self.add(Planned(today - days(1), "M01", title, body, today - days(1), state=IN_REVIEW))
        body = "<p>为进一步规范临时救助审批程序，现将本市临时救助审批时限和办理流程公告如下……</p>"
        title = f"江源市民政局关于{today.year}年临时救助审批流程的公告"
        self.add(Planned(today - days(3), "M01", title, body, today - days(4), state=IN_REVIEW, steps_approved=2))
        body = f"<p>截至{today.month}月，全市共发放高龄津贴、养老服务补贴4,216.35万元，惠及老年人3.2万人……</p>"
        reason = "文中统计数据尚未经规划财务科核对，请核对后重新送审。"
        title = f"{today.year}年全市养老服务补贴发放情况"
        self.add(Planned(today - days(6), "M02", title, body, today - days(6), state=RETURNED, reason=reason))


def _people(agency: Agency) -> dict[str, Any]:
    """The agency's drafter, reviewer and approver; the system administrator where the agency has none."""
    users = get_user_model().objects
    admin = users.filter(is_superuser=True).order_by("pk").first()
    holders = {}
    for role in (Role.DRAFTER, Role.REVIEWER, Role.APPROVER):
        holders[role] = users.filter(memberships__agency=agency, memberships__role=role).order_by("pk").first() or admin
    return holders


def _deciders(agency: Agency, people: dict[str, Any]) -> list[Any]:
    """One person per step where the agency has them (初审 and 保密审查 by two reviewers); an agency short of people
    allows one person several steps (and the drafter to review), each such decision audited as an override."""
    reviewers = list(
        get_user_model().objects.filter(memberships__agency=agency, memberships__role=Role.REVIEWER).order_by("pk")
    )
    deciders: list[Any] = []
    for step in services.review_chain(agency):
        pool = [u for u in (reviewers if step.role == Role.REVIEWER else []) if u not in deciders]
        deciders.append(pool[0] if pool else people[step.role])
    two_steps = len({d.pk for d in deciders}) < len(deciders)
    drafter_reviews = people[Role.DRAFTER] in deciders
    if two_steps or drafter_reviews:
        services.settings_set(
            actor=None, agency=agency, allow_two_steps=two_steps, allow_drafter_review=drafter_reviews
        )
    return deciders


def _with_terms(meta: dict[str, Any], terms: dict[tuple[str, str], VocabularyTerm]) -> dict[str, Any]:
    meta = dict(meta)
    if "topic" in meta:
        meta["topic"] = terms[(VocabularyKind.TOPIC, SUBJECT_TERMS[meta["topic"]])]
    if "genre" in meta:
        meta["genre"] = terms[(VocabularyKind.GENRE, GENRE_TERMS.get(meta["genre"], meta["genre"]))]
    return meta


def _write(agency: Agency, plans: list[Planned]) -> tuple[int, dict[tuple[str, str], CatalogItem]]:
    """Create the items in date order through the services; returns (published count, items by duty period)."""
    people = _people(agency)
    deciders = _deciders(agency, people)
    terms = {(t.kind, str(t)): t for t in VocabularyTerm.objects.select_related("parent")}
    categories = {c.code: c for c in agency.catalog_categories.all()}
    made: dict[str, CatalogItem] = {}
    fulfils: dict[tuple[str, str], CatalogItem] = {}
    repeals: list[tuple[dt.date, str, CatalogItem]] = []
    published = 0
    drafter = people[Role.DRAFTER]
    for plan in sorted(plans, key=lambda p: (p.state != PUBLISHED, p.on)):
        meta = dict(_with_terms(plan.meta, terms), formed_on=plan.formed_on)
        if plan.interprets:
            meta["interprets"] = made[plan.interprets]
        if plan.supersedes in made:
            meta["supersedes"] = made[plan.supersedes]
        category = categories[plan.code]
        item = services.item_create(
            actor=drafter, agency=agency, category=category, title=plan.title, body=plan.body, **meta
        )
        if plan.state == DRAFT:
            continue
        services.item_mask_pii(actor=drafter, item=item)
        services.item_submit(actor=drafter, item=item)
        steps = len(deciders) if plan.state == PUBLISHED else plan.steps_approved
        for decider in deciders[:steps]:
            item = services.item_decide(actor=decider, item=item, approved=True, today=plan.on)
        if plan.state == RETURNED:
            item = services.item_decide(actor=deciders[0], item=item, approved=False, opinion=plan.reason)
        if plan.state != PUBLISHED:
            continue
        published += 1
        made[plan.key or f"#{item.pk}"] = item
        if plan.duty:
            fulfils[plan.duty] = item
        if plan.ends:
            repeals.append((*plan.ends, item))
    for on, validity, item in sorted(repeals, key=lambda r: r[0]):
        services.normative_repeal(actor=people[Role.APPROVER], item=item, on=on, validity=validity)
    return published, fulfils


def _duties(agency: Agency, start: dt.date) -> dict[int, str]:
    """The duties of seed 002 for one agency; returns duty id → the key the planned items use."""
    codes = {c.code: c for c in agency.catalog_categories.filter(code__in=("M01", "A07"))}
    specs: list[tuple[str, dict[str, Any]]] = [
        (s.key, {"name": s.duty_name, "recurrence": "monthly", "day": 10, "category": codes["M01"]})
        for s in texts.MONTHLY_LISTS
    ]
    specs += [
        ("stats", {"name": "困难群众救助情况统计（下一季度第2月底前）", "recurrence": "quarterly", "months_after": 2}),
        ("budget", {"name": "部门预算（每年5月31日前）", "recurrence": "yearly", "month": 5, "day": 31}),
        ("final", {"name": "部门决算（次年9月30日前）", "recurrence": "yearly", "months_after": 9, "day": 30}),
    ]
    keys = {}
    for key, spec in specs:
        spec.setdefault("category", codes["M01"] if key == "stats" else codes["A07"])
        since = start.replace(year=start.year - 1) if key == "final" else start  # last year's accounts are due too
        keys[duties.duty_create(actor=None, agency=agency, starts_on=since, **spec).pk] = key
    return keys


def plan_catalog(agencies: dict[str, Agency], *, today: dt.date) -> dict[str, list[Planned]]:
    """What the demo will publish for each agency, without writing anything (same seed, same plan)."""
    rng, calendar = random.Random(SEED), working_calendar()
    return {key: _Planner(key, agencies[key], today, rng, calendar).plan() for key in AGENCIES}


@service
def load_catalog(agencies: dict[str, Agency], *, today: dt.date | None = None) -> int:
    """Load the demo catalog and duties; returns how many items were published."""
    today = today or timezone.localdate()
    count = 0
    duty_keys: dict[int, str] = {}
    fulfils: dict[tuple[int, str], CatalogItem] = {}
    for key, plans in plan_catalog(agencies, today=today).items():
        agency = agencies[key]
        services.catalog_seed(actor=None, agency=agency)
        services.review_chain_set(actor=None, agency=agency)
        published, by_period = _write(agency, plans)
        count += published
        keys = _duties(agency, dt.date(today.year - 1, 1, 1))
        duty_keys |= keys
        by_key = {v: k for k, v in keys.items()}
        fulfils |= {(by_key[duty], label): item for (duty, label), item in by_period.items()}
    duties.instances_generate(today=today)
    people = {}
    for duty in Duty.objects.filter(pk__in=duty_keys).select_related("agency").prefetch_related("instances"):
        for instance in duty.instances.all():
            item = fulfils.get((duty.pk, instance.period_label))
            if item is not None:
                drafter = people.setdefault(duty.agency_id, _people(duty.agency)[Role.DRAFTER])
                duties.instance_fulfil(actor=drafter, instance=instance, item=item)
    return count
