"""Reading a published annual report (政府信息公开工作年度报告) and finding its errors.

Pure Python.  The input is the report as *lines of cells*: a paragraph is a line of one cell, a table row a line of
its cells (a merged cell once, where it starts), in reading order — what :mod:`gongkai.checker.sources` makes of
text, HTML, DOCX, XLSX and PDF files, and what :func:`text_lines` makes of text copied from a web page (table rows
flattened to ``a | b | c``, as seed 003 shows them).

- :func:`read_report` detects the format (the 2021 table format of 国办公开办函〔2021〕30号, the 2019 one of
  国办公开办函〔2019〕60号 — :mod:`gongkai.law.report_format_2019` —, an older free-text report, or no report at all)
  from any table's column headings, the cited 文 or the headings; finds the agency, the report year and the
  publication date; reads 表二、表三、表四 into the keys of ``report_template.json`` (表二 of the 2019 format into its
  own) by their row labels (so merged headers flattened in any order, one cell per line, full-width digits,
  traditional characters, blank cells, “0件”, spaces inside labels and tables split over pages do not matter), and
  the figures a free-text report states (:data:`METRICS`).
- :func:`check_reading` runs the checks; :func:`check_pair` the across-year ones (上年结转, 现行有效).  Every finding
  has a stable ``code``, a ``severity`` (error / warning / info), a Chinese ``message`` and ``where`` (a table cell
  as ``section3.results_total.natural_person``, or a line as ``第N行``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from gongkai.law.dates import chinese_date
from gongkai.law.outcomes import (
    REPORT_SECTIONS,
    RESULT_GROUPS,
    SECTION3_COLUMNS,
    SECTION3_ROW_KEYS,
    SECTION3_ROW_LABELS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
    UnknownOutcome,
    outcome_from_label,
)
from gongkai.law.report import (
    COMPUTED_FORMAT,
    SECTION2_ROWS,
    ReportFormat,
    check_carry_over,
    check_tables,
    deadline_for,
    deadline_rule,
    is_amount,
    report_format,
)
from gongkai.law.report_format_2019 import (
    FEE_STATEMENT_FROM_YEAR,
    SECTION2_ROWS_2019,
    SECTION3_SINGLE_OTHER,
    format_of_words,
)
from gongkai.law.versions import NotInForce

__all__ = [
    "CHECK_CODES",
    "METRICS",
    "PHRASINGS",
    "Finding",
    "Phrasing",
    "Reading",
    "check_pair",
    "check_reading",
    "guess_kind",
    "level_without_rules",
    "read_report",
    "tables_2021",
    "text_lines",
]

Line = Sequence[str]

# Every code a finding can carry, in the order of the summary sheet's columns.
# The codes of gongkai.law.report_prose's checks (it imports this module, so they are named here).
PROSE_CODES: tuple[str, ...] = (
    "prose.repeat",
    "prose.missing_word",
    "prose.typo",
    "prose.numbering",
    "prose.wrong_agency",
    "prose.stale_figure",
)
CHECK_CODES: tuple[str, ...] = (
    "format.unreadable",
    "format.unknown",
    "format.legacy",
    "format.ocr",
    "table.missing",
    "table.shape",
    "arith.row_total",
    "arith.results_total",
    "arith.balance",
    "arith.section4_total",
    "year.mismatch",
    "section.missing",
    "fees.missing",
    "text.table_mismatch",
    "deadline.late",
    "deadline.unknown",
    "carry.requests",
    "carry.normative",
    # Drafting slips in the running text: gongkai.law.report_prose (warnings).
    *PROSE_CODES,
    # Added on 2026-12-03, last so that the summary sheet's earlier columns keep their places.
    "text.inconsistent",  # gongkai.law.report_consistency (warnings)
    "table.value",
    "section.empty",
)
# The figures a report states, free-text or not: a supervisor compares them across years.
METRICS: tuple[str, ...] = (
    "proactive_items",
    "requests_received",
    "requests_carried_in",
    "requests_answered",
    "consultations",
    "reconsiderations",
    "litigation",
    "fees_yuan",
)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    where: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "where": self.where}


@dataclass
class Reading:
    """What was read from one report."""

    format: str = "unknown"  # "2021" | "2019" | "legacy" | "unknown"
    title: str = ""
    agency: str = ""
    year: int | None = None
    published_on: dt.date | None = None
    tables: dict[str, Any] | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    headings: dict[int, int] = field(default_factory=dict)  # section number 1–6 → line index of its heading
    sections: dict[int, str] = field(default_factory=dict)  # section number → its running text (no table rows)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line index, text) of every paragraph
    findings: list[Finding] = field(default_factory=list)  # what reading itself found (missing tables, rows)
    unread: set[str] = field(default_factory=set)  # table rows/groups not read: their sums are not checked
    format_by: str = ""  # how the format was told: "table" | "year" | "citation" | "headings" | "title" | ""


# --- cells and lines ---------------------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"\s*[|｜\t]\s*")
_MARKDOWN_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")


def text_lines(text: str) -> list[list[str]]:
    """Plain text as lines of cells: ``|`` (either width) or a tab separates the cells of a flattened table row."""
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if _SEPARATOR.search(raw):
            cells = _SEPARATOR.split(raw.strip())
            # “a | b |”: the separator closing the row is no blank cell.
            if cells and cells[-1] == "" and re.search(r"[|｜\t]\s*$", raw):
                cells = cells[:-1]
            if cells and cells[0] == "" and re.match(r"^\s*[|｜\t]", raw):
                cells = cells[1:]
            if cells and all(_MARKDOWN_RULE.match(c) for c in cells):
                continue  # “|---|:---:|”: the rule under a markdown table's header (PDF extractors)
            lines.append([c.strip() for c in cells])
        else:
            lines.append([raw.strip()])
    return lines


# Traditional characters → simplified, one character for one: mirror sites publish reports converted to traditional
# characters (“政府信息公開工作年度報告”, corpus 2019-2020-shanghai-general-office.txt), sometimes with the pinyin
# in brackets (“寧強(qiáng)縣”, 2021-2023-ningqiang-civil-affairs.txt). Only characters that are never simplified
# ones themselves; generated once from the t2s table of OpenCC (https://github.com/BYVoid/OpenCC, Apache License
# 2.0) for the characters of the reports and of the format.
_TRADITIONAL = (
    "並佔來個們備傳傾價優兒內兩冊別則剛創劃動務勢勵匯區協參員問啓單嚴國圍園圓圖執堅報場塊壓壠夠學實寧審寫寬將專對導屆層屬島師"
    "帶幫幹庫廂廈廠廢廣廳張強後徑從復徵徹愛態慶應懷戶掃採換揮損擇擊擔據擬擴敗數斷於時晉暢暫曉書會東條棄棟楊業極構樂樓標樣橋機"
    "檔檢欄權歐歡歷歸殯氣決沒況淺減測渾準溝溫滿漢潔澤濃濟濱瀏瀧灣災為無熱營爭爲爾牽狀獎獨獲現環瓊產畝畢畫當疊療發盡監眾確碼礄"
    "礎礙礦祕種稱積穩筆節範簡簽籌籤糾紀約紅納紓紙級紮細紹終組結絡給統絲經綜綠維綱網緊線編緯練縣總績織繞繳繼續罰羣義習聞聯聲職"
    "聽肅腦臨臺與興舉舊華萬蓋藥蘇處號衆術衛裏補製複見規視親覺覽觀觸訂計訊討訓記訟訪設許訴評詞詢試話該詳認誤說誰課調談請論諮謀"
    "講謹證識議護讀變讓豐負財貧貨貫責貴費貼貿資賢質賬購趨踐軟較載輕輪輯輸輿轄轉辦辯農這連進遊運過達違遞適遲遷選遺遼還邊郵鄉醫"
    "釋針銀銅銜銷鋼錄錯鍵鎮鏈鏡鐵長門閉開間閩閱關闡陝陸陽隊際隨隱雖雙雜難雲電靜鞏響頁項順須預領頭頸頻題額類顧顯風養餘館饋馬駐"
    "驗驛驥體鬥魚魯鳳鴨鹽麗麵黃點黨齊龍"
)
_SIMPLIFIED = (
    "并占来个们备传倾价优儿内两册别则刚创划动务势励汇区协参员问启单严国围园圆图执坚报场块压垅够学实宁审写宽将专对导届层属岛师"
    "带帮干库厢厦厂废广厅张强后径从复征彻爱态庆应怀户扫采换挥损择击担据拟扩败数断于时晋畅暂晓书会东条弃栋杨业极构乐楼标样桥机"
    "档检栏权欧欢历归殡气决没况浅减测浑准沟温满汉洁泽浓济滨浏泷湾灾为无热营争为尔牵状奖独获现环琼产亩毕画当叠疗发尽监众确码硚"
    "础碍矿秘种称积稳笔节范简签筹签纠纪约红纳纾纸级扎细绍终组结络给统丝经综绿维纲网紧线编纬练县总绩织绕缴继续罚群义习闻联声职"
    "听肃脑临台与兴举旧华万盖药苏处号众术卫里补制复见规视亲觉览观触订计讯讨训记讼访设许诉评词询试话该详认误说谁课调谈请论咨谋"
    "讲谨证识议护读变让丰负财贫货贯责贵费贴贸资贤质账购趋践软较载轻轮辑输舆辖转办辩农这连进游运过达违递适迟迁选遗辽还边邮乡医"
    "释针银铜衔销钢录错键镇链镜铁长门闭开间闽阅关阐陕陆阳队际随隐虽双杂难云电静巩响页项顺须预领头颈频题额类顾显风养余馆馈马驻"
    "验驿骥体斗鱼鲁凤鸭盐丽面黄点党齐龙"
)
_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_TO_SIMPLIFIED[ord("谘")] = ord("咨")  # 谘詢 (corpus pre2019-2010-c3e5-bureau.txt): a variant of 咨询
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_SPACE = re.compile(r"\s+")


def _normalised(text: str) -> str:
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_TO_SIMPLIFIED)
    return _PINYIN.sub("", text) if "(" in text else text


_norm_cell = lru_cache(maxsize=16384)(_normalised)
_norm_paragraph = lru_cache(maxsize=256)(_normalised)


def _norm(text: str) -> str:
    """Full-width → half-width (NFKC), traditional → simplified characters, no pinyin in brackets and no whitespace
    at all: “商业 企业” reads as “商业企业”, “公開” as “公开”."""
    if not text:
        return ""
    # Cells repeat across reports (“0”, the row labels): many short ones are cached.  A paragraph is normalised
    # several times while its report is read (as a heading, a value, a title; NFKC of CJK text is the reader's hot
    # spot, bench/checker_speed_bench.py): the last 256 of up to 5,000 characters are cached (a few MB at most);
    # a longer text is normalised each time.
    if len(text) <= 120:
        return _norm_cell(text)
    if len(text) <= 5000:
        return _norm_paragraph(text)
    return _normalised(text)


# A figure, a blank (blank, “-”, “—”, “/”), or a signed change (“+22”, “-3”: 本年增/减 of the 2019 format).
# A doubled sign (“--253”, corpus 2019-2019-tongzhou-bureau.txt) is a cell of the row too, kept as printed.
_VALUE = re.compile(r"^[+-]{0,2}(?:\d+(?:\.\d+)?)(?:件|条|个|项|次|万元|元)?$|^[-—–/]*$")


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(_norm(cell)))


def _value(cell: str) -> Decimal | None:
    """A cell's figure; None for a blank cell (blank, “-”, “—”, “/”)."""
    match = re.match(r"^(\d+(?:\.\d+)?)", _norm(cell))
    return Decimal(match.group(1)) if match else None


