"""Personal-data scanner run before publishing: 居民身份证号, mobile numbers, bank card numbers, e-mail addresses.

Why: 《政府信息公开条例》第十五条 forbids disclosing government information that touches 个人隐私 when that
harms the third party; 《个人信息保护法》第二十八条 lists 金融账户 among 敏感个人信息, and its 第七十三条第（三）项
defines 去标识化 (processing so that a natural person cannot be identified without extra information).  Monthly
低保 lists are still published with the recipient's name (《社会救助暂行办法》第十一条: approved applications are
公布 in the applicant's village or community), so the scanner finds the numbers and the name is left alone.

:func:`scan` returns non-overlapping :class:`Finding` s sorted by position.  Full-width digits and letters
(０-９, ＠, ＋ …) are normalised for matching, but every offset refers to the text as given.  Every mask has the
same length as what it hides (one ``*`` per hidden character; spaces and dashes inside a number are kept), so
masking never moves the offsets of other findings.

Masking rules (:func:`mask_finding`).  We could confirm no national standard that fixes which digits may be
shown in a publication (GB/T 37964-2019《个人信息去标识化指南》 is a general guide to de-identification), so the
counts below are this project's own rules, except where a source is named:

- id_card, 18 digits: keep the first 6 (address code) and the last 4 — 110101********1234;
- id_card, old 15 digits: keep the first 6 and the last 3 — 110101******123;
- mobile: keep the first 3 and the last 4 digits, and any +86 prefix — 139****5678, +86 139 **** 5678;
- bank_card: keep the last 4 digits only — ************7890, **** **** **** 7890;
- email: keep the first character of the local part (none if it is one character long) and the domain —
  zhangsan@example.com → z*******@example.com.

The bank-card rule stays inside PCI DSS v4.0.1 Requirement 3.4.1 (at most the BIN and the last four digits may
be displayed) and goes further: a publication has no need for the BIN (which names the bank), and the last four
digits are enough for a recipient to recognise their own account.

Single values (the fields of an applicant shown to staff who need not know them, 《个人信息保护法》第六条 and
第五十一条第（四）项): :func:`mask_name`, :func:`mask_id_number`, :func:`mask_phone`, :func:`mask_email` and
:func:`mask_address` apply the rules above to one value each, and add two of this project's own:

- a name keeps its first character and hides the rest behind one ``*`` — 张三丰 → 张*: the surname is kept as the
  Supreme People's Court keeps it in judgments published online (法释〔2016〕19号 第九条: 保留姓氏，名字以“某”替代;
  for names of ethnic minorities the first character), and one ``*`` whatever the length, so the mask does not
  tell how long the given name is;
- an address keeps the administrative divisions down to the county level (province, city, county or district)
  and hides the rest behind ``****`` — 江苏省南京市玄武区中山路1号 → 江苏省南京市玄武区****; an address whose
  county cannot be recognised keeps only what was recognised above it, or nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from gongkai.law.identifiers import is_valid_resident_id, is_valid_resident_id_15

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Finding",
    "Kind",
    "count_by_kind",
    "is_luhn_valid",
    "mask",
    "mask_address",
    "mask_email",
    "mask_finding",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "scan",
]

Kind = Literal["id_card", "mobile", "bank_card", "email"]
KINDS: tuple[Kind, ...] = ("id_card", "mobile", "bank_card", "email")
KIND_LABELS: dict[str, str] = {"id_card": "身份证号", "mobile": "手机号", "bank_card": "银行卡号", "email": "电子邮箱"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: ``text[start:end]`` of the scanned text, and its masked form."""

    kind: Kind
    start: int
    end: int
    text: str
    masked: str

    def as_dict(self) -> dict[str, object]:
        """The machine form (``gongkai pii scan``); the unmasked text is deliberately left out."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "masked": self.masked}


# -- normalisation -----------------------------------------------------------------------------

# Full-width ASCII variants (U+FF01–U+FF5E), the ideographic space and the no-break space → half-width.
# Every mapping is one character to one character, so offsets into the normalised text are offsets into the
# original text.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x00A0: 0x20}


def _normalize(text: str) -> str:
    return text.translate(_HALF_WIDTH)


# -- patterns ------------------------------------------------------------------------------------

# A number must stand alone: no ASCII letter or digit right before or after it.  So an 18-digit ID inside a
# longer digit run, or the digits of a code such as 11350100MB00000012, match nothing.
_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"

# GB 11643-1999 第5.1条: 17 digits and a check character (0–9 or X); lower-case x is accepted as well.
_ID18 = re.compile(_START + r"[0-9]{17}[0-9Xx]" + _END)
# GB 11643-1989: the old 15-digit number (6 address, 6 YYMMDD, 3 sequence), no check character.
_ID15 = re.compile(_START + r"[0-9]{15}" + _END)

# Mainland mobile numbers: 11 digits 1[3-9]x, optionally grouped 3-4-4 by spaces or dashes, optionally with the
# country code (+86, 0086 or 86).  Not preceded by "digits-", so the number part of an area-code telephone
# number such as 0999-12345678 is never read as a mobile.  (Our rule, after the numbering plan in use.)
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9]-)"
    r"(?P<prefix>(?:\+|00)?86[ -]?)?"
    r"(?P<number>1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4})" + _END
)

# Bank card numbers (ISO/IEC 7812-1: up to 19 digits, last one a Luhn check digit): 13–19 digits written
# together, or grouped by single spaces or dashes as printed on cards (4-4-4-4[-1..3], 4-6-5, 6-13).
_CARD = re.compile(
    _START
    + r"(?:[0-9]{13,19}"
    + r"|[0-9]{4}(?P<s1>[ -])[0-9]{4}(?:(?P=s1)[0-9]{4}){1,2}(?:(?P=s1)[0-9]{1,4})?"
    + r"|[0-9]{4}(?P<s2>[ -])[0-9]{6}(?P=s2)[0-9]{5}"
    + r"|[0-9]{6}(?P<s3>[ -])[0-9]{13})"
    + _END
)
# ISO/IEC 7812-1 major industry identifier (first digit): 3 travel and entertainment (JCB, American Express,
# Diners), 4–5 banking and finance (Visa, Mastercard), 6 merchandising and banking (银联 62…), 9 national
# assignment (domestic cards such as 9558…); 2 only for Mastercard's 2221–2720 range.  Other first digits are
# not card numbers (our rule, to keep long reference numbers out).
_CARD_FIRST_DIGITS = frozenset("34569")

# E-mail addresses: an ASCII local part, '@', dot-separated DNS labels and an alphabetic top-level domain.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])"
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63})"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9-])"
)

# GB/T 2260 province-level codes (first two digits of the address code).  The old 15-digit number has no check
# character, so it must at least start with a real province to be reported.
_PROVINCES = frozenset(
    str(code)
    for code in (
        *range(11, 16),  # 华北：北京、天津、河北、山西、内蒙古
        *range(21, 24),  # 东北：辽宁、吉林、黑龙江
        *range(31, 38),  # 华东：上海、江苏、浙江、安徽、福建、江西、山东
        *range(41, 47),  # 中南：河南、湖北、湖南、广东、广西、海南
        *range(50, 55),  # 西南：重庆、四川、贵州、云南、西藏
        *range(61, 66),  # 西北：陕西、甘肃、青海、宁夏、新疆
        71,  # 台湾
        81,  # 香港
        82,  # 澳门
    )
)

# Nobody alive was born before 1900; an "ID" with an earlier birth year is some other number (our rule).
_EARLIEST_BIRTH_YEAR = 1900


# -- checks -------------------------------------------------------------------------------------


def is_luhn_valid(digits: str) -> bool:
    """Whether a string of ASCII digits passes the Luhn check (ISO/IEC 7812-1 Annex B)."""
    if not (digits.isascii() and digits.isdigit()):
        return False
    total = 0
    # ISO/IEC 7812-1 Annex B: from the rightmost digit (the check digit), double every second digit and add the
    # digits of the products; the total must be a multiple of 10.
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _is_id18(candidate: str, today: date | None) -> bool:
    return is_valid_resident_id(candidate, today) and int(candidate[6:10]) >= _EARLIEST_BIRTH_YEAR


def _is_id15(candidate: str) -> bool:
    return is_valid_resident_id_15(candidate) and candidate[:2] in _PROVINCES


def _is_card(digits: str) -> bool:
    if not 13 <= len(digits) <= 19 or not is_luhn_valid(digits):
        return False
    first = digits[0]
    return first in _CARD_FIRST_DIGITS or (first == "2" and 2221 <= int(digits[:4]) <= 2720)


# -- masking ------------------------------------------------------------------------------------


def _keep_ends(original: str, normalized: str, head: int, tail: int) -> str:
    """Replace every digit or letter of ``original`` by ``*`` except the first ``head`` and last ``tail`` of them;
    separators (spaces, dashes) stay, so the result has the same length."""
    positions = [i for i, ch in enumerate(normalized) if ch.isascii() and ch.isalnum()]
    hidden = set(positions[head : len(positions) - tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(original))


def _mask_email(original: str, local_length: int) -> str:
    # Our rule: keep the first character of the local part (unless it is the whole local part) and the domain.
    keep = 1 if local_length > 1 else 0
    return original[:keep] + "*" * (local_length - keep) + original[local_length:]


# -- scanning -----------------------------------------------------------------------------------

# Where two candidates overlap, the earlier kind in this order wins: an e-mail address swallows the digits of
# 13912345678@163.com, and an 18-digit number that is a valid ID is an ID even if it also passes the Luhn check.
_PRIORITY: dict[str, int] = {"email": 0, "id_card": 1, "mobile": 2, "bank_card": 3}


def _candidates(text: str, norm: str, today: date | None) -> Iterable[Finding]:
    for m in _EMAIL.finditer(norm):
        s, e = m.span()
        yield Finding("email", s, e, text[s:e], _mask_email(text[s:e], len(m["local"])))
    for m in _ID18.finditer(norm):
        s, e = m.span()
        if _is_id18(m[0], today):
            yield Finding("id_card", s, e, text[s:e], _keep_ends(text[s:e], m[0], 6, 4))
    for m in _ID15.finditer(norm):
        s, e = m.span()
        if _is_id15(m[0]):
            yield Finding("id_card", s, e, text[s:e], _keep_ends(text[s:e], m[0], 6, 3))
    for m in _MOBILE.finditer(norm):
        s, e = m.span()
        ns = m.start("number")
        masked = text[s:ns] + _keep_ends(text[ns:e], m["number"], 3, 4)
        yield Finding("mobile", s, e, text[s:e], masked)
    for m in _CARD.finditer(norm):
        s, e = m.span()
        digits = re.sub(r"[ -]", "", m[0])
        if _is_card(digits):
            yield Finding("bank_card", s, e, text[s:e], _keep_ends(text[s:e], m[0], 0, 4))


def scan(text: str, *, today: date | None = None) -> list[Finding]:
    """Find resident ID numbers, mobile numbers, bank card numbers and e-mail addresses in ``text``.

    Returns non-overlapping findings sorted by ``start``; offsets index ``text`` as given (full-width characters
    count as one).  ``today`` bounds ID birth dates (default: the real today)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    norm = _normalize(text)
    accepted: list[Finding] = []  # kept sorted by start; never overlapping, so only neighbours can collide
    starts: list[int] = []
    for cand in sorted(_candidates(text, norm, today), key=lambda f: (_PRIORITY[f.kind], f.start)):
        i = bisect_left(starts, cand.start)
        if (i > 0 and accepted[i - 1].end > cand.start) or (i < len(accepted) and accepted[i].start < cand.end):
            continue
        accepted.insert(i, cand)
        starts.insert(i, cand.start)
    return accepted


