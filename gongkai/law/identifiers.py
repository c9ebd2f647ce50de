"""Check rules for 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999).

Validators normalise their input (strip, full-width → half-width, upper-case) and return
the normalised value, or raise :class:`InvalidIdentifier` with a stable ``code`` and a
Chinese ``message`` suitable for showing to the user.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "USCC_CHARSET",
    "InvalidIdentifier",
    "is_valid_resident_id",
    "is_valid_resident_id_15",
    "is_valid_uscc",
    "make_resident_id",
    "make_uscc",
    "resident_id_check_char",
    "uscc_check_char",
    "validate_resident_id",
    "validate_uscc",
]


class InvalidIdentifier(ValueError):
    """An identifier failed validation; ``code`` is stable (e.g. ``"uscc.check"``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space → half-width.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _normalize(value: str) -> str:
    """Full-width → half-width, strip surrounding whitespace, upper-case."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return value.translate(_HALF_WIDTH).strip().upper()


# -- 统一社会信用代码 -------------------------------------------------------------------------

# GB 32100-2015 代码字符集：阿拉伯数字和大写英文字母，不使用 I、O、Z、S、V；字符值依次为 0–30。
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_CHARSET)}
# GB 32100-2015 校验码计算方法：第 i 位加权因子 Wi = 3^(i-1) mod 31。
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_CHARSET_HINT = "只能使用数字和除I、O、Z、S、V以外的大写英文字母"


def _check_uscc_chars(text: str) -> None:
    for pos, ch in enumerate(text, start=1):
        if ch not in _USCC_VALUES:
            raise InvalidIdentifier(
                "uscc.charset", f"统一社会信用代码第{pos}位“{ch}”不是有效字符（{_USCC_CHARSET_HINT}）"
            )


def _uscc_check_char(first17: str) -> str:
    # GB 32100-2015 校验码：C18 = 31 − MOD(Σ Ci×Wi, 31)，结果为 31 时取 0（字符“0”）。
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_check_char(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a 统一社会信用代码."""
    text = _normalize(first17)
    if len(text) != 17:
        raise InvalidIdentifier("uscc.length", f"统一社会信用代码本体应为17位，实为{len(text)}位")
    _check_uscc_chars(text)
    return _uscc_check_char(text)


def validate_uscc(code: str) -> str:
    """Normalise and validate a 统一社会信用代码; return it or raise :class:`InvalidIdentifier`."""
    text = _normalize(code)
    # GB 32100-2015 代码结构：统一代码由十八位的阿拉伯数字或大写英文字母组成。
    if len(text) != 18:
        raise InvalidIdentifier("uscc.length", f"统一社会信用代码应为18位，实为{len(text)}位")
    _check_uscc_chars(text)
    # GB 32100-2015 代码结构：第3～8位为登记管理机关行政区划码（GB/T 2260，6位数字）。
    division = text[2:8]
    if not (division.isascii() and division.isdigit()):
        raise InvalidIdentifier("uscc.division", f"统一社会信用代码第3至8位应为6位数字的行政区划码，实为“{division}”")
    expected = _uscc_check_char(text[:17])
    if text[17] != expected:
        raise InvalidIdentifier("uscc.check", f"统一社会信用代码校验位错误：应为{expected}，实为{text[17]}")
    return text


def is_valid_uscc(code: str) -> bool:
    """Whether ``code`` is a valid 统一社会信用代码 (after normalisation)."""
    try:
        validate_uscc(code)
    except (InvalidIdentifier, TypeError):
        return False
    return True


def make_uscc(prefix17: str) -> str:
    """Append the check character to 17 characters (for demo and test data); validated."""
    text = _normalize(prefix17)
    return validate_uscc(text + uscc_check_char(text))


# -- 公民身份号码 -----------------------------------------------------------------------------

# GB 11643-1999 第5.5条：校验码按 ISO 7064:1983 MOD 11-2 计算，加权因子 Wi = 2^(18-i) mod 11。
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _resident_id_check_char(first17: str) -> str:
    # GB 11643-1999 第5.5条：Y = MOD(Σ Ai×Wi, 11)，校验码为“10X98765432”的第 Y 个字符。
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def resident_id_check_char(first17: str) -> str:
    """The check character (0–9 or X) for the first 17 digits of a 公民身份号码."""
    text = _normalize(first17)
    if len(text) != 17:
        raise InvalidIdentifier("id.length", f"公民身份号码本体码应为17位，实为{len(text)}位")
    if not _is_digits(text):
        raise InvalidIdentifier("id.charset", "公民身份号码本体码应为17位数字")
    return _resident_id_check_char(text)


def _birth_date(text: str) -> date | None:
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def validate_resident_id(value: str, today: date | None = None) -> str:
    """Normalise and validate an 18-digit 公民身份号码 (lower-case x accepted); return it or
    raise :class:`InvalidIdentifier`.  The birth date must not be after ``today``."""
    text = _normalize(value)
    # GB 11643-1999 第5.1条：十七位数字本体码和一位校验码，共18位。
    if len(text) != 18:
        raise InvalidIdentifier("id.length", f"公民身份号码应为18位，实为{len(text)}位")
    for pos, ch in enumerate(text[:17], start=1):
        if not _is_digits(ch):
            raise InvalidIdentifier("id.charset", f"公民身份号码第{pos}位“{ch}”应为数字")
    if not (_is_digits(text[17]) or text[17] == "X"):
        raise InvalidIdentifier("id.charset", f"公民身份号码第18位“{text[17]}”应为数字或X")
    # GB 11643-1999 第5.3条：第7～14位为出生日期码（YYYYMMDD）。
    born = _birth_date(text[6:14])
    if born is None:
        raise InvalidIdentifier("id.birthdate", f"公民身份号码中的出生日期“{text[6:14]}”不是有效日期")
    if born > (today or date.today()):
        raise InvalidIdentifier("id.birthdate", f"公民身份号码中的出生日期“{text[6:14]}”晚于今天")
    expected = _resident_id_check_char(text[:17])
    if text[17] != expected:
        raise InvalidIdentifier("id.check", f"公民身份号码校验码错误：应为{expected}，实为{text[17]}")
    return text


def is_valid_resident_id(value: str, today: date | None = None) -> bool:
    """Whether ``value`` is a valid 18-digit 公民身份号码 (after normalisation)."""
    try:
        validate_resident_id(value, today)
    except (InvalidIdentifier, TypeError):
        return False
    return True


def make_resident_id(prefix17: str) -> str:
    """Append the check character to 17 digits (for demo and test data); validated."""
    text = _normalize(prefix17)
    return validate_resident_id(text + resident_id_check_char(text))


def is_valid_resident_id_15(value: str) -> bool:
    """Whether ``value`` is a well-formed old 15-digit 身份证号码 (area, YYMMDD in 19xx, 3 digits)."""
    # GB 11643-1989《社会保障号码》：6位地址码、6位出生日期码（19YYMMDD 省略世纪）、3位顺序码，无校验码。
    if not isinstance(value, str):
        return False
    text = _normalize(value)
    return len(text) == 15 and _is_digits(text) and _birth_date("19" + text[6:12]) is not None