def _split_row(line: Line) -> tuple[list[str], list[str]]:
    """(label cells, value cells): the values are the cells after the last cell that is no figure."""
    last_label = max((i for i, cell in enumerate(line) if not _is_value(cell)), default=-1)
    labels = [c for c in line[: last_label + 1] if _norm(c)]
    return labels, list(line[last_label + 1 :])


# --- sections, title, dates -------------------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^([一二三四五六七八九十]{1,2})[、.,，]\s*(.{2,40}?)[。.]?$")
# Words that name each of the six sections of the 2021 format (国办公开办函〔2021〕30号) in its headings; older
# reports word theirs differently, the format check needs only the exact ones (_OFFICIAL).
_SECTION_WORDS: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "概述", "总体"),
    2: ("主动公开",),
    3: ("收到和处理", "依申请公开", "申请"),
    4: ("复议", "诉讼"),
    5: ("问题",),
    6: ("其他",),
}
_OFFICIAL = {number: _norm(heading.split("、", 1)[1]) for number, heading in enumerate(REPORT_SECTIONS, start=1)}
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "办理结果", "结转下年度")


def _heading_of(line: Line) -> tuple[int, bool] | None:
    """(section number 1–6, exact official wording) when the line is a section heading."""
    cells = [c for c in line if _norm(c)]
    if len(cells) != 1:
        return None
    text = _norm(cells[0])
    match = _HEADING.match(text)
    if not match or any(word in text for word in _TABLE_ROW_WORDS):
        return None
    rest = match.group(2)
    for number, words in _SECTION_WORDS.items():
        if any(word in rest for word in words):
            return number, rest == _OFFICIAL[number]
    return None


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_PUBLISHED = re.compile(r"(?:发布|发表|公开|公布|印发)(?:日期|时间)\s*[:：]?\s*" + _DATE)
_DATE_LINE = re.compile(r"^" + _DATE + r"$")
_CN_DATE_LINE = re.compile(
    r"^([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_line(text: str) -> dt.date | None:
    text = _norm(text)
    match = _DATE_LINE.match(text)
    if match:
        return _date(*match.groups())
    match = _CN_DATE_LINE.match(text)
    if match:
        return _date(_cn_number(match[1]), _cn_number(match[2]), _cn_number(match[3]))
    return None


_AGENCY_END = re.compile(
    r"(?:人民政府|政府|局|委员会|委|办公室|办公厅|办|厅|中心|署|院|会|所|站|处|队|镇|乡|街道|办事处|机关|研究室)$"
)
# The name of the report in a title or a sentence: 政府信息公开工作年度报告 and its variants (政务信息公开年度报告,
# 信息公开年度报告, 政府信息公开年报, 政务公开工作年度报告).
_REPORT_WORDS = r"(?:(?:政府|政务)?信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:情况)?(?:报告|年报)"
_TITLE = re.compile(
    r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)|政务公开(?:工作)?年度(?:报告|年报)"
)
# Page clutter before a title: field labels (标题：, 名称：), “关于”, quotation marks.
_TITLE_LABEL = re.compile(r"^[•·*-]*(?:标题|题目|名称|文章标题|信息名称|中文名)?[:：]?")
# A breadcrumb (当前位置：首页 > 政务公开 > …, 首页/政府信息公开/…), a menu or a banner line: never the title.
_BREADCRUMB = re.compile(r"(?:当前(?:位置|页面|所在位置)|所在位置|您的位置|首页)|(?:->|>|/|»).*(?:->|>|/|»)")
# Not the report itself though titled with its name: an explanation of it (文字解读, 图解).
_NOT_REPORT = re.compile(r"^(?:文字解读|图解|图文解读|政策解读|解读|一图读懂)[:：]?")
# The report named inside a sentence: “现公布山阳县人民政府2020年政府信息公开工作年度报告”, “特向社会公布2019年度市政府
# 研究室信息公开年度报告”, “编制城厢区卫生健康局2024年度…”; the agency before or after the year.
_TITLE_IN_SENTENCE = re.compile(
    r"(?:公布|发布|公开|编制|印发|报告如下|现将)(?:了|的)?《?([^《》“”,，。:：;；]{0,30}?)((?:19|20)\d{2})年度?"
    r"([^《》“”,，。:：;；\d]{0,30}?)" + _REPORT_WORDS
)
# A paragraph opening with the report's name (“盐亭县行政审批局2022年政府信息公开工作年度报告(以下简称年报)是根据…”,
# corpus 2021-2022-yanting-approval-bureau.txt).
_TITLE_OPENING = re.compile(r"^([^,，。《》“”:：;；\d]{2,30}?)((?:19|20)\d{2})年度?()" + _REPORT_WORDS)
_BY_AGENCY = re.compile(
    r"由([^《》“”,，。:：;；\d]{2,30}?)(?:(?:结合有关统计数据)?编制|(?:根据|依据|按照|综合|汇总|结合)[^。]{0,120}?编制)"
)
# A place: a province, city, county, district, banner or league (the government's name without 人民政府).
_PLACE = r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗)"
# The office that compiles a government's report for it: “由双牌县政务公开领导小组办公室编制”, “由南平市人民政府信息公开
# 工作领导小组办公室…编制而成” (corpus pre2019-2011-shuangpai-county.txt, pre2019-2012-nanping-gov.txt).
_LEADING_GROUP_OFFICE = re.compile(
    rf"^({_PLACE})(?:人民政府)?(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组(?:办公室)?$"
)
# A government's report compiled from those of its counties and departments: “综合2017年度丽水市各县(市、区)政府和
# 市级各部门的…年度工作报告编制而成”, “汇总南平市各县(市、区)” (corpus pre2019-2017-lishui-gov.txt).
_COMPILED_FROM = re.compile(rf"(?:综合|汇总)(?:(?:19|20)\d{{2}}年度?)?({_PLACE})(?:各|所属|下辖)")
# A title that lost its last words or has them scrambled, on a line of its own: “昌图县七家子镇2023年政府信息公开
# 工作告年度报” (corpus 2021-2023-qijiazi-town.txt).
_TITLE_LOOSE = re.compile(
    r"^([^,，。《》“”:：;；\d]{2,30}?)((?:19|20)\d{2})年度?(?:政府|政务)?信息公开[^,，。；;]{0,12}$"
)
# The first sentence's subject when it is a place: “2015年,眉山市按照国务院、省政府工作要求…” (the government of
# that place; corpus pre2019-2015-meishan-gov.txt).
_OPENING_PLACE = re.compile(
    rf"^(?:19|20)\d{{2}}年(?:度|以来)?[,，](?![我本全该])({_PLACE})(?:人民政府)?(?:按照|认真|坚持|深入|紧紧|紧密|围绕|全面|严格|始终|进一步)"
)
# Whom to ask about the report: “如对本年度报告有任何疑问,请与上海市人民政府办公厅联系”, “请联系:硚口区民政局局党政
# 办公室” — the agency is the shortest agency name the contact starts with.
_CONTACT = re.compile(
    r"(?:请与|请联系[:：]?|联系单位[:：])([^,，。:：;；()（）\d]{3,30}?)(?:联系|[,，。;；(（]|地址|电话)"
)
_CONTACT_AGENCY = re.compile(rf"^{_PLACE}[\u4e00-\u9fff]{{0,12}}?(?:人民政府|委员会|局|厅|办公室|中心)")
_STATISTICS_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?[,，]?(?:至|到|-|—)((?:19|20)\d{2})年12月31日")
_YEAR_END = re.compile(r"截[至止]((?:19|20)\d{2})年(?:12月31日|底|末)")
_OPENING_YEAR = re.compile(r"^((?:19|20)\d{2})年(?:度|全年)?[,，]?(?!\d{1,2}月)")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度)?(?!\d{1,2}月)")
_NOT_AGENCY = re.compile(r"^(?:我|本)|^(?:本级政府|机关)|^(?:[（(]?机关[）)]?)$")


