"""The 2021 annual-report template (国办公开办函〔2021〕30号) as code: applicant kinds and handling results.

The labels come from ``gongkai/law/data/report_template_2021.json`` (an exact copy of the project's reference file,
loaded once with :mod:`importlib.resources`), so the wording the law requires lives in one place.  Keys are ours.

- Section 三 counts applications (件) per applicant kind; the 21 *result rows* classify how each was handled, in six
  groups （一）予以公开 … （六）其他处理.  A request answered partly (区分处理) counts only in （二）部分公开.
- :func:`outcome_from_label` maps a label as officers write it in a register to a key; :func:`letter_kind_for` says
  which reply letter answers a result; :data:`ARTICLE_FOR_OUTCOME` names the 条例 article a refusal rests on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Any

from gongkai.law import clock

__all__ = [
    "APPLICANT_KINDS",
    "APPLICANT_KIND_LABELS",
    "ARTICLE_FOR_OUTCOME",
    "AUTOMATIC_OUTCOMES",
    "LETTER_KINDS",
    "OUTCOME_FOR_CLOSING_STATE",
    "REPORT_SECTIONS",
    "RESULT_GROUPS",
    "RESULT_LABELS",
    "RESULT_NUMBERS",
    "RESULT_ROWS",
    "RESULT_SHORT_LABELS",
    "SECTION3_COLUMNS",
    "SECTION3_ROW_KEYS",
    "SECTION3_ROW_LABELS",
    "SECTION4_COLUMNS",
    "SECTION4_GROUPS",
    "TEMPLATE_NAME",
    "UnknownOutcome",
    "group_of",
    "letter_kind_for",
    "outcome_from_label",
    "report_template",
]


class UnknownOutcome(ValueError):
    """A handling-result label that maps to no row, or to more than one; ``message`` is Chinese."""

    def __init__(self, message: str, *, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text


# -- the template ---------------------------------------------------------------------------------------------------


def _load() -> dict[str, Any]:
    raw = resources.files("gongkai.law.data").joinpath("report_template_2021.json").read_text(encoding="utf-8")
    return json.loads(raw)


_TEMPLATE: dict[str, Any] = _load()


def report_template() -> dict[str, Any]:
    """A fresh copy of the whole template (sections, tables, keys, consistency rules)."""
    return json.loads(json.dumps(_TEMPLATE, ensure_ascii=False))


TEMPLATE_NAME: str = _TEMPLATE["name"]
# 国办公开办函〔2021〕30号：年度报告分为六部分。
REPORT_SECTIONS: tuple[str, ...] = tuple(_TEMPLATE["sections"])

_S3 = _TEMPLATE["section3"]

# 国办公开办函〔2021〕30号 表三：申请人分为自然人和法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他），另设总计。
SECTION3_COLUMNS: dict[str, str] = dict(_S3["columns"])
APPLICANT_KINDS: tuple[str, ...] = tuple(k for k in SECTION3_COLUMNS if k != "total")
APPLICANT_KIND_LABELS: dict[str, str] = {k: SECTION3_COLUMNS[k].split("/")[-1] for k in APPLICANT_KINDS}

# 国办公开办函〔2021〕30号 表三：25行（新收、上年结转、办理结果21行、总计、结转下年度）。
SECTION3_ROW_KEYS: tuple[str, ...] = tuple(key for key, _ in _S3["rows"])
SECTION3_ROW_LABELS: dict[str, str] = dict(_S3["rows"])
RESULT_ROWS: tuple[str, ...] = tuple(_S3["result_rows"])
RESULT_LABELS: dict[str, str] = {k: SECTION3_ROW_LABELS[k] for k in RESULT_ROWS}

# 国办公开办函〔2021〕30号 表四：行政复议、行政诉讼（未经复议直接起诉、复议后起诉），各分结果维持、纠正、其他、尚未审结、总计。
SECTION4_GROUPS: dict[str, str] = dict(_TEMPLATE["section4"]["groups"])
SECTION4_COLUMNS: dict[str, str] = dict(_TEMPLATE["section4"]["columns"])

# The qualifier printed after （二）部分公开 in the template; not part of the short label.
_PARTLY_NOTE = re.compile(r"[（(]区分处理[^）)]*[）)]$")
_GROUP_PART = re.compile(r"^（([一二三四五六七])）(.+)$")
_NUMBERED_PART = re.compile(r"^(\d+)\.(.+)$")

_GROUP_KEYS = {
    "一": "disclosed",
    "二": "partly_disclosed",
    "三": "withheld",
    "四": "unavailable",
    "五": "not_processed",
    "六": "other",
}


def _parse_rows() -> tuple[dict[str, str], dict[str, int | None], dict[str, tuple[str, tuple[str, ...]]]]:
    short: dict[str, str] = {}
    numbers: dict[str, int | None] = {}
    groups: dict[str, tuple[str, list[str]]] = {}
    for key in RESULT_ROWS:
        parts = RESULT_LABELS[key].split("/")
        group_part = next(p for p in parts if _GROUP_PART.match(p))
        group_match = _GROUP_PART.match(group_part)
        assert group_match is not None
        numeral, group_name = group_match.groups()
        group_name = _PARTLY_NOTE.sub("", group_name)
        group_key = _GROUP_KEYS[numeral]
        groups.setdefault(group_key, (f"（{numeral}）{group_name}", []))[1].append(key)
        last = parts[-1]
        item = _NUMBERED_PART.match(last)
        if item:
            numbers[key] = int(item.group(1))
            short[key] = item.group(2)
        else:
            numbers[key] = None
            short[key] = _PARTLY_NOTE.sub("", _GROUP_PART.sub(r"\2", last))
    return short, numbers, {g: (label, tuple(keys)) for g, (label, keys) in groups.items()}


RESULT_SHORT_LABELS, RESULT_NUMBERS, RESULT_GROUPS = _parse_rows()
_GROUP_OF: dict[str, str] = {key: group for group, (_, keys) in RESULT_GROUPS.items() for key in keys}


def _check_template() -> None:
    # 国办公开办函〔2021〕30号 表三的结构：6类申请人、25行、其中21行办理结果、分为六组。
    problems = []
    if len(APPLICANT_KINDS) != 6:
        problems.append(f"applicant kinds: {len(APPLICANT_KINDS)}")
    if len(SECTION3_ROW_KEYS) != 25:
        problems.append(f"section 3 rows: {len(SECTION3_ROW_KEYS)}")
    if len(RESULT_ROWS) != 21 or not set(RESULT_ROWS) <= set(SECTION3_ROW_KEYS):
        problems.append("result rows")
    if tuple(RESULT_GROUPS) != tuple(_GROUP_KEYS.values()):
        problems.append(f"result groups: {tuple(RESULT_GROUPS)}")
    if problems:
        raise RuntimeError("report_template_2021.json does not match the 2021 format: " + ", ".join(problems))


_check_template()


def group_of(outcome_key: str) -> str:
    """The group key (disclosed, partly_disclosed, withheld, unavailable, not_processed, other) of a result row."""
    try:
        return _GROUP_OF[outcome_key]
    except KeyError:
        raise UnknownOutcome(f"未知的办理结果代码“{outcome_key}”", text=outcome_key) from None


# -- reply letters and the articles they rest on -------------------------------------------------------------------

LETTER_KINDS: tuple[str, ...] = (
    "disclose",
    "partial",
    "withhold",
    "unavailable",
    "not_processed",
    "no_correction",
    "fee_unpaid",
    "other",
)
_LETTER_BY_GROUP = {
    "disclosed": "disclose",
    "partly_disclosed": "partial",
    "withheld": "withhold",
    "unavailable": "unavailable",
    "not_processed": "not_processed",
}
_LETTER_BY_OTHER = {"other_no_correction": "no_correction", "other_fee_unpaid": "fee_unpaid", "other_other": "other"}


def letter_kind_for(outcome_key: str) -> str:
    """Which reply-letter kind answers a result row (one of :data:`LETTER_KINDS`)."""
    # 条例 第三十六条（各类答复）、第三十七条（区分处理）、第三十条（逾期不补正视为放弃）；
    # 国办函〔2020〕109号（逾期未缴费视为放弃申请）。
    group = group_of(outcome_key)
    if group == "other":
        return _LETTER_BY_OTHER[outcome_key]
    return _LETTER_BY_GROUP[group]


# The article of the 条例 (国务院令第711号) each refusal or non-processing rests on.  Checked against the article texts
# quoted at (stored copies, 2025):
#   第十四条、第十五条、第十六条 — https://www.tahota.com/CN/article.aspx?KeyID=bea2f19114539842&mdid=e7e03b35400bc980
#     (第16条：“行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。行政机关在履行
#     行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。”)
#   第三十六条（一）至（七）项 — http://28xj.cn/col/1694653474893/2023/09/14/1694682293935.html (an agency's guide
#     quoting the seven reply types in order: （四）经检索没有所申请公开信息的，告知申请人该政府信息不存在；（六）已就申请人
#     提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理；（七）工商、不动产登记资料
#     等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理) and the same page
#     for 第三十五条 (数量、频次明显超过合理范围 … 理由不合理的，告知申请人不予处理).
#   第三十条 — https://fx361.cc/page/2022/0719/14468921.shtml (补正 once within 7 working days; 逾期不补正视为放弃申请).
#   第三十八条、第三十九条 — http://www.plnmw.com/ConsultingServices/vicycsyikp.html (English rendering: 38 — information
#     that needs processing and analysis of existing information may not be provided; 39 (1) 信访、投诉、举报 in the form of
#     an application → told to use the proper channels, (2) public publications → told how to obtain them).
# not_processed_confirmation (要求行政机关确认或重新出具已获取信息) has no express article in the 条例; it is left out
# rather than guessed — look it up with ``.get()``.
ARTICLE_FOR_OUTCOME: dict[str, str] = {
    # 条例 第十四条：依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、
    # 公共安全、经济安全、社会稳定的政府信息，不予公开。
    "withheld_state_secret": "第十四条",
    "withheld_other_law": "第十四条",
    "withheld_security_stability": "第十四条",
    # 条例 第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，不得公开（第三方同意或者
    # 不公开会对公共利益造成重大影响的除外）。
    "withheld_third_party": "第十五条",
    # 条例 第十六条第一款（内部事务信息）、第二款（过程性信息、行政执法案卷信息）。
    "withheld_internal_affairs": "第十六条",
    "withheld_process_info": "第十六条",
    "withheld_enforcement_file": "第十六条",
    # 条例 第三十六条第（七）项：工商、不动产登记资料等，法律、行政法规对信息的获取有特别规定（行政查询事项）。
    "withheld_inquiry_matter": "第三十六条第（七）项",
    # 条例 第三十六条第（四）项：经检索没有所申请公开信息的，告知申请人该政府信息不存在。
    "unavailable_not_held": "第三十六条第（四）项",
    # 条例 第三十八条：需要行政机关对现有政府信息进行加工、分析的，可以不予提供。
    "unavailable_needs_creation": "第三十八条",
    # 条例 第三十条：补正后申请内容仍不明确。
    "unavailable_still_unclear": "第三十条",
    # 条例 第三十九条第一款：以政府信息公开申请的形式进行信访、投诉、举报等活动。
    "not_processed_petition": "第三十九条",
    # 条例 第三十六条第（六）项：重复申请公开相同政府信息，告知不予重复处理。
    "not_processed_repeat": "第三十六条第（六）项",
    # 条例 第三十九条第二款：要求提供政府公报、报刊、书籍等公开出版物的，可以告知获取的途径。
    "not_processed_publication": "第三十九条",
    # 条例 第三十五条：数量、频次明显超过合理范围，理由不合理的，告知申请人不予处理。
    "not_processed_excessive": "第三十五条",
    # 条例 第三十条：申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理。
    "other_no_correction": "第三十条",
}


# -- reading labels from registers ---------------------------------------------------------------------------------

_GROUP_NAMES = {
    label[3:]: group for group, (label, _) in RESULT_GROUPS.items()
}  # 予以公开、部分公开、不予公开、无法提供、不予处理、其他处理
_NUMERAL_GROUPS = {f"({numeral})": group for numeral, group in _GROUP_KEYS.items()}
# A bare short label that reads like a group name: needs its group (e.g. “其他” beside （六）其他处理).
_NEEDS_GROUP = frozenset({"其他"})

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_SEPARATORS = re.compile(r"[/\\|>→—–\-:：]+")
_PUNCT = re.compile(r"[、,，.。;；!！?？()（）\[\]【】]")
_LABEL = re.compile(
    r"^(?:三、?本年度办理结果/?)?"
    r"(?P<numeral>\([一二三四五六]\))?"
    r"(?P<group>予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)?/?"
    r"(?:(?P<number>\d+)\.)?"
    r"(?P<rest>.*)$"
)
_ITEM_NUMBER = re.compile(r"^(?:\((\d+)\)|(\d+)[、.)])")
_PARTLY_QUALIFIER = re.compile(r"^\(区分处理[^)]*\)$")


def _normalize(text: str) -> str:
    """Full-width → half-width (NFKC), no whitespace or quotes, separators as “/”, item numbers as “1.”."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"\s+", "", text)
    text = _SEPARATORS.sub("/", text).strip("/")
    # “(1)”/“1、”/“1)” → “1.” where an item number may stand: at the start, or after a group or a separator.
    return re.sub(r"(^|/|公开|提供|处理)(?:\((\d+)\)|(\d+)[、)])", lambda m: f"{m[1]}{m[2] or m[3]}.", text)


