"""``text.inconsistent``: figures in a report's running text that contradict each other.

条例 第六条: “行政机关应当及时、准确地公开政府信息。” (《中华人民共和国政府信息公开条例》, 国务院令第711号, in force
2019-05-15; read in the public repository LawRefBook/Laws, 行政法规/政府信息公开条例(2019-04-03).md).  A report whose
text says “咨询372人次,其中现场咨询331人次,电话咨询61人次” is not accurate: the parts exceed the whole.  Like the prose
checks (:mod:`gongkai.law.report_prose`) these findings are ``warning`` for a person to confirm: the figures are the
agency's, and only it knows which one is wrong.

Four shapes, each seen in real reports (``tests/checker/real/``) and each fired only in its narrow form, precision
first (a false alarm wastes a supervisor's time):

1. **A breakdown that does not add up** — “总数N单位,其中A a单位,B b单位…” (or “…N单位(其中…)”):
   - the parts exceed the whole (``a + b > N``), unless the parts are publication channels (a website and a
     公众号 carry the same items) or one of them is a running total or a share;
   - the parts end in “其他/其它/其余” (so they claim to be complete) and do not make the whole;
   - two series side by side (“本年371件(累计公开4092件)。其中,文件23件(累计184件);动态348条(累计3808条)”):
     the year's parts make the year's whole, so the breakdown is complete, but the running totals do not.
2. **No request, yet information disclosed on request** — the text says no request was received or accepted
   (“未受理依申请公开信息申请”) and no request was carried over, but counts items “依申请公开” (> 0).
3. **The same channel counted twice** — “通过…审计信息栏目公开信息20条” and later “通过审计信息专栏公开政府信息16条”:
   one column (栏目/专栏 of one name), one year, two counts.

Pure Python over the single-cell lines of :func:`gongkai.law.report_reading.read_report` (tables never reach it),
linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.law.report_reading import Finding, Reading

__all__ = ["CODE", "inconsistent_figures", "reading_inconsistencies"]

CODE = "text.inconsistent"

_HAN = r"\u4e00-\u9fff"
# A count and its unit.  条 and 件 are used for the same items (“信息371件…动态348条”), so they are one unit here.
_UNITS = "人次|万元|条|件|起|个|项|篇|份|次|期|场|家|元|人"
_COUNT = re.compile(rf"(\d+(?:,\d{{3}})*)(?:余)?({_UNITS})")
_SAME_UNIT = {"件": "条"}


# Clause marks; a comma between digits (“1,200条”) is a thousands separator, not one of them.
_COMMA = r"(?<!\d),|,(?!\d{3}(?:\D|$))"
_CLAUSE = re.compile(rf"[。;\n]|{_COMMA}")
_PART = re.compile(rf"[;、]|{_COMMA}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _unit(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


@dataclass(frozen=True)
class _Count:
    value: int
    unit: str
    label: str  # the words before the figure, within its clause
    running: int | None = None  # a running total beside it in brackets: “(累计公开184件)”


def _strip_brackets(text: str) -> tuple[str, list[str]]:
    """``text`` without its (innermost) bracketed parts, and those parts."""
    inner: list[str] = []

    def keep(match: re.Match[str]) -> str:
        inner.append(match.group(1))
        return ""

    return re.sub(r"\(([^()]*)\)", keep, text), inner


def _running(brackets: Sequence[str]) -> int | None:
    for text in brackets:
        if "累计" in text:
            counts = _COUNT.findall(text)
            if len(counts) == 1:
                return int(counts[0][0].replace(",", ""))
    return None


def _count_at_end(clause: str) -> _Count | None:
    """The figure a clause ends with (“…主动公开政府信息6391条”), its running total beside it, or None."""
    bare, brackets = _strip_brackets(clause)
    match = re.search(rf"(\d+(?:,\d{{3}})*)({_UNITS})$", bare)
    if not match or "%" in bare:
        return None
    return _Count(
        int(match.group(1).replace(",", "")), _unit(match.group(2)), bare[: match.start()], _running(brackets)
    )


# A part's words that make the list no breakdown: a share, a change, a running total, or the state of the whole
# (“办结…”, “均已…”) rather than a part of it.
_NOT_A_PART = re.compile(
    r"%|占|同比|较上年|较去年|增长|增加|减少|下降|上升|累计|历年|办结|办理完毕|答复|均|全部|总|平均"
)
# Words that open the next statement, after the parts (“办结147件,其中予以公开12件…;结转下年度继续办理8件”).
_NEXT = re.compile(r"(?:结转|另外|另有|此外|同时|上年|下年)")
# Publication channels: one item is published on several, so their counts overlap.
_CHANNEL = re.compile(
    r"网站|门户|微信|微博|公众号|新媒体|平台|客户端|报刊|报纸|电视|广播|政务号|头条|抖音|公开栏|栏目|专栏"
)
_REST = re.compile(r"其他|其它|其余")


def _parts(listing: str) -> list[_Count] | None:
    """The parts of a breakdown (“现场咨询331人次,电话咨询61人次”), or None when the list is not a plain one."""
    parts = []
    for piece in _PART.split(listing):
        if not piece:
            continue
        if _NEXT.match(piece):
            break
        bare, brackets = _strip_brackets(piece)
        counts = _COUNT.findall(bare)
        if not counts:
            if re.search(r"\d", bare):
                return None
            continue
        if len(counts) > 1 or _NOT_A_PART.search(bare) or not re.search(rf"[{_HAN}]", bare.split(counts[0][0])[0]):
            return None
        # A figure in brackets beside a part that is no running total (“形势分析类20条(同时撤销2条)”) changes what the
        # part counts: the breakdown cannot be judged.
        if any(_COUNT.search(text) for text in brackets) and _running(brackets) is None:
            return None
        value, unit = counts[0]
        parts.append(_Count(int(value.replace(",", "")), _unit(unit), bare.split(value)[0], _running(brackets)))
    return parts


def _breakdowns(text: str) -> list[tuple[str, str]]:
    found = []
    for match in re.finditer(r"其中[,:]?", text):
        before = text[: match.start()]
        inside = before.endswith("(")
        if inside:
            before = before[:-1]
            end = text.find(")", match.end())
        else:
            before = before.rstrip(",;。:")
            end = min((i for i in (text.find("。", match.end()), text.find("其中", match.end())) if i >= 0), default=-1)
        if end < 0:
            end = len(text)
        clause = _CLAUSE.split(before)[-1]
        whole = _count_at_end(clause)
        parts = _parts(text[match.end() : end])
        if whole is None or not parts or len(parts) < 2 or any(p.unit != whole.unit for p in parts):
            continue
        total = sum(p.value for p in parts)
        where = text[len(before) - len(clause) : end + (1 if inside else 0)]
        listed = " + ".join(str(p.value) for p in parts)
        channels = any(_CHANNEL.search(p.label) for p in parts)
        if total > whole.value and not channels:
            found.append((where, f"各项之和 {listed} = {total}，超过总数 {whole.value}"))
        elif total < whole.value and _REST.search(parts[-1].label):
            found.append((where, f"所列各项（末项为“其他”）之和 {listed} = {total}，与总数 {whole.value} 不符"))
        elif total == whole.value and whole.running is not None and all(p.running is not None for p in parts):
            running = sum(p.running or 0 for p in parts)
            if running != whole.running:
                listed = " + ".join(str(p.running) for p in parts)
                found.append(
                    (
                        where,
                        f"本年各项之和与总数相符，累计数却不符：{listed} = {running}，而累计总数为 {whole.running}",
                    )
                )
    return found


# --- no request, yet items disclosed on request --------------------------------------------------------------------

_NO_REQUEST = re.compile(r"(?:未|没有|无)(?:收到|受理|接到|接收)[^。,;]{0,8}(?:依申请公开|信息公开申请|公开申请)")
_ON_REQUEST_ITEMS = re.compile(r"依申请公开(?:政府)?信息(?:数)?(?:为|共)?(\d+)(条|件)")
_CARRIED = re.compile(r"结转[^。,;]{0,12}?([1-9]\d*)件")


def _no_request_but_disclosed(whole: str) -> list[tuple[str, str]]:
    no = _NO_REQUEST.search(whole)
    if not no or _CARRIED.search(whole):
        return []
    for match in _ON_REQUEST_ITEMS.finditer(whole):
        if int(match.group(1)) > 0 and not re.search(r"累计|历年", whole[max(0, match.start() - 8) : match.start()]):
            return [
                (
                    _clause(whole, match.start(), match.end()),
                    f"依申请公开信息{match.group(1)}{match.group(2)}，正文却说“{_clause(whole, no.start(), no.end())}”",
                )
            ]
    return []


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``start``–``end`` (between the punctuation marks either side)."""
    marks = ",;。\n"
    left = max(text.rfind(mark, 0, start) for mark in marks) + 1
    right = min((i for i in (text.find(mark, end) for mark in marks) if i >= 0), default=len(text))
    return text[left:right]


