"""The legal remedies a reply letter states (条例 第五十一条).

条例 第五十一条: a citizen, legal person or other organisation who believes an agency has infringed their lawful
rights and interests in disclosure work may complain or report, and may apply for administrative reconsideration
(行政复议) or bring an administrative lawsuit (行政诉讼).  The periods come from the two laws, checked against stored
copies (2025):

- 《中华人民共和国行政复议法》 (revised 2023-09-01, in force 2024-01-01) 第二十条: “可以自知道或者应当知道该行政行为
  之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。” — the 2023 wording (“知道或者应当知道”,
  “行政行为”) as quoted in a public rules table keyed ``cn.law.ar#20`` from 2024-01-01; the 60-day rule itself is
  unchanged from the old 第九条 (“自知道该具体行政行为之日起六十日内”, e.g. https://m.lawtime.cn/info/xingzheng/xzfyqx/2009080746764.html)
  and the revision keeps it as the general rule (https://m.maxlaw.cn/tags/11603895429262.shtml).  The exact 2023 text
  was not read from an official copy here.
- 同法 第二十三条 (复议前置): for “申请政府信息公开，行政机关不予公开” the applicant must first apply for
  reconsideration and may sue only against the reconsideration decision
  (http://aqsczx.org.cn/show-69219.html — 内蒙古自治区应急管理厅, “行政复议前置的法理与适用”, 2024-06-16;
  https://wanbiaoku.com/new/60718e68c2674a7cb98a495084a06ebb; http://e.mzyfz.org.cn/paper/2137/paper_57306_11793.html).
- 《中华人民共和国行政诉讼法》 第四十六条: “公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道
  作出行政行为之日起六个月内提出。法律另有规定的除外。” (https://m.law.iask.sina.com.cn/jx/sh/1km2pkrpW5t2.html,
  https://laweer.com/question/d065bd312e3d7.html); 第四十五条: “公民、法人或者其他组织不服复议决定的，可以在收到复议
  决定书之日起十五日内向人民法院提起诉讼。” (https://m.110ask.com/zhishi/17038782826967639500.html).

In a letter the applicant learns of the act on receiving the letter, so the sentence counts from “收到本告知书之日”.
The periods are calendar days and months (日、月), not working days.
"""

from __future__ import annotations

from gongkai.law.outcomes import group_of

__all__ = [
    "LITIGATION_AFTER_RECONSIDERATION_DAYS",
    "LITIGATION_MONTHS",
    "RECONSIDERATION_DAYS",
    "reconsideration_first_required",
    "remedies_sentence",
]

# 《行政复议法》（2023年修订）第二十条：自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。
RECONSIDERATION_DAYS = 60
# 《行政诉讼法》第四十六条：自知道或者应当知道作出行政行为之日起六个月内提出。
LITIGATION_MONTHS = 6
# 《行政诉讼法》第四十五条：不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。
LITIGATION_AFTER_RECONSIDERATION_DAYS = 15

_CHINESE_NUMBERS = {6: "六", 15: "十五", 60: "六十"}


def reconsideration_first_required(outcome_key: str) -> bool:
    """Whether the applicant must apply for reconsideration before suing (复议前置) against this reply.

    True for a refusal to disclose (（三）不予公开) and for a partial disclosure (（二）部分公开), whose withheld part is
    a refusal too; False for the other results.
    """
    # 《行政复议法》（2023年修订）第二十三条第一款第（四）项：申请政府信息公开，行政机关不予公开的，应当先向行政复议
    # 机关申请行政复议。
    return group_of(outcome_key) in ("withheld", "partly_disclosed")


def _check_name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"缺少{what}名称")
    return value.strip()


def remedies_sentence(
    *,
    reconsideration_body: str,
    court: str,
    reconsideration_first: bool = False,
    document: str = "告知书",
) -> str:
    """The standard remedies sentence for a reply letter (告知书 by default).

    With ``reconsideration_first`` (see :func:`reconsideration_first_required`) the letter names reconsideration as the
    first step and litigation only against the reconsideration decision.
    """
    # 条例 第五十一条；《行政复议法》（2023年修订）第二十条、第二十三条；《行政诉讼法》第四十五条、第四十六条。
    body = _check_name(reconsideration_body, "行政复议机关")
    court = _check_name(court, "人民法院")
    document = _check_name(document, "文书")
    act = document.removesuffix("书") or document  # “如对本告知不服” for a 告知书
    days = _CHINESE_NUMBERS[RECONSIDERATION_DAYS]
    if reconsideration_first:
        after = _CHINESE_NUMBERS[LITIGATION_AFTER_RECONSIDERATION_DAYS]
        return (
            f"如对本{act}不服，应当先自收到本{document}之日起{days}日内向{body}申请行政复议；"
            f"对行政复议决定不服的，可以自收到行政复议决定书之日起{after}日内向{court}提起行政诉讼。"
        )
    months = _CHINESE_NUMBERS[LITIGATION_MONTHS]
    return (
        f"如对本{act}不服，可以自收到本{document}之日起{days}日内向{body}申请行政复议，"
        f"或者自收到本{document}之日起{months}个月内向{court}提起行政诉讼。"
    )