def _agency_from(name: str) -> str:
    name = re.split(r"(?:公布|发布|公开|编制|撰写)", name)[-1]
    name = re.sub(r"^(?:关于|现将|特向社会|向社会|特)", "", name).strip('《》“”"()（）的')
    name = re.sub(r"(?:的|开展的|关于)$", "", name)
    name = re.sub(r"[（(]?(?:机关)?[）)]?$", "", name) if name.endswith(("(机关)", "（机关）")) else name
    return "" if not name or _NOT_AGENCY.search(name) or len(name) > 30 else name


def _title_match(norm: str) -> tuple[str, int] | None:
    """(agency, year) when the line is a report title."""
    norm = _TITLE_LABEL.sub("", norm)
    norm = _NOT_REPORT.sub("", norm)
    if len(norm) > 80 or not _TITLE.search(norm) or re.search(r"[,，。；;]", norm):
        return None
    match = _YEAR.search(norm)
    if not match:
        return None
    before = norm[: match.start()]
    after = _TITLE.split(norm[match.end() :])[0].lstrip("度")
    return _agency_from(before or after), int(match.group(1))


def _looks_like_agency(norm: str) -> bool:
    return 2 <= len(norm) <= 30 and not re.search(r"[\d,，。:：;；、|]", norm) and bool(_AGENCY_END.search(norm))


def _title_and_agency(paragraphs: list[tuple[int, str]]) -> tuple[str, str, int | None]:
    """The title line, the agency it names and the year, from the first lines of the report.

    Tried in turn: a title line (the agency before or after the year; clutter such as 标题： left out, breadcrumbs
    and menus skipped), a title wrapped over two lines (the agency, then “2020年政府信息公开工作年度报告”), the report
    named inside a sentence (“现公布…2020年政府信息公开工作年度报告”), the agency that “编制” the report; then, for
    the year alone, the statistics period (“2022年1月1日至2022年12月31日”) or a paragraph opening with the year
    (“2022年,白云街…”)."""
    first = [_norm(text) for _index, text in paragraphs[:25]]
    lines = [norm for norm in first if not _BREADCRUMB.search(norm)]
    matches = [_title_match(norm) for norm in lines]
    for norm, match in zip(lines, matches, strict=True):
        if match is not None and match[0]:
            return norm, match[0], match[1]
    for position, norm in enumerate(lines):
        match = matches[position]
        if match is not None and position and _looks_like_agency(lines[position - 1]):
            return lines[position - 1] + norm, lines[position - 1], match[1]
        if match is None and position + 1 < len(lines) and len(norm) <= 40 and _YEAR.search(norm):
            joined = norm + lines[position + 1]
            if (pair := _title_match(joined)) is not None and pair[0]:
                return joined, pair[0], pair[1]
    found = next(((norm, m[0], m[1]) for norm, m in zip(lines, matches, strict=True) if m is not None), None)
    by = next((b for norm in first if (b := _BY_AGENCY.search(norm))), None)
    by_agency = _compiler(by.group(1)) if by else ""
    for norm in first:
        sentence = _TITLE_IN_SENTENCE.search(norm) or _TITLE_OPENING.match(norm)
        if sentence:
            agency = _agency_from(sentence.group(1)) or _agency_from(sentence.group(3)) or by_agency
            if found is not None:
                return found[0], agency, found[2]
            return "", agency, int(sentence.group(2))
    if found is not None:
        return found[0], by_agency, found[2]
    year = None
    for norm in first:
        period = _STATISTICS_PERIOD.search(norm)
        if period and period.group(1) == period.group(2):
            year = int(period.group(1))
            break
    if year is None:  # “截止2023年12月31日我局…发布” (corpus 2021-2023-changchun-styjrswj-bureau.txt)
        year = next((int(m.group(1)) for norm in first if (m := _YEAR_END.search(norm))), None)
    if year is None:
        year = next((int(m.group(1)) for norm in first if (m := _OPENING_YEAR.match(norm))), None)
    if year is None and any("政府信息公开" in norm for norm in first[:5]):
        # the first year the opening lines name, outside the titles of other documents (《…》)
        year = next(
            (int(m.group(1)) for norm in first[:5] if (m := _ANY_YEAR.search(re.sub(r"《[^》]*》", "", norm)))),
            None,
        )
    return "", by_agency, year


def _compiler(name: str) -> str:
    """The agency whose report a compiler (“由…编制”) wrote: a government's leading group office compiles the
    government's report."""
    group = _LEADING_GROUP_OFFICE.match(name)
    if group:
        return group.group(1) + "人民政府"
    if re.match(r"^(?:市|区|县|州|省)(?:人民)?政府(?:办公厅|办公室)", name):
        return ""  # “由市政府办公厅综合…编制”: an office compiling for a government it does not name
    return _agency_from(name)


def _agency_in_text(paragraphs: list[tuple[int, str]]) -> str:
    """The agency when neither a title nor the compiler names it: a title line that lost its last words, a
    government's report compiled from its counties' and departments' reports, the first sentence's place, or whom to
    ask about the report — in that order, each only on the opening lines (the contact anywhere)."""
    first = [_norm(text) for _index, text in paragraphs[:25]]
    for norm in first:
        loose = _TITLE_LOOSE.match(norm)
        if loose and _AGENCY_END.search(loose.group(1)) and (name := _agency_from(loose.group(1))):
            return name
    for norm in first:
        if compiled := _COMPILED_FROM.search(norm):
            return compiled.group(1) + "人民政府"
    for norm in first:
        if opening := _OPENING_PLACE.match(norm):
            return opening.group(1)
    for _index, text in paragraphs:
        if "疑问" in text or "联系" in text:
            for contact in _CONTACT.finditer(_norm(text)):
                if agency := _CONTACT_AGENCY.match(contact.group(1)):
                    return agency.group(0)
    return ""


def _signature(paragraphs: list[tuple[int, str]]) -> tuple[str, dt.date | None]:
    """The signing agency and date at the end (“旅顺口区民政局 / 2019年3月15日”)."""
    tail = [text for _index, text in paragraphs[-6:]]
    for position in range(len(tail) - 1, -1, -1):
        day = _date_line(tail[position])
        if day is not None:
            name = _norm(tail[position - 1]) if position else ""
            return (name if _AGENCY_END.search(name) and len(name) <= 40 else ""), day
    return "", None


# --- 表二、表三、表四 ---------------------------------------------------------------------------------------------

# 表二's rows by the label a report prints, from the template (gongkai.law.report.SECTION2_ROWS), and the 2019
# format's (gongkai.law.report_format_2019): label → (row key, columns, amount columns).
_S2_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    row.label: (row.key, tuple(col for col, _label in row.columns)) for row in SECTION2_ROWS
}
_S2_AMOUNTS = {(row.key, col) for row in SECTION2_ROWS for col, label in row.columns if is_amount(label)}
_S2_ROWS_2019: dict[str, tuple[str, tuple[str, ...]]] = {
    label: (row.key, tuple(col for col, _label in row.columns))
    for row in SECTION2_ROWS_2019
    for label in (row.label, *row.aliases)
}
_S2_AMOUNTS_2019 = {("procurement", "amount")}
_S2_SIGNED_2019 = {"change"}  # 本年增/减 may be negative (“-3”) or signed (“+22”)
# Variant labels of the 2021 format's 表二 rows (“规范性文件” for 行政规范性文件).
_S2_ALIASES = {"规范性文件": "行政规范性文件", "规范性档案": "行政规范性文件", "行政规范性档案": "行政规范性文件"}
_S3_COLUMNS = tuple(SECTION3_COLUMNS)  # the format's column order: 自然人, five kinds of 法人或其他组织, 总计
_S4_CELLS = tuple((group, column) for group in SECTION4_GROUPS for column in SECTION4_COLUMNS)
_GROUP_WORDS = {label[3:]: label for label, _keys in RESULT_GROUPS.values()}  # 不予公开 → （三）不予公开
_OTHER_ROWS = RESULT_GROUPS["other"][1]  # the 2021 format's three （六）其他处理 rows
_OTHER_GROUP = RESULT_GROUPS["other"][0]


