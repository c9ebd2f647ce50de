"""Reconsideration (行政复议) and litigation (行政诉讼) about disclosure: the respondent's deadlines and 表四 of the
annual report.  Pure Python; the cases app hands plain records and a :class:`~gongkai.law.calendar.WorkCalendar`.

Deadlines (checked against stored public copies with the ``search`` tool, 2025; see each constant):

- 《行政复议法》（2023年修订）第四十八条: the respondent (被申请人) answers in writing and hands in the evidence, the
  basis and other material within 十日 of receiving the copy of the application (申请书副本或者申请笔录复印件).
  The stored copies quote the same rule as the former 第二十三条 (“被申请人应当自收到申请书副本或者申请笔录复印件之日起
  十日内，提出书面答复”: https://falvzhan.com/xingzheng/xingzhengfuyi/nr5y05.html,
  http://www.dongchenglsh.com/dongchenglsh/vip_doc/24184472.html); the 2023 numbering is the brief's and the
  revised text's table of contents was seen (https://bjxclawfirm.com/index50.html), not the article itself.
  The 十日 are **working days**: the 2023 law's 第八十八条 counts its “三日”“五日”“七日”“十日” as 工作日, 不含法定休假日
  (the former 第四十条 did so for 五日 and 七日 only: https://juduo.cc/club/3392994.html).  The 2023 wording of
  第八十八条 was not found in a stored copy; should it differ, change ``RECONSIDERATION_REPLY_IN_WORKDAYS``.
- 同法 第六十二条: the reconsideration body decides within 六十日 of accepting the application (受理); when the case is
  complex the head of the reconsideration office may extend it, by at most 三十日.  Same rule as the former 第三十一条
  (https://flkpz.com/xingzheng/xingzhengfuyi/ndggm4.html, https://m.xiaozhentang.com/dongshi/rddab/mJ7Lnz4PAW).
  Calendar days; a period ending on a rest day ends on the next working day (see ``_roll_to_workday``).
- 《行政诉讼法》第六十七条: “被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性
  文件，并提出答辩状” (https://m.110ask.com/cjh/12008391280859804874.html, http://m.bbbaike.com/flbk/48167.html).
  Calendar days: 同法 第一百零一条 applies the civil procedure rules on periods
  (http://www.law-hr.com/ask/1676558741147086.html), and 《民事诉讼法》第八十五条 says “期间开始的时和日，不计算在期间
  内。期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期”
  (http://www.cooxue.com/sifa/48856.html); weekends count as 法定休假日 for this rule
  (https://055110.com/law/1/13850.html).

The 2023 text itself (in force 2024-01-01) was read in the 国家法律法规数据库 copy kept by the public repository
LawRefBook/Laws (诉讼与非诉讼程序法/行政复议法(2023-09-01).md); the rules added with it:

- 第三十条: the body reviews an application within 五日 of receiving it; “行政复议申请的审查期限届满，行政复议机关未作出
  不予受理决定的，审查期限届满之日起视为受理。” — so without a recorded acceptance date the decision period runs from
  the end of the review (5 working days after the filing, 第八十八条), not from the filing.
- 第五十三条: “行政复议机关审理下列行政复议案件，认为事实清楚、权利义务关系明确、争议不大的，可以适用简易程序：……
  （四）属于政府信息公开案件。”
- 第五十四条: under the simplified procedure “被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起五日内，
  提出书面答复” — 五日 are working days (第八十八条第二款).
- 第六十二条第二款: “适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。” — no
  extension (a case unfit for it is turned into the ordinary procedure, 第五十五条).
- 第八十八条: “行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民共和国民事诉讼法》关于期间、送达的规定
  执行。本法关于行政复议期间有关“三日”、“五日”、“七日”、“十日”的规定是指工作日，不含法定休假日。” — so the 3/5/7/10-day
  periods are working days (``add_workdays``), the 30- and 60-day periods calendar days with the 民事诉讼法 rules
  (start day not counted, a last day on a rest day moves to the next working day: ``_calendar_days``).

How 表四 counts a year Y — see :func:`section4`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from gongkai.law.outcomes import SECTION4_COLUMNS, SECTION4_GROUPS

__all__ = [
    "ACCEPTANCE_REVIEW_WORKDAYS",
    "DECISION_DAYS",
    "DECISION_EXTENSION_MAX_DAYS",
    "KINDS",
    "LITIGATION_DEFENCE_DAYS",
    "RECONSIDERATION_REPLY_DAYS",
    "RESULTS",
    "SIMPLIFIED_DECISION_DAYS",
    "SIMPLIFIED_REPLY_WORKDAYS",
    "CaseDeadlines",
    "CaseRecord",
    "UnclassifiedCase",
    "case_deadlines",
    "case_status",
    "empty_section4",
    "section4",
]

RECONSIDERATION = "reconsideration"
LITIGATION_DIRECT = "litigation_direct"
LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration"
KINDS: tuple[str, ...] = tuple(SECTION4_GROUPS)  # the three groups of 表四, in the template's order
KIND_LABELS: dict[str, str] = dict(SECTION4_GROUPS)
assert set(KINDS) == {RECONSIDERATION, LITIGATION_DIRECT, LITIGATION_AFTER_RECONSIDERATION}

# The results 表四 counts; a case without a result is pending (尚未审结).
RESULTS: tuple[str, ...] = ("upheld", "corrected", "other")
RESULT_LABELS: dict[str, str] = {"upheld": "维持", "corrected": "纠正", "other": "其他"}
assert set(RESULTS) | {"pending", "total"} == set(SECTION4_COLUMNS)

# 《行政复议法》（2023年修订）第四十八条：被申请人自收到申请书副本或者申请笔录复印件之日起十日内提出书面答复。
RECONSIDERATION_REPLY_DAYS = 10
# 同法 第八十八条：本法关于行政复议期间有关“十日”的规定是指工作日，不含法定休假日。
RECONSIDERATION_REPLY_IN_WORKDAYS = True
# 同法 第六十二条：自受理申请之日起六十日内作出行政复议决定；延长期限最多不得超过三十日。
DECISION_DAYS = 60
DECISION_EXTENSION_MAX_DAYS = 30
# 同法 第五十四条：适用简易程序审理的，被申请人自收到申请书副本或者申请笔录复印件之日起五日内提出书面答复（第八十八条：
# 工作日）；第六十二条第二款：自受理申请之日起三十日内作出行政复议决定（日历日）。
SIMPLIFIED_REPLY_WORKDAYS = 5
SIMPLIFIED_DECISION_DAYS = 30
# 同法 第三十条：收到申请后五日内审查（第八十八条：工作日）；审查期限届满未作出不予受理决定的，审查期限届满之日起视为受理。
ACCEPTANCE_REVIEW_WORKDAYS = 5
# 《行政诉讼法》第六十七条：被告应当在收到起诉状副本之日起十五日内提交证据和规范性文件，并提出答辩状。
LITIGATION_DEFENCE_DAYS = 15


class Calendar(Protocol):
    def is_workday(self, d: dt.date) -> bool: ...

    def is_official(self, d: dt.date) -> bool: ...

    def add_workdays(self, d: dt.date, n: int): ...


@dataclass(frozen=True)
class CaseDeadlines:
    """The respondent's reply (答复 / 答辩) due date and, for a reconsideration, when the decision is due.

    ``decision_estimated`` when the acceptance date is unknown and the day acceptance is deemed (行政复议法 第三十条:
    the end of the 5-working-day review, ``deemed_accepted_on``) stood in for it — the body may have accepted earlier,
    so the real decision date can only be earlier; ``provisional`` when a day examined lies in a year whose holiday
    notice is not yet official.
    """

    reply_due: dt.date | None
    decision_due: dt.date | None = None
    decision_estimated: bool = False
    provisional: bool = False
    deemed_accepted_on: dt.date | None = None


def _roll_to_workday(d: dt.date, calendar: Calendar) -> tuple[dt.date, bool]:
    """《民事诉讼法》第八十五条：期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"""
    provisional = not calendar.is_official(d)
    while not calendar.is_workday(d):
        d += dt.timedelta(days=1)
        provisional = provisional or not calendar.is_official(d)
    return d, provisional


def _calendar_days(start: dt.date, days: int, calendar: Calendar) -> tuple[dt.date, bool]:
    # 《民事诉讼法》第八十五条：期间开始的日，不计算在期间内。
    return _roll_to_workday(start + dt.timedelta(days=days), calendar)


def case_deadlines(
    kind: str,
    *,
    filed_on: dt.date,
    received_on: dt.date | None,
    calendar: Calendar,
    accepted_on: dt.date | None = None,
    extension_days: int = 0,
    simplified: bool = False,
) -> CaseDeadlines:
    """The deadlines of one case; the reply is due only once the agency has been served the copy (``received_on``).

    ``simplified``: a reconsideration heard under the simplified procedure (行政复议法 第五十三条; disclosure cases
    qualify): the reply within 5 working days (第五十四条), the decision within 30 days (第六十二条第二款)."""
    if kind not in KINDS:
        raise ValueError(f"未知的案件类型：{kind}")
    if not 0 <= extension_days <= DECISION_EXTENSION_MAX_DAYS:
        # 《行政复议法》（2023年修订）第六十二条：延长期限最多不得超过三十日。
        raise ValueError(f"行政复议决定期限最多延长 {DECISION_EXTENSION_MAX_DAYS} 日")
    if simplified and kind != RECONSIDERATION:
        raise ValueError("简易程序只适用于行政复议案件（行政复议法 第五十三条）")
    if simplified and extension_days:
        # 第六十二条第二款 has no extension; a case that needs more time goes to the ordinary procedure (第五十五条).
        raise ValueError(
            "适用简易程序的行政复议案件不能延长决定期限（第六十二条第二款；需要时依第五十五条转为普通程序）"
        )
    provisional = False
    reply_due = None
    if received_on is not None:
        if simplified:
            # 《行政复议法》（2023年修订）第五十四条、第八十八条：五个工作日。
            reckoning = calendar.add_workdays(received_on, SIMPLIFIED_REPLY_WORKDAYS)
            reply_due, provisional = reckoning.date, reckoning.provisional
        elif kind == RECONSIDERATION:
            # 《行政复议法》（2023年修订）第四十八条、第八十八条：十个工作日。
            if RECONSIDERATION_REPLY_IN_WORKDAYS:
                reckoning = calendar.add_workdays(received_on, RECONSIDERATION_REPLY_DAYS)
                reply_due, provisional = reckoning.date, reckoning.provisional
            else:
                reply_due, provisional = _calendar_days(received_on, RECONSIDERATION_REPLY_DAYS, calendar)
        else:
            # 《行政诉讼法》第六十七条、第一百零一条；《民事诉讼法》第八十五条：十五日，末日遇休假日顺延。
            reply_due, provisional = _calendar_days(received_on, LITIGATION_DEFENCE_DAYS, calendar)
    if kind != RECONSIDERATION:
        return CaseDeadlines(reply_due, provisional=provisional)
    # 《行政复议法》（2023年修订）第三十条：审查期限（五个工作日，第八十八条）届满未决定不予受理的，届满之日起视为受理。
    deemed = None
    if accepted_on is None:
        review = calendar.add_workdays(filed_on, ACCEPTANCE_REVIEW_WORKDAYS)
        deemed, provisional = review.date, provisional or review.provisional
    # 同法 第六十二条：普通程序自受理申请之日起六十日内，经批准可延长，最多三十日；简易程序三十日内（第二款）。
    days = SIMPLIFIED_DECISION_DAYS if simplified else DECISION_DAYS + extension_days
    decision_due, decision_provisional = _calendar_days(accepted_on or deemed, days, calendar)
    return CaseDeadlines(reply_due, decision_due, accepted_on is None, provisional or decision_provisional, deemed)


# --- where a case stands --------------------------------------------------------------------------------------

AWAITING_SERVICE = "awaiting_service"  # the copy has not reached the agency yet: no reply due
REPLY_DUE = "reply_due"
REPLY_OVERDUE = "reply_overdue"
AWAITING_DECISION = "awaiting_decision"
DECISION_OVERDUE = "decision_overdue"  # the reconsideration body is past its 第六十二条 period
CONCLUDED = "concluded"
OVERDUE_STATUSES = (REPLY_OVERDUE, DECISION_OVERDUE)


def case_status(
    *,
    received_on: dt.date | None,
    replied_on: dt.date | None,
    concluded_on: dt.date | None,
    reply_due: dt.date | None,
    decision_due: dt.date | None,
    today: dt.date,
) -> str:
    """Where the case stands for the agency on ``today``: the reply is its duty, the decision the body's."""
    if concluded_on is not None:
        return CONCLUDED
    if replied_on is None:
        if received_on is None or reply_due is None:
            return AWAITING_SERVICE
        return REPLY_OVERDUE if today > reply_due else REPLY_DUE
    if decision_due is not None and today > decision_due:
        return DECISION_OVERDUE
    return AWAITING_DECISION


