"""Checks on the prose of a published annual report (政府信息公开工作年度报告): drafting slips a reader notices.

These are **drafting-quality checks, not statutory rules**: no article of the 条例 or of 国办公开办函〔2021〕30号
says a report may not repeat a word.  They matter because the report is a public document that supervisors, the
press and the public read (条例 第五十条: 年度报告 is published to the public; 第四十九条 asks the report to be
accurate), and slips of this kind are the tell-tale signs of a report copied from another year's or another agency's
text and not read over.  Every finding is therefore a ``warning`` for a person to confirm, never an ``error``.

Pure Python, one pass over the paragraphs (linear in the text; a few milliseconds per report).  The input is the
report's running text as paragraphs — the single-cell lines of :func:`gongkai.law.report_reading.read_report`, so
table rows (several cells) never reach these checks.  Each check was tuned on the real corpus of
``tests/checker/real/`` for precision first (a false alarm wastes a supervisor's time): where a pattern also has
legitimate uses, it fires only in the narrow forms the corpus shows as slips.

Codes (``tests/checker/real/schema.py`` ``EXTRA_CODES``):

- ``prose.repeat``: a word or phrase written twice (“政府政府”, “鸭南乡乡人民政府”, a clause doubled);
- ``prose.missing_word``: a figure without its unit (“主动公开政府信息72,其中…”), a part count without its number
  (“…事项个部分”), enumerated points run together (“…关键信息二是…”);
- ``prose.typo``: known slips (:data:`TYPOS`: “不管提升” for 不断提升, a title “工作告年度报”);
- ``prose.numbering``: the introduction's list of parts against the parts the report has, and numbering that skips
  (一、二、四、 / （一）（二）（四） / 1. 2. 4.) among the report's own headings;
- ``prose.wrong_agency``: the report calls itself by another kind of office (“我办” in a township's report);
- ``prose.stale_figure`` (pair check, :func:`stale_figures`): a figure in this year's text that equals last year's
  table for the same quantity and differs from this year's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from gongkai.law.report_reading import PROSE_CODES, Finding, Reading, text_metrics

__all__ = ["PROSE_CODES", "TYPOS", "prose_findings", "reading_findings", "stale_figures", "stated_figures"]


_HAN = r"\u4e00-\u9fff"
_CN = "〇一二三四五六七八九十"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _cn_int(text: str) -> int | None:
    """一…九十九 or digits as an int; None for anything else."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return digits[text] if len(text) == 1 else None


def _excerpt(text: str, start: int, end: int, margin: int = 8) -> str:
    return text[max(0, start - margin) : end + margin]


# --- prose.repeat ------------------------------------------------------------------------------------------------

# A word of two or more characters written twice in a row (“政府政府”, “保障保障”, “进一步进一步”).  Reduplicated
# verbs of the spoken language (研究研究, 看一看) are no slip; the report's register has almost none, but they are
# spared.
_DOUBLE_WORD = re.compile(rf"([{_HAN}]{{2,8}})\1")
_LEGIT_DOUBLE_WORDS = frozenset({"研究", "讨论", "学习", "商量", "一个", "一步", "一件", "一项", "一条", "一家"})
# A phrase of six or more characters repeated across a comma or 、 (“因政府信息公开工作被申请行政复议、因政府信息公开工作
# 被申请行政复议和提起行政诉讼情况”): one of the two was meant to be another item.
_DOUBLE_PHRASE = re.compile(rf"([{_HAN}]{{6,40}})[、,;]\1")
# One character doubled is mostly legitimate (常常, 人人, 层层, 紧紧, 件件有回应, 村村公开, 市市场监管局 = 市 + 市场…);
# only an agency's own kind doubled is a slip: “鸭南乡乡人民政府”, “我镇镇高度重视”.
_DOUBLE_KIND = re.compile(
    rf"[{_HAN}](乡|镇)\1(?=人民政府|政府|党委)"
    r"|我(乡|镇|区|县|局|委|厅)\2(?=高度|认真|始终|坚持|严格|积极|全面|进一步|不断|按照|根据|依据|围绕|共|累计|主动|"
    r"通过|对|在|把|将|以|紧|深入|切实|持续|加强|注重|重视|结合|落实|贯彻|扎实|及时|进|未|没有|无|收到|受理|公开)"
)
# Characters never doubled in the language (a stray keystroke): “过程性性信息”, “的的” except 的的确确 and 目的的….
_DOUBLE_CHAR = re.compile(r"性性|(?<![目标])的的(?!确)|了了(?!之|解)|和和|及及|并并")