def mask_finding(text: str, finding: Finding) -> str:
    """``text`` with ``finding`` replaced by its masked form.  Raises :class:`ValueError` if the text at the
    finding's offsets is no longer what was found (the text changed since the scan)."""
    if text[finding.start : finding.end] != finding.text:
        raise ValueError(f"第{finding.start}至{finding.end}个字符已不是扫描时发现的内容，请重新扫描")
    return text[: finding.start] + finding.masked + text[finding.end :]


def mask(text: str, findings: Iterable[Finding] | None = None) -> str:
    """``text`` with all ``findings`` (default: everything :func:`scan` finds) masked.  Raises
    :class:`ValueError` for a stale finding (see :func:`mask_finding`) or for findings that overlap."""
    pieces: list[str] = []
    position = 0
    for finding in sorted(scan(text) if findings is None else findings, key=lambda f: f.start):
        if finding.start < position:
            raise ValueError(f"第{finding.start}至{finding.end}个字符与另一处发现重叠")
        if text[finding.start : finding.end] != finding.text:
            raise ValueError(f"第{finding.start}至{finding.end}个字符已不是扫描时发现的内容，请重新扫描")
        pieces += (text[position : finding.start], finding.masked)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def count_by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, in the order of :data:`KINDS`, kinds with none left out."""
    counts = {kind: 0 for kind in KINDS}
    for finding in findings:
        counts[finding.kind] += 1
    return {kind: n for kind, n in counts.items() if n}


# -- single values ------------------------------------------------------------------------------

HIDDEN = "****"  # what stands for the hidden part of an address or of a value too short to keep anything of


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧*, Li Lei → L*: the first character and one ``*`` (see the module's rules)."""
    name = (name or "").strip()
    return f"{name[0]}*" if name else ""


