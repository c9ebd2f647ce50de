"""信息处理费: the information processing fee of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

条例 第四十二条 makes disclosure on request free, except that an agency may charge an information processing fee where
the quantity or frequency of an applicant's requests clearly exceeds a reasonable range; the 109号 measures (in force
2021-01-01) set the fee.  What follows was checked against the published text (sources below); quotations are exact.

- 第三条 — two methods, both progressive: “信息处理费可以按件计收，也可以按量计收，均按照超额累进方式计算收费金额。
  行政机关对每件申请可以根据实际情况选择适用其中一种标准，但不得同时按照两种标准重复计算。”
- 第四条 — 按件计收, counted per applicant per calendar month: “按件计收适用于所有政府信息公开申请处理决定类型。申请人的
  一份政府信息公开申请包含多项内容的，行政机关可以按照‘一事一申请’原则，以合理的最小单位拆分计算件数。”
  “（一）同一申请人一个自然月内累计申请10件以下（含10件）的，不收费。（二）同一申请人一个自然月内累计申请11—30件
  （含30件）的部分：100元/件。（三）同一申请人一个自然月内累计申请31件以上的部分：以10件为一档，每增加一档，收费标准
  提高100元/件。”  Hence 31–40 → 200, 41–50 → 300, … yuan for each application in the band.
- 第五条 — 按量计收, per page of one application: “按量计收适用于申请人要求以提供纸质件、发送电子邮件、复制电子数据等方式
  获取政府信息的情形。” “（一）30页以下（含30页）的，不收费。（二）31—100页（含100页）的部分：10元/页。（三）101—200页
  （含200页）的部分：20元/页。（四）201页以上的部分：40元/页。”
- Payment (第七条, as summarised in the 法治日报 report of the measures): “行政机关依法决定收取信息处理费的，应当在政府信息
  公开申请处理期限内，按照申请人获取信息的途径向申请人发出收费通知，说明收费的依据、标准、数额、缴纳方式等。申请人
  应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请，行政机关不再处理该政府信息公开申请。”
  The same report adds that an applicant who objects to the fee cannot contest that decision alone by reconsideration
  or litigation, but may do so after the payment period, against the agency's no longer processing the application.

NOT confirmed from the sources available here (do not rely on them without the official text):
- whether electronic copies are counted by their equivalent number of A4 pages — none of the copies retrieved carries
  such a rule; :func:`per_page_fee` therefore takes the page count the agency has determined and converts nothing;
- whether the time from the fee notice to payment is excluded from the reply period — regulation.md states it (and
  :mod:`gongkai.law.clock` implements it), but the retrieved copies of the measures break off before that sentence.

Sources (stored copies consulted 2025):
- http://www.xinhui.gov.cn/zwgk/zdlyxxgk/hjbhxxgk/tzgg/content/post_2365222.html — a county government's fee table
  quoting 第三条、第四条、第五条 verbatim, citing 国办函〔2020〕109号;
- http://www.by6872.com/rdxrmzf/xjxxgkzd/content/f3326c8a-f853-4e97-abda-ee7eddc2ef38.html — a reprint of the full
  measures (“来源：国务院办公厅”), 第一条 to the start of 第五条;
- https://pf.rednet.cn/content/2020/12/02/8666854.html — 法治日报 (万静), 2020-12-02, on the measures' publication:
  the payment period and the effect of non-payment quoted above;
- http://m.tube444.com/xxgk-show-18175.html — 四川省财政厅、发展改革委 notice (2021-01-18) repeating “申请人应当在收到
  收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请”.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.law.versions import Version, Versioned

__all__ = [
    "DEFAULT_METHOD",
    "SCHEDULES",
    "FeeMethod",
    "FeeQuote",
    "FeeSchedule",
    "fee_for",
    "per_page_fee",
    "per_piece_fee",
    "per_piece_total",
    "schedule_on",
]

MEASURES = "国办函〔2020〕109号"


class FeeMethod(StrEnum):
    """The two charging methods; for each application one of them, never both (109号 第三条)."""

    PER_PIECE = "per_piece"
    PER_PAGE = "per_page"


FEE_METHOD_LABELS: dict[FeeMethod, str] = {FeeMethod.PER_PIECE: "按件计收", FeeMethod.PER_PAGE: "按量计收"}
# The method an agency charges by until its admin chooses (109号 第三条 leaves the choice to the agency; 按件计收
# applies to every kind of decision, 第四条, so it is the one that always fits).
DEFAULT_METHOD = FeeMethod.PER_PIECE


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """One fee standard: its measures, the free allowances, the bands and the payment period."""

    measures: str  # the document number, e.g. 国办函〔2020〕109号
    title: str  # its name, e.g. 《政府信息公开信息处理费管理办法》
    # the articles of the measures the guide and the notices cite: one method per application, 按件, 按量, payment
    articles: dict[str, str]
    # 按件计收: free up to ``free_pieces_per_month``; then each (first, last, yuan) band; past the last band, bands of
    # ``open_band_size`` applications, each ``open_band_step`` yuan dearer than the one before.
    free_pieces_per_month: int
    piece_bands: tuple[tuple[int, int, int], ...]
    open_band_size: int
    open_band_step: int
    # 按量计收: (first page, last page or None, yuan per page), 超额累进.
    page_bands: tuple[tuple[int, int | None, int], ...]
    # working days from the day after the notice is received
    payment_period_workdays: int

    @property
    def free_pages(self) -> int:
        return self.page_bands[0][1] or 0

    def piece_band(self, nth: int) -> tuple[int, int | None, int]:
        """(first, last or None, yuan) of the monthly band the n-th application falls in."""
        if nth <= self.free_pieces_per_month:
            return 1, self.free_pieces_per_month, 0
        for first, last, rate in self.piece_bands:
            if first <= nth <= last:
                return first, last, rate
        top_last, top_rate = self.piece_bands[-1][1], self.piece_bands[-1][2]
        step = (nth - top_last - 1) // self.open_band_size
        first = top_last + 1 + self.open_band_size * step
        return first, first + self.open_band_size - 1, top_rate + self.open_band_step * (step + 1)

    def page_parts(self, pages: int) -> list[tuple[int, int, int, int]]:
        """(first, last, count, yuan per page) of each band the pages reach."""
        parts = []
        for first, last, rate in self.page_bands:
            if pages < first:
                break
            upper = pages if last is None else min(pages, last)
            parts.append((first, upper, upper - first + 1, rate))
        return parts


SCHEDULE_2021 = FeeSchedule(
    measures=MEASURES,
    title="《政府信息公开信息处理费管理办法》",
    articles={"method": "第三条", "per_piece": "第四条", "per_page": "第五条", "payment": "第七条"},
    # 国办函〔2020〕109号 第四条：（一）同一申请人一个自然月内累计申请10件以下（含10件）的，不收费。（二）……11—30件
    # （含30件）的部分：100元/件。（三）……31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件。
    free_pieces_per_month=10,
    piece_bands=((11, 30, 100),),
    open_band_size=10,
    open_band_step=100,
    # 国办函〔2020〕109号 第五条：30页以下（含30页）的，不收费；31—100页（含100页）的部分：10元/页；101—200页（含200页）
    # 的部分：20元/页；201页以上的部分：40元/页。
    page_bands=((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40)),
    # 国办函〔2020〕109号 第七条：申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请。
    # Clock effect: the 20 working days count from the day after the notice (the start day is not counted, as in
    # WorkCalendar.add_workdays).  Unpaid in time → not processed further (annual report row （六）2, outcome
    # ``other_fee_unpaid``).  Whether the time from notice to payment is also left out of the 条例 第三十三条 reply
    # period could not be confirmed from the retrieved text (see the module docstring); gongkai.law.clock pauses the
    # reply clock for it as regulation.md states.
    payment_period_workdays=20,
)

# 条例 第四十二条 allows an information processing fee only under the State Council's measures; the 109号 measures
# are in force from 2021-01-01 (shared/reference/regulation.md; the closing article of the published text is cut off
# in the stored copies consulted), so a fee notice dated earlier has no standard.  A new standard is one more Version
# here, from the day it takes effect.
SCHEDULES: Versioned[FeeSchedule] = Versioned(
    "信息处理费标准",
    Version(dt.date(2021, 1, 1), f"{MEASURES}{SCHEDULE_2021.title}", SCHEDULE_2021),
)


def schedule_on(day: dt.date) -> FeeSchedule:
    """The fee standard in force on ``day`` (the day of the fee notice); NotInForce before 2021-01-01."""
    return SCHEDULES.in_force(day)


@dataclass(frozen=True, slots=True)
class FeeQuote:
    """A computed fee: the method, the amount in whole yuan, and a Chinese explanation naming the bands used."""

    method: FeeMethod
    amount_yuan: int
    explanation: str


def _check_count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}应为整数，实为“{value}”")
    if value < minimum:
        raise ValueError(f"{name}不能小于{minimum}，实为{value}")
    return value


def per_piece_fee(nth_in_month: int, *, on: dt.date) -> int:
    """Yuan for the n-th application (1-based) of one applicant in one calendar month (按件计收)."""
    # 国办函〔2020〕109号 第四条
    nth = _check_count(nth_in_month, "本月申请序号", 1)
    return schedule_on(on).piece_band(nth)[2]


def per_piece_total(count: int, *, on: dt.date) -> int:
    """Sum of :func:`per_piece_fee` over applications 1..count of one applicant in one calendar month."""
    # 国办函〔2020〕109号 第四条：超额累进，逐件按其所在档计费。
    n = _check_count(count, "本月申请件数", 0)
    return sum(per_piece_fee(i, on=on) for i in range(1, n + 1))


def per_page_fee(pages: int, *, on: dt.date) -> int:
    """Yuan for one application of ``pages`` pages (按量计收, progressive: 1–30 free, 31–100 ×10, 101–200 ×20, 201+ ×40)."""
    # 国办函〔2020〕109号 第五条
    n = _check_count(pages, "页数", 0)
    return sum(count * rate for _, _, count, rate in schedule_on(on).page_parts(n))


def _range(first: int, last: int | None, unit: str) -> str:
    return f"{first}{unit}以上" if last is None else f"{first}—{last}{unit}"


def fee_for(
    method: FeeMethod | str, *, on: dt.date, nth_in_month: int | None = None, pages: int | None = None
) -> FeeQuote:
    """The fee for one application by ``method`` under the standard in force ``on`` (the day of the notice): 按件
    needs ``nth_in_month``, 按量 needs ``pages``.

    Raises ValueError (Chinese message) for an unknown method, a missing or negative input, or an input of the other
    method (the two may not be combined, 109号 第三条); NotInForce (a ValueError) before any standard.
    """
    # 国办函〔2020〕109号 第三条：每件申请选择适用其中一种标准，不得同时按照两种标准重复计算。
    try:
        method = FeeMethod(method)
    except ValueError:
        raise ValueError(f"收费方式“{method}”无效，应为按件计收（per_piece）或按量计收（per_page）") from None
    schedule = schedule_on(on)
    if method is FeeMethod.PER_PIECE:
        if pages is not None:
            raise ValueError("按件计收时不得再按页数计费（不得同时按照两种标准重复计算）")
        if nth_in_month is None:
            raise ValueError("按件计收须提供该申请人本自然月内的申请序号")
        nth = _check_count(nth_in_month, "本月申请序号", 1)
        first, last, rate = schedule.piece_band(nth)
        # 国办函〔2020〕109号 第四条
        free = schedule.free_pieces_per_month
        if rate == 0:
            band = f"同一申请人一个自然月内累计{free}件以下（含{free}件）不收费"
        else:
            band = f"适用“{_range(first, last, '件')}”档，{rate}元/件"
        explanation = f"按件计收（{schedule.measures} {schedule.articles['per_piece']}）：本件为该申请人本自然月内第{nth}件，{band}；合计{rate}元。"
        return FeeQuote(method, rate, explanation)

    if nth_in_month is not None:
        raise ValueError("按量计收时不得再按件计费（不得同时按照两种标准重复计算）")
    if pages is None:
        raise ValueError("按量计收须提供页数")
    n = _check_count(pages, "页数", 0)
    parts = schedule.page_parts(n)
    amount = sum(count * rate for _, _, count, rate in parts)
    # 国办函〔2020〕109号 第五条
    lines = []
    for first, upper, count, rate in parts:
        if rate == 0:
            lines.append(f"第{first}—{upper}页{count}页不收费")
        else:
            lines.append(f"第{first}—{upper}页{count}页×{rate}元＝{count * rate}元")
    detail = "；".join(lines) if lines else f"{schedule.free_pages}页以下（含{schedule.free_pages}页）不收费"
    explanation = (
        f"按量计收（{schedule.measures} {schedule.articles['per_page']}）：共{n}页；{detail}；合计{amount}元。"
    )
    return FeeQuote(method, amount, explanation)