def _repeats(text: str) -> list[tuple[str, str]]:
    out = []
    for match in _DOUBLE_WORD.finditer(text):
        word = match.group(1)
        if word in _LEGIT_DOUBLE_WORDS or len(set(word)) == 1:
            continue
        out.append((match.group(0), f"“{word}”重复"))
    for match in _DOUBLE_PHRASE.finditer(text):
        out.append((_excerpt(text, match.start(), match.end(), 4), f"“{match.group(1)}”重复出现"))
    for match in _DOUBLE_KIND.finditer(text):
        out.append((_excerpt(text, match.start(), match.end()), f"“{match.group(1) or match.group(2)}”字重复"))
    for match in _DOUBLE_CHAR.finditer(text):
        out.append((_excerpt(text, match.start(), match.end()), f"“{match.group(0)[0]}”字重复"))
    return out


# --- prose.missing_word ------------------------------------------------------------------------------------------

# A count of published or received items closed by punctuation, the paragraph's end or the next point (“…二是”)
# with no unit: “主动公开政府信息260余”, “主动公开政府信息72,其中”, “共收到依申请公开事项0三是”.
_NO_UNIT = re.compile(
    r"(?:公开|受理|收到|办理|答复|发布|制作|印发)[^,;。:\d]{0,12}?(?:信息|申请|事项|文件)(?:共|累计)?"
    r"(\d+)(余)?(?=[,;。]|$|[一二三四五六七八九十]是)"
)
# The same for a result of 表三 told in words: “部分公开67,占4.61%” (a district's 2022 summary, not in the corpus).
_NO_UNIT_RESULT = re.compile(r"(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(?:的)?(\d+)(?=[,;。、])")
# “…其他需要报告的事项个部分”: the number of parts left out.
_NO_PART_COUNT = re.compile(rf"[{_HAN}](?<![一二三四五六七八九十两几各每这那])个部分")
# Enumerated points (一是…二是…) where a point starts with no punctuation before it: “获取关键信息二是依申请公开方面”.
_POINT = re.compile(r"(?<![第唯统同之专单万划归合逐不一])([一二三四五六七八九])是")


# An adverb straight before its object, the verb left out: “四是各行政村设立宣传栏及时内容” (公开/更新 missing;
# 2021-2022-paoli-street).  Only before the sentence's end, where nothing can follow as the verb.
_NO_VERB = re.compile(r"(?:及时|定期)(?:内容|信息|数据|动态)(?=[,;。]|$)")


# A sentence cut off: a paragraph that ends in a comma, a 、 or a joining word (“…主动公开政府信息，”) before the next
# heading or point — not a colon (“现将…报告如下:” heads what follows).
_CUT_OFF = re.compile(r"(?:[,、]|[和及与的并])$")
_PART_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、](?!\d)|[一二三四五六七八九十]是)"
)


# A sentence that opens with the year straight after the last one's final word: “…公布公开效果2023年,万潮镇累计发布…”
# (2021-2023-wanchao-town).  “截至2023年,”, “在2023年,” and the like are one sentence.
_YEAR_RUN_ON = re.compile(rf"(?<=[{_HAN}])(?<![至于在自从到止即是为和及与或的])((?:19|20)\d\d年),")