def _empty_tables(fmt: str = "2021") -> dict[str, Any]:
    shapes = _S2_ROWS_2019 if fmt == "2019" else _S2_ROWS
    section2: dict[str, dict[str, Any]] = {key: dict.fromkeys(cols, 0) for key, cols in shapes.values()}
    rows = _section3_rows(fmt)
    return {
        "section2": section2,
        "section3": {row: dict.fromkeys(_S3_COLUMNS, 0) for row in rows},
        "section4": {group: dict.fromkeys(SECTION4_COLUMNS, 0) for group in SECTION4_GROUPS},
    }


def _section3_rows(fmt: str) -> tuple[str, ...]:
    """表三's rows in a format: the 2019 format has one （六）其他处理 row where 2021 has three."""
    if fmt != "2019":
        return SECTION3_ROW_KEYS
    rows = [row for row in SECTION3_ROW_KEYS if row not in _OTHER_ROWS]
    rows.insert(rows.index("results_total"), SECTION3_SINGLE_OTHER)
    return tuple(rows)


def _s2_label(label: str, fmt: str) -> str | None:
    """The 表二 row label a cell names, tolerating a bracketed note (“规章(设区的市…应提供相关数据)”) and variants."""
    shapes = _S2_ROWS_2019 if fmt == "2019" else _S2_ROWS
    key = _norm(label)
    if key in shapes:
        return key
    key = re.sub(r"[(（].*$", "", key)
    key = _S2_ALIASES.get(key, key) if fmt != "2019" else key
    return key if key in shapes else None


def _section3_key(labels: list[str], group: str) -> tuple[str | None, str]:
    """The row key of a 表三 row from its label cells, and the result group now open (for “3.其他” rows)."""
    joined = _norm("".join(labels))
    for cell in labels:
        group = _group_of(cell, group)
    if "本年新收" in joined:
        return "new_this_year", group
    if "上年结转" in joined:
        return "carried_from_last_year", group
    if "结转下年度" in joined:
        return "carried_to_next_year", group
    if joined.endswith("总计"):
        return "results_total", group
    leaf = labels[-1]
    if _norm(leaf).lstrip("()（）六") == "其他处理":  # the single row of the 2019 format
        return SECTION3_SINGLE_OTHER, _OTHER_GROUP
    candidates = [f"{group}/{leaf}"] if group and re.match(r"^\d", _norm(leaf)) else []
    candidates += ["/".join(labels), leaf]
    for candidate in candidates:
        try:
            return outcome_from_label(candidate), group
        except UnknownOutcome:
            continue
    return _near_outcome(leaf, group), group


def _group_of(cell: str, group: str) -> str:
    norm = _norm(cell)
    for word, label in _GROUP_WORDS.items():
        if norm.lstrip("()（）一二三四五六").startswith(word) or norm == _norm(label):
            return label
    return group


_LEAF_LABELS = {
    key: _norm(SECTION3_ROW_LABELS[key].split("/")[-1]).lstrip("0123456789.")
    for key in SECTION3_ROW_KEYS
    if "/" in SECTION3_ROW_LABELS[key]
}


def _near_outcome(leaf: str, group: str) -> str | None:
    """A misspelt result label (a character missing or wrong) within the open group: the one row whose label is
    nearly the same (at most one character in seven differs)."""
    text = _norm(leaf).lstrip("0123456789.、")
    if len(text) < 4:
        return None
    keys = [k for k in _LEAF_LABELS if not group or k in RESULT_GROUPS.get(_GROUP_KEY.get(group, ""), ("", ()))[1]]
    near = [
        key
        for key in keys
        if abs(len(_LEAF_LABELS[key]) - len(text)) <= max(1, len(text) // 7)
        and SequenceMatcher(None, _LEAF_LABELS[key], text).ratio() >= 0.85
    ]
    return near[0] if len(near) == 1 else None


_GROUP_KEY = {label: key for key, (label, _rows) in RESULT_GROUPS.items()}


def _signed(cell: str) -> int | Decimal | str | None:
    """A 本年增/减 cell: a signed count, None for a blank, else the printed text (“--253”)."""
    norm = _norm(cell)
    if not norm or re.fullmatch(r"[-—–/]+", norm):
        return None
    match = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)(?:件|条|个|项)?", norm)
    return _number(match.group(1)) if match else norm


@dataclass
class _TableReader:
    fmt: str = "2021"
    tables: dict[str, Any] = field(default_factory=_empty_tables)
    found: dict[str, set[str]] = field(default_factory=lambda: {"section2": set(), "section3": set()})
    blank: int = 0
    findings: list[Finding] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)

    def _fit(self, values: list[str], width: int) -> list[str]:
        """Empty cells of merged cells at the ends of a row (“| 0 | 0 | ||”) are no figures: dropped while the row
        has more cells than the table has columns."""
        values = list(values)
        while len(values) > width and not _norm(values[-1]):
            values.pop()
        while len(values) > width and not _norm(values[0]):
            values.pop(0)
        return values

    def _values(self, values: list[str], width: int, where: str, label: str) -> list[Decimal] | None:
        values = self._fit(values, width)
        if len(values) != width:
            self.findings.append(
                Finding(
                    "table.shape",
                    "error",
                    f"“{label}”行应有 {width} 个数字，读到 {len(values)} 个，该行未计入核对。",
                    where,
                )
            )
            return None
        out = []
        for cell in values:
            number = _value(cell)
            if number is None:
                self.blank += 1
            out.append(number or Decimal(0))
        return out

    def check_cells(
        self, where: str, label: str, cells: Sequence[tuple[str, str]], *, signed: Iterable[str] = ()
    ) -> None:
        """``table.value``: a cell that holds no valid figure for its column — a doubled sign (“--253”), a sign in a
        count (“+22” as 上一年项目数量; corpus 2019-2019-tongzhou-bureau.txt), a fraction of a count.  The format's
        cells are counts (本年增/减 of the 2019 format: a signed count) or amounts (万元, 元); ``cells`` are
        (column, cell) and ``signed`` the columns that may carry one sign.  Amount columns are not passed."""
        allowed = set(signed)
        for column, cell in cells:
            norm = _norm(cell)
            if not norm or re.fullmatch(r"[-—–/]+", norm):
                continue
            sign = "[+-]?" if column in allowed else ""
            if not re.fullmatch(rf"{sign}\d+(?:件|条|个|项|次)?", norm):
                self.findings.append(
                    Finding(
                        "table.value",
                        "error",
                        f"“{label}”行的“{cell.strip()}”不是有效的数字"
                        + (
                            "（本栏为增减数，只能有一个正负号）"
                            if column in allowed
                            else "（本栏为件数，应为非负整数）"
                        )
                        + "。",
                        f"{where}：{label}",
                    )
                )

    def cut_row(self, section: str, row: str, columns: Sequence[str], values: list[str]) -> bool:
        """The last row of a document cut off inside it (an excerpt): its leading figures, no sums over it."""
        values = [v for v in values if _norm(v)]
        if not 0 < len(values) < len(columns):
            return False
        for column, cell in zip(columns, values, strict=False):
            number = _value(cell)
            self.tables[section][row][column] = _number(str(number)) if number is not None else 0
        self.unread.add(f"{section}.{row}")
        return True

    def section2_row(self, labels: list[str], values: list[str], where: str, *, cut: bool = False) -> bool:
        key = _s2_label(labels[-1], self.fmt) if labels else None
        if key is None:
            return False
        shapes = _S2_ROWS_2019 if self.fmt == "2019" else _S2_ROWS
        amounts = _S2_AMOUNTS_2019 if self.fmt == "2019" else _S2_AMOUNTS
        row, columns = shapes[key]
        if cut and self.cut_row("section2", row, columns, values):
            self.found["section2"].add(row)
            return True
        fitted = self._fit(values, len(columns))
        numbers = self._values(values, len(columns), where, key)
        if numbers is not None:
            self.check_cells(
                where,
                key,
                [(c, cell) for c, cell in zip(columns, fitted, strict=True) if (row, c) not in amounts],
                signed=_S2_SIGNED_2019 if self.fmt == "2019" else (),
            )
            for column, number, cell in zip(columns, numbers, fitted, strict=True):
                # The 2019 format's counts as printed: a signed 本年增/减, and a sign where none belongs (“+22” as
                # 上一年项目数量, corpus 2019-2019-tongzhou-bureau.txt) is kept rather than read as a blank.
                if self.fmt == "2019" and (column in _S2_SIGNED_2019 or _norm(cell).startswith(("+", "-"))):
                    value = _signed(cell)
                    self.tables["section2"][row][column] = 0 if value is None else value
                else:
                    self.tables["section2"][row][column] = (
                        _number(str(number)) if (row, column) in amounts else int(number)
                    )
            self.found["section2"].add(row)
        return True

    def section3_row(self, row: str, values: list[str], where: str, *, cut: bool = False) -> None:
        if cut and self.cut_row("section3", row, _S3_COLUMNS, values):
            return
        label = SECTION3_ROW_LABELS[row].split("/")[-1] if row in SECTION3_ROW_LABELS else _OTHER_GROUP
        numbers = self._values(values, len(_S3_COLUMNS), where, label)
        if numbers is None:
            self.unread.add(f"section3.{row}")
            return
        self.check_cells(where, label, list(zip(_S3_COLUMNS, self._fit(values, len(_S3_COLUMNS)), strict=True)))
        self.tables["section3"][row] = {col: int(n) for col, n in zip(_S3_COLUMNS, numbers, strict=True)}
        self.found["section3"].add(row)


