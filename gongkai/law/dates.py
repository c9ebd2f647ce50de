"""Dates as Chinese official documents write them (公文: 2026年12月1日, no leading zeros), for the law's own
sentences; gongkai.core.dates offers the same function to the apps."""

from __future__ import annotations

import datetime as dt


def chinese_date(day: dt.date | None) -> str:
    """``2026年12月1日``; empty for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