def _run_together(text: str, spaced: str) -> list[tuple[str, str]]:
    points = [(m.start(), _cn_int(m.group(1))) for m in _POINT.finditer(text)]
    # On the text with its spaces: “(三) 政府信息管理情况 2022年,…” is a heading and its text, set apart.
    out = [
        (_excerpt(spaced, m.start(), m.end()), f"“{m.group(1)}”前缺少标点，两句连在一起")
        for m in _YEAR_RUN_ON.finditer(spaced)
    ]
    numbers = {number for _start, number in points}
    previous = 0
    for start, number in points:
        # 一是 counts when 二是 follows (“…工作机制一是领导高度重视。…二是…”); 统一是, 之一是… are no points.
        first_ok = number is not None and (number > 1 or 2 in numbers)
        if number == previous + 1 and first_ok and start > 0 and re.match(rf"[{_HAN}\d]", text[start - 1]):
            out.append((_excerpt(text, start, start + 2), f"“{text[start : start + 2]}”前缺少标点，两句连在一起"))
        if number == previous + 1:
            previous = number
    return out


def _missing_words(text: str, spaced: str, *, part_follows: bool) -> list[tuple[str, str]]:
    """``part_follows``: the next paragraph starts a heading or a point, so this one really ends here (the end of a
    file's excerpt, a page break inside a PDF's paragraph stop anywhere and are not judged)."""
    out = []
    for match in _NO_UNIT.finditer(text):
        if match.end() == len(text) and not part_follows:
            continue
        out.append((_excerpt(text, match.start(), match.end()), f"数字“{match.group(1)}”后缺少单位（条、件）"))
    for match in _NO_UNIT_RESULT.finditer(spaced):  # with its spaces: “部分公开 22 …” is a table row
        out.append((_excerpt(spaced, match.start(), match.end()), f"数字“{match.group(1)}”后缺少单位（件）"))
    if part_follows and len(text) >= 15 and _CUT_OFF.search(text):
        out.append((text[-15:], "句子没有写完（段落以逗号、顿号或连词结尾）"))
    for match in _NO_PART_COUNT.finditer(text):
        out.append((_excerpt(text, match.start(), match.end()), "“个部分”前缺少数目"))
    for match in _NO_VERB.finditer(text):
        out.append((_excerpt(text, match.start(), match.end()), f"“{match.group(0)}”缺少动词（如公开、更新）"))
    return out + _run_together(text, spaced)


# --- prose.typo --------------------------------------------------------------------------------------------------

# Known slips, each seen in a published report: (pattern, what it should read).  Data, extended as reports show more.
TYPOS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"不管(?=提升|提高|加强|完善|深化|优化|强化|规范|拓展|推进)"), "不断"),  # 2021-2023-guangshun-town
    (re.compile(r"工作告年度报|告年度报$|年度告报|年报度告"), "年度报告"),  # 2021-2023-qijiazi-town (its title)
    (re.compile(r"政府信息公工作|政府信息开公"), "政府信息公开"),
    (re.compile(r"他其(?=信息)"), "其他"),  # 龙归镇 2016 (www.sgwjq.gov.cn): “他其信息报告1条”
    (re.compile(r"依申公开(?!请)"), "依申请公开"),
)


def _typos(text: str) -> list[tuple[str, str]]:
    out = []
    for pattern, right in TYPOS:
        for match in pattern.finditer(text):
            out.append((_excerpt(text, match.start(), match.end()), f"“{match.group(0)}”应为“{right}”"))
    return out


# --- prose.numbering ---------------------------------------------------------------------------------------------

