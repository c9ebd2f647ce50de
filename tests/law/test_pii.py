"""Tests for gongkai.law.pii: the personal-data scanner and its masking rules."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

import pytest

from gongkai.law.identifiers import make_resident_id, resident_id_check_char
from gongkai.law.pii import (
    KIND_LABELS,
    KINDS,
    Finding,
    count_by_kind,
    is_luhn_valid,
    mask,
    mask_address,
    mask_email,
    mask_finding,
    mask_id_number,
    mask_name,
    mask_phone,
    scan,
)

# Valid 18-digit numbers, built with the GB 11643-1999 check character.
ID = make_resident_id("11010119900307123")  # 110101199003071233
ID_X = make_resident_id("44030419851231002")  # check character X
ID_LUHN = make_resident_id("62010219750615024")  # also passes the Luhn check: still an ID, not a bank card
# The same first 17 digits with every wrong check character.
WRONG_CHECK = [ID[:17] + ch for ch in "0123456789X" if ch != ID[17]]
# A right check character over an impossible birth date (30 February), a future one and one before 1900.
BAD_DATE = "11010119900230123" + resident_id_check_char("11010119900230123")
FUTURE = "11010120990101123" + resident_id_check_char("11010120990101123")
BEFORE_1900 = "11010118990101123" + resident_id_check_char("11010118990101123")

# Well-known Luhn-valid test card numbers of the card schemes (Visa, Amex, Mastercard incl. the 2-series,
# Discover) and a 银联 19-digit number completed with its Luhn digit.
UNIONPAY_19 = next(f"621226200000000000{d}" for d in "0123456789" if is_luhn_valid(f"621226200000000000{d}"))


def test_fixtures_are_what_they_claim() -> None:
    assert ID == "110101199003071233" and ID_X.endswith("X") and is_luhn_valid(ID_LUHN)
    assert all(is_luhn_valid(n) for n in ("4111111111111111", "378282246310005", "5555555555554444", UNIONPAY_19))
    assert not is_luhn_valid("4111111111111112")


def _found(text: str, **kwargs) -> list[tuple[str, str, str]]:
    return [(f.kind, f.text, f.masked) for f in scan(text, **kwargs)]


# -- resident ID numbers -----------------------------------------------------------------------------

ID_CASES = [
    # (text, expected findings as (kind, text, masked))
    (ID, [("id_card", ID, "110101********1233")]),
    (f"身份证号：{ID}。", [("id_card", ID, "110101********1233")]),
    (ID_X, [("id_card", ID_X, "440304********002X")]),
    (ID_X[:-1] + "x", [("id_card", ID_X[:-1] + "x", "440304********002x")]),  # lower-case x accepted
    (ID_LUHN, [("id_card", ID_LUHN, "620102********0248")]),
    # Old 15-digit numbers: 6 address, YYMMDD, 3 sequence; first 6 and last 3 kept.
    ("110101900307123", [("id_card", "110101900307123", "110101******123")]),
    ("旧证号 440304851231002 已换发", [("id_card", "440304851231002", "440304******002")]),
]


@pytest.mark.parametrize(("text", "expected"), ID_CASES)
def test_resident_ids_are_found_and_masked(text: str, expected) -> None:
    assert _found(text) == expected


NOT_IDS = [
    *WRONG_CHECK,
    "110101199003071234",  # the example number: its check character should be 3
    ID[:17],  # 17 digits
    ID + "5",  # 19 digits
    "9" + ID + "9",  # a valid ID inside a longer digit run
    "A" + ID,  # … or glued to letters
    ID + "B",
    BAD_DATE,
    FUTURE,
    BEFORE_1900,
    "110101901307123",  # 15 digits, month 13
    "110101900230123",  # 15 digits, 30 February
    "990101900307122",  # 15 digits, 99 is no province (and not a Luhn-valid card either)
    "11010190030712",  # 14 digits
]


@pytest.mark.parametrize("text", NOT_IDS)
def test_non_ids_are_not_flagged(text: str) -> None:
    assert scan(text) == []


def test_birth_dates_are_bounded_by_today() -> None:
    born_2020 = make_resident_id("11010120200101123")
    assert _found(born_2020, today=date(2025, 1, 1))[0][0] == "id_card"
    assert scan(born_2020, today=date(2019, 12, 31)) == []


# -- mobile numbers -----------------------------------------------------------------------------------

MOBILE_CASES = [
    ("13912345678", "139****5678"),
    ("139 1234 5678", "139 **** 5678"),
    ("139-1234-5678", "139-****-5678"),
    ("+8613912345678", "+86139****5678"),
    ("+86 139 1234 5678", "+86 139 **** 5678"),
    ("+86-139-1234-5678", "+86-139-****-5678"),
    ("86 13912345678", "86 139****5678"),
    ("0086 13912345678", "0086 139****5678"),
    ("19912345678", "199****5678"),
]


@pytest.mark.parametrize(("number", "masked"), MOBILE_CASES)
def test_mobiles_are_found_in_every_written_form(number: str, masked: str) -> None:
    text = f"联系电话：{number}（工作日）"
    assert _found(text) == [("mobile", number, masked)]
    assert mask(text) == f"联系电话：{masked}（工作日）"


NOT_MOBILES = [
    "12345678901",  # 12… is not a mobile prefix
    "10912345678",
    "0999-12345678",  # a landline with its area code
    "0999-13912345678",  # digits after an area code and a dash are not a mobile
    "0591 87654321",
    "(0591)87654321",
    "139123456789",  # 12 digits
    "1391234567",  # 10 digits
    "139 1234-5678",  # mixed separators
    "139  1234  5678",  # double spaces
    "a13912345678",
    "13912345678b",
    "13,912,345,678",  # an amount
]


@pytest.mark.parametrize("text", NOT_MOBILES)
def test_non_mobiles_are_not_flagged(text: str) -> None:
    assert scan(text) == []


# -- bank cards ---------------------------------------------------------------------------------------

CARD_CASES = [
    ("4111111111111111", "************1111"),
    ("4111 1111 1111 1111", "**** **** **** 1111"),
    ("4111-1111-1111-1111", "****-****-****-1111"),
    ("378282246310005", "***********0005"),  # 15-digit Amex (not an old ID: month 63)
    ("3782 822463 10005", "**** ****** *0005"),  # the last four digits, wherever the groups fall
    ("5555555555554444", "************4444"),
    ("2223000048400011", "************0011"),  # Mastercard 2-series
    ("6011111111111117", "************1117"),
    (UNIONPAY_19, "*" * 15 + UNIONPAY_19[-4:]),
    (
        " ".join([UNIONPAY_19[i : i + 4] for i in range(0, 19, 4)]),
        "**** **** **** ***" + UNIONPAY_19[-4] + " " + UNIONPAY_19[-3:],
    ),
]


@pytest.mark.parametrize(("number", "masked"), CARD_CASES)
def test_luhn_valid_cards_are_found(number: str, masked: str) -> None:
    assert _found(f"开户行账号 {number} 发放") == [("bank_card", number, masked)]


NOT_CARDS = [
    "4111111111111112",  # Luhn check fails
    "4111 1111 1111 1112",
    "4111 1111 1111 111",  # 15 digits grouped 4-4-4-3, and the Luhn check fails
    "1234567812345670",  # passes Luhn, but 1 is no card-issuer digit (ISO/IEC 7812-1)
    "8000000000000003",  # passes Luhn, 8 is no card-issuer digit either
    "41111111111111111111",  # 20 digits
    "4111 1111",  # too short
]


@pytest.mark.parametrize("text", NOT_CARDS)
def test_non_cards_are_not_flagged(text: str) -> None:
    assert is_luhn_valid(text.replace(" ", "")) == (text in {"1234567812345670", "8000000000000003"})
    assert scan(text) == []


# -- e-mail addresses ---------------------------------------------------------------------------------

EMAIL_CASES = [
    ("zhang.san@example.com", "z********@example.com"),
    ("li_si+gk@mail.fz.gov.cn", "l*******@mail.fz.gov.cn"),
    ("a@example.cn", "*@example.cn"),  # a one-character local part is hidden too
    ("13912345678@163.com", "1**********@163.com"),  # an e-mail address, not a mobile number
    (f"{ID}@qq.com", "1" + "*" * 17 + "@qq.com"),
]


@pytest.mark.parametrize(("address", "masked"), EMAIL_CASES)
def test_emails_are_found(address: str, masked: str) -> None:
    assert _found(f"邮箱：{address}。") == [("email", address, masked)]


@pytest.mark.parametrize("text", ["user@localhost", "@example.com", "zhang@", "a@b.c", "mailto:", "3@"])
def test_non_emails_are_not_flagged(text: str) -> None:
    assert scan(text) == []


# -- full-width characters ----------------------------------------------------------------------------

FULL = str.maketrans("0123456789+-@.", "０１２３４５６７８９＋－＠．")


@pytest.mark.parametrize(
    ("half", "kind"),
    [(ID, "id_card"), ("+86 139-1234-5678", "mobile"), ("4111 1111 1111 1111", "bank_card"), ("a1@b2.cn", "email")],
)
def test_full_width_characters_are_found_at_their_original_offsets(half: str, kind: str) -> None:
    full = half.translate(FULL).replace(" ", "\u3000")
    text = f"第一行\n姓名　张三　号码：{full}　备注"
    [finding] = scan(text)
    assert finding.kind == kind
    assert text[finding.start : finding.end] == finding.text == full
    assert finding.start == text.index(full) and finding.end == finding.start + len(full)
    assert len(finding.masked) == len(full) and "*" in finding.masked
    assert scan(mask(text)) == []


def test_full_width_id_keeps_its_own_characters_when_masked() -> None:
    full = ID.translate(FULL)
    assert _found(full) == [("id_card", full, "１１０１０１********１２３３")]


# -- things that must not be flagged -------------------------------------------------------------------

NEGATIVES = [
    "索引号：11350100MB00000012/2025-00123",  # USCC with letters, year, sequence
    "索引号：121100000000000040/2025-00123",  # an all-digit USCC
    "索引号：11140800558745220K/2024-01234",
    "闽政〔2025〕12号",
    "榕民〔2025〕139号",
    "2025-03-12",
    "2025年3月12日",
    "20250312",
    "2025.03.12",
    "20250312153000",
    "统一社会信用代码 11410182005291054B",
    "邮编 350001，电话 0591-87654321，传真 0591-87654322",
    "金额 1,391,234,567.00 元",
    "第 2025 号 1 2 3 4 5 6",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_codes_dates_and_references_are_not_flagged(text: str) -> None:
    assert scan(text) == []


# -- the monthly 低保 list ------------------------------------------------------------------------------


def test_monthly_dibao_list_keeps_names_and_masks_ids() -> None:
    people = [
        ("张三", ID, "城市低保", "650元"),
        ("李四", ID_X, "农村低保", "480元"),
        ("王五", make_resident_id("35010219620101002"), "城市低保", "650元"),
    ]
    text = "序号 姓名 身份证号 类别 保障金额\n" + "\n".join(
        f"{n} {name} {pid} {kind} {amount}" for n, (name, pid, kind, amount) in enumerate(people, start=1)
    )
    findings = scan(text)
    assert [f.text for f in findings] == [p[1] for p in people]
    assert {f.kind for f in findings} == {"id_card"}
    masked = mask(text)
    assert masked.splitlines()[1] == "1 张三 110101********1233 城市低保 650元"
    assert masked.splitlines()[2] == "2 李四 440304********002X 农村低保 480元"
    for name, pid, _kind, amount in people:
        assert name in masked and amount in masked and pid not in masked
    assert scan(masked) == []


# -- the API ------------------------------------------------------------------------------------------


def test_findings_are_sorted_non_overlapping_and_index_the_text() -> None:
    text = f"张三 {ID}，手机 139-1234-5678，卡号 4111 1111 1111 1111，邮箱 zs@example.com；李四 {ID_X}"
    findings = scan(text)
    assert [f.kind for f in findings] == ["id_card", "mobile", "bank_card", "email", "id_card"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))
    assert all(text[f.start : f.end] == f.text and len(f.masked) == len(f.text) for f in findings)
    assert count_by_kind(findings) == {"id_card": 2, "mobile": 1, "bank_card": 1, "email": 1}
    assert scan(mask(text)) == []


def test_as_dict_leaves_the_unmasked_text_out() -> None:
    [finding] = scan(f"号码 {ID}")
    assert finding.as_dict() == {"kind": "id_card", "start": 3, "end": 21, "masked": "110101********1233"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


def test_mask_applies_only_the_given_findings() -> None:
    text = f"{ID} 13912345678"
    id_finding, mobile_finding = scan(text)
    assert mask(text, [mobile_finding]) == f"{ID} 139****5678"
    assert mask_finding(text, id_finding) == "110101********1233 13912345678"
    assert mask(text, []) == text


def test_mask_finding_refuses_a_stale_finding() -> None:
    [finding] = scan(f"号码 {ID}")
    with pytest.raises(ValueError, match="重新扫描"):
        mask_finding(f"号码{ID}", finding)
    with pytest.raises(ValueError, match="重新扫描"):
        mask(f"号码{ID}", [finding])
    with pytest.raises(ValueError, match="重叠"):
        mask(f"号码 {ID}", [finding, dataclasses.replace(finding, start=4, end=6, text=ID[1:3], masked="**")])


def test_count_by_kind_and_labels() -> None:
    assert count_by_kind([]) == {}
    assert set(KIND_LABELS) == set(KINDS) == {"id_card", "mobile", "bank_card", "email"}
    assert Finding("mobile", 0, 1, "1", "*").as_dict()["kind"] == "mobile"


def test_scan_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        scan(b"13912345678")  # type: ignore[arg-type]


# -- single values (an applicant's fields shown to staff who need not know them) ------------------------

VALUE_CASES = [
    # names: the first character (the surname, 法释〔2016〕19号 第九条) and one * whatever the length
    (mask_name, "张三", "张*"),
    (mask_name, "张三丰", "张*"),
    (mask_name, "欧阳娜娜", "欧*"),
    (mask_name, " Li Lei ", "L*"),
    (mask_name, "", ""),
    # ID numbers: first 6 and last 4 of 18, first 6 and last 3 of 15, first and last of another document
    (mask_id_number, ID, "110101********1233"),
    (mask_id_number, ID_X, "440304********002X"),
    (mask_id_number, "110101900307123", "110101******123"),
    (mask_id_number, "E12345678", "E*******8"),
    (mask_id_number, "G123", "****"),
    # phones: a mobile 3 + 4 (with its +86 kept), another long number 3 + 4, a local line its last 4
    (mask_phone, "13912345678", "139****5678"),
    (mask_phone, "139-1234-5678", "139-****-5678"),
    (mask_phone, "+86 139 1234 5678", "+86 139 **** 5678"),
    (mask_phone, "0571-88881234", "057*-****1234"),
    (mask_phone, "88881234", "****1234"),
    (mask_phone, "12345", "****"),
    # e-mail: the scanner's rule; anything else its first character
    (mask_email, "zhangsan@example.com", "z*******@example.com"),
    (mask_email, "a@b.cn", "*@b.cn"),
    (mask_email, "张三的邮箱", "张*"),
    # addresses: down to the county-level division
    (mask_address, "江苏省南京市玄武区中山路1号", "江苏省南京市玄武区****"),
    (mask_address, "北京市朝阳区建国路88号", "北京市朝阳区****"),
    (mask_address, "上海市浦东新区张江路", "上海市浦东新区****"),
    (mask_address, "新疆维吾尔自治区乌鲁木齐市天山区解放北路", "新疆维吾尔自治区乌鲁木齐市天山区****"),
    (mask_address, "四川省阿坝藏族羌族自治州汶川县威州镇", "四川省阿坝藏族羌族自治州汶川县****"),
    (mask_address, "内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇", "内蒙古自治区呼伦贝尔市鄂温克族自治旗****"),
    (mask_address, "湖北省神农架林区松柏镇", "湖北省神农架林区****"),
    (mask_address, "浙江省杭州市西湖区文三路", "浙江省杭州市西湖区****"),
    (mask_address, "山东省济南市市中区经十路", "山东省济南市市中区****"),
    (mask_address, "江苏省苏州市昆山市玉山镇", "江苏省苏州市昆山市****"),  # a county-level city
    (mask_address, "广东省东莞市南城街道鸿福路", "广东省东莞市****"),  # a city without districts
    (mask_address, "黑龙江省哈尔滨市道里区中央大街", "黑龙江省哈尔滨市道里区****"),  # 道 may begin a district
    (mask_address, "江苏省镇江市京口区", "江苏省镇江市京口区"),  # nothing below the county: nothing hidden
    # never more than the county: compounds, roads and towns are not divisions
    (mask_address, "浙江省义乌市稠城街道幸福小区3幢", "浙江省义乌市****"),
    (mask_address, "江源市幸福家园西区3号", "江源市****"),
    (mask_address, "江源市红旗路5号", "江源市****"),
    (mask_address, "东莞市虎门镇工业区", "东莞市****"),
    (mask_address, "苏州工业园区星湖街328号", "苏州****"),
    (mask_address, "幸福小区3幢201室", "****"),
    (mask_address, "", ""),
]


@pytest.mark.parametrize(("masker", "value", "expected"), VALUE_CASES, ids=[c[1] or "empty" for c in VALUE_CASES])
def test_single_values_are_masked(masker, value, expected) -> None:
    assert masker(value) == expected
