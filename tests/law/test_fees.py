"""Tests for gongkai.law.fees: 信息处理费 under 国办函〔2020〕109号."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from gongkai.law import fees, guide
from gongkai.law.fees import (
    SCHEDULE_2021,
    FeeMethod,
    FeeQuote,
    fee_for,
    per_page_fee,
    per_piece_fee,
    per_piece_total,
    schedule_on,
)
from gongkai.law.versions import NotInForce, Version, Versioned

ON = dt.date(2026, 3, 2)  # a day under the 109号 measures

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
    assert per_piece_fee(nth, on=ON) == yuan
    quote = fee_for(FeeMethod.PER_PIECE, nth_in_month=nth, on=ON)
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
    assert per_piece_total(count, on=ON) == yuan


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
    assert per_page_fee(pages, on=ON) == yuan
    quote = fee_for("per_page", pages=pages, on=ON)
    assert quote.method is FeeMethod.PER_PAGE
    assert quote.amount_yuan == yuan
    assert f"共{pages}页" in quote.explanation and f"合计{yuan}元" in quote.explanation


def test_explanations_name_the_bands() -> None:
    # 国办函〔2020〕109号 第五条
    text = fee_for(FeeMethod.PER_PAGE, pages=150, on=ON).explanation
    assert "第1—30页30页不收费" in text
    assert "第31—100页70页×10元＝700元" in text
    assert "第101—150页50页×20元＝1000元" in text
    assert "第五条" in text
    # 国办函〔2020〕109号 第四条
    assert "“31—40件”档" in fee_for(FeeMethod.PER_PIECE, nth_in_month=35, on=ON).explanation
    assert "不收费" in fee_for(FeeMethod.PER_PIECE, nth_in_month=3, on=ON).explanation


# Bad input: missing, negative, not an integer, the other method's input (109号 第三条: not both), unknown method.
BAD_TABLE = [
    (lambda: fee_for(FeeMethod.PER_PIECE, on=ON), "申请序号"),
    (lambda: fee_for(FeeMethod.PER_PAGE, on=ON), "页数"),
    (lambda: fee_for(FeeMethod.PER_PIECE, nth_in_month=0, on=ON), "不能小于1"),
    (lambda: fee_for(FeeMethod.PER_PAGE, pages=-1, on=ON), "不能小于0"),
    (lambda: fee_for(FeeMethod.PER_PIECE, nth_in_month=12, pages=40, on=ON), "两种标准"),
    (lambda: fee_for(FeeMethod.PER_PAGE, nth_in_month=12, pages=40, on=ON), "两种标准"),
    (lambda: fee_for("per_word", pages=3, on=ON), "收费方式"),
    (lambda: per_piece_fee(0, on=ON), "不能小于1"),
    (lambda: per_piece_total(-1, on=ON), "不能小于0"),
    (lambda: per_page_fee(-5, on=ON), "不能小于0"),
    (lambda: per_page_fee(2.5, on=ON), "整数"),  # type: ignore[arg-type]
    (lambda: per_piece_fee(True, on=ON), "整数"),
]


@pytest.mark.parametrize(("call", "fragment"), BAD_TABLE)
def test_bad_input(call: Callable[[], object], fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        call()


def test_payment_period() -> None:
    # 国办函〔2020〕109号 第七条：收到收费通知次日起20个工作日内缴纳。
    assert schedule_on(ON).payment_period_workdays == 20
    assert FeeMethod("per_piece") is FeeMethod.PER_PIECE and FeeMethod.PER_PAGE == "per_page"


# The 109号 measures are in force from 2021-01-01: the standard is the one in force on the day of the notice.
@pytest.mark.parametrize(
    ("day", "in_force"),
    [(dt.date(2020, 12, 31), False), (dt.date(2021, 1, 1), True), (dt.date(2026, 12, 1), True)],
)
def test_the_standard_in_force_on_the_day_of_the_notice(day: dt.date, in_force: bool) -> None:
    if in_force:
        assert schedule_on(day) is SCHEDULE_2021
        assert fee_for(FeeMethod.PER_PIECE, on=day, nth_in_month=11).amount_yuan == 100
    else:
        with pytest.raises(NotInForce, match="2021年1月1日"):
            fee_for(FeeMethod.PER_PIECE, on=day, nth_in_month=11)


def test_a_new_standard_applies_from_its_effective_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # How a new fee tier is added (docs/development.md): one more Version, from the day it takes legal effect.
    dearer = dataclasses.replace(
        SCHEDULE_2021, measures="（假设的新办法）", title="《假设的收费办法》", piece_bands=((11, 30, 150),)
    )
    monkeypatch.setattr(
        fees,
        "SCHEDULES",
        Versioned("信息处理费标准", *fees.SCHEDULES, Version(dt.date(2027, 1, 1), "（假设的新办法）", dearer)),
    )
    assert per_piece_fee(11, on=dt.date(2026, 12, 31)) == 100
    assert per_piece_fee(11, on=dt.date(2027, 1, 1)) == 150
    assert per_piece_fee(31, on=dt.date(2027, 1, 1)) == 250  # the open bands step up from the last closed one
    assert (
        "（假设的新办法） 第四条" in fee_for(FeeMethod.PER_PIECE, on=dt.date(2027, 1, 1), nth_in_month=12).explanation
    )
    # the public guide states, and cites, the standard in force on its day
    before = {s.basis: s.text for s in guide.fee_statements("per_piece", on=dt.date(2026, 12, 31))}
    after = {s.basis: s.text for s in guide.fee_statements("per_piece", on=dt.date(2027, 1, 1))}
    assert "100元/件" in before["国办函〔2020〕109号 第四条"]
    assert "150元/件" in after["（假设的新办法） 第四条"]
    assert "《假设的收费办法》" in after["条例 第四十二条"]


def test_versions_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="increasing"):
        Versioned("x", Version(dt.date(2022, 1, 1), "b", 2), Version(dt.date(2021, 1, 1), "a", 1))