# The introduction's account of the report's parts: “本报告由总体情况、…、其他需要报告的事项等六部分组成”.
_PARTS = re.compile(
    r"(?:由|包括|包含|分为)[:]?(?P<list>(?:(?!由|包括|包含|分为)[^。]){4,300}?)(?:等|共)?"
    r"(?P<n>[一二三四五六七八九十两]{1,2}|\d{1,2})?个?(?:部分|方面)(?:组成|内容)?"
)
# … or a list to the sentence's end: “全文包括概述、…、政府信息公开的收费及减免情况、存在的主要问题和改进措施。”
_OPEN_PARTS = re.compile(r"(?:全文|本报告|报告|本年报)(?:内容)?(?:包括|包含)[:]?(?P<list>[^。]{4,300})(?=。)")
# The parts of a report, by the words their names use (the 2008 条例's parts, 2019 and 2021 formats' sections).
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"总体情况|概述|基本(?:工作)?情况|总体概述|总体公开")),
    ("proactive", re.compile(r"主动公开")),
    ("requests", re.compile(r"依申请|收到和处理|申请公开|申请情况")),
    ("review", re.compile(r"复议|诉讼")),
    ("fees", re.compile(r"收费|减免|费用")),
    ("problems", re.compile(r"问题")),
    ("other", re.compile(r"其他|其它|需要报告|附件|附表")),
)
_HEADING = re.compile(r"^([一二三四五六七八九十]{1,2})、(.{2,40})$")
# The 2021 format's section 三 (国办公开办函〔2021〕30号) and its table; a report that has it has no 收费及减免 part.
_FORMAT_2021 = re.compile(r"收到和处理政府信息公开申请情况|国办公开办函〔2021〕30号")


def _families(text: str) -> set[str]:
    return {name for name, pattern in _FAMILIES if pattern.search(text)}


def _items(listing: str) -> list[str]:
    quoted = re.findall(r"[“\"《]([^”\"》]+)[”\"》]", listing)
    if len(quoted) >= 2:  # “总体情况”、…、“政府信息公开行政复议、行政诉讼情况”: the quotes delimit the parts
        return quoted
    # Commas separate the parts when the list has any (“机构建设、保障经费和培训会议情况” is one part), else 、;
    # “…改进措施和其他需要报告的事项” is two parts.
    # “主动公开政府信息情况和收到处理政府信息公开申请情况”: two parts joined by 和 after a part's name.
    listing = re.sub(
        r"以及|(?:(?<=情况)|(?<=措施)|(?<=事项))(?:和|及)|(?:和|及)(?=其他|其它)",
        "、" if not re.search(r"[,;]", listing) else ",",
        listing,
    )
    separator = r"[,;]" if re.search(r"[,;]", listing) else "、"
    items = [item for item in re.split(separator, listing.strip(":")) if item]
    # A clause written twice (“因…被申请行政复议、因…被申请行政复议和提起行政诉讼情况”) is prose.repeat, not a part.
    return [item for k, item in enumerate(items) if not any(other.startswith(item) for other in items[k + 1 :])]


# How the name of a part ends; an item that does not (“政府信息公开行政复议、行政诉讼情况”) may be half of a part
# whose name holds a 、.
_PART_END = re.compile(r"(?:情况|事项|措施|概述|问题|打算|计划|方向|附表|附件|说明|内容|建议|总结)$")


def _counts(items: list[str]) -> set[int]:
    merged = sum(1 for k, item in enumerate(items) if _PART_END.search(item) or k == len(items) - 1)
    return {len(items), merged}


