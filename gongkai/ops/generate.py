"""Generated data of the real shape, for benchmarks (``gongkai bench generate``).

An agency tree (a province government, its cities and counties, their departments) and, per agency, applicants and
requests over the years asked for, each walked through a scenario (answered in time or late, corrected or never
corrected, a third party or another agency consulted, extended, a fee asked and paid or not, withdrawn, left open
and overdue) whose events the law's clock (:func:`gongkai.law.clock.compute_clock`) turns into the stored due date,
state and outcome exactly as the services store them; the letters those events issue, rendered from the default
templates and numbered per agency and year; catalog items with Chinese bodies recombined from the seed documents
(``data/seeds``), 索引号, normative documents and their interpretations; recurring duties with their instances, most
fulfilled by an item; the search index; and the published annual reports of the finished years, their tables
computed by the report selectors from the generated rows.

Rows are written with ``bulk_create`` through each app's ``services.bulk_insert`` in batches of 2,000, agency by
agency, so the number of queries grows with the rows divided by the batch, not with the rows. The search index is
written at the end of each chunk through :func:`gongkai.search.services.index_items_bulk` (bulk inserts send no
signal). Deterministic for a given ``seed`` and ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import selectors as agencies_selectors
from gongkai.agencies import services as agencies_services
from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Department, Membership, Role, SerialCounter
from gongkai.audit.services import record
from gongkai.core import bulk
from gongkai.core.contacts import EMAIL, PHONE, contact_digest
from gongkai.core.crypto import digest
from gongkai.core.logs import service
from gongkai.disclosure import services as disclosure_services
from gongkai.disclosure.models import (
    CatalogCategory,
    CatalogItem,
    Duty,
    DutyInstance,
    ItemState,
    NormativeKind,
    Validity,
)
from gongkai.foi import services as foi_services
from gongkai.foi.models import (
    Applicant,
    Delivery,
    FoiSettings,
    IdType,
    InfoRequest,
    Letter,
    LetterKind,
    RequestEvent,
    Source,
)
from gongkai.law import catalog as law_catalog
from gongkai.law import clock as law_clock
from gongkai.law.duties import DueRule, Recurrence, per_item_due, periods_due_by
from gongkai.law.identifiers import make_resident_id, make_uscc
from gongkai.law.outcomes import APPLICANT_KINDS, OUTCOME_FOR_CLOSING_STATE, letter_kind_for
from gongkai.law.receipt import Channel
from gongkai.reports import selectors as reports_selectors
from gongkai.reports import services as reports_services
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.search import services as search_services
from gongkai.workcalendar.selectors import working_calendar

SEEDS_DIR = Path(__file__).parent / "data" / "seeds"
CREDIT_PREFIX = "11980000MB"  # 机关 (11), a region code no real place has (98…), then a serial
MAX_YEARS = 20
TRACKING_ALPHABET = foi_services.TRACKING_ALPHABET
# rows kept in memory before they are written: agencies are generated in chunks of about this many requests+items
CHUNK_ROWS = 20_000


class GenerateError(ValueError):
    """A wrong argument, in Chinese; nothing has been written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Big:
    name: str
    requests: int
    items: int


@dataclass(frozen=True)
class Spec:
    agencies: int
    requests_per_agency: int
    items_per_agency: int
    years: int
    big: tuple[Big, ...] = ()
    seed: int = 1


@dataclass
class Result:
    rows: dict[str, int]
    seconds: float
    agencies: list[int] = field(default_factory=list)  # the generated agencies' ids, root first
    index_seconds: float = 0.0  # of ``seconds``, the time the search index took (its tokeniser is pure Python)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return round(self.total_rows / self.seconds, 1) if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": dict(sorted(self.rows.items())),
            "total_rows": self.total_rows,
            "seconds": round(self.seconds, 2),
            "rows_per_second": self.rows_per_second,
            "index_seconds": round(self.index_seconds, 2),
        }


def parse_big(text: str) -> Big:
    """``NAME:REQUESTS:ITEMS`` → a big agency; a malformed one is refused in Chinese."""
    parts = (text or "").rsplit(":", 2)
    if len(parts) != 3 or not parts[0].strip():
        raise GenerateError(f"--big 的格式应为 名称:申请数:信息数（如 省民政厅:100000:50000），收到“{text}”")
    name, requests, items = parts[0].strip(), parts[1].strip(), parts[2].strip()
    if not (requests.isdigit() and items.isdigit()):
        raise GenerateError(f"--big “{text}”：申请数和信息数应为非负整数")
    if len(name) > 60:
        raise GenerateError(f"--big “{text}”：机关名称不能超过60个字")
    return Big(name, int(requests), int(items))


def check(spec: Spec) -> None:
    """Refuse impossible sizes before anything is written."""
    for value, what in (
        (spec.agencies, "--agencies"),
        (spec.requests_per_agency, "--requests-per-agency"),
        (spec.items_per_agency, "--items-per-agency"),
        (spec.years, "--years"),
    ):
        if value < 0:
            raise GenerateError(f"{what} 不能为负数（收到 {value}）")
    if spec.agencies < 1 and not spec.big:
        raise GenerateError("--agencies 至少为 1（或用 --big 指定大机关）")
    if not 1 <= spec.years <= MAX_YEARS:
        raise GenerateError(f"--years 应在 1 到 {MAX_YEARS} 之间（收到 {spec.years}）")
    names = [big.name for big in spec.big]
    if len(set(names)) != len(names):
        raise GenerateError("--big 的机关名称不能重复")
    most = max([spec.items_per_agency, *(big.items for big in spec.big)])
    if most / spec.years > 90_000:
        raise GenerateError(
            f"每个机关每年最多生成 90000 条主动公开信息（索引号流水号为五位数）：{most} 条请分到更多年份（--years）"
        )


