"""Tests for gongkai.law.identifiers (GB 32100-2015, GB 11643-1999)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.identifiers import (
    InvalidIdentifier,
    is_valid_resident_id,
    is_valid_resident_id_15,
    is_valid_uscc,
    make_resident_id,
    make_uscc,
    resident_id_check_char,
    uscc_check_char,
    validate_resident_id,
    validate_uscc,
)

# -- 统一社会信用代码 -------------------------------------------------------------------------

# Valid codes.  Sources:
# - 11140800558745220K: 晋中市文化和旅游局 (division 140800 晋中市), as quoted from a published
#   government procurement contract (省级红色文化遗址保护标志树立项目, 2022).  Check by hand:
#   values 1,1,1,4,0,8,0,0,5,5,8,7,4,5,2,2,0 × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
#   = 1+3+9+108+0+208+0+0+100+145+200+91+32+120+20+60+0 = 1097; 1097 mod 31 = 12; 31−12 = 19 → “K”.
#   (Its 组织机构代码 55874522-0 also passes the GB 11714 check: Σ = 264, 264 mod 11 = 0 → “0”.)
# - 11410182005291054B: 荥阳市司法局 (division 410182 荥阳市), as quoted from the published ruling
#   (2019)豫01行终492号.  Check by hand: values 1,1,4,1,0,1,8,2,0,0,5,2,9,1,0,5,4
#   = 1+3+36+27+0+26+128+34+0+0+125+26+72+24+0+150+112 = 764; 764 mod 31 = 20; 31−20 = 11 → “B”.
#   (组织机构代码 00529105-4 passes GB 11714: Σ = 128, 128 mod 11 = 7, 11−7 = 4.)
# - 91350100M000100Y43: the worked example usually quoted with the GB 32100-2015 check algorithm
#   (Σ = 1640, 1640 mod 31 = 28, 31−28 = 3; the example's “…Y4Z” is shown as invalid).
# - 121100000000000040: built so that Σ = 1+6+9+27+4×28 = 155 = 5×31, i.e. 31 → check “0”.
VALID_USCC = [
    ("11140800558745220K", "11140800558745220K"),
    ("11410182005291054B", "11410182005291054B"),
    ("91350100M000100Y43", "91350100M000100Y43"),
    ("121100000000000040", "121100000000000040"),
    # Normalisation: whitespace, lower case, full-width letters/digits, ideographic space.
    ("  11140800558745220k\n", "11140800558745220K"),
    ("１１１４０８００５５８７４５２２０Ｋ", "11140800558745220K"),
    ("\u300011410182005291054ｂ\u3000", "11410182005291054B"),
]


@pytest.mark.parametrize(("raw", "normalized"), VALID_USCC)
def test_valid_uscc(raw: str, normalized: str) -> None:
    assert validate_uscc(raw) == normalized
    assert is_valid_uscc(raw)


# Invalid codes, one row per error code (GB 32100-2015 代码结构, 代码字符集, 校验码).
INVALID_USCC = [
    ("", "uscc.length"),
    ("11140800558745220", "uscc.length"),  # 17 characters
    ("11140800558745220KK", "uscc.length"),  # 19 characters
    ("11140800558745220I", "uscc.charset"),  # I is not used
    ("1114080055874522OK", "uscc.charset"),  # O is not used
    ("S1140800558745220K", "uscc.charset"),
    ("11140800558745220V", "uscc.charset"),
    ("111408005587452Z0K", "uscc.charset"),
    ("11140800-58745220K", "uscc.charset"),
    ("1114080A5587452204", "uscc.division"),  # check char is right, but the division has a letter
    ("11140800558745220J", "uscc.check"),
    ("11410182005291054C", "uscc.check"),
    ("91350100M000100Y4Z", "uscc.charset"),  # the standard's counter-example: Z is not even in the set
    ("91350100M000100Y44", "uscc.check"),  # … and with a digit instead of Z: should be 3
]


@pytest.mark.parametrize(("raw", "code"), INVALID_USCC)
def test_invalid_uscc(raw: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as exc:
        validate_uscc(raw)
    assert exc.value.code == code
    assert exc.value.message == str(exc.value)
    assert "统一社会信用代码" in exc.value.message
    assert not is_valid_uscc(raw)


def test_uscc_messages() -> None:
    with pytest.raises(InvalidIdentifier) as exc:
        validate_uscc("11140800558745220J")
    assert exc.value.message == "统一社会信用代码校验位错误：应为K，实为J"
    with pytest.raises(InvalidIdentifier) as exc:
        validate_uscc("1114080055874522")
    assert exc.value.message == "统一社会信用代码应为18位，实为16位"
    with pytest.raises(InvalidIdentifier) as exc:
        validate_uscc("11140800558745220I")
    assert "第18位“I”" in exc.value.message


@pytest.mark.parametrize(
    ("prefix", "check"),
    [("11140800558745220", "K"), ("11410182005291054", "B"), ("91350100M000100Y4", "3"), ("12110000000000004", "0")],
)
def test_uscc_check_char(prefix: str, check: str) -> None:
    assert uscc_check_char(prefix) == check
    assert make_uscc(prefix) == prefix + check


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        ("1114080055874522", "uscc.length"),
        ("1114080055874522I", "uscc.charset"),
        ("1114080A558745220", "uscc.division"),
    ],
)
def test_make_uscc_rejects_bad_prefix(prefix: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as exc:
        make_uscc(prefix)
    assert exc.value.code == code


def test_make_uscc_round_trip() -> None:
    for serial in range(500):
        code = make_uscc(f"111000{serial:011d}"[:17])
        assert is_valid_uscc(code)
        # A single substituted character is always detected (MOD 31 with weights coprime to 31).
        wrong = code[:10] + ("1" if code[10] != "1" else "2") + code[11:]
        assert not is_valid_uscc(wrong)


def test_is_valid_uscc_non_string() -> None:
    assert is_valid_uscc(None) is False  # type: ignore[arg-type]


# -- 公民身份号码 -----------------------------------------------------------------------------

TODAY = date(2026, 1, 15)

# Valid numbers.  Sources: GB 11643-1999 附录A（公民身份号码实例）: 11010519491231002X (北京市朝阳区),
# 440524188001010014 (广东省汕头市).  Check by hand for the first:
#   1×7+1×9+0×10+1×5+0×8+5×4+1×2+9×1+4×6+9×3+1×7+2×9+3×10+1×5+0×8+0×4+2×2 = 167; 167 mod 11 = 2 → “X”.
VALID_IDS = [
    ("11010519491231002X", "11010519491231002X"),
    ("440524188001010014", "440524188001010014"),
    ("11010519491231002x", "11010519491231002X"),  # lower-case x accepted
    (" １１０１０５１９４９１２３１００２Ｘ ", "11010519491231002X"),  # full-width
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    (make_resident_id("11010520260115001"), make_resident_id("11010520260115001")),  # born today
]


@pytest.mark.parametrize(("raw", "normalized"), VALID_IDS)
def test_valid_resident_id(raw: str, normalized: str) -> None:
    assert validate_resident_id(raw, today=TODAY) == normalized
    assert is_valid_resident_id(raw, today=TODAY)


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


INVALID_IDS = [
    ("110105194912310021", "id.check"),  # wrong check digit (should be X)
    ("440524188001010015", "id.check"),
    ("11010519491231002", "id.length"),  # 17 digits
    ("11010519491231002XX", "id.length"),
    ("", "id.length"),
    ("11010519491231A02X", "id.charset"),
    ("1101X519491231002X", "id.charset"),
    ("11010519491231002Y", "id.charset"),
    (_with_check("11010519490230002"), "id.birthdate"),  # 1949-02-30
    (_with_check("11010519491331002"), "id.birthdate"),  # month 13
    (_with_check("11010500000101002"), "id.birthdate"),  # year 0
    (_with_check("11010520260116001"), "id.birthdate"),  # tomorrow relative to TODAY
]


@pytest.mark.parametrize(("raw", "code"), INVALID_IDS)
def test_invalid_resident_id(raw: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as exc:
        validate_resident_id(raw, today=TODAY)
    assert exc.value.code == code
    assert "公民身份号码" in exc.value.message
    assert not is_valid_resident_id(raw, today=TODAY)


def test_resident_id_messages() -> None:
    with pytest.raises(InvalidIdentifier) as exc:
        validate_resident_id("110105194912310021", today=TODAY)
    assert exc.value.message == "公民身份号码校验码错误：应为X，实为1"
    with pytest.raises(InvalidIdentifier) as exc:
        validate_resident_id(_with_check("11010520300101001"), today=TODAY)
    assert "晚于今天" in exc.value.message


def test_resident_id_today_defaults_to_real_today() -> None:
    assert is_valid_resident_id("11010519491231002X")
    assert not is_valid_resident_id(_with_check("11010599991231001"))


def test_resident_id_check_char() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44052418800101001") == "4"
    with pytest.raises(InvalidIdentifier) as exc:
        resident_id_check_char("1101051949123100")
    assert exc.value.code == "id.length"
    with pytest.raises(InvalidIdentifier) as exc:
        make_resident_id("1101051949123100A")
    assert exc.value.code == "id.charset"


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        ("110105491231002", True),  # 1949-12-31
        ("１１０１０５４９１２３１００２", True),  # full-width
        ("440524000229001", False),  # 1900-02-29: 1900 is not a leap year
        ("440524040229001", True),  # 1904-02-29
        ("110105491331002", False),  # month 13
        ("110105490230002", False),  # 1949-02-30
        ("11010549123100", False),  # 14 digits
        ("11010549123100X", False),  # no check character in the old numbers
        ("11010519491231002X", False),  # an 18-digit number is not a 15-digit one
    ],
)
def test_resident_id_15(raw: str, valid: bool) -> None:
    assert is_valid_resident_id_15(raw) is valid


def test_invalid_identifier_is_value_error() -> None:
    err = InvalidIdentifier("uscc.check", "消息")
    assert isinstance(err, ValueError)
    assert (err.code, err.message, str(err)) == ("uscc.check", "消息", "消息")
