"""Dates as Chinese official documents write them (公文: 2026年12月1日, no leading zeros)."""

from __future__ import annotations

import datetime as dt

from gongkai.law.dates import chinese_date

__all__ = ["EARLIEST", "EARLIEST_DOCUMENT", "LATEST", "chinese_date", "within"]


# The dates gongkai accepts from people and files: a typo like 9999 or 0202 is an error beside its field, never a
# date the clock counts working days from (it would overflow past 9999-12-31). Documents still in force may be older
# than the platform's records (formed_on starts at the founding of the PRC).
EARLIEST = dt.date(1990, 1, 1)
EARLIEST_DOCUMENT = dt.date(1949, 10, 1)
LATEST = dt.date(2100, 12, 31)


def within(day: dt.date, earliest: dt.date = EARLIEST, latest: dt.date = LATEST) -> bool:
    return earliest <= day <= latest