def _read_tables(lines: Sequence[Line], headings: dict[int, int], fmt: str) -> tuple[_TableReader, bool, bool]:
    """表二、表三 by row labels anywhere; 表四 as the figures of section 四 (15 of them)."""
    reader = _TableReader(fmt, _empty_tables(fmt))
    group = ""
    s4_start = headings.get(4)
    s4_end = min((i for n, i in headings.items() if s4_start is not None and i > s4_start), default=len(lines))
    s4_values: list[str] = []
    s4_seen = False
    for index, line in enumerate(lines):
        if len(line) < 2:
            if len(line) == 1 and len(line[0]) <= 12:
                group = _group_of(line[0], group)
            continue
        labels, values = _split_row(line)
        where = f"第{index + 1}行"
        if s4_start is not None and s4_start < index < s4_end:
            if values:
                s4_values += values
                s4_seen = True
            continue
        if not values or not labels:
            continue
        cut = index == len(lines) - 1  # the document ends in this row: an excerpt cut off
        if reader.section2_row(labels, values, where, cut=cut):
            continue
        row, group = _section3_key(labels, group)
        if row is not None:
            if row == SECTION3_SINGLE_OTHER and row not in reader.tables["section3"]:
                reader.tables["section3"][row] = dict.fromkeys(_S3_COLUMNS, 0)
            reader.section3_row(row, values, where, cut=cut)
    if s4_start is None:  # no heading 四: the one row of 15 figures without labels, wherever it is
        rows = [v for line in lines if len(line) >= 15 for _labels, v in [_split_row(line)] if len(v) >= 15]
        s4_values, s4_seen = (rows[0], True) if rows else ([], False)
    if s4_seen:
        numbers = reader._values(s4_values, len(_S4_CELLS), "section4", "表四")
        if numbers is None:
            reader.unread.add("section4")
        else:
            fitted = reader._fit(s4_values, len(_S4_CELLS))
            reader.check_cells(
                "section4", "表四", [(f"{g}.{c}", cell) for (g, c), cell in zip(_S4_CELLS, fitted, strict=True)]
            )
            for (group_key, column), number in zip(_S4_CELLS, numbers, strict=True):
                reader.tables["section4"][group_key][column] = int(number)
    return (
        reader,
        bool(
            reader.found["section3"]
            or reader.unread & {f"section3.{r}" for r in (*SECTION3_ROW_KEYS, SECTION3_SINGLE_OTHER)}
        ),
        s4_seen,
    )


# --- figures stated in the text ----------------------------------------------------------------------------------

_N = r"(\d+(?:\.\d+)?)\s*[余多]?"  # “755多条” (corpus pre2019-2017-tljq-township.txt)
_METRIC_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "proactive_items": (
        # the unit lost before the breakdown: “累计主动公开政府信息72,其中工作动态58条” (2021-2023-guangshun-town.txt)
        re.compile(r"主动公开(?:政府)?信息(?:共计|共|合计)?(\d+)(?=[,，]其中)"),
        re.compile(r"主动公开[^\n]{0,60}?" + _N + "条"),
        # “主动在门户网站公开政府信息50条” (2021-2023-district-statistics-bureau.txt)
        re.compile(r"主动(?:在|通过)[^。；;\n\d]{0,20}?公开[^。；;\n\d]{0,20}?" + _N + "条"),
    ),
    # “上年结转申请0件” (2021-2023-qiaokou-civil-affairs.txt)
    "requests_carried_in": (
        re.compile(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数)?(?:共|为)?" + _N + "件"),
    ),
    "requests_received": (
        re.compile(
            r"(?:收到|受理|接收|新收)[^。；;\n]{0,12}?(?:依申请公开|政府信息公开申请|公开申请)[^。；;\n\d]{0,8}?"
            + _N
            + "件"
        ),
        re.compile(r"(?:收到|受理|接收)" + _N + r"件[^。；;\n]{0,6}?(?:依申请公开|政府信息公开申请|申请)"),
    ),
    "requests_answered": (re.compile(r"(?:办结|答复)[^。；;\n\d]{0,10}?" + _N + "件"),),
    "consultations": (re.compile(r"咨询[^。；;\n\d]{0,12}?" + _N + "(?:人次|次|件)"),),
    "reconsiderations": (
        re.compile(r"行政复议[^。；;\n\d]{0,4}?" + _N + "(?:件|起)"),  # “行政復議案共1起” (2017-binjiang-bureau)
        re.compile(_N + r"件[^。；;\n]{0,6}?行政复议"),
    ),
    "litigation": (
        re.compile(r"行政诉讼[^。；;\n\d]{0,4}?" + _N + "件"),
        re.compile(_N + r"件[^。；;\n]{0,6}?行政诉讼"),
    ),
    "fees_yuan": (re.compile(r"(?:收取|收费|处理费)[^。；;\n\d]{0,20}?" + _N + r"(万?)元"),),
}


# “全年共发布信息59条”, “公开…政府信息共计4891条”, “录入各类公开信息120条”.
_ITEMS_PUBLISHED = re.compile(r"(?:发布|公开|录入)[^。；;\n\d]{0,40}?信息(?:共计|共|合计)?" + _N + "条")
# “接到依申请公开2件”, “收到依申请公开事项0” (the unit lost).
_REQUESTS_RECEIVED = re.compile(
    r"(?:收到|受理|接收|接到)[^。；;\n\d]{0,12}?依申请公开(?:事项|申请|请求)?(?:共)?(\d+)(?:件|个|项)?(?![\d.])"
)


@dataclass(frozen=True)
class Phrasing:
    """How real reports state a figure, tried when the patterns above find nothing in the whole text: the metric, the
    pattern (group 1 the figure), and an example as printed in the real corpus (tests/checker/real/docs/<file>)."""

    metric: str
    pattern: re.Pattern[str]
    example: str
    value: int
    file: str


# Each example is tested to give its value (tests/checker/test_real_titles.py).
PHRASINGS: tuple[Phrasing, ...] = (
    Phrasing(
        "proactive_items",
        _ITEMS_PUBLISHED,
        "全年共发布信息59条(其中,领导信息…)",
        59,
        "2019-2019-mashui-town.txt",
    ),
    Phrasing(
        "proactive_items",
        _ITEMS_PUBLISHED,
        "依法、及时向社会公开政务要闻、政府文件、重大决策、便民服务等政府信息共计4891条",
        4891,
        "2019-2020-chengkou-county-gov.txt",
    ),
    Phrasing(
        "proactive_items",
        _ITEMS_PUBLISHED,
        "2022年度共计公开各类信息236条,其中政府…",
        236,
        "2021-2022-paoli-street.txt",
    ),
    Phrasing(
        "requests_received",
        _REQUESTS_RECEIVED,
        "2022年黄岛街道接到依申请公开2件,主要为多年前征地拆迁遗留相关事宜",
        2,
        "2021-2022-huangdao-street.txt",
    ),
    Phrasing(
        "requests_received",
        _REQUESTS_RECEIVED,
        "本年度共收到依申请公开事项0三是政府信息管理方面",
        0,
        "2021-2024-daixian-health.txt",
    ),
)

_NONE_WORDS = re.compile(r"(?:没有|未|无|不存在|均为0|为零)")
_NONE_TOPICS: dict[str, tuple[str, ...]] = {
    "requests_received": ("依申请公开", "公开申请", "公开的申请"),  # “我局未收到信息公开的申请” (jiayu)
    "reconsiderations": ("行政复议",),
    "litigation": ("行政诉讼",),
    "fees_yuan": ("收费", "处理费", "收取"),
    "consultations": ("咨询",),  # “也没有接受到政府信息公开方面的咨询” (pre2019-2015-jiedong-highway.txt)
}


