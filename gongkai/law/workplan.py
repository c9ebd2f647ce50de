"""Reading a yearly 政务公开工作要点 (work plan) into groups, tasks, owners and due rules.

Agencies issue such a plan every year (条例 第三条 on the organisation of disclosure work, 第四条 on each agency's
working rules; seed 002 is one). Its shape is stable enough to read by rule:

- groups ``一、…`` with a heading line; tasks ``（一）…`` (or ``1.`` / ``1、`` / ``（1）`` when the plan has no
  ``（一）`` level): the first marker style met after the first group is the task level, deeper levels stay text;
- the task heading is its first sentence, up to ``。``;
- responsibility notes in parentheses close each duty: ``（办公室牵头，各科室配合）``, ``（社救办、救灾科分工负责）``,
  ``（各科室负责）``; a paragraph may hold several, one per sub-duty (seed 002 第（五）项). 牵头 / 负责 / 分工负责 name
  the lead departments, 配合 / 协助 / 参与 the cooperating ones; ``各科室``, ``各相关科室``, ``各业务科室`` … mean all
  departments (:data:`ALL_DEPARTMENTS`). A task's leads are the union of its notes' leads; its cooperating
  departments those of its notes that do not also lead;
- timing phrases become :class:`~gongkai.law.duties.DueRule` recurrences or fixed dates of the plan year
  (:func:`timings_of`). A recurring duty without a stated deadline is due by the end of its own period.

Half-width and full-width punctuation are read alike; names, headings and notes are returned as written.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.law.duties import DueRule, Recurrence

ALL_DEPARTMENTS = "各科室"

# Width folding that keeps every offset: full-width ASCII → ASCII, odd spaces → " ".
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    cp: 0x20 for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF)
}


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII; every other character unchanged (same length)."""
    return text.translate(_FOLD)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_number(text: str) -> int:
    """一 … 九十九 (十一, 二十, 二十三) or ASCII digits as an int; ValueError otherwise."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        raise ValueError(text)
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(text)
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        raise ValueError(text)
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 18 → 十八, 23 → 二十三 (1 to 99)."""
    digits = "零一二三四五六七八九"
    if not 1 <= number <= 99:
        raise ValueError(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


# -- data -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Responsibility:
    """One responsibility note and the sub-duty it closes."""

    note: str  # as written, without its parentheses
    text: str  # the words of the sub-duty, since the previous note
    leads: tuple[str, ...]
    cooperating: tuple[str, ...]


@dataclass(frozen=True)
class Timing:
    """A recurrence (``rule``) or a fixed date (``due_on``), with the words it was read from."""

    phrase: str
    rule: DueRule | None = None
    due_on: dt.date | None = None

    def describe(self) -> str:
        if self.due_on is not None:
            return f"{self.due_on.month}月{self.due_on.day}日前"
        return describe_rule(self.rule) if self.rule else ""


@dataclass(frozen=True)
class PlanGroup:
    number: int
    heading: str


@dataclass(frozen=True)
class PlanTask:
    group: int  # number of its group (0 when the plan has no groups)
    number: int
    label: str  # the marker as written, e.g. "(一)" or "1."
    heading: str
    text: str
    responsibilities: tuple[Responsibility, ...]
    timings: tuple[Timing, ...]

    @property
    def leads(self) -> tuple[str, ...]:
        return _unique(name for r in self.responsibilities for name in r.leads)

    @property
    def cooperating(self) -> tuple[str, ...]:
        leads = set(self.leads)
        return _unique(name for r in self.responsibilities for name in r.cooperating if name not in leads)

    @property
    def responsibility_note(self) -> str:
        return "；".join(r.note for r in self.responsibilities)


@dataclass(frozen=True)
class ParsedPlan:
    title: str
    title_year: int | None
    groups: tuple[PlanGroup, ...]
    tasks: tuple[PlanTask, ...]
    warnings: tuple[str, ...] = field(default=())

    def department_names(self) -> tuple[str, ...]:
        """Every department named in a note, in order of appearance, without :data:`ALL_DEPARTMENTS`."""
        return _unique(
            name
            for task in self.tasks
            for r in task.responsibilities
            for name in (*r.leads, *r.cooperating)
            if name != ALL_DEPARTMENTS
        )

    def group_heading(self, number: int) -> str:
        return next((g.heading for g in self.groups if g.number == number), "")


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


# -- responsibility notes -------------------------------------------------------------------------

LEAD_WORDS = ("分工负责", "牵头负责", "负责", "牵头", "主办")
COOPERATE_WORDS = ("配合", "协助", "协办", "参与")
_CLAUSE = re.compile(rf"^(?P<names>.+?)(?P<role>{'|'.join(LEAD_WORDS + COOPERATE_WORDS)})$")
# "牵头单位：办公室；配合单位：各科室" — the other common way of writing it
_LABELLED = re.compile(r"^(?P<role>牵头|责任|主办|配合|协办|参与)(?:单位|科室|处室|部门)?:(?P<names>.+)$")
_ALL = re.compile(r"^(?:各|全体|所有|相关|有关)(?:相关|有关|业务|其他|其它)?(?:科室|处室|股室|单位|部门|科|处|股)$")
_TRAILING_ETC = re.compile(r"等(?:相关|有关)?(?:科室|处室|股室|单位|部门)?$")
_NOTE = re.compile(r"\(([^()]{1,120})\)")


def _names(text: str) -> tuple[str, ...]:
    names = []
    for raw in re.split(r"[、/]", text):
        name = _TRAILING_ETC.sub("", raw.strip()).strip()
        if not name:
            continue
        names.append(ALL_DEPARTMENTS if _ALL.match(name) else name)
    return tuple(names)


def read_note(content: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(leads, cooperating) of a note's words (folded, without parentheses); None when it is not a note."""
    leads: list[str] = []
    cooperating: list[str] = []
    clauses = [c.strip() for c in re.split(r"[,;]", fold(content).replace(" ", "")) if c.strip()]
    if not clauses:
        return None
    for clause in clauses:
        labelled = _LABELLED.match(clause)
        match = labelled or _CLAUSE.match(clause)
        if match is None:
            return None
        names = _names(match["names"])
        if not names or any(len(name) > 20 for name in names):
            return None
        lead = match["role"] in {"牵头", "责任", "主办"} if labelled else match["role"] in LEAD_WORDS
        (leads if lead else cooperating).extend(names)
    return _unique(leads), _unique(cooperating)


def responsibilities_of(text: str) -> tuple[Responsibility, ...]:
    """Every responsibility note of a task's text, each with the sub-duty before it."""
    folded = fold(text)
    found = []
    previous_end = 0
    for match in _NOTE.finditer(folded):
        read = read_note(match[1])
        if read is None:
            continue
        duty = text[previous_end : match.start()].strip(" \n,;。，；")
        found.append(
            Responsibility(note=text[match.start(1) : match.end(1)], text=duty, leads=read[0], cooperating=read[1])
        )
        previous_end = match.end()
    return tuple(found)


def _without_notes(text: str) -> str:
    folded = fold(text)
    pieces, last = [], 0
    for match in _NOTE.finditer(folded):
        if read_note(match[1]) is not None:
            pieces.append(text[last : match.start()])
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


# -- timing ---------------------------------------------------------------------------------------

_MONTHLY = re.compile(r"每个?月|按月|逐月")
_QUARTERLY = re.compile(r"每个?季度?|按季度?|逐季")
_HALF_YEARLY = re.compile(r"每个?半年|按半年")
_YEARLY = re.compile(r"每年|按年度")
_ORDINAL = r"([一二三123])"
# "在下一季度第2月底前" / "次季度首月10日前"
_QUARTER_DUE = re.compile(rf"(?:下一?个?季度|次季度?)的?(?:第{_ORDINAL}个?月|首月)(?:(\d{{1,2}})日|底|末)")
_MONTH_DUE = re.compile(r"(\d{1,2})月(?:(\d{1,2})日|底|末)")
_NEXT_MONTH_DUE = re.compile(r"(?:次月|下个?月)(?:(\d{1,2})日|底|末)")
_SAME_MONTH_DAY = re.compile(r"每个?月(\d{1,2})日")
_YEARLY_DATE = re.compile(r"每年(\d{1,2})月(?:(\d{1,2})日|底|末)")
_BEFORE = r"(?:前|之前|以前)"
_FIXED_DATE = re.compile(rf"(?:(\d{{4}})年)?(\d{{1,2}})月(?:(\d{{1,2}})日|底|末){_BEFORE}")
_YEAR_END = re.compile(rf"(?:年底|年末){_BEFORE}")
_SENTENCE = re.compile(r"[^。;!?\n]+")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int | None) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    last = _month_end(year, month)
    if day is None:
        return last
    return last.replace(day=day) if 1 <= day <= last.day else None


def _day(value: str | None) -> int | None:
    return int(value) if value and 1 <= int(value) <= 31 else None


def _recurrence_rule(sentence: str) -> tuple[DueRule, int] | None:
    """The recurrence a sentence states, with its deadline, and where it is named; None when it states none."""
    if found := _QUARTERLY.search(sentence):
        due = _QUARTER_DUE.search(sentence)
        if due:
            rule = DueRule(Recurrence.QUARTERLY, months_after=chinese_number(due[1] or "1"), day=_day(due[2]))
        else:
            rule = DueRule(Recurrence.QUARTERLY, months_after=0)
    elif found := _HALF_YEARLY.search(sentence):
        due = _MONTH_DUE.search(sentence)
        if due and 1 <= int(due[1]) <= 12:
            # "8月底前和下一年度2月底前": the first deadline named, counted from the end of the half-year before it
            rule = DueRule(Recurrence.HALF_YEARLY, months_after=(int(due[1]) - 6) % 6, day=_day(due[2]))
        else:
            rule = DueRule(Recurrence.HALF_YEARLY, months_after=0)
    elif found := _MONTHLY.search(sentence):
        due = _NEXT_MONTH_DUE.search(sentence)
        same = _SAME_MONTH_DAY.search(sentence)
        if due:
            rule = DueRule(Recurrence.MONTHLY, months_after=1, day=_day(due[1]))
        else:
            rule = DueRule(Recurrence.MONTHLY, months_after=0, day=_day(same[1]) if same else None)
    elif found := _YEARLY.search(sentence):
        due = _YEARLY_DATE.search(sentence)
        if due and 1 <= int(due[1]) <= 12:
            rule = DueRule(Recurrence.YEARLY, month=int(due[1]), day=_day(due[2]))
        else:
            rule = DueRule(Recurrence.YEARLY, months_after=0)
    else:
        return None
    return rule, found.start()


PHRASE_MAX = 200


def timings_of(text: str, year: int) -> tuple[Timing, ...]:
    """The timings of a task, sentence by sentence (。 ; and line ends): a sentence with 每月 / 按月, 每季度, 每半年
    or 每年 states a recurrence, and the dates in it are that recurrence's deadline; in any other sentence "5月31日前",
    "8月底前", "2019年1月10日前" and "年底前" are fixed dates (of ``year`` unless a year is written). Each timing
    keeps its phrase: from the clause where it is named to the end of the sentence, notes left out."""
    plain = _without_notes(text)
    folded = fold(plain)
    found: list[Timing] = []

    def add(rule: DueRule | None, due_on: dt.date | None, sentence: re.Match[str], at: int) -> None:
        if any((t.rule, t.due_on) == (rule, due_on) for t in found):
            return
        clause_start = folded.rfind(",", sentence.start(), sentence.start() + at) + 1
        phrase = plain[max(clause_start, sentence.start()) : sentence.end()].strip(" ,")
        found.append(Timing(phrase=phrase[:PHRASE_MAX], rule=rule, due_on=due_on))

    for sentence in _SENTENCE.finditer(folded):
        recurrence = _recurrence_rule(sentence[0])
        if recurrence is not None:
            add(recurrence[0], None, sentence, recurrence[1])
            continue
        for date_match in _FIXED_DATE.finditer(sentence[0]):
            due = _date(int(date_match[1] or year), int(date_match[2]), _day(date_match[3]))
            if due is not None:
                add(None, due, sentence, date_match.start())
        if year_end := _YEAR_END.search(sentence[0]):
            add(None, dt.date(year, 12, 31), sentence, year_end.start())
    return tuple(found)


def describe_rule(rule: DueRule) -> str:
    """A due rule in the plan's own words: "每季度，下一季度第2个月底前"."""

    def day(d: int | None) -> str:
        return "底" if d is None else f"{d}日"

    if rule.recurrence == Recurrence.YEARLY:
        if rule.month is not None:
            return f"每年，{rule.month}月{day(rule.day)}前"
        if rule.months_after == 0:
            return "每年，年底前" if rule.day is None else f"每年，12月{rule.day}日前"
        return f"每年，次年{rule.months_after}月{day(rule.day)}前"
    if rule.recurrence == Recurrence.MONTHLY:
        if rule.months_after == 0:
            return f"每月，当月{'底' if rule.day is None else f'{rule.day}日'}前"
        return f"每月，{'次月' if rule.months_after == 1 else f'{rule.months_after}个月后'}{day(rule.day)}前"
    every, unit = ("每季度", "季度") if rule.recurrence == Recurrence.QUARTERLY else ("每半年", "半年")
    if rule.months_after == 0:
        return f"{every}，当{unit}末前" if rule.day is None else f"{every}，当{unit}最后一个月{rule.day}日前"
    if rule.recurrence == Recurrence.QUARTERLY and rule.months_after <= 3:
        return f"{every}，下一季度第{rule.months_after}个月{day(rule.day)}前"
    return f"{every}，期满后第{rule.months_after}个月{day(rule.day)}前"


# -- the document ---------------------------------------------------------------------------------

_GROUP = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]\s*(\S.*)$")
_TASK_STYLES = {
    "cn_paren": re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*"),
    "arabic_dot": re.compile(r"^(\d{1,2})(?:\.(?!\d)|、)\s*"),
    "arabic_paren": re.compile(r"^\((\d{1,2})\)\s*"),
}
# A line that ends the current paragraph and is not part of any task (dates of issue, attachments, 抄送).
_END_LINE = re.compile(r"^(?:.{0,30}\d{4}年\d{1,2}月\d{1,2}日(?:印发)?|附件.*|抄送.*|抄报.*)$")
_STOP_LINE = re.compile(r"^附件")
_SENTENCE_END = tuple("。;!?:)”」")
_TITLE_WORDS = ("要点", "计划")
TITLE_MAX = 60


