"""Benchmark: WorkCalendar.add_workdays against the raw limit (indexing a precomputed list of working days).

    .venv/bin/python bench/calendar_bench.py

Prints JSON: time per call for both and their ratio, measured in the same run on the same dates.
"""

from __future__ import annotations

import bisect
import json
import random
import timeit
from datetime import date, timedelta

from gongkai.law.calendar import WorkCalendar


def main() -> None:
    calendar = WorkCalendar()
    first, last = date(2024, 1, 1), date(2026, 12, 31)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    workdays = [d for d in days if calendar.is_workday(d)]
    rng = random.Random(7)
    starts = [rng.choice(days[:-120]) for _ in range(2000)]

    def ours() -> None:
        for start in starts:
            calendar.add_workdays(start, 20)

    def raw() -> None:  # the floor: one bisect and one list index, no provisional check, no overrides
        for start in starts:
            workdays[bisect.bisect_right(workdays, start) + 19]

    assert all(calendar.add_workdays(s, 20).date == workdays[bisect.bisect_right(workdays, s) + 19] for s in starts)
    ours_s = min(timeit.repeat(ours, number=5, repeat=5)) / (5 * len(starts))
    raw_s = min(timeit.repeat(raw, number=5, repeat=5)) / (5 * len(starts))
    print(
        json.dumps(
            {
                "benchmark": "add_workdays(d, 20)",
                "ours_us": round(ours_s * 1e6, 3),
                "raw_limit_us": round(raw_s * 1e6, 3),
                "ratio": round(ours_s / raw_s, 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