def _loose(text: str) -> str:
    """For comparing label text: no punctuation at all."""
    return _PUNCT.sub("", _normalize(text).replace("/", ""))


_SHORT_LOOSE: dict[str, str] = {key: _loose(label) for key, label in RESULT_SHORT_LABELS.items()}


def _match_short(rest: str, keys: tuple[str, ...]) -> list[str]:
    loose = _PUNCT.sub("", rest.replace("/", ""))
    found = [k for k in keys if loose == _SHORT_LOOSE[k]]
    if not found:
        # “国家秘密” for “属于国家秘密”.
        found = [k for k in keys if _SHORT_LOOSE[k].startswith("属于") and loose == _SHORT_LOOSE[k][2:]]
    return found


def _accepted_hint() -> str:
    return (
        "可填写模板中的完整标签（如“（三）不予公开/1.属于国家秘密”）、简短标签（如“属于国家秘密”，可带序号“1.”）、"
        "“组别/简短标签”（如“其他处理/其他”），或组别“予以公开”“部分公开”"
    )


def _group_choices(group: str) -> str:
    label, keys = RESULT_GROUPS[group]
    items = "、".join(f"{RESULT_NUMBERS[k]}.{RESULT_SHORT_LABELS[k]}" for k in keys)
    return f"{label}包括：{items}"