def _parts_findings(
    paragraphs: Sequence[str], headings: list[tuple[int, str]], whole: str, *, new_format: bool
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    first_heading = min((i for i, _h in headings), default=min(len(paragraphs), 12))
    for text in paragraphs[: max(first_heading, 1)]:
        match = _PARTS.search(text) or _OPEN_PARTS.search(text)
        if not match or not re.search(r"报告|年报|全文|内容", text[: match.start() + 1]):
            continue
        listing = match.group("list")
        stated = _cn_int(match.groupdict().get("n") or "")
        items = _items(listing)
        if len(items) < 2:
            continue
        listed = set().union(*(_families(item) for item in items))
        said = _excerpt(text, match.start(), match.end(), 0)
        top = max((n for n, _h in _numbered(headings)), default=0)
        counts = _counts(items)
        if stated is not None and stated not in counts:
            out.append((said, f"称共{stated}部分，实际列出{min(counts)}项"))
        elif stated is not None and top > stated:
            out.append((said, f"称共{stated}部分，而报告的一级标题编到了“{_CN[top] if top <= 10 else top}、”"))
        elif "fees" in listed and (new_format or _FORMAT_2021.search(whole)):
            out.append(
                (
                    said,
                    "列出的是2008年条例时期年报的各部分（含收费及减免情况），而本报告应按现行格式分六部分（一、总体情况至六、其他需要报告的事项）",
                )
            )
        elif stated is not None or not (listing.endswith("等") or text[match.end("list") :].startswith("等")):
            # “包括A、B等” without a number lists some parts only; a closed list must name every part the report has.
            missing = [h for _i, h in headings if (f := _families(h)) and not f & listed]
            if missing:
                out.append((said, f"所列各部分未包括报告中的“{missing[0]}”"))
        break
    return out


def _numbered(headings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = []
    for _i, heading in headings:
        match = _HEADING.match(heading)
        number = _cn_int(match.group(1)) if match else None
        if number:
            out.append((number, heading))
    return out


# Numbered items, three levels: 一、 / （一） / 1. or 1、 — the report's own headings and points.
_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^([一二三四五六七八九十]{1,2})、"),
    re.compile(r"^\(([一二三四五六七八九十]{1,2})\)"),
    re.compile(r"^(\d{1,2})[.、](?!\d)"),
)
# Row labels of the statutory tables (flattened one cell per line they read as paragraphs): their numbering is the
# table's, and 表二 numbers its rows by the articles' items (第（一）项, 第（五）项…).
_TABLE_WORDS = re.compile(
    r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计|结转|自然人|法人|商业企业|科研机构|社会公益|"
    r"法律服务|本年新收|上年结转|维持|纠正|尚未审结|第二十条|规章|规范性文件|行政许可|行政处罚|行政强制|"
    r"行政事业性收费|信息处理费|属于|涉及|危及|申请人|没有现成|补正|重复申请|要求提供|要求行政机关|不是|"
    r"保护第三方|三安全一稳定|内部事务|过程性|行政执法案卷|工作秘密|国家秘密|法律、行政法规|本机关不掌握|"
    r"不予处理|信访举报|告知|撤销|逾期|其他"
)
# 表三's own top-level rows (一、本年新收… 二、上年结转… 三、本年度办理结果 四、结转下年度继续办理).
_TOP_TABLE_WORDS = re.compile(r"本年新收|上年结转|办理结果|结转下年度")


def _skips(paragraphs: Sequence[str], *, new_format: bool) -> list[tuple[str, str]]:
    out = []
    last: list[int | None] = [None, None, None]
    for text in paragraphs:
        for level, pattern in enumerate(_LEVELS):
            match = pattern.match(text)
            if not match:
                continue
            number = _cn_int(match.group(1))
            table = _TOP_TABLE_WORDS if level == 0 else _TABLE_WORDS
            if number is None or (table.search(text) and "," not in text and len(text) <= 40):
                break  # a row label of a table flattened one cell per line
            previous = last[level]
            # The six sections of the 2019/2021 formats are their own numbering: a missing one is section.missing.
            statutory = level == 0 and new_format
            if previous is not None and number > previous + 1 and number - previous <= 3 and not statutory:
                out.append((text[:20], f"编号从“{previous}”跳到“{number}”"))
            last[level] = number
            for lower in range(level + 1, len(last)):
                last[lower] = None  # a new heading restarts the numbering below it
            break
    return out


# --- prose.wrong_agency ------------------------------------------------------------------------------------------

# How a report names its author: 我乡/本镇/我局…  A township or town that calls itself 我办/我局/我委 (or a 乡 that
# writes 我镇) has text copied from another agency's report (pre2019-2017-tljq-township: “2017年我办对信息公开免费
# 提供” among four 我乡).  Street offices (街道办事处 = 我办) and a government's office (办公室 = 我办) call themselves
# 我办 by right, so only townships, towns and bureaus are judged.
_SELF = re.compile(r"[我本](乡|镇|局|委|厅|办)(?![长领])")
_KIND_OF_AGENCY = (
    ("乡", re.compile(r"乡(?:人民政府)?$")),
    ("镇", re.compile(r"镇(?:人民政府)?$")),
    ("局", re.compile(r"局$")),
)
_WRONG_FOR = {"乡": {"镇", "局", "委", "厅", "办"}, "镇": {"乡", "局", "委", "厅", "办"}, "局": {"乡", "镇", "厅"}}


def _wrong_agency(paragraphs: Sequence[str], agency: str) -> list[tuple[str, str]]:
    uses: Counter[str] = Counter()
    places: dict[str, str] = {}
    for text in paragraphs:
        for match in _SELF.finditer(text):
            uses[match.group(1)] += 1
            places.setdefault(match.group(1), _excerpt(text, match.start(), match.end(), 10))
    own = next((kind for kind, pattern in _KIND_OF_AGENCY if pattern.search(_norm(agency))), None)
    if own is None:
        judged = [(count, kind) for kind, count in uses.items() if kind in _WRONG_FOR and count >= 2]
        own = max(judged)[1] if judged else None
    if own is None or uses[own] == 0:
        return []
    return [
        (places[kind], f"报告自称“我{own}”，此处却称“我{kind}”：可能是从其他机关的报告中沿用的文字")
        for kind in sorted(uses)
        if kind in _WRONG_FOR[own] and uses[kind] < uses[own]
    ]


# The report naming its author: “本报告由周湾镇人民政府编制”, “现将仙庵镇2023年度政府信息公开工作报告如下”.  Only
# these statements are compared with the report's own agency — a report mentions its superiors (市委、市政府) and
# other agencies by right.
_AUTHOR = re.compile(
    rf"(?:由|现将|现公布)([{_HAN}()]{{2,30}}?(?:人民政府|办事处|委员会|局|委|办公室|厅|中心|政府|街道|镇|乡))"
    r"(?:办公室)?(?:根据|依据|按照|结合|综合|编制|\d{4}年)"
)
_PLACE = re.compile(rf"[{_HAN}]{{2,6}}?(?:省|市|县|区|镇|乡|街道)")


def _places(name: str) -> list[str]:
    # “长安区砲里街道” → 长安区, 砲里街道; a name starting with its level alone (“区统计局”, “市政府办公厅”) has none.
    return [p for p in _PLACE.findall(name) if p[0] not in "省市县区镇乡"]


def _other_author(paragraphs: Sequence[str], agency: str) -> list[tuple[str, str]]:
    own = _places(agency)
    if not own:
        return []
    for text in paragraphs[:12]:
        for match in _AUTHOR.finditer(text):
            named = _places(match.group(1))
            if named and not any(p in agency or any(o in p or p in o for o in own) for p in named):
                return [
                    (
                        match.group(1),
                        f"报告由“{agency}”发布，正文却写“{match.group(1)}”：可能是从其他机关的报告中沿用的文字",
                    )
                ]
    return []


# --- all ---------------------------------------------------------------------------------------------------------


def prose_findings(
    paragraphs: Sequence[str], *, agency: str = "", title: str = "", year: int | None = None
) -> list[Finding]:
    """The prose checks over a report's paragraphs (its single-cell lines, in order), ``warning`` each.

    ``agency`` (the reporting agency as read) lets ``prose.wrong_agency`` judge the report's self-references;
    ``title`` is checked for typos too when it is not among the paragraphs."""
    # Repeats are judged on the text with its spaces: words apart on the page (a menu's “无障碍 无障碍”) are no slip.
    spaced = [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p or "")).strip() for p in paragraphs]
    spaced = [t for t in spaced if t]
    texts = [_norm(t) for t in spaced]
    whole = "\n".join(texts)
    headings = [(i, t) for i, t in enumerate(texts) if _HEADING.match(t) and not t.endswith("。")]
    found: list[tuple[str, str, str]] = []
    for index, text in enumerate(texts):
        found += [("prose.repeat", *hit) for hit in _repeats(spaced[index])]
        part_follows = index + 1 < len(texts) and bool(_PART_START.match(texts[index + 1]))
        found += [
            ("prose.missing_word", *hit) for hit in _missing_words(text, spaced[index], part_follows=part_follows)
        ]
        found += [("prose.typo", *hit) for hit in _typos(text)]
    if title and _norm(title) not in texts:
        found += [("prose.typo", *hit) for hit in _typos(_norm(title))]
    # Since the 2019 report (国办公开办函〔2019〕60号, then 〔2021〕30号) a report has the six sections 一、总体情况 …
    # 六、其他需要报告的事项, and no part on 收费及减免.
    new_format = (year is not None and year >= 2019) or any(h.endswith("、总体情况") for _i, h in headings)
    found += [("prose.numbering", *hit) for hit in _parts_findings(texts, headings, whole, new_format=new_format)]
    found += [("prose.numbering", *hit) for hit in _skips(texts, new_format=new_format)]
    found += [("prose.wrong_agency", *hit) for hit in _wrong_agency(texts, agency)]
    found += [("prose.wrong_agency", *hit) for hit in _other_author(texts, _norm(agency))]
    findings, seen = [], set()
    for code, where, what in found:
        if (code, where) in seen:
            continue
        seen.add((code, where))
        findings.append(Finding(code, "warning", f"正文“{where}”：{what}。", where))
    return findings