def mask_id_number(value: str) -> str:
    """An identity document number: 18 characters keep the first 6 and the last 4, 15 the first 6 and the last 3
    (the scanner's rules, whether or not the check character is right); another document (a passport, a permit)
    of 6 characters or more keeps its first and last character, a shorter one nothing."""
    value = (value or "").strip()
    norm = _normalize(value)
    count = sum(1 for ch in norm if ch.isascii() and ch.isalnum())
    if count >= 18:
        return _keep_ends(value, norm, 6, 4)
    if count >= 15:
        return _keep_ends(value, norm, 6, 3)
    if count >= 6:
        return _keep_ends(value, norm, 1, 1)
    return HIDDEN if value else ""


def mask_phone(value: str) -> str:
    """A telephone number: a mobile keeps its first 3 and last 4 digits (and any +86, as the scanner does); another
    number of 11 digits or more the same, one of 8 to 10 digits (a local fixed line) its last 4, a shorter one
    nothing.  Separators stay."""
    value = (value or "").strip()
    norm = _normalize(value)
    mobiles = [f for f in scan(value) if f.kind == "mobile"]
    if mobiles:
        return mask(value, mobiles)
    digits = sum(1 for ch in norm if ch.isascii() and ch.isdigit())
    keep_digits = (3, 4) if digits >= 11 else (0, 4) if digits >= 8 else None
    if keep_digits is None:
        return HIDDEN if value else ""
    head, tail = keep_digits
    positions = [i for i, ch in enumerate(norm) if ch.isascii() and ch.isdigit()]
    hidden = set(positions[head : len(positions) - tail])
    # letters (an extension written "ext") are hidden too: only the kept digits and the separators remain
    return "".join("*" if i in hidden or (ch.isascii() and ch.isalpha()) else value[i] for i, ch in enumerate(norm))