def _number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def text_metrics(text: str) -> dict[str, Any]:
    """The figures a report states in words; None where it states nothing.  “没有收到…行政复议” counts as 0."""
    metrics: dict[str, Any] = dict.fromkeys(METRICS)
    text = unicodedata.normalize("NFKC", text).translate(_TO_SIMPLIFIED)  # 公開 reads as 公开
    sentences = [s for s in re.split(r"[。；;\n]", text) if s.strip()]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for name, patterns in _METRIC_PATTERNS.items():
        # 主动公开 may head a paragraph whose next sentence gives the count (“二、主动公开政府信息情况。…796条”).
        for sentence in sentences + paragraphs if name == "proactive_items" else sentences:
            match = next((m for p in patterns if (m := p.search(sentence))), None)
            if match:
                value = _number(match.group(1))
                if name == "fees_yuan" and match.group(2):
                    value = _number(str(Decimal(match.group(1)) * 10000))
                metrics[name] = value
                break
            if name in _NONE_TOPICS and any(t in sentence for t in _NONE_TOPICS[name]) and _NONE_WORDS.search(sentence):
                metrics[name] = 0
                break
    for phrasing in PHRASINGS:
        if metrics[phrasing.metric] is None and (found := phrasing.pattern.search(text)):
            metrics[phrasing.metric] = _number(found.group(1))
    answered_all = re.search(r"(?:全部|均已?|均)(?:按时)?(?:办结|答复)", text)
    if metrics["requests_answered"] is None and metrics["requests_received"] is not None and answered_all:
        metrics["requests_answered"] = metrics["requests_received"]
    return metrics


def _table_metrics(tables: dict[str, Any]) -> dict[str, Any]:
    s3, s4 = tables["section3"], tables["section4"]
    return {
        "requests_received": s3["new_this_year"]["total"],
        "requests_carried_in": s3["carried_from_last_year"]["total"],
        "requests_answered": s3["results_total"]["total"],
        "reconsiderations": s4["reconsideration"]["total"],
        "litigation": s4["litigation_direct"]["total"] + s4["litigation_after_reconsideration"]["total"],
    }


# --- reading -----------------------------------------------------------------------------------------------------


_CELL_WITH_FIGURES = re.compile(r"^(.*?[^\d\s.,，:：])\s+((?:\d+(?:\.\d+)?\s*)+)$")


def _split_cells(line: list[str]) -> list[str]:
    """A label and its figures sharing a cell (“行政许可 97”, “规章 0 0 0”) as separate cells."""
    out: list[str] = []
    for cell in line:
        match = _CELL_WITH_FIGURES.match(cell.strip()) if any(c.isdigit() for c in cell) else None
        if match and not _is_value(match.group(1)) and len(_norm(match.group(1))) <= 60:
            out.append(match.group(1))
            out.extend(match.group(2).split())
        else:
            out.append(cell)
    return out


def _join_cell_lines(lines: list[list[str]]) -> list[list[str]]:
    """Tables flattened one cell per line (“规章” / “0” / “0” / “0”, corpus 2019-2020-hebao-town.txt): a run of
    figure lines joins the short label line before it into one row."""
    out: list[list[str]] = []
    for line in lines:
        if len(line) > 1 and _norm(line[0]) and _is_value(line[0]) and not any(_norm(c) for c in line[1:]):
            line = line[:1]  # “8 | |||||||||”: one figure, then the empty cells of a merged cell
        if len(line) == 1 and _norm(line[0]) and _is_value(line[0]) and out:
            last = out[-1]
            if isinstance(last, _Row):
                last.append(line[0])
                continue
            if len(last) == 1 and not _is_value(last[0]) and len(_norm(last[0])) <= 60 and _heading_of(last) is None:
                out[-1] = _Row([last[0], line[0]])
                continue
        out.append(line)
    return out


class _Row(list[str]):
    """A row joined from lines of one cell: figures that follow still belong to it."""


def _detect_format(
    reading: Reading, text: str, s3_rows: int, exact: int, s2_rows: int, s4_read: bool = False
) -> tuple[str, str]:
    """(format, how it was told): ``table`` (a column heading only one format prints), ``year`` (tables both formats
    print alike — 表三, 表四 —: the format the year is due), ``citation``
    (the 文 the report cites), ``headings`` (the six section headings, the format then the year's), ``title`` (a
    report title without the format: legacy) or ``""`` (unknown)."""
    words, how = format_of_words(text)
    tabular = bool(words) or s3_rows >= 5 or s2_rows >= 2 or s4_read or exact >= 3 or "勾稽关系" in text
    due = _format_due(reading.year)
    due_key = due.key if due is not None else None
    if words and how == "table":
        return words, "table"
    if tabular:
        if words:
            return words, how
        return ("2019" if due_key == "2019" else "2021"), "year"  # 表三/表四 alone: the same in both formats
    if words and how == "citation":
        return words, "citation"
    # The format's headings but no table: an excerpt cut before its tables, or a page whose tables are images (no
    # running text in sections 三—六), is read as the format the year is due; a text that goes on with sections
    # 三—六 in words and no table is a free-text report.
    prose_after = any(
        not re.match(r"^[一二三四五六七八九十]{1,2}、.{0,20}$", _norm(text))  # a heading cut off is no prose
        for number in range(3, 7)
        for text in reading.sections.get(number, "").splitlines()
        if text.strip()
    )
    if exact >= 1 and due_key in ("2019", "2021") and not prose_after:
        return due_key, "headings"
    if reading.title and _NOT_REPORT.match(reading.title):
        return "unknown", ""
    if reading.title or _TITLE.search(_norm("\n".join(t for _i, t in reading.paragraphs[:15]))):
        return "legacy", "title"
    if reading.year is not None and reading.headings and "政府信息公开" in text:
        return "legacy", "headings"
    return "unknown", ""


def read_report(lines: Sequence[Line]) -> Reading:
    """Everything :class:`Reading` holds, from the report's lines of cells."""
    reading = Reading()
    lines = [[str(c or "") for c in line] for line in lines if any(_norm(str(c or "")) for c in line)]
    lines = _join_cell_lines([_split_cells(line) if len(line) > 1 or len(line[0]) <= 80 else line for line in lines])
    lines = [list(line) for line in lines]
    reading.paragraphs = [(i, " ".join(c for c in line if c.strip())) for i, line in enumerate(lines) if len(line) == 1]
    exact = 0
    for index, line in enumerate(lines):
        heading = _heading_of(line)
        if heading and heading[0] not in reading.headings:
            reading.headings[heading[0]] = index
            exact += heading[1]
    reading.title, reading.agency, reading.year = _title_and_agency(reading.paragraphs)
    signer, signed_on = _signature(reading.paragraphs)
    if signer and (not reading.agency or (signer.endswith(reading.agency) and len(signer) > len(reading.agency))):
        reading.agency = signer
    if not reading.agency:
        reading.agency = _agency_in_text(reading.paragraphs)
    head = "\n".join(_norm(text) for _i, text in reading.paragraphs[:15])
    published = _PUBLISHED.search(head)
    reading.published_on = _date(*published.groups()) if published else signed_on

    starts = sorted((index, number) for number, index in reading.headings.items())
    for position, (index, number) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        reading.sections[number] = "\n".join(text for i, text in reading.paragraphs if index < i < end)
    body = "\n".join(text for _i, text in reading.paragraphs)

    text = _norm(" ".join(" ".join(line) for line in lines))
    words, _how = format_of_words(text)
    fmt = words or ("2019" if (due := _format_due(reading.year)) is not None and due.key == "2019" else "2021")
    reader, has_s3, has_s4 = _read_tables(lines, reading.headings, fmt)
    s3_rows = len(reader.found["section3"]) + sum(1 for u in reader.unread if u.startswith("section3."))
    s4_read = has_s4 and "section4" not in reader.unread  # 表四's 15 figures alone tell a table format
    reading.format, reading.format_by = _detect_format(
        reading, text, s3_rows, exact, len(reader.found["section2"]), s4_read
    )
    reading.metrics = text_metrics(body)
    if reading.format not in ("2019", "2021"):
        return reading
    if reading.format != fmt:  # told by the headings or the citation only: read again with that format's shapes
        reader, has_s3, has_s4 = _read_tables(lines, reading.headings, reading.format)

    reading.tables = reader.tables
    reading.findings += reader.findings
    reading.unread = set(reader.unread)
    names = {
        2: "表二（主动公开政府信息情况）",
        3: "表三（收到和处理政府信息公开申请情况）",
        4: "表四（行政复议、行政诉讼情况）",
    }
    present = {2: bool(reader.found["section2"]), 3: has_s3, 4: has_s4}
    bare = _bare_labels(lines, reading.format)
    for number, ok in present.items():
        if not ok and len(bare[number]) >= _BARE_LABELS_MIN:
            # The table is there, its figures are not (corpus 2021-2022-xizhen-town.txt: 表二 and 表三 labels only).
            reading.unread.add(f"section{number}")
            shown = "、".join(bare[number][:3])
            reading.findings.append(
                Finding(
                    "table.shape",
                    "error",
                    f"{names[number]}只印出了行标签（{shown}等），没有数字。",
                    f"section{number}",
                )
            )
        elif not ok:
            reading.unread.add(f"section{number}")
            reading.findings.append(
                Finding(
                    "table.missing",
                    "error",
                    f"未读到{names[number]}：表格缺失、以图片形式粘贴，或行标签无法识别。",
                    f"section{number}",
                )
            )
    if has_s3:
        single_other = SECTION3_SINGLE_OTHER in reader.found["section3"]
        for row in _section3_rows(reading.format):
            if row in _OTHER_ROWS and single_other:
                continue  # the single （六）其他处理 row printed instead: one finding below
            if row not in reader.found["section3"] and f"section3.{row}" not in reader.unread:
                reading.unread.add(f"section3.{row}")
                label = SECTION3_ROW_LABELS.get(row, _OTHER_GROUP)
                reading.findings.append(Finding("table.shape", "error", f"表三缺少“{label}”行。", f"section3.{row}"))
        if single_other and reading.format == "2021":
            reading.unread.add("section3.other")
            reading.findings.append(
                Finding(
                    "table.shape",
                    "error",
                    "表三“（六）其他处理”只有一行（2019年格式），2021年格式应分为三行"
                    "（逾期不补正、逾期未缴纳费用、其他）。",
                    "section3.other",
                )
            )
    if present[2]:
        shapes = _S2_ROWS_2019 if reading.format == "2019" else _S2_ROWS
        optional = {"other_documents"}
        seen_rows: set[str] = set()
        for key, (row, _cols) in shapes.items():
            if row in seen_rows or row in optional:
                continue
            seen_rows.add(row)
            if row not in reader.found["section2"]:
                reading.findings.append(Finding("table.shape", "warning", f"表二缺少“{key}”行。", f"section2.{row}"))
    if reader.blank:
        reading.findings.append(
            Finding("table.shape", "info", f"表中有 {reader.blank} 个空白单元格，按 0 计。", "tables")
        )
    reading.metrics.update({k: v for k, v in _table_metrics(reading.tables).items() if present[3] or present[4]})
    return reading


