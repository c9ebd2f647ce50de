"""Rates derived from an annual report's tables, for comparing agencies (年报体检's benchmark).

None of these rates is defined by statute: 条例 第五十条 and the report formats (国办公开办函〔2019〕60号,
国办公开办函〔2021〕30号) ask for the figures of 表三 and 表四, not for ratios of them.  Provincial and municipal
政务公开 assessments (政务公开考评细则, third-party 评估 such as 中国社会科学院法学研究所's 政府信息公开第三方评估报告)
score 依申请公开 on such ratios, but no assessment text held here (a search of the stored pages found the
assessments' existence — e.g. 北京市 2024 政务公开考评细则 "依申请公开规范答复" (beijing.gov.cn, 2026-01-16) — and
not their formulas) gives a formula to cite.  Ratios of 表三's results to the requests answered are also how the
literature reads the reports (肖卫兵《我国政府信息公开处理决定类型化改革效果评析》, 理论与改革 2021年第6期, sums the
年报 of the State Council departments and provinces), again without one fixed definition to quote.  The formulas below are therefore this project's conventions, chosen to be computed from the
tables alone and named as each is defined:

- 予以公开率 = (（一）予以公开 + （二）部分公开) / 总计 (办理结果合计, 表三's 总计 row) — of the requests answered
  this year, the share where information was given;
- 实质公开率 = (（一）予以公开 + （二）部分公开) / (总计 − （四）无法提供 1.本机关不掌握相关政府信息 − （五）不予处理
  − （六）其他处理) — the same share over the requests answered on their merits about information the agency
  holds (a request for information it does not hold, a 信访 or repeated request, one the applicant let lapse,
  cannot be disclosed whatever the agency does);
- 按期答复率 — the tables hold no figure of timeliness (neither format counts answers after the 第三十三条 time
  limit), so it is always ``None`` (shown "—"): it is not guessed from the text;
- 复议纠错率 = 表四 行政复议 结果纠正 / (结果维持 + 结果纠正 + 其他结果) — over the cases decided (尚未审结 left out);
- 诉讼败诉率 = 表四 行政诉讼 结果纠正 / (结果维持 + 结果纠正 + 其他结果), both groups of 行政诉讼 together
  (未经复议直接起诉 and 复议后起诉; the table does not tell 一审 from 二审, so the two instances are not separated).

Reading the tables: a row's figure is its 总计 cell, or the sum of its applicant cells when 总计 is blank or 0 (the
checker reads a blank cell as 0, and real reports leave 总计 blank on rows whose applicant cells are filled:
上海市人民政府办公厅's report on 2019); a blank cell counts 0.  The 2019 format's single （六）其他处理 row (key ``other``) and the 2021 format's three
(``other_no_correction``, ``other_fee_unpaid``, ``other_other``) are both read.  A rate whose table is missing
from the reading, or whose denominator is 0, is ``None`` — never 0 % nor 100 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gongkai.law.outcomes import APPLICANT_KINDS, RESULT_ROWS
from gongkai.law.report_format_2019 import SECTION3_SINGLE_OTHER

__all__ = ["RATE_CODES", "RATE_LABELS", "Rates", "percent", "rates_of"]

RATE_CODES: tuple[str, ...] = ("disclosure", "substantive", "on_time", "reconsideration_corrected", "litigation_lost")
# Official-sounding names of the conventions (data, shown as they are).
RATE_LABELS: dict[str, str] = {
    "disclosure": "予以公开率",
    "substantive": "实质公开率",
    "on_time": "按期答复率",
    "reconsideration_corrected": "复议纠错率",
    "litigation_lost": "诉讼败诉率",
}

_DISCLOSED = ("disclosed", "partly_disclosed")
_NOT_ON_MERITS = (
    "unavailable_not_held",
    *(r for r in RESULT_ROWS if r.startswith("not_processed_")),
    *(r for r in RESULT_ROWS if r.startswith("other_")),
    SECTION3_SINGLE_OTHER,
)
_DECIDED = ("upheld", "corrected", "other")
_LITIGATION = ("litigation_direct", "litigation_after_reconsideration")


@dataclass(frozen=True)
class Rates:
    """The derived rates of one reading, each a fraction in [0, 1] or None when it cannot be computed."""

    disclosure: Decimal | None = None
    substantive: Decimal | None = None
    on_time: Decimal | None = None
    reconsideration_corrected: Decimal | None = None
    litigation_lost: Decimal | None = None

    def get(self, code: str) -> Decimal | None:
        return getattr(self, code)


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _row(section3: Mapping[str, Any], key: str) -> int:
    cells = section3.get(key)
    if not isinstance(cells, Mapping):
        return 0
    total = _int(cells.get("total"))
    return total if total else sum(_int(cells.get(kind)) for kind in APPLICANT_KINDS)


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if denominator <= 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def rates_of(tables: Mapping[str, Any] | None) -> Rates:
    """The rates of a reading's tables (``ReportReading.reading["tables"]``, either format's keys)."""
    tables = tables or {}
    section3 = tables.get("section3") or {}
    section4 = tables.get("section4") or {}
    disclosure = substantive = None
    if section3:
        given = sum(_row(section3, key) for key in _DISCLOSED)
        answered = _row(section3, "results_total")
        disclosure = _ratio(given, answered)
        substantive = _ratio(given, answered - sum(_row(section3, key) for key in _NOT_ON_MERITS))
    reconsideration = litigation = None
    if section4:
        group = section4.get("reconsideration") or {}
        reconsideration = _ratio(_int(group.get("corrected")), sum(_int(group.get(c)) for c in _DECIDED))
        groups = [section4.get(g) or {} for g in _LITIGATION]
        litigation = _ratio(
            sum(_int(g.get("corrected")) for g in groups), sum(_int(g.get(c)) for g in groups for c in _DECIDED)
        )
    return Rates(disclosure, substantive, None, reconsideration, litigation)


def percent(rate: Decimal | None) -> str:
    """A rate as shown: “87.5%” (one decimal, half up), “—” when there is none."""
    if rate is None:
        return "—"
    return f"{(rate * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
