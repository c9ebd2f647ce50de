"""Tests for gongkai.law.fees: 信息处理费 under 国办函〔2020〕109号."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai.law.fees import (
    PAYMENT_PERIOD_WORKDAYS,
    FeeMethod,
    FeeQuote,
    fee_for,
    per_page_fee,
    per_piece_fee,
    per_piece_total,
)

# 国办函〔2020〕109号 第四条：同一申请人一个自然月内 1—10件不收费；11—30件的部分100元/件；31件以上的部分以10件为
# 一档，每增加一档提高100元/件。
PER_PIECE_TABLE = [
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 100),
    (31, 200),
    (40, 200),
    (41, 300),
    (50, 300),
    (51, 400),
    (60, 400),
    (61, 500),
    (100, 800),
]


@pytest.mark.parametrize(("nth", "yuan"), PER_PIECE_TABLE)
def test_per_piece_fee(nth: int, yuan: int) -> None:
    assert per_piece_fee(nth) == yuan
    quote = fee_for(FeeMethod.PER_PIECE, nth_in_month=nth)
    assert quote == FeeQuote(FeeMethod.PER_PIECE, yuan, quote.explanation)
    assert f"第{nth}件" in quote.explanation and f"合计{yuan}元" in quote.explanation


# 国办函〔2020〕109号 第四条, summed over applications 1..count (超额累进).
PER_PIECE_TOTAL_TABLE = [
    (0, 0),
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 2000),
    (31, 2200),
    (40, 4000),
    (41, 4300),
    (50, 7000),
]


@pytest.mark.parametrize(("count", "yuan"), PER_PIECE_TOTAL_TABLE)
def test_per_piece_total(count: int, yuan: int) -> None:
    assert per_piece_total(count) == yuan


# 国办函〔2020〕109号 第五条：30页以下（含30页）不收费；31—100页的部分10元/页；101—200页的部分20元/页；201页以上
# 的部分40元/页。
PER_PAGE_TABLE = [
    (0, 0),
    (1, 0),
    (30, 0),
    (31, 10),
    (100, 700),
    (101, 720),
    (150, 1700),  # 70×10 + 50×20
    (200, 2700),
    (201, 2740),
    (250, 4700),  # 700 + 2000 + 50×40
]


@pytest.mark.parametrize(("pages", "yuan"), PER_PAGE_TABLE)
def test_per_page_fee(pages: int, yuan: int) -> None:
    assert per_page_fee(pages) == yuan
    quote = fee_for("per_page", pages=pages)
    assert quote.method is FeeMethod.PER_PAGE
    assert quote.amount_yuan == yuan
    assert f"共{pages}页" in quote.explanation and f"合计{yuan}元" in quote.explanation


def test_explanations_name_the_bands() -> None:
    # 国办函〔2020〕109号 第五条
    text = fee_for(FeeMethod.PER_PAGE, pages=150).explanation
    assert "第1—30页30页不收费" in text
    assert "第31—100页70页×10元＝700元" in text
    assert "第101—150页50页×20元＝1000元" in text
    assert "第五条" in text
    # 国办函〔2020〕109号 第四条
    assert "“31—40件”档" in fee_for(FeeMethod.PER_PIECE, nth_in_month=35).explanation
    assert "不收费" in fee_for(FeeMethod.PER_PIECE, nth_in_month=3).explanation


# Bad input: missing, negative, not an integer, the other method's input (109号 第三条: not both), unknown method.
BAD_TABLE = [
    (lambda: fee_for(FeeMethod.PER_PIECE), "申请序号"),
    (lambda: fee_for(FeeMethod.PER_PAGE), "页数"),
    (lambda: fee_for(FeeMethod.PER_PIECE, nth_in_month=0), "不能小于1"),
    (lambda: fee_for(FeeMethod.PER_PAGE, pages=-1), "不能小于0"),
    (lambda: fee_for(FeeMethod.PER_PIECE, nth_in_month=12, pages=40), "两种标准"),
    (lambda: fee_for(FeeMethod.PER_PAGE, nth_in_month=12, pages=40), "两种标准"),
    (lambda: fee_for("per_word", pages=3), "收费方式"),
    (lambda: per_piece_fee(0), "不能小于1"),
    (lambda: per_piece_total(-1), "不能小于0"),
    (lambda: per_page_fee(-5), "不能小于0"),
    (lambda: per_page_fee(2.5), "整数"),  # type: ignore[arg-type]
    (lambda: per_piece_fee(True), "整数"),
]


@pytest.mark.parametrize(("call", "fragment"), BAD_TABLE)
def test_bad_input(call: Callable[[], object], fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        call()


def test_payment_period() -> None:
    # 国办函〔2020〕109号 第七条：收到收费通知次日起20个工作日内缴纳。
    assert PAYMENT_PERIOD_WORKDAYS == 20
    assert FeeMethod("per_piece") is FeeMethod.PER_PIECE and FeeMethod.PER_PAGE == "per_page"