# --- checks ------------------------------------------------------------------------------------------------------


def guess_kind(agency: str) -> str:
    """“government” for a people's government (its report is due 3-31), else “department” (1-31)."""
    return "government" if re.search(r"(?:人民政府|政府)$", _norm(agency)) else "department"


# A statistics period: it must cover the report's year, 1月1日 to 12月31日 (“2020年1月1日至12月21日” does not, corpus
# 2019-2020-shanyang-county-gov.txt).
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到)((?:19|20)\d{2})?年?(\d{1,2})月(\d{1,2})日")
# The same period printed with its 年 and 月 lost (“统计期限自202111日起至20211230日止”, corpus
# 2021-2021-zhouwan-town.txt): only an end of eight digits (YYYYMMDD) is read, after the word 统计.
_PERIOD_DIGITS = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)?(?:为|是)?自?((?:19|20)\d{2})\d{2,4}日?(?:起)?(?:至|到)((?:19|20)\d{2})(\d{2})(\d{2})日"
)
# Last year's report published as this year's work: “及时发布”, “按规定…发布”, “完成…报送”; not the sentence that
# introduces the report (“特向社会公开…2022年度…年度报告”, seed 003).
_PUBLISHING = re.compile(
    r"(?:及时|按时|按期|如期|按规定|按要求|完成|做好)[^,，。；;]{0,8}?(?:发布|公布|公开|编制|报送|上报)"
)
_REPORT_NAME = re.compile(r"((?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
_LEADING_YEAR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.])?((?:19|20)\d{2})年度?[,，、]")
_COMPARISON = re.compile(r"较|比|同比|上年|上一年|去年|以来|期间|至今|截至")


def _year_findings(reading: Reading, year: int) -> list[Finding]:
    findings = []
    for index, text in reading.paragraphs:
        norm = _norm(text)
        if norm == reading.title:
            continue
        where = f"第{index + 1}行"
        body = 1 in reading.headings and index > reading.headings[1]
        for match in _REPORT_NAME.finditer(norm):
            named = int(match.group(1))
            # Within the sections, publishing last year's report is work done this year (“按规定及时发布市政府办公厅
            # 2019年度政府信息公开年报”, corpus 2019-2020-shanghai-general-office.txt), not last year's text.
            if body and named == year - 1 and _PUBLISHING.search(norm[max(0, match.start() - 20) : match.start()]):
                continue
            if named != year:
                findings.append(
                    Finding(
                        "year.mismatch",
                        "error",
                        f"正文称“{match.group(0)}”，与标题的报告年度 {year} 年不符。",
                        where,
                    )
                )
        for match in [*_PERIOD.finditer(norm), *_PERIOD_DIGITS.finditer(norm)]:
            end_year, month, day = int(match.group(2) or match.group(1)), int(match.group(3)), int(match.group(4))
            if int(match.group(1)) != year or end_year != year or (month, day) != (12, 31):
                findings.append(
                    Finding(
                        "year.mismatch",
                        "error",
                        f"统计期限“{match.group(0)}”与报告年度 {year} 年不符。",
                        where,
                    )
                )
        leading = _LEADING_YEAR.match(norm)
        sentence = re.split(r"[。；;]", norm, maxsplit=1)[0]
        if leading and int(leading.group(1)) < year and not _COMPARISON.search(sentence):
            findings.append(
                Finding(
                    "year.mismatch",
                    "warning",
                    f"段落以“{leading.group(1)}年”开头，报告年度为 {year} 年：可能是沿用往年的文字。",
                    where,
                )
            )
    return findings


def _section_findings(reading: Reading) -> list[Finding]:
    findings = []
    for number, heading in enumerate(REPORT_SECTIONS, start=1):
        if number not in reading.headings:
            findings.append(
                Finding("section.missing", "error", f"缺少第{_NUMERALS[number - 1]}部分“{heading}”。", heading)
            )
    present = sorted(reading.headings.items(), key=lambda item: item[1])
    numbers = [number for number, _index in present]
    if numbers != sorted(numbers):
        order = "、".join(REPORT_SECTIONS[n - 1].split("、")[0] for n in numbers)
        findings.append(
            Finding("section.missing", "error", f"各部分的顺序（{order}）与年报格式不符，应为一至六。", "sections")
        )
    return findings


_FEE_WORDS = ("信息处理费", "处理费")


def check_reading(
    reading: Reading, *, kind: str | None = None, year: int | None = None, today: dt.date | None = None
) -> list[Finding]:
    """All within-report checks; ``year`` is the year the report should be on (else the title's)."""
    findings = list(reading.findings)
    if reading.format == "unknown":
        findings.append(
            Finding(
                "format.unknown",
                "error",
                "未识别为政府信息公开工作年度报告：既没有年报格式的表格，也没有“××年政府信息公开工作年度报告”式的标题。",
                "document",
            )
        )
        return findings
    report_year = reading.year or year
    if year is not None and reading.year is not None and reading.year != year:
        findings.append(
            Finding("year.mismatch", "error", f"报告标题的年度为 {reading.year} 年，应为 {year} 年。", "title")
        )
    if report_year is not None:
        findings += _year_findings(reading, report_year)
    # 国办公开办函〔2021〕30号：自2021年度报告起使用新格式 (law.report.REPORT_FORMATS).
    due_format = _format_due(report_year)
    if reading.format == "legacy" and due_format is not None and due_format.key == COMPUTED_FORMAT:
        findings.append(
            Finding(
                "format.legacy",
                "error",
                f"{report_year}年度报告应使用2021年发布的年度报告格式（六个部分、三张统计表），本报告仍为旧式文字报告。",
                "document",
            )
        )
    # Only when the tables themselves show the 2019 format: a format told by the year alone is no finding.
    due_2021 = due_format is not None and due_format.key == COMPUTED_FORMAT
    if reading.format == "2019" and reading.format_by == "table" and due_2021:
        findings.append(
            Finding(
                "format.legacy",
                "error",
                f"{report_year}年度报告应使用2021年发布的年度报告格式（国办公开办函〔2021〕30号），"
                "本报告仍使用2019年格式的统计表（本年新制作/本年新公开/对外公开总数量）。",
                "document",
            )
        )
    if reading.format in ("2019", "2021"):
        findings += _section_findings(reading)
        findings += _arith_findings(reading)
        findings += _rules_findings(reading)
        other = reading.sections.get(6)
        # The fee statement: 国办函〔2020〕109号 and the 2021 format, from the report on 2021; not the 2019 format's.
        fees_due = reading.format == "2021" and (report_year is None or report_year >= FEE_STATEMENT_FROM_YEAR)
        if fees_due and other is not None and not any(word in other for word in _FEE_WORDS):
            findings.append(
                Finding(
                    "fees.missing",
                    "error",
                    "第六部分“其他需要报告的事项”未说明信息处理费的收取情况（国办函〔2020〕109号）。",
                    REPORT_SECTIONS[5],
                )
            )
    findings += _empty_sections(reading)
    findings += _deadline_findings(reading, kind=kind, year=report_year, today=today)
    return findings


_BARE_LABELS_MIN = 3


def _bare_labels(lines: Sequence[Line], fmt: str) -> dict[int, list[str]]:
    """The row labels of 表二 and 表三 printed alone on their lines, with no figure beside them, per table."""
    s2 = set(_S2_ROWS_2019 if fmt == "2019" else _S2_ROWS) | set(_S2_ALIASES)
    s3 = {part for label in SECTION3_ROW_LABELS.values() for part in label.split("/") if len(part) >= 4}
    found: dict[int, list[str]] = {2: [], 3: [], 4: []}
    for line in lines:
        cells = [c for c in line if _norm(c)]
        if len(cells) != 1:
            continue
        text = _norm(cells[0])
        for number, labels in ((2, s2), (3, s3)):
            if text in labels and text not in found[number]:
                found[number].append(text)
    return found