@dataclass
class _Paragraph:
    group: int
    number: int
    label: str
    text: str
    folded: str


def _lines(text: str) -> list[tuple[str, str]]:
    """(line as written, folded), both stripped of the same surrounding spaces."""
    result = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        folded = fold(line)
        start = len(folded) - len(folded.lstrip())
        end = len(folded.rstrip())
        if end > start:
            result.append((line[start:end], folded[start:end]))
    return result


def _task_style(folded_lines: Sequence[str], first_group_index: int) -> str | None:
    for folded in folded_lines[first_group_index:]:
        for style, pattern in _TASK_STYLES.items():
            if pattern.match(folded):
                return style
    return None


def _title(lines: Sequence[tuple[str, str]]) -> str:
    candidates = [
        line
        for line, folded in lines
        if any(word in folded for word in _TITLE_WORDS)
        and len(folded) <= TITLE_MAX
        and "。" not in folded
        and "印发" not in folded
    ]
    if candidates:
        return candidates[-1]
    return next((line for line, folded in lines if len(folded) <= TITLE_MAX), "")


def _heading(text: str) -> str:
    first = _without_notes(text).split("。", 1)[0].split("\n", 1)[0]
    return first.strip(" ,;，；").strip()[:300]


def parse_plan(text: str, *, year: int) -> ParsedPlan:
    """Read a plan's text (see the module's docstring); fixed dates without a year fall in ``year``."""
    lines = _lines(text)
    folded_lines = [folded for _, folded in lines]
    first_group = next((i for i, folded in enumerate(folded_lines) if _GROUP.match(folded)), None)
    style = _task_style(folded_lines, first_group or 0)
    task_pattern = _TASK_STYLES[style] if style else None

    groups: list[PlanGroup] = []
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    preamble_end = len(lines)
    for index, (line, folded) in enumerate(lines):
        group = _GROUP.match(folded)
        task = task_pattern.match(folded) if task_pattern else None
        if group and not task and (first_group is not None and index >= first_group):
            preamble_end = min(preamble_end, index)
            number = chinese_number(group[1])
            groups.append(PlanGroup(number, line[group.start(2) :].strip().rstrip("。")))
            current = None
        elif task and (first_group is None or index > first_group):
            preamble_end = min(preamble_end, index)
            current = _Paragraph(
                group=groups[-1].number if groups else 0,
                number=chinese_number(task[1]),
                label=line[: task.end()].strip(),
                text=line[task.end() :],
                folded=folded[task.end() :],
            )
            paragraphs.append(current)
        elif _STOP_LINE.match(folded) and paragraphs:
            break
        elif _END_LINE.match(folded):
            current = None
        elif current is not None:
            joiner = "\n" if current.folded.endswith(_SENTENCE_END) else ""
            current.text += joiner + line
            current.folded += joiner + folded

    tasks = tuple(
        PlanTask(
            group=p.group,
            number=p.number,
            label=p.label,
            heading=_heading(p.text),
            text=p.text,
            responsibilities=responsibilities_of(p.text),
            timings=timings_of(p.text, year),
        )
        for p in paragraphs
    )
    title = _title(lines[:preamble_end])
    title_year = re.search(r"(\d{4})年", fold(title))
    return ParsedPlan(
        title=title,
        title_year=int(title_year[1]) if title_year else None,
        groups=tuple(groups),
        tasks=tasks,
        warnings=tuple(_warnings(groups, tasks)),
    )