def mask_email(value: str) -> str:
    """z*******@example.com (the scanner's rule); something that is not an address keeps its first character."""
    value = (value or "").strip()
    found = [f for f in scan(value) if f.kind == "email"]
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(value):
        return found[0].masked
    return mask_name(value) if value else ""


# Administrative divisions (GB/T 2260): the suffixes that end the name of a province-level, prefecture-level or
# county-level division, longest first.  "市" ends a city at any of the three levels; which one is told by what
# follows (a county-level division after it makes it a prefecture-level city).
_PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PREFECTURE_SUFFIXES = ("自治州", "地区", "州", "盟")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "区", "县", "旗")
_DIVISION = re.compile(
    r"(?P<name>[^\s0-9０-９A-Za-z（）()，,、；;：:#\-]{1,15}?)"
    r"(?P<suffix>特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|省|市|州|盟|区|县|旗)"
)
# Places whose name ends like a district but that lie below the county: never a division.
# (Residential compounds are often split into 东区, 西区 …: such a name is never taken for a district, at the cost of
# hiding the real 东区 and 西区 of 攀枝花市 too.)
_NOT_DIVISIONS = (
    *("小区", "社区", "园区", "校区", "景区", "厂区", "片区", "营区", "矿区", "街区"),
    *("东区", "西区", "南区", "北区", "一区", "二区", "三区", "四区", "五区"),
)
# What follows a road's name; a division is followed by one only when another division begins with it.
_STREET_AFTER = frozenset("路街巷弄道号")
# Characters that begin the part below the county (street, town, village, number …); a division's name may only
# start with one of them (镇江市, 道里区, 乡城县, 路桥区), never contain one.
_BELOW_COUNTY = frozenset("路街道巷弄号村镇乡组楼幢栋室")