# --- prose.stale_figure (two years together) ---------------------------------------------------------------------


# The quantities :func:`gongkai.law.report_reading.text_metrics` reads, in the report's words, and their cell.
_METRIC_WORDS: dict[str, tuple[str, str]] = {
    "proactive_items": ("主动公开政府信息数", "sections"),
    "requests_received": ("本年新收政府信息公开申请数", "section3.new_this_year.total"),
    "requests_carried_in": ("上年结转申请数", "section3.carried_from_last_year.total"),
    "requests_answered": ("本年度办理结果总数", "section3.results_total.total"),
    "consultations": ("政府信息公开咨询数", "sections"),
    "reconsiderations": ("行政复议数", "section4.reconsideration.total"),
    "litigation": ("行政诉讼数", "sections"),
    "fees_yuan": ("信息处理费（元）", "sections"),
}


def stale_figures(stated: Mapping[str, Any], current: Mapping[str, Any], previous: Mapping[str, Any]) -> list[Finding]:
    """Figures this year's text states (``stated``: metric → value, from the text alone) that equal last year's
    figure for the same quantity (``previous``: last year's metrics, from its tables where it has them) and differ
    from this year's (``current``: this year's metrics from its tables): last year's text left in, not updated.

    A figure that is the same both years is not judged (nothing changed), nor a quantity missing on either side."""
    out = []
    for metric, value in stated.items():
        this_year, last_year = current.get(metric), previous.get(metric)
        if value is None or this_year is None or last_year is None or this_year == last_year:
            continue
        if value == last_year and value != this_year:
            words, where = _METRIC_WORDS.get(metric, (metric, "sections"))
            out.append(
                Finding(
                    "prose.stale_figure",
                    "warning",
                    f"正文所述{words} {value} 与本年表格（{this_year}）不符，却与上一年度报告的数字相同："
                    "可能沿用了去年的文字。",
                    where,
                )
            )
    return out


# --- on a Reading (what gongkai.checker.checking calls) ----------------------------------------------------------


def reading_findings(reading: Reading) -> list[Finding]:
    """:func:`prose_findings` on a report as read (nothing for a file that is no report)."""
    if reading.format == "unknown":
        return []
    texts = [text for _index, text in reading.paragraphs]
    return prose_findings(texts, agency=reading.agency, title=reading.title, year=reading.year)


def stated_figures(reading: Reading) -> dict[str, Any]:
    """The figures the report's text states (its tables aside), for :func:`stale_figures`; kept after the text
    itself is dropped."""
    stated = text_metrics("\n".join(text for _index, text in reading.paragraphs))
    return {metric: value for metric, value in stated.items() if value is not None}