# --- 表四 -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRecord:
    ref: str  # the case number, named when the record cannot be counted
    kind: str
    filed_on: dt.date
    concluded_on: dt.date | None = None
    result: str = ""  # upheld | corrected | other; empty while pending
    joint_defendant_as_reconsideration_body: bool = False


class UnclassifiedCase(ValueError):
    """A case concluded without a result, or of a kind or result 表四 does not know."""

    def __init__(self, refs: list[str], reason: str) -> None:
        self.refs = refs
        shown = "、".join(refs[:10]) + ("等" if len(refs) > 10 else "")
        super().__init__(f"{reason}：{shown}（共 {len(refs)} 件）")


def empty_section4() -> dict[str, dict[str, int]]:
    return {kind: dict.fromkeys(SECTION4_COLUMNS, 0) for kind in KINDS}


def section4(records: Iterable[CaseRecord], year: int) -> dict[str, dict[str, int]]:
    """表四 “政府信息公开行政复议、行政诉讼情况” for ``year``, keyed as report_template.json.

    Which cases count in year Y (the format gives columns, not a counting note; this follows 表三's rule — results by
    the year they were reached, what is open at the year end carried — so that no case is lost or counted twice as a
    result):

    - a case concluded in Y counts once, in the column of its result (维持 / 纠正 / 其他), whatever year it was filed;
    - a case filed by 31 December of Y and not concluded by then counts as 尚未审结 — again in each later year until
      it is concluded, then once by its result;
    - a case filed after Y, or concluded before Y, does not count in Y;
    - a lawsuit in which the agency is a co-defendant only as the reconsideration body (复议机关作共同被告) does not
      count: 国办公开办函〔2016〕201号 — “对于行政复议机关作为共同被告的行政诉讼案件，只计算原行为主体的案件数量，
      不计算行政复议机关的案件数量” (https://czj.taian.gov.cn/art/2020/9/10/art_165819_9795188.html,
      http://www.sayibak.gov.cn/info/2326/33674.htm).

    总计 = 维持 + 纠正 + 其他 + 尚未审结 for every group, by construction (report_template.json rules).
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = empty_section4()
    unknown: list[str] = []
    unclassified: list[str] = []
    for record in records:
        if record.kind not in KINDS:
            unknown.append(record.ref)
            continue
        if record.joint_defendant_as_reconsideration_body:
            continue
        if record.filed_on > end or (record.concluded_on is not None and record.concluded_on < start):
            continue
        row = table[record.kind]
        if record.concluded_on is None or record.concluded_on > end:
            row["pending"] += 1
        elif record.result in RESULTS:
            row[record.result] += 1
        else:
            unclassified.append(record.ref)
    if unknown:
        raise UnclassifiedCase(unknown, "案件类型不属于年报表四的三类")
    if unclassified:
        raise UnclassifiedCase(unclassified, "已审结但未登记结果（维持、纠正或其他）的案件")
    for row in table.values():
        row["total"] = sum(row[c] for c in (*RESULTS, "pending"))
    return table
