"""``gongkai report tables --agency USCC --year 2025``: the annual report's three tables as JSON, computed from the data.

The JSON has exactly the keys of report_template.json::

    {"section2": {"rules": {"issued": n, "repealed": n, "in_force": n}, "normative_documents": {...},
                  "licensing": {"decisions": n}, "penalty": {...}, "coercion": {...}, "fees": {"amount_10k_yuan": x}},
     "section3": {"new_this_year": {"natural_person": n, ..., "total": n}, ...},
     "section4": {"reconsideration": {"upheld": n, "corrected": n, "other": n, "pending": n, "total": n}, ...}}

``gongkai report check --agency USCC --year 2025`` prints the consistency checks of the same tables (and against last
year's) as JSON ``{"passed": bool, "failures": [{"code", "cell", "message", "expected", "found"}]}``; it exits 1 when a
check fails.  Errors (unknown agency, a request closed without a result) exit with status 2 and a Chinese message.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import normalise_credit_code
from gongkai.core.errors import validation_message
from gongkai.law import report as law_report
from gongkai.reports import selectors


class Command(BaseCommand):
    help = "年度报告：tables 输出由数据计算的三张统计表（JSON）；check 校验表格的勾稽关系。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name, text in (("tables", "输出年度报告统计表（JSON）"), ("check", "校验年度报告统计表")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--agency", required=True, metavar="USCC", help="机关的统一社会信用代码")
            p.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
            p.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        try:
            agency = agency_by_credit_code(normalise_credit_code(options["agency"]))
        except ValidationError as exc:
            raise CommandError(validation_message(exc), returncode=2) from exc
        if agency is None:
            raise CommandError(f"找不到统一社会信用代码为 {options['agency']} 的机关", returncode=2)
        year = options["year"]
        if not 2008 <= year <= 2100:
            raise CommandError(f"年度 {year} 无效", returncode=2)
        try:
            tables = selectors.tables_as_json(selectors.compute_tables(agency, year))
        except law_report.UnclassifiedRequest as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if options["what"] == "tables":
            self.stdout.write(json.dumps(tables, ensure_ascii=False, indent=options["indent"]))
            return
        failures = law_report.check_tables(tables)
        try:
            previous = selectors.tables_as_json(selectors.compute_tables(agency, year - 1))
        except law_report.UnclassifiedRequest:
            previous = None
        if previous is not None:
            failures += law_report.check_carry_over(previous, tables)
        out = {"passed": not failures, "failures": [f.as_dict() for f in failures]}
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=options["indent"]))
        if failures:
            raise SystemExit(1)
