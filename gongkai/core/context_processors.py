"""The law's periods for every template, so pages state the number the law package applies (never retyped)."""

from __future__ import annotations

from typing import Any

from gongkai.law import cases as law_cases
from gongkai.law import catalog as law_catalog
from gongkai.law import clock as law_clock


def law_periods(request: Any) -> dict[str, Any]:
    return {
        "law_periods": {
            "reply_workdays": law_clock.REPLY_WORKDAYS,  # 条例 第三十三条第二款
            "extension_workdays": law_clock.MAX_EXTENSION_WORKDAYS,  # 条例 第三十三条第二款
            "publication_workdays": law_catalog.PUBLICATION_WORKDAYS,  # 条例 第二十六条
            "reconsideration_reply_days": law_cases.RECONSIDERATION_REPLY_DAYS,  # 行政复议法 第四十八条
            "litigation_defence_days": law_cases.LITIGATION_DEFENCE_DAYS,  # 行政诉讼法 第六十七条
            "simplified_reply_days": law_cases.SIMPLIFIED_REPLY_WORKDAYS,  # 行政复议法 第五十四条
            "simplified_decision_days": law_cases.SIMPLIFIED_DECISION_DAYS,  # 行政复议法 第六十二条第二款
        }
    }