def _warnings(groups: Sequence[PlanGroup], tasks: Sequence[PlanTask]) -> list[str]:
    warnings = []
    for previous, group in itertools.pairwise(groups):
        if group.number != previous.number + 1:
            warnings.append(
                f"第{chinese_numeral(previous.number)}部分之后是第{chinese_numeral(group.number)}部分，编号不连续。"
            )
    previous_task: PlanTask | None = None
    for task in tasks:
        continues = previous_task is not None and task.number == previous_task.number + 1
        restarts = task.number == 1 and (previous_task is None or task.group != previous_task.group)
        if not (continues or restarts):
            warnings.append(f"“{task.label}”编号不连续，请核对是否漏读或多读了一项。")
        if not task.responsibilities:
            warnings.append(f"“{task.label}{task.heading}”未找到责任科室（如“（办公室牵头，各科室配合）”）。")
        previous_task = task
    return warnings


# -- departments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRef:
    """A department of the agency as the matcher sees it (``key`` is its id)."""

    key: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    key: int
    how: str  # "name", "alias", "normalised" or "mapped"


_PREFIX = re.compile(r"^(?:本局|我局|局机关|市局|局)")
_UNIT = re.compile(r"(?:科室|处室|股室|科|股|处|室)$")


def normalise_name(name: str) -> str:
    """A department name without spaces, punctuation, width differences or a leading 局 / 本局."""
    folded = re.sub(r"[\s,.;:、()]", "", fold(name))
    return _PREFIX.sub("", folded) or folded


