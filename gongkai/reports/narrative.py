"""Sections 一, 五 and 六 drafted from the figures, and the check that edited text still agrees with the tables.

The draft states only what the data says; what the data cannot know (the agency's own measures) is left as a
bracketed prompt 【……】 for the agency admin to replace.  Every figure the draft states is written in one of the
phrasings of :data:`FIGURE_PHRASES`, and :func:`text_conflicts` reads the same phrasings back out of edited text,
so a figure changed by hand — or a table recomputed after the text was written — is caught.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.core.dates import chinese_date
from gongkai.law.outcomes import RESULT_GROUPS

# Group label (as the 2021 format words it) → the short phrase used in running text.
GROUP_PHRASES = {
    "disclosed": "予以公开",
    "partly_disclosed": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}


def _s3(tables: Mapping[str, Any], row: str) -> int:
    return int(tables["section3"][row]["total"])


def _group_total(tables: Mapping[str, Any], group: str) -> int:
    return sum(_s3(tables, row) for row in RESULT_GROUPS[group][1])


def _s4(tables: Mapping[str, Any], *groups: str) -> int:
    return sum(int(tables["section4"][g]["total"]) for g in groups)


NARRATIVE_ORDER = ("overview", "problems", "other")  # sections 一, 五, 六 (reports.models.NARRATIVE_SECTIONS)


def _engagement(figures: Mapping[str, Any], part: str, key: str) -> int | None:
    engagement = figures.get("engagement")
    return None if not engagement else engagement[part][key]


CHANNEL_WORDS = {"hotline": "电话", "online": "网上", "in_person": "现场", "letter": "信函"}


@dataclass(frozen=True)
class FigurePhrase:
    name: str
    pattern: re.Pattern[str]
    value: Callable[[Mapping[str, Any], Mapping[str, Any]], int | None]  # (tables, figures) → the true figure
    cell: str


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text.replace(" ", r"\s*"))


FIGURE_PHRASES: tuple[FigurePhrase, ...] = (
    FigurePhrase(
        "new",
        _p(r"新收 政府信息公开 申请 (\d+) 件"),
        lambda t, f: _s3(t, "new_this_year"),
        "section3.new_this_year.total",
    ),
    FigurePhrase(
        "carried_in",
        _p(r"上年结转 (?:申请)? (\d+) 件"),
        lambda t, f: _s3(t, "carried_from_last_year"),
        "section3.carried_from_last_year.total",
    ),
    FigurePhrase(
        "closed", _p(r"办结 (?:申请)? (\d+) 件"), lambda t, f: _s3(t, "results_total"), "section3.results_total.total"
    ),
    FigurePhrase(
        "carried_out",
        _p(r"结转下年度 (?:继续办理)? (\d+) 件"),
        lambda t, f: _s3(t, "carried_to_next_year"),
        "section3.carried_to_next_year.total",
    ),
    *(
        FigurePhrase(
            f"group_{group}",
            _p(rf"(?<!部分)(?<!不予){phrase} (\d+) 件"),
            (lambda g: lambda t, f: _group_total(t, g))(group),
            f"section3.{group}",
        )
        for group, phrase in GROUP_PHRASES.items()
    ),
    FigurePhrase(
        "reconsideration",
        _p(r"(?:被申请)? 行政复议 (\d+) 件"),
        lambda t, f: _s4(t, "reconsideration"),
        "section4.reconsideration.total",
    ),
    FigurePhrase(
        "litigation",
        _p(r"(?:被提起)? 行政诉讼 (\d+) 件"),
        lambda t, f: _s4(t, "litigation_direct", "litigation_after_reconsideration"),
        "section4.litigation.total",
    ),
    FigurePhrase(
        "proactive",
        _p(r"主动公开 政府信息 (\d+) 条"),
        lambda t, f: f.get("proactive", {}).get("total"),
        "figures.proactive.total",
    ),
    FigurePhrase(
        "workplan_tasks",
        _p(r"工作要点 共 (\d+) 项任务"),
        lambda t, f: (f.get("workplan") or {}).get("tasks"),
        "figures.workplan.tasks",
    ),
    FigurePhrase(
        "workplan_done",
        _p(r"已完成 (\d+) 项"),
        lambda t, f: (f.get("workplan") or {}).get("done"),
        "figures.workplan.done",
    ),
    FigurePhrase(
        "consultations",
        _p(r"解答群众咨询 (\d+) 人次"),
        lambda t, f: _engagement(f, "consultations", "total"),
        "figures.engagement.consultations.total",
    ),
    FigurePhrase(
        "npc_suggestions",
        _p(r"人大代表建议 (\d+) 件"),
        lambda t, f: _engagement(f, "proposals", "npc"),
        "figures.engagement.proposals.npc",
    ),
    FigurePhrase(
        "cppcc_proposals",
        _p(r"政协委员提案 (\d+) 件"),
        lambda t, f: _engagement(f, "proposals", "cppcc"),
        "figures.engagement.proposals.cppcc",
    ),
    FigurePhrase(
        "replies_published",
        _p(r"公开答复全文 (\d+) 件"),
        lambda t, f: _engagement(f, "proposals", "published"),
        "figures.engagement.proposals.published",
    ),
    FigurePhrase(
        "normative_issued",
        _p(r"制发 行政规范性文件 (\d+) 件"),
        lambda t, f: int(t["section2"]["normative_documents"]["issued"]),
        "section2.normative_documents.issued",
    ),
)


def text_conflicts(narrative: Mapping[str, str], tables: Mapping[str, Any], figures: Mapping[str, Any]) -> list[dict]:
    """Figures stated in the text that contradict the tables: ``[{"section", "phrase", "stated", "actual", "cell"}]``."""
    conflicts = []
    ordered = [k for k in NARRATIVE_ORDER if k in narrative] + [k for k in narrative if k not in NARRATIVE_ORDER]
    for section in ordered:  # sections in statutory order (JSON columns need not keep key order), then any others
        text = narrative.get(section) or ""
        for phrase in FIGURE_PHRASES:
            actual = phrase.value(tables, figures)
            if actual is None:
                continue
            for match in phrase.pattern.finditer(text or ""):
                stated = int(match.group(1))
                if stated != actual:
                    conflicts.append(
                        {
                            "section": section,
                            "phrase": match.group(0),
                            "stated": stated,
                            "actual": actual,
                            "cell": phrase.cell,
                        }
                    )
    return conflicts


def _change(now: int, before: int | None, unit: str) -> str:
    if before is None:
        return ""
    if now == before:
        return "，与上年持平"
    word = "增加" if now > before else "减少"
    diff = abs(now - before)
    if before:
        return f"，较上年{word}{diff}{unit}（{diff * 100 / before:.1f}%）"
    return f"，较上年{word}{diff}{unit}"


def _counted(pairs: Iterable[tuple[str, str]]) -> str:
    """``(name, "12条")`` pairs listed in running text, joined with 、; when a name itself contains 、
    (财政预决算、“三公”经费), every name is quoted with “” so the list stays readable."""
    pairs = list(pairs)
    if any("、" in name for name, _ in pairs):
        return "、".join(f"“{name}”{n}" for name, n in pairs)
    return "、".join(f"{name}{n}" for name, n in pairs)


OVERDUE_REFS_SHOWN = 10  # open overdue requests named in the text; more are summed up with 等


def _late_text(requests: Mapping[str, Any]) -> str:
    """条例 第三十三条: the closed requests answered late, and the open ones already past their due date, named."""
    late, refs = requests.get("late", 0), requests.get("open_overdue_refs") or []
    parts = []
    if late:
        parts.append(f"本年度办结的申请中有{late}件未在法定期限内答复")
    if refs:
        as_of = requests.get("as_of")
        when = f"截至{chinese_date(dt.date.fromisoformat(as_of))}" if as_of else ""
        shown = "、".join(refs[:OVERDUE_REFS_SHOWN]) + ("等" if len(refs) > OVERDUE_REFS_SHOWN else "")
        parts.append(
            ("另有" if late else "有") + f"{len(refs)}件申请{when}已超过法定答复期限尚未办结（申请编号 {shown}）"
        )
    return "；".join(parts)


def _yuan(amount: Decimal | str | int) -> str:
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{int(value):,}"


def draft(
    *, agency_name: str, year: int, tables: Mapping[str, Any], figures: Mapping[str, Any], previous: Mapping | None
) -> dict[str, str]:
    """The draft of sections 一, 五, 六 (keys overview, problems, other) from this year's and last year's figures."""
    proactive = figures.get("proactive", {})
    by_category = proactive.get("by_category", [])
    categories = _counted((name, f"{count}条") for name, count in by_category if count)
    prev_figures = (previous or {}).get("figures", {})
    prev_tables = (previous or {}).get("tables")
    s2 = tables["section2"]
    new = _s3(tables, "new_this_year")
    prev_new = _s3(prev_tables, "new_this_year") if prev_tables else None
    groups = _counted((phrase, f"{_group_total(tables, g)}件") for g, phrase in GROUP_PHRASES.items())
    requests = figures.get("requests", {})
    on_time = requests.get("on_time_rate")
    on_time_text = f"按期答复率{on_time}%。" if on_time is not None else "本年度没有办结的申请。"
    if requests.get("open_overdue"):
        on_time_text += f"另有{requests['open_overdue']}件申请已超过法定答复期限尚未办结。"
    reconsideration = _s4(tables, "reconsideration")
    litigation = _s4(tables, "litigation_direct", "litigation_after_reconsideration")
    total_proactive = proactive.get("total", 0)
    overview = "\n".join(
        [
            f"{year}年，{agency_name}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "现将本年度政府信息公开工作情况报告如下。【请补充本机关的总体工作措施。】",
            f"（一）主动公开。全年主动公开政府信息{total_proactive}条"
            f"{_change(total_proactive, prev_figures.get('proactive', {}).get('total'), '条')}"
            + (f"，其中{categories}。" if categories else "。")
            + f"制发行政规范性文件{s2['normative_documents']['issued']}件，废止{s2['normative_documents']['repealed']}件，"
            f"现行有效{s2['normative_documents']['in_force']}件；发布政策解读{proactive.get('interpretations', 0)}篇。",
            f"（二）依申请公开。全年新收政府信息公开申请{new}件{_change(new, prev_new, '件')}，"
            f"上年结转{_s3(tables, 'carried_from_last_year')}件；办结{_s3(tables, 'results_total')}件，其中{groups}；"
            f"结转下年度继续办理{_s3(tables, 'carried_to_next_year')}件。{on_time_text}",
            "（三）政府信息管理。【请补充信息发布审查、保密审查和个人信息保护的做法。】",
            "（四）平台建设。【请补充政府网站、政务新媒体等平台的建设情况。】" + _interaction(figures),
            f"（五）监督保障。全年因政府信息公开被申请行政复议{reconsideration}件、被提起行政诉讼{litigation}件。"
            "【请补充培训、考核和社会评议情况。】",
        ]
    )
    problems_found = []
    late_text = _late_text(requests)
    if late_text:
        problems_found.append(late_text)
    if figures.get("duties_overdue"):
        problems_found.append(f"有{figures['duties_overdue']}项法定主动公开事项未按时公开")
    if figures.get("policies_without_interpretation"):
        problems_found.append(f"有{figures['policies_without_interpretation']}件政策文件未同步发布解读")
    corrected = sum(int(tables["section4"][g]["corrected"]) for g in tables["section4"])
    if corrected:
        problems_found.append(f"有{corrected}件政府信息公开行政复议、行政诉讼案件结果为纠正")
    if problems_found:
        problems = (
            "本年度政府信息公开工作还存在一些不足：" + "；".join(problems_found) + "。"
            "【请补充原因分析和下一步改进措施。】"
        )
    else:
        problems = "【请说明本年度工作中存在的主要问题及改进情况。】"
    fees = figures.get("fees", {})
    if fees.get("notices"):
        fee_text = (
            f"本年度依据《政府信息公开信息处理费管理办法》发出收费通知{fees['notices']}件，"
            f"金额{_yuan(fees['noticed_yuan'])}元，实际收取信息处理费{_yuan(fees['collected_yuan'])}元。"
        )
    else:
        fee_text = "本年度未收取政府信息公开信息处理费。"
    plan = figures.get("workplan") or {}
    if plan.get("tasks"):
        unfinished = plan["tasks"] - plan["done"]
        lines = [
            f"本年度政务公开工作要点共{plan['tasks']}项任务，已完成{plan['done']}项"
            + (f"，{unfinished}项尚未完成" if unfinished else "")
            + (f"（其中{plan['overdue']}项未按期完成）" if plan.get("overdue") else "")
            + "。具体落实情况如下："
        ]
        lines += [f"{group}　{heading}：{status}" for group, heading, status in plan.get("completion", [])]
        plan_text = "\n".join(lines)
    else:
        plan_text = "【请补充本年度政务公开工作要点落实情况。】"
    other = fee_text + "\n" + plan_text + "\n" + _proposals(figures)
    return {"overview": overview, "problems": problems, "other": other}


def _interaction(figures: Mapping[str, Any]) -> str:
    """Consultations, press events and 舆情 of the year, when the engagement records hold any."""
    engagement = figures.get("engagement") or {}
    consultations, press, opinion = (engagement.get(k) or {} for k in ("consultations", "press", "opinion"))
    parts = []
    if consultations.get("total"):
        channels = _counted(
            (CHANNEL_WORDS[k], f"{v}人次") for k, v in consultations["by_channel"].items() if v and k in CHANNEL_WORDS
        )
        parts.append(f"全年解答群众咨询{consultations['total']}人次（{channels}）")
    if press.get("conferences") or press.get("interviews"):
        parts.append(f"召开新闻发布会{press.get('conferences', 0)}场、开展在线访谈{press.get('interviews', 0)}次")
    if opinion.get("total"):
        parts.append(f"监测政务舆情{opinion['total']}起，回应{opinion.get('responded', 0)}起")
    return ("\n" + "；".join(parts) + "。") if parts else ""


def _proposals(figures: Mapping[str, Any]) -> str:
    proposals = (figures.get("engagement") or {}).get("proposals") or {}
    if not (proposals.get("npc") or proposals.get("cppcc")):
        return "【请补充人大代表建议和政协委员提案办理及结果公开情况；本年度没有承办的，请说明。】"
    text = (
        f"本年度承办人大代表建议{proposals['npc']}件、政协委员提案{proposals['cppcc']}件，"
        f"已答复{proposals['replied']}件，公开答复全文{proposals['published']}件"
    )
    if proposals.get("overdue"):
        text += f"，{proposals['overdue']}件未在期限内答复"
    return text + "。"
