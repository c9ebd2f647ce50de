"""What an agency's 政府信息公开指南 and 政府信息公开制度 pages state about the law, as data.

- 条例 第十二条: each agency compiles, publishes and keeps current a guide (指南) and a catalog (目录); the guide covers
  how its information is classified and arranged, how to obtain it, and the name, address, office hours, phone, fax
  and internet contact of its 政府信息公开工作机构.
- 条例 第四条: each agency sets up its disclosure rules (工作制度) and designates that office for the daily work:
  handling disclosure, keeping published information current, compiling the guide, the catalog and the annual
  report, and reviewing information before it is published.

The guide page is generated from the agency's data and the statements below; nothing in it is typed by hand. The
numbers come from the modules that apply them — the reply clock (:mod:`gongkai.law.clock`), the catalog
(:mod:`gongkai.law.catalog`), fees (:mod:`gongkai.law.fees`), remedies (:mod:`gongkai.law.remedies`) and the report
deadlines (:mod:`gongkai.law.report`) — so the guide can never promise what the system does not do. The statements
are in our own words, except the three contents of an application (条例 第二十九条第二款), quoted as the law lists them.

Sources: shared/reference/regulation.md (第二十条、第二十三条至第三十三条、第四十二条、第四十九条至第五十一条) and,
for the wording of 第四条、第十二条、第二十九条、第四十七条 and 第五十一条, published copies of the 2019 条例 (国务院令第711号,
e.g. http://www.jxln.gov.cn/lnxxxgk/c114874/202105/84ebe36d86b049a7a499732136322761.shtml; consulted 2025).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.law.catalog import DISCLOSURE_RULES_CATEGORY, PUBLICATION_WORKDAYS
from gongkai.law.clock import (
    CORRECTION_NOTICE_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    REPLY_WORKDAYS,
    THIRD_PARTY_MAX_WORKDAYS,
)
from gongkai.law.fees import FEE_METHOD_LABELS, MEASURES, FeeMethod, FeeSchedule, schedule_on
from gongkai.law.remedies import LITIGATION_AFTER_RECONSIDERATION_DAYS, LITIGATION_MONTHS, RECONSIDERATION_DAYS
from gongkai.law.report import deadline_rule

__all__ = [
    "APPLICATION_CONTENTS",
    "APPLICATION_CONTENTS_BASIS",
    "DISCLOSURE_RULES_CODE",
    "NATIONAL_RULES",
    "REGULATION",
    "REGULATION_SHORT",
    "REPORT_FORMAT",
    "NationalRule",
    "Statement",
    "annual_report_statements",
    "application_statements",
    "fee_statements",
    "office_statements",
    "proactive_statements",
    "remedy_statements",
    "time_limit_statements",
]

REGULATION = "《中华人民共和国政府信息公开条例》"
REGULATION_SHORT = "条例"  # how the guide cites its articles: “条例 第二十条第（一）项”
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"
REPORT_FORMAT = "《中华人民共和国政府信息公开工作年度报告格式》"
REPORT_FORMAT_DOCUMENT = "国办公开办函〔2021〕30号"

# The catalog category holding the agency's own disclosure rules (条例 第四条), see gongkai.law.catalog.
DISCLOSURE_RULES_CODE: str = DISCLOSURE_RULES_CATEGORY[0]


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the guide and the provision it rests on (shown beside it)."""

    basis: str
    text: str


@dataclass(frozen=True, slots=True)
class NationalRule:
    """A national rule that governs the disclosure work of every agency (the 政府信息公开制度 page)."""

    title: str
    document: str
    effective: str
    summary: str


NATIONAL_RULES: tuple[NationalRule, ...] = (
    NationalRule(
        REGULATION,
        "中华人民共和国国务院令第711号（2019年修订）",
        "2019年5月15日起施行",
        "规定主动公开的范围和时限，依申请公开的申请、答复期限和处理方式，监督和保障，以及政府信息公开工作年度报告。",
    ),
    NationalRule(
        FEE_MEASURES,
        MEASURES,
        "2021年1月1日起施行",
        "规定条例第四十二条所称信息处理费的两种计收方式（按件计收、按量计收）、收费标准和缴纳期限。",
    ),
    NationalRule(
        REPORT_FORMAT,
        REPORT_FORMAT_DOCUMENT,
        "自2021年度的年度报告起适用",
        "规定政府信息公开工作年度报告的六个部分和统计表格，各行政机关按统一格式编制、公布（条例第五十条）。",
    ),
)


def office_statements() -> tuple[Statement, ...]:
    """Who discloses: the 政府信息公开工作机构 and what it does."""
    # 条例 第四条
    return (
        Statement(
            "条例 第四条",
            "本机关政府信息公开工作机构负责政府信息公开的日常工作：办理政府信息公开事宜，维护和更新公开的政府信息，"
            "组织编制政府信息公开指南、目录和年度报告，对拟公开的政府信息进行审查。",
        ),
    )