def _top_heading(text: str) -> int | None:
    """The printed number of a part's heading (“二、主动公开政府信息情况” → 2) with no text of its own after it."""
    norm = _norm(text)
    match = _HEADING.match(norm)
    if not match or re.search(r"\d|[:：;；。]", match.group(2)):
        return None
    return _part_number(match.group(1))


def _part_number(numeral: str) -> int | None:
    values = {c: i for i, c in enumerate(_NUMERALS, start=1)}
    if len(numeral) == 1:
        return values.get(numeral)
    if numeral[0] == "十":
        return 10 + values.get(numeral[1], 0) if numeral[1] != "十" else None
    return None


def _empty_sections(reading: Reading) -> list[Finding]:
    """``section.empty``: a part's heading followed straight by the next part's (“二、主动公开政府信息情况” then
    “三、…”, corpus pre2019-2015-jiedong-highway.txt): the report says nothing under it (条例 第五十条 lists what a
    report contains).  Table rows between them are content (a paragraph's line number then skips); a run of three
    headings or more is a table of contents, and a heading that ends the text is an excerpt's end: neither is judged."""
    paragraphs = reading.paragraphs
    numbers = [_top_heading(text) for _index, text in paragraphs]
    findings = []
    for k in range(1, len(paragraphs) - 1):
        here, after = numbers[k], numbers[k + 1] if k + 1 < len(paragraphs) else None
        if here is None or after != here + 1 or paragraphs[k + 1][0] != paragraphs[k][0] + 1:
            continue
        before_is_heading = numbers[k - 1] is not None and paragraphs[k - 1][0] == paragraphs[k][0] - 1
        next_is_heading = k + 2 < len(paragraphs) and numbers[k + 2] is not None
        if before_is_heading or next_is_heading or k + 2 >= len(paragraphs):
            continue
        heading = _norm(paragraphs[k][1])
        findings.append(Finding("section.empty", "warning", f"“{heading}”之下没有内容，紧接着就是下一部分。", heading))
    return findings


# Who may make 规章: 《中华人民共和国立法法》(2023) 第九十一条 (国务院各部、委员会… 部门规章) and 第九十三条 (省、自治区、
# 直辖市和设区的市、自治州的人民政府 地方政府规章); the same in the 2015 text (第八十条、第八十二条) and, before it, only
# the governments of provinces and 较大的市 (2000 text 第七十一条、第七十三条).  A county, district, banner, township or
# street office has never been able to: its 表二 规章 row holds 0.  (Read in LawRefBook/Laws, 宪法相关法/立法法(2023-03-13).md.)
# A government (or street office) below the 设区的市 by its name: “衡阳市衡东县杨林镇”, “舟曲县八楞乡人民政府”,
# “包头市东河区人民政府”; not 自治区, nor 新区/开发区/示范区/园区/景区 (whose powers vary).  Departments are not judged
# (“…市乡村振兴局” is a city's).
_BELOW_RULE_MAKING = re.compile(
    r"[\u4e00-\u9fff](?:(县|旗|乡|镇|街道)|(?<!自治)(?<!新)(?<!开发)(?<!示范)(?<!园)(?<!景)(?<!社)(区))"
    r"(?:人民政府|政府|办事处|街道办事处)?(?:办公室)?$"
)
_LEVEL_NAMES = {
    "县": "县级人民政府",
    "旗": "县级人民政府",
    "区": "县级（区）人民政府",
    "乡": "乡镇人民政府",
    "镇": "乡镇人民政府",
}
_SELF_TOWNSHIP = re.compile(r"[我本](乡|镇|街道)(?![长领])")
_RULES_ROW = "rules"


def level_without_rules(reading: Reading) -> str:
    """The level of an agency that cannot make 规章 (“镇”, “县”…), from its name, or from how the report calls itself
    (“我镇”, at least twice and nothing else) when no name was read; "" when it may, or when that is not known."""
    name = _norm(reading.agency)
    if name:
        match = _BELOW_RULE_MAKING.search(name)
        return (match.group(1) or match.group(2)) if match else ""
    uses = Counter(m.group(1) for _i, text in reading.paragraphs for m in _SELF_TOWNSHIP.finditer(_norm(text)))
    others = any(re.search(r"[我本](?:县|区|市|省|局|委|厅)(?![长领])", _norm(text)) for _i, text in reading.paragraphs)
    kind, count = uses.most_common(1)[0] if uses else ("", 0)
    return kind if count >= 2 and not others else ""


def _rules_findings(reading: Reading) -> list[Finding]:
    """``table.value``: 规章 counted by an agency that cannot make them (立法法 第九十三条)."""
    row = reading.tables.get("section2", {}).get(_RULES_ROW) or {}
    counted = {column: value for column, value in row.items() if isinstance(value, int | Decimal) and value > 0}
    level = level_without_rules(reading) if counted else ""
    if not level:
        return []
    figures = "、".join(str(value) for value in counted.values())
    return [
        Finding(
            "table.value",
            "warning",
            f"表二“规章”一行填有 {figures}：{_LEVEL_NAMES.get(level, '街道办事处')}不能制定规章（《立法法》第九十三条：省、自治区、直辖市和设区的市、"
            "自治州的人民政府可以制定规章），这里应为 0，所填的可能是行政规范性文件或上级的规章。",
            "section2.rules",
        )
    ]


def _format_due(year: int | None) -> ReportFormat | None:
    if year is None:
        return None
    try:
        return report_format(year).value
    except NotInForce:
        return None


def _as_2021(tables: dict[str, Any]) -> dict[str, Any]:
    """A 2019-format reading in the 2021 shape, for the arithmetic (the same 表三/表四 relations): the single
    （六）其他处理 row as 3.其他, 表二 left empty (the 2019 format's 表二 has no sums)."""
    section3 = {row: cells for row, cells in tables["section3"].items() if row != SECTION3_SINGLE_OTHER}
    for row in _OTHER_ROWS:
        section3[row] = dict.fromkeys(_S3_COLUMNS, 0)
    section3["other_other"] = dict(tables["section3"][SECTION3_SINGLE_OTHER])
    return {"section2": _empty_tables()["section2"], "section3": section3, "section4": tables["section4"]}


def tables_2021(tables: dict[str, Any]) -> dict[str, Any]:
    """Tables read in either format in the 2021 shape (the keys of report_template.json) for the checks that need it."""
    return _as_2021(tables) if SECTION3_SINGLE_OTHER in tables["section3"] else tables


def _arith_findings(reading: Reading) -> list[Finding]:
    assert reading.tables is not None
    unread = reading.unread
    s3_whole = not any(u.startswith("section3") for u in unread)
    out = []
    single = SECTION3_SINGLE_OTHER in reading.tables["section3"]
    tables = _as_2021(reading.tables) if single else reading.tables
    for failure in check_tables(tables):
        if single and failure.cell.startswith("section3.other_"):
            failure = replace(failure, cell=failure.cell.replace("other_other", SECTION3_SINGLE_OTHER))
        if single and failure.cell.startswith("section2."):
            continue
        section, row = failure.cell.split(".")[:2]
        if failure.code == "arith.row_total" and (f"section3.{row}" in unread or "section3" in unread):
            continue
        if failure.code in ("arith.results_total", "arith.balance") and not s3_whole:
            continue
        if failure.code == "arith.section4_total" and "section4" in unread:
            continue
        if section == "section2" and "section2" in unread:
            continue
        out.append(Finding(failure.code, "error", failure.message, failure.cell))
    return out


def _deadline_findings(reading: Reading, *, kind: str | None, year: int | None, today: dt.date | None) -> list[Finding]:
    if year is None:
        return []
    kind = kind or guess_kind(reading.agency)
    try:
        rule = deadline_rule(year)
    except NotInForce as exc:
        return [Finding("deadline.unknown", "info", exc.message, "")]
    deadline = deadline_for(kind, year)
    who = "人民政府" if kind == "government" else "政府部门"
    if reading.published_on is None:
        return [
            Finding("deadline.unknown", "info", f"未找到发布日期，无法核对是否在{chinese_date(deadline)}前公布。", "")
        ]
    if reading.published_on > deadline:
        days = (reading.published_on - deadline).days
        return [
            Finding(
                "deadline.late",
                "error",
                f"{who}的{year}年度报告应在{chinese_date(deadline)}前公布（{rule.source}），"
                f"实际发布于{chinese_date(reading.published_on)}，晚了 {days} 天。",
                "published_on",
            )
        ]
    if today is not None and reading.published_on > today:
        return [Finding("deadline.unknown", "warning", f"发布日期{chinese_date(reading.published_on)}晚于今天。", "")]
    return []


def check_pair(previous: Reading, current: Reading) -> list[Finding]:
    """上年结转 against last year's 结转下年度, 现行有效 against last year's + 制发 − 废止 (report_template.json "rules")."""
    if previous.tables is None or current.tables is None:
        return []
    skip = previous.unread | current.unread
    out = []
    for failure in check_carry_over(previous.tables, current.tables):
        if any(failure.cell.startswith(u) for u in skip) or "section3.carried_to_next_year" in previous.unread:
            continue
        out.append(Finding(failure.code, "error", failure.message, failure.cell))
    return out


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
