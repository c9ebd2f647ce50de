"""Tests for gongkai.law.remedies: the remedies sentence of reply letters (条例 第五十一条)."""

from __future__ import annotations

import pytest

from gongkai.law.outcomes import RESULT_ROWS
from gongkai.law.remedies import (
    LITIGATION_AFTER_RECONSIDERATION_DAYS,
    LITIGATION_MONTHS,
    RECONSIDERATION_DAYS,
    reconsideration_first_required,
    remedies_sentence,
)

BODY = "福州市人民政府"
COURT = "福州市鼓楼区人民法院"


def test_periods() -> None:
    # 《行政复议法》（2023年修订）第二十条；《行政诉讼法》第四十六条、第四十五条。
    assert RECONSIDERATION_DAYS == 60
    assert LITIGATION_MONTHS == 6
    assert LITIGATION_AFTER_RECONSIDERATION_DAYS == 15


def test_standard_sentence() -> None:
    # 条例 第五十一条：复议或者诉讼，二者择一。
    text = remedies_sentence(reconsideration_body=BODY, court=COURT)
    assert text == (
        f"如对本告知不服，可以自收到本告知书之日起六十日内向{BODY}申请行政复议，"
        f"或者自收到本告知书之日起六个月内向{COURT}提起行政诉讼。"
    )
    for part in ("六十日内", "六个月内", BODY, COURT, "申请行政复议", "提起行政诉讼"):
        assert part in text


def test_reconsideration_first_sentence() -> None:
    # 《行政复议法》（2023年修订）第二十三条：申请政府信息公开，行政机关不予公开的，复议前置；
    # 《行政诉讼法》第四十五条：收到复议决定书之日起十五日内起诉。
    text = remedies_sentence(reconsideration_body=BODY, court=COURT, reconsideration_first=True)
    assert "应当先" in text and "六十日内" in text and "十五日内" in text
    assert BODY in text and COURT in text
    assert "六个月" not in text


def test_other_document() -> None:
    text = remedies_sentence(reconsideration_body=BODY, court=COURT, document="答复书")
    assert text.startswith("如对本答复不服，可以自收到本答复书之日起六十日内")


# 《行政复议法》（2023年修订）第二十三条第一款第（四）项.
FIRST_TABLE = [
    ("withheld_state_secret", True),
    ("withheld_inquiry_matter", True),
    ("partly_disclosed", True),
    ("disclosed", False),
    ("unavailable_not_held", False),
    ("not_processed_repeat", False),
    ("other_no_correction", False),
]


@pytest.mark.parametrize(("key", "first"), FIRST_TABLE)
def test_reconsideration_first_required(key: str, first: bool) -> None:
    assert reconsideration_first_required(key) is first


def test_every_result_has_an_answer() -> None:
    assert sum(reconsideration_first_required(k) for k in RESULT_ROWS) == 9


@pytest.mark.parametrize(("body", "court"), [("", COURT), (BODY, "  "), (None, COURT)])
def test_names_required(body: str, court: str) -> None:
    with pytest.raises(ValueError, match="缺少"):
        remedies_sentence(reconsideration_body=body, court=court)