def proactive_statements() -> tuple[Statement, ...]:
    """What is disclosed proactively, where and how soon."""
    return (
        # 条例 第二十条
        Statement(
            "条例 第二十条",
            "本机关按照条例第二十条列举的事项和本机关的主动公开基本目录，分类目主动公开政府信息，每条信息标注索引号、"
            "发布机构、成文日期、发布日期等。",
        ),
        # 条例 第二十三条至第二十五条
        Statement(
            "条例 第二十三条至第二十五条",
            "主动公开的政府信息通过本机关网站的政府信息公开栏目发布，也可以通过政府公报、新闻发布会以及报刊、广播、"
            "电视等途径公开；国家档案馆、公共图书馆和政务服务场所设有政府信息查阅场所。",
        ),
        # 条例 第二十六条
        Statement(
            "条例 第二十六条",
            f"属于主动公开范围的政府信息，自形成或者变更之日起{PUBLICATION_WORKDAYS}个工作日内公开；"
            "法律、法规对公开期限另有规定的，从其规定。",
        ),
    )


# 条例 第二十九条第二款：政府信息公开申请应当包括下列内容 — quoted as the law lists them.
APPLICATION_CONTENTS_BASIS = "条例 第二十九条第二款"
APPLICATION_CONTENTS: tuple[str, ...] = (
    "申请人的姓名或者名称、身份证明、联系方式",
    "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
    "申请公开的政府信息的形式要求，包括获取信息的方式、途径",
)


def application_statements() -> tuple[Statement, ...]:
    """Who may apply, in which form, and which day counts as the day of receipt."""
    return (
        # 条例 第二十七条
        Statement("条例 第二十七条", "公民、法人或者其他组织可以向本机关申请获取政府信息。"),
        # 条例 第二十九条第一款
        Statement(
            "条例 第二十九条第一款",
            "申请向本机关政府信息公开工作机构提出，采用书面形式（网上申请表、信函、当面递交等）；采用书面形式确有"
            "困难的，可以口头提出，由政府信息公开工作机构代为填写申请。",
        ),
        # 条例 第三十一条
        Statement(
            "条例 第三十一条",
            "收到申请之日：当面提交的，为提交之日；邮寄提交的，为本机关签收之日，平常信函等无需签收的，为本机关与"
            "申请人确认之日；通过互联网渠道或者传真提交的，为双方确认之日。",
        ),
    )


def time_limit_statements() -> tuple[Statement, ...]:
    """How long the agency has to reply, corrections (补正) and consultations that stop the clock."""
    return (
        # 条例 第三十三条第一款、第二款
        Statement(
            "条例 第三十三条",
            f"能够当场答复的，当场答复；不能当场答复的，自收到申请之日起{REPLY_WORKDAYS}个工作日内答复。需要延长"
            f"答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过{MAX_EXTENSION_WORKDAYS}"
            "个工作日。",
        ),
        # 条例 第三十条
        Statement(
            "条例 第三十条",
            f"申请内容不明确的，本机关给予指导和释明，并自收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内一次性"
            "告知申请人需要补正的事项和合理的补正期限；答复期限自收到补正后的申请之日起计算。申请人无正当理由逾期"
            "不补正的，视为放弃申请。",
        ),
        # 条例 第三十二条、第三十三条第三款
        Statement(
            "条例 第三十二条、第三十三条第三款",
            f"公开可能损害第三方合法权益的，本机关书面征求第三方意见，第三方自收到征求意见书之日起"
            f"{THIRD_PARTY_MAX_WORKDAYS}个工作日内提出意见；征求第三方和其他机关意见所需时间不计算在答复期限内。",
        ),
    )


def _piece_tiers(schedule: FeeSchedule, upto: int = 50) -> list[tuple[int, int, int]]:
    """(first, last, yuan) runs of the schedule's per-piece fee over the first ``upto`` applications."""
    tiers: list[tuple[int, int, int]] = []
    for nth in range(1, upto + 1):
        rate = schedule.piece_band(nth)[2]
        if tiers and tiers[-1][2] == rate:
            tiers[-1] = (tiers[-1][0], nth, rate)
        else:
            tiers.append((nth, nth, rate))
    return tiers


def _per_piece_text(schedule: FeeSchedule) -> str:
    # 国办函〔2020〕109号 第四条, phrased from the tiers gongkai.law.fees charges (never restated by hand)
    _free, *paid = _piece_tiers(schedule)
    free = schedule.free_pieces_per_month
    parts = [f"同一申请人一个自然月内累计申请{free}件以下（含{free}件）的，不收费"]
    for first, last, rate in paid[:2]:
        parts.append(f"第{first}—{last}件的部分，{rate}元/件")
    (first, last, rate), (_, _, next_rate) = paid[1], paid[2]
    parts.append(f"此后每{last - first + 1}件为一档，每增加一档，收费标准提高{next_rate - rate}元/件")
    return "；".join(parts) + "。"


def _per_page_text(schedule: FeeSchedule) -> str:
    # 国办函〔2020〕109号 第五条
    parts = []
    for first, last, rate in schedule.page_bands:
        if rate == 0:
            parts.append(f"{schedule.free_pages}页以下（含{schedule.free_pages}页）的，不收费")
        elif last is None:
            parts.append(f"{first}页以上的部分，{rate}元/页")
        else:
            parts.append(f"第{first}—{last}页的部分，{rate}元/页")
    return "；".join(parts) + "。"