def outcome_from_label(text: str) -> str:
    """Map a handling-result label as written in a register to its result key.

    Accepts the template's full label, the short label (with or without its number “1.”), “group/short label”
    (e.g. “不予公开/属于国家秘密”, “（六）其他处理/3.其他”), the group words 予以公开 / 部分公开, and the key itself;
    full-/half-width punctuation, quotes and spaces do not matter.  Raises :class:`UnknownOutcome` for a label that
    matches no row or several (e.g. a bare “其他”, or “不予公开” without the reason).
    """
    # 国办公开办函〔2021〕30号 表三：办理结果分为（一）至（六）共21种情形，每件申请只计一种。
    if not isinstance(text, str) or not text.strip():
        raise UnknownOutcome("办理结果为空。" + _accepted_hint() + "。", text=str(text or ""))
    raw = text.strip()
    if raw in _GROUP_OF:
        return raw
    norm = _normalize(raw)
    m = _LABEL.match(norm)
    assert m is not None  # the pattern matches any string
    numeral, group_word, number, rest = m["numeral"], m["group"], m["number"], m["rest"]
    group = _NUMERAL_GROUPS.get(numeral) if numeral else None
    if group_word:
        if group and _GROUP_NAMES[group_word] != group:
            raise UnknownOutcome(f"办理结果“{raw}”中的序号{numeral}与组别“{group_word}”不一致。", text=raw)
        group = _GROUP_NAMES[group_word]
    rest = rest.strip("/")
    if rest and number is None:
        item = _ITEM_NUMBER.match(rest)
        if item:
            number, rest = item[1] or item[2], rest[item.end() :].lstrip("./")
    if group == "partly_disclosed" and _PARTLY_QUALIFIER.match(rest):
        rest = ""

    if not rest:
        if number is None and group is not None:
            keys = RESULT_GROUPS[group][1]
            if len(keys) == 1:
                return keys[0]
            raise UnknownOutcome(f"办理结果“{raw}”不够具体，请注明具体情形。{_group_choices(group)}。", text=raw)
        if number is not None and group is not None:
            found = [k for k in RESULT_GROUPS[group][1] if RESULT_NUMBERS[k] == int(number)]
            if found:
                return found[0]
        raise UnknownOutcome(f"无法识别办理结果“{raw}”。{_accepted_hint()}。", text=raw)

    keys = RESULT_GROUPS[group][1] if group else RESULT_ROWS
    found = _match_short(rest, keys)
    if len(found) == 1 and group is None and _SHORT_LOOSE[found[0]] in _NEEDS_GROUP:
        key = found[0]
        group_label = RESULT_GROUPS[_GROUP_OF[key]][0]
        raise UnknownOutcome(
            f"办理结果“{raw}”有歧义，请注明组别，如“{group_label}/{RESULT_NUMBERS[key]}.{RESULT_SHORT_LABELS[key]}”"
            f"或“{group_label[3:]}/{RESULT_SHORT_LABELS[key]}”。",
            text=raw,
        )
    if len(found) > 1:
        choices = "、".join(RESULT_LABELS[k] for k in found)
        raise UnknownOutcome(f"办理结果“{raw}”有歧义，可能是：{choices}。请注明组别。", text=raw)
    if not found:
        where = f"{_group_choices(group)}。" if group else ""
        raise UnknownOutcome(f"无法识别办理结果“{raw}”。{where}{_accepted_hint()}。", text=raw)
    key = found[0]
    if number is not None and RESULT_NUMBERS[key] != int(number):
        raise UnknownOutcome(
            f"办理结果“{raw}”的序号{number}与情形不符：“{RESULT_SHORT_LABELS[key]}”在模板中为第{RESULT_NUMBERS[key]}项。",
            text=raw,
        )
    return key


# How a request that closes without a reply is counted in 表三 (国办公开办函〔2021〕30号, rows （六）1–3):
# - 条例 第三十条 (no correction in time: 视为放弃申请) → （六）1 “申请人无正当理由逾期不补正、行政机关不再处理其政府信息
#   公开申请”;
# - 国办函〔2020〕109号 (fee unpaid in time: 视为放弃申请) → （六）2 “申请人逾期未按收费通知要求缴纳费用、行政机关不再处理
#   其政府信息公开申请”;
# - a withdrawal is named by no row: gongkai counts it in （六）3 其他 (our reading of the format; its filling notes
#   were not among the texts consulted).
OUTCOME_FOR_CLOSING_STATE: dict[str, str] = {
    clock.ABANDONED_NO_CORRECTION: "other_no_correction",
    clock.ABANDONED_FEE_UNPAID: "other_fee_unpaid",
    clock.WITHDRAWN: "other_other",
}
# The two results the clock sets when a period lapses; an officer never chooses them by hand.
AUTOMATIC_OUTCOMES: frozenset[str] = frozenset({"other_no_correction", "other_fee_unpaid"})
