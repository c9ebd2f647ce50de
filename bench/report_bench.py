"""Benchmark: computing one agency's annual report tables against the raw limit (reading the same request rows).

    .venv/bin/python bench/report_bench.py [--requests 20000]

Builds a throw-away SQLite database with one agency and N requests over two years, then times
``gongkai.reports.selectors.compute`` (tables + the figures the text is drafted from: 5–8 queries, counting in
Python) against the floor: one query fetching the same request columns, nothing counted. Prints JSON with both times and
their ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20000)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gongkai.agencies import demo as agencies_demo
    from gongkai.foi.models import Applicant, InfoRequest
    from gongkai.law.outcomes import APPLICANT_KINDS, RESULT_ROWS
    from gongkai.reports import selectors

    agency = agencies_demo.load_jurisdiction()["civil"]
    rng = random.Random(11)
    applicants = Applicant.objects.bulk_create(
        [Applicant(agency=agency, kind=rng.choice(APPLICANT_KINDS), name=f"申请人{i}") for i in range(500)]
    )
    start = dt.date(2024, 1, 1)
    rows = []
    for i in range(args.requests):
        received = start + dt.timedelta(days=rng.randrange(730))
        closed = received + dt.timedelta(days=rng.randrange(5, 60)) if rng.random() < 0.95 else None
        rows.append(
            InfoRequest(
                agency=agency,
                applicant=rng.choice(applicants),
                tracking_code=f"B{i:08d}",
                channel="online",
                submitted_on=received,
                received_on=received,
                description="x",
                state="answered" if closed else "open",
                due_on=received + dt.timedelta(days=28),
                closed_on=closed,
                outcome=rng.choice(RESULT_ROWS) if closed else "",
            )
        )
    InfoRequest.objects.bulk_create(rows, batch_size=2000)

    def ours() -> None:
        selectors.compute(agency, 2025)

    def raw() -> None:  # the floor: fetch the same columns of the same requests, count nothing
        list(
            InfoRequest.objects.filter(agency=agency, received_on__lte=dt.date(2025, 12, 31))
            .values_list("tracking_code", "applicant__kind", "received_on", "closed_on", "outcome", "due_on")
            .order_by()
        )

    tables, _ = selectors.compute(agency, 2025)
    ours_s = min(timeit.repeat(ours, number=3, repeat=3)) / 3
    raw_s = min(timeit.repeat(raw, number=3, repeat=3)) / 3
    print(
        json.dumps(
            {
                "benchmark": "reports.selectors.compute(agency, 2025)",
                "requests": args.requests,
                "new_this_year": tables["section3"]["new_this_year"]["total"],
                "ours_ms": round(ours_s * 1e3, 1),
                "raw_limit_ms": round(raw_s * 1e3, 1),
                "ratio": round(ours_s / raw_s, 2),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