_METHOD_TEXT = {FeeMethod.PER_PIECE: _per_piece_text, FeeMethod.PER_PAGE: _per_page_text}


def fee_statements(method: FeeMethod | str, *, on: dt.date) -> tuple[Statement, ...]:
    """Fees: free as a rule; the information processing fee by the agency's one method, its tiers and payment, as
    the standard in force ``on`` (today, for the public guide) sets them and citing that standard's articles.

    Raises ValueError (Chinese message) for an unknown method; NotInForce before any standard."""
    try:
        method = FeeMethod(method)
    except ValueError:
        raise ValueError(f"收费方式“{method}”无效，应为按件计收（per_piece）或按量计收（per_page）") from None
    label = FEE_METHOD_LABELS[method]
    schedule = schedule_on(on)
    cite = schedule.measures
    return (
        # 条例 第四十二条
        Statement(
            "条例 第四十二条",
            "依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取"
            f"信息处理费，按照{schedule.title}（{cite}）执行。",
        ),
        # 国办函〔2020〕109号 第三条 (one method per application)
        Statement(
            f"{cite} {schedule.articles['method']}",
            f"本机关对信息处理费采用{label}方式，按照超额累进方式计算，不同时按照两种标准重复计算。",
        ),
        Statement(f"{cite} {schedule.articles[method.value]}", f"{label}：{_METHOD_TEXT[method](schedule)}"),
        # 国办函〔2020〕109号 第七条 (payment)
        Statement(
            f"{cite} {schedule.articles['payment']}",
            f"需要收费的，本机关在答复期限内发出收费通知，说明收费的依据、标准、数额和缴纳方式；申请人应当自收到"
            f"收费通知次日起{schedule.payment_period_workdays}个工作日内缴纳，逾期未缴纳的，视为放弃申请。",
        ),
    )


def remedy_statements(
    *, reconsideration_body: str = "", court: str = "", supervisor: str = ""
) -> tuple[Statement, ...]:
    """Complaints and the two legal remedies, naming the bodies the agency has configured (generic when unset)."""
    body = reconsideration_body.strip() or "本机关的行政复议机关"
    court = court.strip() or "有管辖权的人民法院"
    where = "上一级行政机关或者政府信息公开工作主管部门"
    if supervisor.strip():
        where += f"（{supervisor.strip()}）"
    return (
        # 条例 第四十七条第二款、第五十一条
        Statement(
            "条例 第四十七条第二款、第五十一条",
            f"认为本机关未依法主动公开政府信息、未依法处理政府信息公开申请，或者在政府信息公开工作中侵犯其合法权益的，"
            f"可以向{where}投诉、举报。",
        ),
        # 条例 第五十一条；《行政复议法》（2023年修订）第二十条；《行政诉讼法》第四十六条
        Statement(
            "条例 第五十一条；《行政复议法》第二十条；《行政诉讼法》第四十六条",
            f"对本机关的政府信息公开行为不服的，可以自知道或者应当知道该行为之日起{RECONSIDERATION_DAYS}日内向{body}"
            f"申请行政复议，或者自知道或者应当知道之日起{LITIGATION_MONTHS}个月内向{court}提起行政诉讼。",
        ),
        # 《行政复议法》（2023年修订）第二十三条；《行政诉讼法》第四十五条
        Statement(
            "《行政复议法》第二十三条；《行政诉讼法》第四十五条",
            "对不予公开的答复（包括部分公开中不予公开的部分），应当先申请行政复议；对行政复议决定不服的，可以自收到"
            f"行政复议决定书之日起{LITIGATION_AFTER_RECONSIDERATION_DAYS}日内提起行政诉讼。",
        ),
    )


def annual_report_statements(agency_kind: str, *, on: dt.date) -> tuple[Statement, ...]:
    """When the agency publishes its annual report (条例 第四十九条, the rule for the report due in ``on``'s year)
    and what it contains (第五十条).

    ``agency_kind`` is ``"government"`` or ``"department"``; raises ValueError for anything else."""
    rule = deadline_rule(on.year - 1)
    if agency_kind not in rule.value:
        raise ValueError(f"机关类型“{agency_kind}”无效，应为人民政府（government）或政府部门（department）")
    month, day = rule.value[agency_kind]
    return (
        # 条例 第四十九条
        Statement(
            "条例 第四十九条",  # the 条例 in force (its 2019 revision): the guide speaks of today
            f"本机关于每年{month}月{day}日前向社会公布上一年度政府信息公开工作年度报告。",
        ),
        # 条例 第五十条；国办公开办函〔2021〕30号
        Statement(
            f"条例 第五十条；{REPORT_FORMAT_DOCUMENT}",
            "年度报告包括主动公开政府信息的情况，收到和处理政府信息公开申请的情况，因政府信息公开工作被申请行政复议、"
            f"提起行政诉讼的情况，存在的主要问题及改进情况和其他需要报告的事项，按照{REPORT_FORMAT}编制。",
        ),
    )