def _stem(name: str) -> str:
    normalised = normalise_name(name)
    stem = _UNIT.sub("", normalised)
    return stem if len(stem) >= 2 else normalised


def split_aliases(aliases: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in re.split(r"[,，、;；\n]", aliases) if a.strip())


def match_department(
    name: str, departments: Sequence[DepartmentRef], mapping: Mapping[str, str] | None = None
) -> Match | None:
    """The department a written name means: the admin's mapping first (to a department's name or alias), then the
    exact name, an alias, the name or an alias without spaces / width / 局 prefix, and finally the same without the
    unit word (科 / 股 / 处 / 室). A name matching two departments at one step is not matched (ambiguous)."""
    if mapping and name in mapping:
        target = match_department(mapping[name], departments)
        return Match(target.key, "mapped") if target else None
    steps = (
        ("name", lambda d: {d.name}, lambda n: n),
        ("alias", lambda d: set(d.aliases), lambda n: n),
        ("normalised", lambda d: {normalise_name(n) for n in (d.name, *d.aliases)}, normalise_name),
        ("normalised", lambda d: {_stem(n) for n in (d.name, *d.aliases)}, _stem),
    )
    for how, names_of, key_of in steps:
        wanted = key_of(name)
        hits = {d.key for d in departments if wanted in names_of(d)}
        if len(hits) == 1:
            return Match(hits.pop(), how)
        if len(hits) > 1:
            return None
    return None