def _division_at(address: str, position: int) -> tuple[int, str, str] | None:
    """The administrative division that starts at ``position``: (its end, its suffix, its text), or None."""
    m = _DIVISION.match(address, position)
    if m is None:
        return None
    name, suffix, text, end = m["name"], m["suffix"], m[0], m.end()
    if suffix == "州" and address.startswith("市", end):  # 杭州市: 州 is part of the city's name
        suffix, text, end = "市", text + "市", end + 1
    if any(ch in _BELOW_COUNTY for ch in name[1:]) or text.endswith(_NOT_DIVISIONS):
        return None
    # 红旗路 is a road, not the banner 红旗; 哈尔滨市道里区 is a city and its district.
    if address[end : end + 1] in _STREET_AFTER and _division_at(address, end) is None:
        return None
    return end, suffix, text


def _divisions(address: str) -> list[tuple[int, str]]:
    """The administrative divisions at the start of ``address``: (end offset, level) with level one of
    "province", "prefecture", "city" (a 市 whose level is told by what follows) and "county"."""
    found: list[tuple[int, str]] = []
    position = 0
    while len(found) < 4:
        division = _division_at(address, position)
        if division is None:
            break
        end, suffix, text = division
        if text in _MUNICIPALITIES or suffix in _PROVINCE_SUFFIXES:
            level = "province"
        elif suffix in _PREFECTURE_SUFFIXES:
            level = "prefecture"
        elif suffix == "市":
            level = "city"
        else:
            level = "county"
        found.append((end, level))
        position = end
        if level == "county":
            break
    return found


def mask_address(value: str) -> str:
    """The address down to its county-level division (区, 县, 旗, or a city without districts), then ``****``:
    广东省东莞市南城街道… → 广东省东莞市****; nothing recognised → ``****``."""
    value = (value or "").strip()
    if not value:
        return ""
    divisions = _divisions(value)
    cut = 0
    for index, (end, level) in enumerate(divisions):
        following = divisions[index + 1][1] if index + 1 < len(divisions) else None
        if level == "city" and following in ("county", "city"):
            level = "prefecture"  # a city with districts or counties below it
        cut = end
        if level in ("county", "city"):
            break
    return value[:cut] + HIDDEN if cut < len(value) else value