# --- one channel, two counts ---------------------------------------------------------------------------------------

_COLUMN = re.compile(r"通过([^,。;]{0,30}?)(栏目|专栏)公开(?:政府)?信息(?:共)?(\d+)(条|件)")


def _column_counts(texts: Sequence[str], year: int | None) -> list[tuple[str, str]]:
    seen: dict[str, tuple[int, str]] = {}
    for text in texts:
        for match in _COLUMN.finditer(text):
            name = re.split(r"网站|门户|平台|的|在", match.group(1))[-1]
            lead = text[max(0, match.start() - 12) : match.start()]
            if len(name) < 2 or not re.fullmatch(rf"[{_HAN}]+", name) or re.search(r"累计|历年|以来", lead):
                continue
            # A count for another year (“2021年通过…栏目公开信息15条”) is no second count of this one.
            if any(int(y) != year for y in re.findall(r"((?:19|20)\d\d)年", lead)):
                continue
            value, where = int(match.group(3)), match.group(0)
            if name in seen and seen[name][0] != value:
                first_value, first = seen[name]
                return [(where, f"同一栏目“{name}”的公开数前文为 {first_value} 条（“{first}”），此处为 {value} 条")]
            seen.setdefault(name, (value, where))
    return []


def inconsistent_figures(paragraphs: Sequence[str], *, year: int | None = None) -> list[Finding]:
    """``text.inconsistent`` findings (``warning``) over a report's paragraphs (its single-cell lines, in order);
    ``year``, the year reported on, tells its figures from other years'."""
    texts = [t for t in (_norm(p) for p in paragraphs) if t]
    found: list[tuple[str, str]] = []
    for text in texts:
        found += _breakdowns(text)
    found += _no_request_but_disclosed("\n".join(texts))
    found += _column_counts(texts, year)
    findings, seen = [], set()
    for where, what in found:
        if where in seen:
            continue
        seen.add(where)
        findings.append(Finding(CODE, "warning", f"正文“{where}”：{what}，数字前后矛盾，请核对。", where))
    return findings


def reading_inconsistencies(reading: Reading) -> list[Finding]:
    """:func:`inconsistent_figures` on a report as read (nothing for a file that is no report)."""
    if reading.format == "unknown":
        return []
    return inconsistent_figures([text for _index, text in reading.paragraphs], year=reading.year)
