"""The reply period of 人大代表建议 and 政协委员提案 handled by an agency (承办单位).

No national rule binds every level alike: each people's congress and each CPPCC committee sets its own 办理办法. The
rules read for this module agree on **three months from the day the suggestion or proposal was assigned (交办)**,
extendable to six months with the assigning office's consent:

- a provincial 代表建议、批评和意见办理规定, 第二十一条: “承办单位应当在接到交办的代表建议、批评和意见后的三个月内
  将办理结果书面答复代表。承办代表建议、批评和意见量大或者复杂的，经交办机构同意，可以延长至六个月内答复。”
  (http://www.fymate.net/html/text/lar/168704/16870457_3.html);
- 福建省 办法 第十九条: “应当在交办之日起三个月内办理完毕并书面答复代表；需要延长时间的，应当经省人大常委会人事
  代表工作机构同意……但所延长时间不得超过三个月。” (http://www.fymate.net/html/text/lar/168024/16802405_2.html);
- 厦门市 办法 第二十一条: “承办单位应当在交办之日起3个月内就办理情况和意见作出答复” (same extension)
  (http://www.fymate.net/html/text/lar/168155/16815559_2.html);
- a city government's joint notice on 建议、提案: “各承办单位要在收到建议、提案之日起3个月内办理完毕并答复代表和委员”
  (http://www.fsou.net/html/text/lar/170104/17010450_1.html) — the same period for 政协提案.

Some places count from the session's close (闭会之日) instead; an officer may therefore set another due date on the
record, up to the six months every rule read allows. Months are counted as 《民法典》 第二百零二条 counts them: the
period ends on the corresponding day of the last month, or that month's last day when it has no such day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt

__all__ = [
    "CPPCC",
    "KINDS",
    "KIND_LABELS",
    "MAX_REPLY_MONTHS",
    "NPC",
    "REPLY_MONTHS",
    "add_months",
    "is_overdue",
    "latest_due_date",
    "reply_due_date",
]

NPC = "npc"
CPPCC = "cppcc"
KINDS = (NPC, CPPCC)
# The official names (Chinese data, whatever the interface language).
KIND_LABELS = {NPC: "人大代表建议", CPPCC: "政协委员提案"}

# 各地代表建议办理办法（如上引第二十一条、第十九条）：自交办之日起三个月内答复。
REPLY_MONTHS = 3
# 同上：经交办机构同意，最长可延长至六个月内答复。
MAX_REPLY_MONTHS = 6


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (《民法典》 第二百零二条)."""
    if months < 0:
        raise ValueError("月数不能为负")
    index = start.year * 12 + (start.month - 1) + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


def reply_due_date(assigned_on: dt.date, months: int = REPLY_MONTHS) -> dt.date:
    """The last day to reply to a suggestion or proposal assigned on ``assigned_on`` (three months by default)."""
    # 各地代表建议办理办法：自交办之日起三个月内答复；《民法典》第二百零二条：到期月的对应日为期间的最后一日。
    if not 1 <= months <= MAX_REPLY_MONTHS:
        raise ValueError(f"答复期限应为 1 至 {MAX_REPLY_MONTHS} 个月")
    return add_months(assigned_on, months)


def latest_due_date(assigned_on: dt.date) -> dt.date:
    """The furthest due date any rule read allows: six months after assignment, with the assigning office's consent."""
    return add_months(assigned_on, MAX_REPLY_MONTHS)


def is_overdue(*, due_on: dt.date, replied_on: dt.date | None, as_of: dt.date) -> bool:
    """Late: replied after the due date, or not replied and the due date has passed by ``as_of``."""
    if replied_on is not None and replied_on <= as_of:
        return replied_on > due_on
    return due_on < as_of
