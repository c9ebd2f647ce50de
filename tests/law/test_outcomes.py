"""Tests for gongkai.law.outcomes: the 2021 annual-report template (国办公开办函〔2021〕30号) as code."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gongkai.law import outcomes
from gongkai.law.outcomes import (
    APPLICANT_KIND_LABELS,
    APPLICANT_KINDS,
    ARTICLE_FOR_OUTCOME,
    LETTER_KINDS,
    RESULT_GROUPS,
    RESULT_LABELS,
    RESULT_ROWS,
    RESULT_SHORT_LABELS,
    SECTION3_ROW_KEYS,
    SECTION4_COLUMNS,
    SECTION4_GROUPS,
    UnknownOutcome,
    letter_kind_for,
    outcome_from_label,
)

DATA = Path(outcomes.__file__).parent / "data" / "report_template_2021.json"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "report_template.json"
TEMPLATE = json.loads(DATA.read_text(encoding="utf-8"))


# SHA-256 of shared/reference/report_template.json when it was copied into the package.
REFERENCE_SHA256 = "63ad587bc43d8c432f62bb8203ad4c9462c537bb884873af0daf10e0fbf56af2"


def test_packaged_template_is_the_reference_copy() -> None:
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == REFERENCE_SHA256
    if SHARED.exists():  # beside a checkout (CI, developers): the reference itself has not moved on
        assert DATA.read_bytes() == SHARED.read_bytes()


# -- structure (国办公开办函〔2021〕30号 表三、表四) --------------------------------------------------------------

# 表三 columns: 自然人 and five kinds of 法人或其他组织, then 总计.
APPLICANT_TABLE = [
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("public_interest_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
]


def test_applicant_kinds() -> None:
    assert [(k, APPLICANT_KIND_LABELS[k]) for k in APPLICANT_KINDS] == APPLICANT_TABLE
    assert "total" not in APPLICANT_KINDS


def test_result_rows_follow_the_template() -> None:
    assert len(RESULT_ROWS) == 21
    assert list(RESULT_ROWS) == TEMPLATE["section3"]["result_rows"]
    labels = dict(TEMPLATE["section3"]["rows"])
    assert {k: labels[k] for k in RESULT_ROWS} == RESULT_LABELS
    assert list(SECTION3_ROW_KEYS) == [k for k, _ in TEMPLATE["section3"]["rows"]]
    assert len(SECTION3_ROW_KEYS) == 25
    assert TEMPLATE["section4"]["groups"] == SECTION4_GROUPS
    assert TEMPLATE["section4"]["columns"] == SECTION4_COLUMNS


# 表三 （一）至（六）: group label and its rows, in template order.
GROUP_TABLE = [
    ("disclosed", "（一）予以公开", 1),
    ("partly_disclosed", "（二）部分公开", 1),
    ("withheld", "（三）不予公开", 8),
    ("unavailable", "（四）无法提供", 3),
    ("not_processed", "（五）不予处理", 5),
    ("other", "（六）其他处理", 3),
]


def test_groups() -> None:
    assert [(g, label, len(keys)) for g, (label, keys) in RESULT_GROUPS.items()] == GROUP_TABLE
    flat = [k for _, keys in RESULT_GROUPS.values() for k in keys]
    assert flat == list(RESULT_ROWS)


# Short labels: the last part of the template label, without its item number (and, for （二）, without the note).
SHORT_TABLE = [
    ("disclosed", "予以公开"),
    ("partly_disclosed", "部分公开"),
    ("withheld_state_secret", "属于国家秘密"),
    ("withheld_security_stability", "危及“三安全一稳定”"),
    ("unavailable_not_held", "本机关不掌握相关政府信息"),
    ("not_processed_repeat", "重复申请"),
    ("other_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_other", "其他"),
]


@pytest.mark.parametrize(("key", "short"), SHORT_TABLE)
def test_short_labels(key: str, short: str) -> None:
    assert RESULT_SHORT_LABELS[key] == short
    assert RESULT_LABELS[key].endswith(short) or key == "partly_disclosed"


# -- outcome_from_label ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", RESULT_ROWS)
def test_full_label_maps_back(key: str) -> None:
    assert outcome_from_label(RESULT_LABELS[key]) == key
    assert outcome_from_label(key) == key


@pytest.mark.parametrize("key", [k for k in RESULT_ROWS if k != "other_other"])
def test_short_label_maps_back(key: str) -> None:
    assert outcome_from_label(RESULT_SHORT_LABELS[key]) == key


@pytest.mark.parametrize("key", RESULT_ROWS)
def test_group_and_short_label_map_back(key: str) -> None:
    group_label = RESULT_GROUPS[outcomes.group_of(key)][0]
    assert outcome_from_label(f"{group_label}/{RESULT_SHORT_LABELS[key]}") == key
    assert outcome_from_label(f"{group_label[3:]}/{RESULT_SHORT_LABELS[key]}") == key


# Labels as officers write them in registers (表三 rows; full-/half-width, spaces, quotes, item numbers).
TOLERANT_TABLE = [
    ("予以公开", "disclosed"),
    ("部分公开", "partly_disclosed"),
    ("部分公开（区分处理）", "partly_disclosed"),
    ("（一）", "disclosed"),
    ("1.属于国家秘密", "withheld_state_secret"),
    ("１．属于国家秘密", "withheld_state_secret"),
    ("1、属于国家秘密", "withheld_state_secret"),
    ("(三) 不予公开 / 1. 属于国家秘密", "withheld_state_secret"),
    ("不予公开-国家秘密", "withheld_state_secret"),
    ("不予公开：属于国家秘密", "withheld_state_secret"),
    ('3.危及"三安全一稳定"', "withheld_security_stability"),
    ("危及三安全一稳定", "withheld_security_stability"),
    ("（三）不予公开/4.保护第三方合法权益", "withheld_third_party"),
    ("无法提供/本机关不掌握相关政府信息", "unavailable_not_held"),
    ("不予处理/（2）重复申请", "not_processed_repeat"),
    ("  重复申请\u3000", "not_processed_repeat"),
    ("其他处理/其他", "other_other"),
    ("（六）其他处理/3.其他", "other_other"),
    ("其他处理 / 3、其他", "other_other"),
    ("（六）其他", "other_other"),
    ("申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_fee_unpaid"),
]


@pytest.mark.parametrize(("text", "key"), TOLERANT_TABLE)
def test_tolerant_matching(text: str, key: str) -> None:
    assert outcome_from_label(text) == key


# Labels that name no single row: ambiguous, too general, wrong number or group, or unknown.
ERROR_TABLE = [
    ("其他", "有歧义"),
    ("3.其他", "有歧义"),
    ("不予公开", "不够具体"),
    ("（五）", "不够具体"),
    ("无法提供", "不够具体"),
    ("2.属于国家秘密", "序号2与情形不符"),
    ("（四）不予公开/1.属于国家秘密", "不一致"),
    ("不予公开/本机关不掌握相关政府信息", "无法识别"),
    ("已答复", "无法识别"),
    ("", "为空"),
    ("   ", "为空"),
]


@pytest.mark.parametrize(("text", "fragment"), ERROR_TABLE)
def test_unknown_or_ambiguous(text: str, fragment: str) -> None:
    with pytest.raises(UnknownOutcome) as exc:
        outcome_from_label(text)
    assert fragment in exc.value.message
    assert exc.value.message == str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_ambiguity_message_says_what_is_accepted() -> None:
    with pytest.raises(UnknownOutcome) as exc:
        outcome_from_label("其他")
    assert "其他处理/其他" in exc.value.message
    assert "（六）其他处理/3.其他" in exc.value.message
    with pytest.raises(UnknownOutcome) as exc:
        outcome_from_label("不予公开")
    assert "1.属于国家秘密" in exc.value.message and "8.属于行政查询事项" in exc.value.message


# -- reply letters and articles ------------------------------------------------------------------------------------

# 条例 第三十六条、第三十七条、第三十条；国办函〔2020〕109号：one letter kind per result.
LETTER_TABLE = [
    ("disclosed", "disclose"),
    ("partly_disclosed", "partial"),
    ("withheld_state_secret", "withhold"),
    ("withheld_inquiry_matter", "withhold"),
    ("unavailable_not_held", "unavailable"),
    ("unavailable_still_unclear", "unavailable"),
    ("not_processed_petition", "not_processed"),
    ("not_processed_confirmation", "not_processed"),
    ("other_no_correction", "no_correction"),
    ("other_fee_unpaid", "fee_unpaid"),
    ("other_other", "other"),
]


@pytest.mark.parametrize(("key", "kind"), LETTER_TABLE)
def test_letter_kind(key: str, kind: str) -> None:
    assert letter_kind_for(key) == kind


def test_letter_kinds_cover_every_key() -> None:
    kinds = {letter_kind_for(k) for k in RESULT_ROWS}
    assert kinds == set(LETTER_KINDS)
    with pytest.raises(UnknownOutcome):
        letter_kind_for("results_total")


# 条例 第十四条、第十五条、第十六条、第三十条、第三十五条、第三十六条、第三十八条、第三十九条.
ARTICLE_TABLE = [
    ("withheld_state_secret", "第十四条"),
    ("withheld_other_law", "第十四条"),
    ("withheld_security_stability", "第十四条"),
    ("withheld_third_party", "第十五条"),
    ("withheld_internal_affairs", "第十六条"),
    ("withheld_process_info", "第十六条"),
    ("withheld_enforcement_file", "第十六条"),
    ("withheld_inquiry_matter", "第三十六条第（七）项"),
    ("unavailable_not_held", "第三十六条第（四）项"),
    ("unavailable_needs_creation", "第三十八条"),
    ("unavailable_still_unclear", "第三十条"),
    ("not_processed_petition", "第三十九条"),
    ("not_processed_repeat", "第三十六条第（六）项"),
    ("not_processed_publication", "第三十九条"),
    ("not_processed_excessive", "第三十五条"),
]


@pytest.mark.parametrize(("key", "article"), ARTICLE_TABLE)
def test_article_for_outcome(key: str, article: str) -> None:
    assert ARTICLE_FOR_OUTCOME[key] == article


def test_articles_only_for_result_rows() -> None:
    assert set(ARTICLE_FOR_OUTCOME) <= set(RESULT_ROWS)
    # No express article in the 条例 for 要求行政机关确认或重新出具已获取信息: left out, not guessed.
    assert "not_processed_confirmation" not in ARTICLE_FOR_OUTCOME
    for key in RESULT_ROWS:
        if key.startswith(("withheld_", "unavailable_")):
            assert key in ARTICLE_FOR_OUTCOME