# --- text ------------------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？\n]{12,160}[。！？]")
_CONTACT = re.compile(r"@|电话|邮箱|传真|邮编|地址|读者|\d{7,}|http|www", re.IGNORECASE)


class Corpus:
    """Sentences of the seed documents (annual reports as agencies published them), recombined into bodies."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or SEEDS_DIR
        sentences: list[str] = []
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for match in _SENTENCE.finditer(text):
                sentence = match.group(0).strip(" ，,、")
                if not _CONTACT.search(sentence):
                    sentences.append(sentence)
        if len(sentences) < 20:
            raise GenerateError(f"种子文档太少：{folder} 中只找到 {len(sentences)} 个可用句子")
        self.sentences = sentences

    def body(self, rng: random.Random, length: int) -> str:
        """Paragraphs of sentences drawn at random until ``length`` characters, as the rich text items store."""
        paragraphs, paragraph, size, chars = [], [], rng.randrange(2, 6), 0
        while chars < length:
            sentence = rng.choice(self.sentences)
            paragraph.append(sentence)
            chars += len(sentence)
            if len(paragraph) >= size:
                paragraphs.append("".join(paragraph))
                paragraph, size = [], rng.randrange(2, 6)
        if paragraph:
            paragraphs.append("".join(paragraph))
        return "".join(f"<p>{p}</p>" for p in paragraphs)


def _body_length(rng: random.Random) -> int:
    """A few hundred to a few thousand characters, most near a thousand (as published notices run)."""
    return int(min(max(rng.lognormvariate(6.9, 0.6), 200), 8000))


PLACE_CHARS = "江河青山云安平宁丰泰兴和新东西南北长永德华阳明清源康乐富春秋嘉定远"
DEPARTMENTS = (
    "民政局",
    "教育局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "市场监督管理局",
    "应急管理局",
    "司法局",
    "审计局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "文化和旅游局",
    "水利局",
    "商务局",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏燕宇浩亮凯俊"
ORG_KINDS = {
    "commercial_enterprise": ("{place}{word}有限公司", ("恒达", "安康", "宏远", "鑫源", "博瑞", "众诚")),
    "research_institution": ("{place}大学{word}研究中心", ("社会保障", "公共管理", "法治政府", "城乡发展")),
    "public_interest_org": ("{place}{word}公益服务中心", ("阳光助残", "春晖", "爱心", "益行")),
    "legal_service_org": ("{place}{word}律师事务所", ("正义", "明理", "衡平", "公信")),
    "other_org": ("{place}{word}村民委员会", ("东关", "西岭", "南湾", "北坡")),
}
APPLICANT_WEIGHTS = {
    "natural_person": 76,
    "commercial_enterprise": 9,
    "research_institution": 2,
    "public_interest_org": 3,
    "legal_service_org": 6,
    "other_org": 4,
}
assert set(APPLICANT_WEIGHTS) == set(APPLICANT_KINDS)
# The outcomes officers record (the automatic ones, （六）1–2, follow from the clock): most disclosed or not held.
OUTCOME_WEIGHTS = {
    "disclosed": 40,
    "partly_disclosed": 12,
    "withheld_state_secret": 1,
    "withheld_other_law": 1,
    "withheld_security_stability": 1,
    "withheld_third_party": 2,
    "withheld_internal_affairs": 2,
    "withheld_process_info": 3,
    "withheld_enforcement_file": 1,
    "withheld_inquiry_matter": 1,
    "unavailable_not_held": 18,
    "unavailable_needs_creation": 3,
    "unavailable_still_unclear": 3,
    "not_processed_petition": 3,
    "not_processed_repeat": 3,
    "not_processed_publication": 2,
    "not_processed_excessive": 1,
    "not_processed_confirmation": 1,
    "other_other": 2,
}
REASONS = {
    "withheld_state_secret": "该信息经保密审查属于国家秘密",
    "withheld_third_party": "该信息涉及第三方个人隐私，第三方不同意公开",
    "withheld_process_info": "该信息属于讨论记录等过程性信息",
    "unavailable_not_held": "经检索，本机关未制作或获取该信息",
    "not_processed_petition": "该申请属于信访、投诉、举报事项",
}
TOPICS = (
    "{year}年度城乡最低生活保障资金发放明细",
    "特困人员救助供养名单及标准",
    "{year}年临时救助审批情况",
    "养老机构的设立许可及年度检查结果",
    "社区的低保审批材料",
    "婚姻登记档案",
    "公墓建设项目的审批文件",
    "社会组织年检结果",
    "{year}年养老服务补贴发放标准和名单",
    "地名命名的批复文件",
    "困难残疾人生活补贴发放情况",
    "{year}年度部门预算及三公经费",
    "征地补偿安置方案",
    "道路建设项目的环境影响评价文件",
    "行政处罚决定书",
    "{year}年政府集中采购项目的实施情况",
)
ITEM_TITLES = {
    "A01": ("关于{topic}的实施意见", "{place}{topic}管理办法", "关于进一步做好{topic}工作的通知"),
    "A02": ("{agency}机构职能", "{agency}领导信息", "{agency}办公地址和联系方式"),
    "A03": ("{place}{year}年{topic}专项规划", "关于{topic}的政策措施"),
    "A04": ("{year}年{month}月{topic}统计信息", "{year}年第{quarter}季度{topic}统计数据"),
    "A05": ("{topic}行政许可办理结果公示（{year}年{month}月）", "{topic}办事指南"),
    "A06": ("行政处罚决定公示（{year}年{month}月）", "{topic}行政强制实施情况"),
    "A07": ("{agency}{year}年部门预算", "{agency}{year}年部门决算"),
    "A08": ("{topic}行政事业性收费项目及标准",),
    "A09": ("{year}年政府集中采购目录及标准", "{topic}采购项目中标结果公告"),
    "A10": ("{topic}重大建设项目批准和实施情况",),
    "A12": ("{topic}突发事件应急预案", "关于做好{topic}防范应对工作的通知"),
    "A13": ("{year}年{topic}监督检查情况", "{topic}抽查结果公告（{year}年{month}月）"),
    "A14": ("{year}年公务员招录职位表", "{year}年公务员拟录用人员名单公示"),
    "A15": ("关于{topic}的公告", "{topic}工作情况通报"),
    "M01": ("{year}年{month}月城乡低保对象名单", "{year}年{month}月临时救助情况"),
    "M02": ("{year}年养老服务补贴发放名单", "养老机构等级评定结果公示"),
    "M03": ("孤儿基本生活费发放标准（{year}年）",),
    "M04": ("{year}年社会组织年检结果公告",),
    "M05": ("关于{place}部分道路命名的批复",),
    "M06": ("婚姻登记办事指南",),
    "M07": ("公墓年检结果公示（{year}年）",),
    "M08": ("{year}年慈善募捐备案信息",),
    "G01": ("{agency}政府信息公开保密审查制度", "{agency}依申请公开办理规程"),
}
ITEM_TOPICS = (
    "城乡低保",
    "养老服务",
    "社会救助",
    "安全生产",
    "食品安全",
    "义务教育",
    "医疗保障",
    "就业创业",
    "农村公路",
    "生态环境保护",
    "营商环境",
    "政务公开",
    "防汛抗旱",
    "住房保障",
    "乡村振兴",
)


def _place(index: int, suffix: str) -> str:
    """A made-up two- (or three-) character place name, unique per index."""
    n = len(PLACE_CHARS)
    first, second = PLACE_CHARS[index % n], PLACE_CHARS[(index // n + index + 1) % n]
    name = first + (second if second != first else PLACE_CHARS[(index + 7) % n])
    if index >= n * n:
        name += PLACE_CHARS[(index // (n * n)) % n]
    return name + suffix


# --- the agency tree ---------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    agency: Agency
    requests: int
    items: int
    place: str


def _credit_code(serial: int) -> str:
    return make_uscc(f"{CREDIT_PREFIX}{serial:07d}")


def _agency(serial: int, **fields: Any) -> Agency:
    return Agency(
        credit_code=_credit_code(serial),
        address=f"{fields.pop('place', '')}府前路{serial % 90 + 1}号",
        phone=f"0999-{5550000 + serial:07d}",
        office_hours="工作日 8:30—12:00，13:30—17:30",
        **fields,
    )


def _tree(spec: Spec, counts: Counter) -> list[_Plan]:
    """The province government, its cities, their counties and everyone's departments; returns one plan each."""
    n = spec.agencies
    serial = iter(range(1, 10**7))
    province = _agency(
        next(serial),
        name="南岭省人民政府",
        short_name="省政府",
        kind=AgencyKind.GOVERNMENT,
        level=AgencyLevel.PROVINCE,
        place="南岭省",
    )
    counts["agencies"] += agencies_services.bulk_insert([province])
    governments = [(province, "南岭省", True)]
    cities = []
    if n >= 3:
        for i in range(max(1, n // 20)):
            place = _place(i, "市")
            cities.append(
                _agency(
                    next(serial),
                    name=f"{place}人民政府",
                    short_name=f"{place}政府",
                    kind=AgencyKind.GOVERNMENT,
                    level=AgencyLevel.CITY,
                    parent=province,
                    supervisor=province,
                    place=place,
                )
            )
        counts["agencies"] += agencies_services.bulk_insert(cities)
        governments += [(city, city.name.removesuffix("人民政府"), False) for city in cities]
    counties = []
    for i in range(n // 8 if cities else 0):
        place, city = _place(i + 500, "县"), cities[i % len(cities)]
        counties.append(
            _agency(
                next(serial),
                name=f"{place}人民政府",
                short_name=f"{place}政府",
                kind=AgencyKind.GOVERNMENT,
                level=AgencyLevel.COUNTY,
                parent=city,
                supervisor=city,
                place=place,
            )
        )
    counts["agencies"] += agencies_services.bulk_insert(counties)
    governments += [(county, county.name.removesuffix("人民政府"), False) for county in counties]
    departments = []
    for i in range(max(n - len(governments), 0)):
        government, place, top = governments[i % len(governments)]
        dept = DEPARTMENTS[(i // len(governments)) % len(DEPARTMENTS)]
        round_ = i // (len(governments) * len(DEPARTMENTS))
        name = f"{place}{dept.replace('局', '厅') if top else dept}" + (f"第{round_ + 1}分局" if round_ else "")
        departments.append(
            _agency(
                next(serial),
                name=name,
                short_name=name.removeprefix(place)[:60],
                kind=AgencyKind.DEPARTMENT,
                level=government.level,
                parent=government,
                supervisor=government,
                place=place,
            )
        )
    bigs = [
        _agency(
            next(serial),
            name=big.name,
            short_name=big.name[:60],
            kind=AgencyKind.DEPARTMENT,
            level=AgencyLevel.PROVINCE,
            parent=province,
            supervisor=province,
            place="南岭省",
        )
        for big in spec.big
    ]
    counts["agencies"] += agencies_services.bulk_insert(departments + bigs)
    regular = [province, *cities, *counties, *departments][:n] if n else []
    plans = [_Plan(a, spec.requests_per_agency, spec.items_per_agency, _place_of(a)) for a in regular]
    plans += [_Plan(a, big.requests, big.items, "南岭省") for a, big in zip(bigs, spec.big, strict=True)]
    return plans


def _place_of(agency: Agency) -> str:
    for suffix in ("人民政府", "民政", "教育"):
        if suffix in agency.name:
            return agency.name.split(suffix)[0]
    return agency.name[:3]


def _people(plans: list[_Plan], counts: Counter) -> dict[int, dict[str, Any]]:
    """Two departments and two officers (case officer, 签发人) per agency; users cannot log in (no password)."""
    users = get_user_model()
    people, departments, memberships = {}, [], []
    rows = []
    for plan in plans:
        code = plan.agency.credit_code
        rows.append(users(username=f"bench-{code}-officer", first_name="经办人", password="!"))
        rows.append(users(username=f"bench-{code}-approver", first_name="签发人", password="!"))
    users.objects.bulk_create(rows, batch_size=bulk.BATCH_SIZE)
    counts["users"] += len(rows)
    for index, plan in enumerate(plans):
        officer, approver = rows[2 * index], rows[2 * index + 1]
        office = Department(agency=plan.agency, name="办公室", position=0)
        departments += [office, Department(agency=plan.agency, name="政务公开科", aliases="公开办", position=1)]
        memberships += [
            Membership(user=officer, agency=plan.agency, role=Role.CASE_OFFICER, department=office),
            Membership(user=approver, agency=plan.agency, role=Role.APPROVER, department=office),
        ]
        people[plan.agency.pk] = {"officer": officer, "approver": approver}
    counts["departments"] += agencies_services.bulk_insert(departments)
    counts["memberships"] += agencies_services.bulk_insert(memberships)
    return people


def _categories(plans: list[_Plan], counts: Counter) -> dict[int, dict[str, CatalogCategory]]:
    """Each agency's basic catalog, as :func:`gongkai.disclosure.services.catalog_seed` builds it."""
    tops, children = [], []
    for plan in plans:
        for position, (code, name, article) in enumerate(law_catalog.ARTICLE_20_ITEMS):
            tops.append(CatalogCategory(agency=plan.agency, code=code, name=name, article=article, position=position))
        code, name, article = law_catalog.DISCLOSURE_RULES_CATEGORY
        tops.append(CatalogCategory(agency=plan.agency, code=code, name=name, article=article, position=50))
    counts["catalog categories"] += disclosure_services.bulk_insert(tops)
    by_agency: dict[int, dict[str, CatalogCategory]] = {}
    for category in tops:
        by_agency.setdefault(category.agency_id, {})[category.code] = category
    for plan in plans:
        parent = by_agency[plan.agency.pk]["A11"]
        for position, (code, name) in enumerate(law_catalog.CIVIL_AFFAIRS_ITEMS, start=100):
            children.append(
                CatalogCategory(
                    agency=plan.agency,
                    parent=parent,
                    code=code,
                    name=name,
                    article="第二十条第（十一）项",
                    position=position,
                )
            )
    counts["catalog categories"] += disclosure_services.bulk_insert(children)
    for category in children:
        by_agency[category.agency_id][category.code] = category
    return by_agency


# --- requests ----------------------------------------------------------------------------------------------------


class _Numbers:
    """Per agency and year serials (letters, 索引号), stored in the agencies' counters at the end."""

    def __init__(self) -> None:
        self.last: dict[tuple[int, str, int], int] = {}

    def next(self, agency_id: int, kind: str, year: int) -> int:
        key = (agency_id, kind, year)
        self.last[key] = self.last.get(key, 0) + 1
        return self.last[key]

    def counters(self) -> list[SerialCounter]:
        return [
            SerialCounter(agency_id=agency_id, kind=kind, year=year, last_serial=last)
            for (agency_id, kind, year), last in sorted(self.last.items())
        ]


def _tracking_code(year: int, serial: int) -> str:
    """Unique per year: the serial scrambled by an odd multiplier modulo 32⁶ (a bijection), in the app's alphabet."""
    value = (serial * 0x2F1A5B3 + 0x1234567) % (32**6)
    chars = []
    for _ in range(6):
        value, digit = divmod(value, 32)
        chars.append(TRACKING_ALPHABET[digit])
    return f"GK{year}-{''.join(chars)}"


def _workday(rng: random.Random, calendar, start: dt.date, end: dt.date) -> dt.date:
    span = max((end - start).days, 0)
    for _ in range(20):
        day = start + dt.timedelta(days=rng.randrange(span + 1))
        if calendar.is_workday(day):
            return day
    return calendar.add_workdays(start, 1).date


def _applicant(rng: random.Random, agency: Agency, kind: str, serial: int) -> Applicant:
    if kind == "natural_person":
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000))
        number = make_resident_id(f"990102{birth:%Y%m%d}{serial % 1000:03d}")
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randrange(1, 3)))
        id_type, phone = IdType.RESIDENT_ID, f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
    else:
        pattern, words = ORG_KINDS[kind]
        name = pattern.format(place=_place(rng.randrange(400), "市"), word=rng.choice(words))
        number = make_uscc(f"91990100MA{serial % 10**7:07d}")
        id_type, phone = IdType.CREDIT_CODE, f"0999-{rng.randrange(1000000, 9999999)}"
    email = f"user{serial}@example.cn" if rng.random() < 0.4 else ""
    address = f"{_place(rng.randrange(400), '市')}人民路{rng.randrange(1, 300)}号" if rng.random() < 0.3 else ""
    return Applicant(
        agency=agency,
        kind=kind,
        name=name,
        id_type=id_type,
        id_number=number,
        id_digest=digest(f"{id_type}:{number}"),
        phone=phone,
        email=email,
        address=address,
    )


@dataclass
class _Event:
    type: str
    on: dt.date
    data: dict[str, Any] = field(default_factory=dict)
    approved: bool = False


def _scenario(rng: random.Random, calendar, received: dt.date, today: dt.date) -> list[_Event]:
    """The clock events of one request, chosen by weight; the caller drops those after ``today``."""
    add = calendar.add_workdays

    def on(base: dt.date, low: int, high: int) -> dt.date:
        return add(base, rng.randrange(low, high + 1)).date

    due = add(received, law_clock.REPLY_WORKDAYS).date

    def reply(day: dt.date, outcome: str | None = None) -> _Event:
        outcome = outcome or rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
        data = {"outcome": outcome}
        if outcome in ("disclosed", "partly_disclosed"):
            data["documents"] = "相关文件电子版"
        if outcome in REASONS:
            data["reason"] = REASONS[outcome]
        return _Event("reply", day, data)

    if due >= today and rng.random() < 0.3:  # still in its period, waiting: for a correction or a third party
        if rng.random() < 0.5:
            return [
                _Event(
                    "correction_requested",
                    on(received, 1, 3),
                    {"period_workdays": 15, "reason": "请明确所需信息的文号"},
                )
            ]
        return [_Event("third_party_sent", on(received, 1, 3), {"reason": "涉及第三方合法权益"})]
    kind = rng.choices(
        ("reply", "late", "open", "correction", "third_party", "other_agency", "extension", "fee", "withdrawn"),
        weights=(62, 5, 3, 8, 6, 2, 7, 4, 3),
    )[0]
    if kind == "reply":
        return [reply(on(received, 1, 19))]
    if kind == "late":
        return [reply(on(due, 1, 8))]
    if kind == "open":
        return []
    if kind == "correction":
        asked = on(received, 1, 6)
        events = [_Event("correction_requested", asked, {"period_workdays": 10, "reason": "请明确所需信息的时间范围"})]
        if rng.random() < 0.7:
            corrected = on(asked, 2, 9)
            events += [_Event("correction_received", corrected), reply(on(corrected, 3, 18))]
        return events
    if kind in ("third_party", "other_agency"):
        sent = on(received, 2, 10)
        answered = on(sent, 3, 14)
        outcome = rng.choice(("withheld_third_party", "partly_disclosed", "disclosed"))
        data = {"reason": "涉及第三方合法权益"} if kind == "third_party" else {}
        return [
            _Event(f"{kind}_sent", sent, data),
            _Event(f"{kind}_replied", answered),
            reply(on(answered, 1, 8), outcome if kind == "third_party" else None),
        ]
    if kind == "extension":
        workdays = rng.choice((10, 15, 20))
        return [
            _Event("extension", on(received, 12, 19), {"workdays": workdays, "reason": "需要调取历年档案核实"}, True),
            reply(on(due, 1, workdays)),
        ]
    if kind == "fee":
        notice = on(received, 3, 10)
        events = [_Event("fee_notice", notice, {"amount_yuan": str(rng.choice((100, 200, 300, 500)))})]
        if rng.random() < 0.6:
            paid = on(notice, 2, 15)
            events += [_Event("fee_paid", paid), reply(on(paid, 2, 10), "disclosed")]
        return events
    return [_Event("withdrawn", on(received, 1, 10))]


def _clock(received: dt.date, events: list[_Event], today: dt.date, calendar) -> law_clock.ClockResult:
    clock_events = [
        law_clock.ClockEvent(
            type=e.type,
            on=e.on,
            period_workdays=e.data.get("period_workdays"),
            workdays=e.data.get("workdays"),
            amount_yuan=Decimal(e.data["amount_yuan"]) if "amount_yuan" in e.data else None,
        )
        for e in events
    ]
    return law_clock.compute_clock(received, clock_events, today=today, calendar=calendar)


EVENT_LETTERS = {
    "correction_requested": LetterKind.CORRECTION,
    "extension": LetterKind.EXTENSION,
    "third_party_sent": LetterKind.THIRD_PARTY,
    "fee_notice": LetterKind.FEE,
}


class _Writer:
    """Builds the rows of a chunk of agencies in memory and writes them table by table."""

    def __init__(
        self,
        spec: Spec,
        *,
        today: dt.date,
        calendar,
        corpus: Corpus,
        counts: Counter,
        numbers: _Numbers,
        people: dict[int, dict[str, Any]],
        categories: dict[int, dict[str, CatalogCategory]],
        settings: dict[int, FoiSettings],
    ) -> None:
        self.spec, self.today, self.calendar, self.corpus = spec, today, calendar, corpus
        self.counts, self.numbers, self.people, self.categories, self.settings = (
            counts,
            numbers,
            people,
            categories,
            settings,
        )
        self.start = dt.date(today.year - spec.years + 1, 1, 2)
        self.serial = 0

    # -- requests --

    def requests(self, rng: random.Random, plans: list[_Plan]) -> None:
        applicants: list[Applicant] = []
        requests: list[InfoRequest] = []
        timelines: list[list[_Event]] = []
        kinds, weights = list(APPLICANT_WEIGHTS), list(APPLICANT_WEIGHTS.values())
        for plan in plans:
            agency = plan.agency
            repeat: list[Applicant] = []
            for _ in range(plan.requests):
                self.serial += 1
                received = _workday(rng, self.calendar, self.start, self.today)
                if repeat and rng.random() < 0.08:  # the same applicant again (not processed: repeat …)
                    applicant = rng.choice(repeat)
                else:
                    applicant = _applicant(rng, agency, rng.choices(kinds, weights=weights)[0], self.serial)
                    applicants.append(applicant)
                    if len(repeat) < 50:
                        repeat.append(applicant)
                events = [e for e in _scenario(rng, self.calendar, received, self.today) if e.on <= self.today]
                if events and events[-1].type == "reply" and any(e.on > self.today for e in events):
                    events = events[:-1]
                try:
                    result = _clock(received, events, self.today, self.calendar)
                except law_clock.ClockError:  # a scenario the dates made impossible: answered in time instead
                    events = []
                    result = _clock(received, events, self.today, self.calendar)
                channel = rng.choices(
                    (Channel.ONLINE, Channel.POST, Channel.IN_PERSON, Channel.EMAIL, Channel.FAX),
                    weights=(55, 20, 15, 8, 2),
                )[0]
                topic = rng.choice(TOPICS).format(year=received.year - 1)
                request = InfoRequest(
                    agency=agency,
                    applicant=applicant,
                    tracking_code=_tracking_code(received.year, self.serial),
                    query_code_hash=digest(f"query:{rng.randrange(10**8):08d}"),
                    email_digest=contact_digest(EMAIL, applicant.email),
                    phone_digest=contact_digest(PHONE, applicant.phone),
                    source=Source.PORTAL if channel == Channel.ONLINE else Source.OFFICER,
                    channel=channel,
                    submitted_on=received,
                    received_on=received,
                    description=f"申请公开{_place_of(agency)}{topic}。",
                    delivery=Delivery.ONLINE if channel == Channel.ONLINE else rng.choice(list(Delivery)),
                    state=result.state,
                    due_on=result.due,
                    paused=result.paused or "",
                    calendar_provisional=result.calendar_provisional,
                    closed_on=result.closed_on if result.state != law_clock.OPEN else None,
                )
                reply = next((e for e in events if e.type == "reply"), None)
                request.outcome = (
                    reply.data["outcome"]
                    if result.state == law_clock.ANSWERED and reply
                    else OUTCOME_FOR_CLOSING_STATE.get(result.state, "")
                )
                request._bench_result = result  # for the letters' dates
                requests.append(request)
                timelines.append(events)
        self.counts["applicants"] += foi_services.bulk_insert(applicants)
        for request in requests:
            request.applicant = request.applicant  # its key, now saved (the object stays cached)
        self.counts["requests"] += foi_services.bulk_insert(requests)
        self._events_and_letters(requests, timelines)

    def _events_and_letters(self, requests: list[InfoRequest], timelines: list[list[_Event]]) -> None:
        letters: list[Letter] = []
        issued: list[tuple[int, Letter]] = []  # the index in ``events`` after which the letter_issued event goes
        events: list[RequestEvent] = []
        for request, timeline in zip(requests, timelines, strict=True):
            people = self.people[request.agency_id]
            result = request._bench_result
            events.append(
                RequestEvent(
                    request=request,
                    type="submitted",
                    on=request.submitted_on,
                    data={"channel": request.channel, "source": request.source},
                )
            )
            events.append(RequestEvent(request=request, type="receipt_confirmed", on=request.received_on))
            for event in timeline:
                events.append(
                    RequestEvent(
                        request=request,
                        type=event.type,
                        on=event.on,
                        data=event.data,
                        actor=people["officer"],
                        approved_by=people["approver"] if event.approved else None,
                    )
                )
                kind = (
                    letter_kind_for(event.data["outcome"]) if event.type == "reply" else EVENT_LETTERS.get(event.type)
                )
                if kind is None:
                    continue
                values = {
                    "reason": event.data.get("reason", ""),
                    "documents": event.data.get("documents", ""),
                    "outcome": event.data.get("outcome", ""),
                    "workdays": event.data.get("workdays"),
                    "amount_yuan": event.data.get("amount_yuan"),
                    "due": result.due,
                    "correction_due": result.correction_due,
                    "fee_due": result.fee_payment_due,
                    "third_party_due": self.calendar.add_workdays(event.on, law_clock.THIRD_PARTY_MAX_WORKDAYS).date,
                }
                settings = self.settings[request.agency_id]
                serial = self.numbers.next(request.agency_id, foi_services.LETTER_SERIALS, event.on.year)
                letter = Letter(
                    agency_id=request.agency_id,
                    request=request,
                    kind=kind,
                    year=event.on.year,
                    serial=serial,
                    number=f"{settings.letter_prefix}〔{event.on.year}〕{serial}号",
                    issued_on=event.on,
                    title=LetterKind(kind).label,
                    body=foi_services.letter_text(request=request, kind=kind, values=values, settings=settings),
                    created_by=people["officer"],
                )
                letters.append(letter)
                issued.append((len(events), letter))
        self.counts["letters"] += foi_services.bulk_insert(letters)
        rows: list[RequestEvent] = []
        previous = 0
        for position, letter in issued:
            rows += events[previous:position]
            rows.append(
                RequestEvent(
                    request=letter.request,
                    type="letter_issued",
                    on=letter.issued_on,
                    actor=letter.created_by,
                    data={"letter_id": letter.pk, "number": letter.number, "kind": letter.kind},
                )
            )
            previous = position
        rows += events[previous:]
        self.counts["request events"] += foi_services.bulk_insert(rows)

    # -- the catalog --

    def catalog(self, rng: random.Random, plans: list[_Plan]) -> list[CatalogItem]:
        items: list[CatalogItem] = []
        interpretations: list[tuple[CatalogItem, CatalogItem]] = []
        duty_rows: list[tuple[Duty, list[Any]]] = []
        fulfilments: list[tuple[Any, CatalogItem | None, Duty]] = []
        for plan in plans:
            agency, categories = plan.agency, self.categories[plan.agency.pk]
            budget = plan.items
            duties = [
                (
                    Duty(
                        agency=agency,
                        name="城乡低保对象名单（每月10日前）",
                        category=categories["M01"],
                        recurrence=Recurrence.MONTHLY,
                        months_after=1,
                        day=10,
                        starts_on=self.start,
                    ),
                    "M01",
                ),
                (
                    Duty(
                        agency=agency,
                        name="部门预算（每年5月31日前）",
                        category=categories["A07"],
                        recurrence=Recurrence.YEARLY,
                        month=5,
                        day=31,
                        starts_on=self.start,
                    ),
                    "A07",
                ),
            ]
            for duty, code in duties:
                rule = DueRule(
                    Recurrence(duty.recurrence), months_after=duty.months_after, day=duty.day, month=duty.month
                )
                periods = periods_due_by(rule, since=duty.starts_on, today=self.today)
                duty_rows.append((duty, periods))
                for period in periods:
                    item = None
                    if budget > 0 and period.due <= self.today and rng.random() < 0.85:
                        published = min(period.due - dt.timedelta(days=rng.randrange(-3, 12)), self.today)
                        published = max(published, period.end)
                        title = f"{_place_of(agency)}{period.label}" + (
                            "城乡低保对象名单" if code == "M01" else "部门预算"
                        )
                        item = self._item(rng, agency, categories[code], title, published)
                        items.append(item)
                        budget -= 1
                    fulfilments.append((period, item, duty))
            for _ in range(max(budget, 0)):
                published = _workday(rng, self.calendar, self.start, self.today)
                roll = rng.random()
                if roll < 0.06:  # a normative document, half of them with an interpretation
                    item = self._normative(rng, plan, categories["A01"], published)
                    items.append(item)
                    if rng.random() < 0.5 and published < self.today:
                        later = min(published + dt.timedelta(days=rng.randrange(0, 5)), self.today)
                        interpretation = self._item(rng, agency, categories["A01"], f"《{item.title}》政策解读", later)
                        interpretations.append((interpretation, item))
                    continue
                code = rng.choice(list(categories))
                title = self._title(rng, plan, code, published)
                item = self._item(rng, agency, categories[code], title, published)
                if roll > 0.97:  # drafts and items in review: no 索引号, not public
                    item.state = ItemState.DRAFT if roll > 0.985 else ItemState.IN_REVIEW
                    item.published_on = item.index_number = item.publication_due_on = None
                    item.review_step = 1 if item.state == ItemState.IN_REVIEW else 0
                items.append(item)
        self._number(items + [i for i, _ in interpretations])
        self.counts["catalog items"] += disclosure_services.bulk_insert(items)
        for interpretation, interpreted in interpretations:
            interpretation.interprets = interpreted
        self.counts["catalog items"] += disclosure_services.bulk_insert([i for i, _ in interpretations])
        duties = [duty for duty, _ in duty_rows]
        self.counts["duties"] += disclosure_services.bulk_insert(duties)
        instances = [
            DutyInstance(
                duty=duty,
                agency_id=duty.agency_id,
                period_label=period.label,
                period_start=period.start,
                period_end=period.end,
                due_on=period.due,
                fulfilled_by=item,
                fulfilled_on=item.published_on if item else None,
            )
            for period, item, duty in fulfilments
        ]
        self.counts["duty instances"] += disclosure_services.bulk_insert(instances)
        return items + [i for i, _ in interpretations]

    def _title(self, rng: random.Random, plan: _Plan, code: str, on: dt.date) -> str:
        template = rng.choice(ITEM_TITLES.get(code, ITEM_TITLES["A15"]))
        return template.format(
            topic=rng.choice(ITEM_TOPICS),
            place=plan.place,
            agency=plan.agency.name,
            year=on.year,
            month=on.month,
            quarter=(on.month - 1) // 3 + 1,
        )[:300]

    def _item(
        self, rng: random.Random, agency: Agency, category: CatalogCategory, title: str, on: dt.date
    ) -> CatalogItem:
        formed = on - dt.timedelta(days=rng.randrange(0, 35))
        return CatalogItem(
            agency=agency,
            category=category,
            title=title[:300],
            publisher=agency.name,
            formed_on=formed,
            published_on=on,
            body=self.corpus.body(rng, _body_length(rng)),
            state=ItemState.PUBLISHED,
            review_step=0,
            publication_due_on=per_item_due(formed, self.calendar),
            created_by=self.people[agency.pk]["officer"],
        )

    def _normative(self, rng: random.Random, plan: _Plan, category: CatalogCategory, on: dt.date) -> CatalogItem:
        agency = plan.agency
        rule = agency.kind == AgencyKind.GOVERNMENT and agency.level in (AgencyLevel.PROVINCE, AgencyLevel.CITY)
        kind = NormativeKind.RULE if rule and rng.random() < 0.3 else NormativeKind.NORMATIVE_DOCUMENT
        item = self._item(rng, agency, category, self._title(rng, plan, "A01", on), on)
        number = self.numbers.next(agency.pk, "bench.normative", on.year)
        item.doc_number = f"{(agency.short_name or agency.name)[:6]}规〔{on.year}〕{number}号"
        item.normative_kind = kind
        roll = rng.random()
        item.validity = Validity.VALID if roll < 0.85 else Validity.EXPIRED if roll < 0.93 else Validity.REPEALED
        if item.validity != Validity.VALID:
            item.repealed_on = min(on + dt.timedelta(days=rng.randrange(30, 700)), self.today)
        return item

    def _number(self, items: list[CatalogItem]) -> None:
        """索引号 in publication order, per agency and year (as :func:`gongkai.disclosure.services` takes them)."""
        published = [i for i in items if i.state == ItemState.PUBLISHED]
        for item in sorted(published, key=lambda i: (i.agency_id, i.published_on)):
            year = item.published_on.year
            serial = self.numbers.next(item.agency_id, disclosure_services.INDEX_SERIALS, year)
            item.index_number = law_catalog.index_number(
                credit_code=item.agency.credit_code, category_code=item.category.code, year=year, serial=serial
            )


# --- the whole run -----------------------------------------------------------------------------------------------


def _chunks(plans: list[_Plan]) -> list[list[_Plan]]:
    chunks, current, size = [], [], 0
    for plan in plans:
        current.append(plan)
        size += plan.requests + plan.items
        if size >= CHUNK_ROWS:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def already_generated() -> bool:
    return agencies_selectors.agency_by_credit_code(_credit_code(1)) is not None


@service(atomic=False)
def generate(
    spec: Spec,
    *,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    seeds: Path | None = None,
) -> Result:
    """Fill the database with generated data of ``spec``'s size; ``progress(done, total)`` after each chunk (in
    requests + items). Refused (:class:`GenerateError`) before anything is written when the arguments are wrong or
    generated data is already there. Each chunk is one transaction."""
    check(spec)
    corpus = Corpus(seeds)
    if already_generated():
        raise GenerateError("数据库中已有生成的数据（统一社会信用代码 11980000MB…）：请使用空数据库")
    started = time.perf_counter()
    today = today or timezone.localdate()
    calendar = working_calendar()
    rng = random.Random(spec.seed)
    counts: Counter = Counter()
    numbers = _Numbers()
    with transaction.atomic():
        plans = _tree(spec, counts)
        people = _people(plans, counts)
        settings = {
            plan.agency.pk: FoiSettings(
                agency=plan.agency,
                letter_prefix=f"{(plan.agency.short_name or plan.agency.name)[:8]}公开",
                reconsideration_body=(plan.agency.supervisor.name if plan.agency.supervisor_id else "国务院"),
                court=f"{plan.place}人民法院",
                contact_name=people[plan.agency.pk]["officer"].first_name,
                contact_phone=plan.agency.phone,
            )
            for plan in plans
        }
        counts["foi settings"] += foi_services.bulk_insert(settings.values())
        categories = _categories(plans, counts)
    total = sum(plan.requests + plan.items for plan in plans)
    done, index_seconds = 0, 0.0
    writer = _Writer(
        spec,
        today=today,
        calendar=calendar,
        corpus=corpus,
        counts=counts,
        numbers=numbers,
        people=people,
        categories=categories,
        settings=settings,
    )
    for chunk in _chunks(plans):
        with transaction.atomic():
            writer.requests(rng, chunk)
            items = writer.catalog(rng, chunk)
            indexing = time.perf_counter()
            counts["search entries"] += search_services.index_items_bulk(items)
            index_seconds += time.perf_counter() - indexing
        done += sum(plan.requests + plan.items for plan in chunk)
        if progress:
            progress(done, total)
    with transaction.atomic():
        counts["serial counters"] += agencies_services.bulk_insert(numbers.counters())
        counts["annual reports"] += _reports(plans, spec.years, today)
        record(
            action="ops.bench.generate",
            changes={
                "agencies": spec.agencies,
                "requests_per_agency": spec.requests_per_agency,
                "items_per_agency": spec.items_per_agency,
                "years": spec.years,
                "big": [f"{b.name}:{b.requests}:{b.items}" for b in spec.big],
                "seed": spec.seed,
                "rows": sum(counts.values()),
            },
        )
    return Result(
        rows=dict(counts),
        seconds=time.perf_counter() - started,
        agencies=[p.agency.pk for p in plans],
        index_seconds=index_seconds,
    )


def _reports(plans: list[_Plan], years: int, today: dt.date) -> int:
    """The published annual report of every finished year, its tables computed from the generated rows."""
    reports = []
    now = timezone.now()
    for plan in plans:
        for year in range(today.year - years + 1, today.year):
            tables = reports_selectors.compute_tables(plan.agency, year)
            reports.append(
                AnnualReport(
                    agency=plan.agency,
                    year=year,
                    state=ReportState.PUBLISHED,
                    tables=reports_selectors.tables_as_json(tables),
                    computed_at=now,
                    checked_at=now,
                    approved_at=now,
                    published_on=dt.date(year + 1, 1, 20),
                )
            )
    return reports_services.bulk_insert(reports)
