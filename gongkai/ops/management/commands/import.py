"""``gongkai import requests FILE --agency USCC``: import a register (台账) of requests, all rows or none.

Also ``gongkai import figures FILE`` (yearly figures of 表二) and ``gongkai import cases FILE --agency USCC``
(reconsideration and litigation cases), both through :mod:`gongkai.cases.services`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import normalise_credit_code
from gongkai.cases import selectors as cases_selectors
from gongkai.cases import services as cases_services
from gongkai.core.errors import validation_message
from gongkai.core.progress import ProgressBar
from gongkai.core.tabular import ImportRejected
from gongkai.foi import services as foi_services


class Command(BaseCommand):
    help = (
        "导入：requests 导入依申请公开台账；figures 导入年度统计数据（"
        + "、".join(cases_selectors.entered_row_labels())
        + "）；cases 导入行政复议、行政诉讼案件（CSV 或 XLSX；有任何错误行则全部不导入，并列出每个错误行）。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        requests = sub.add_parser("requests", help="导入依申请公开台账")
        requests.add_argument("file")
        requests.add_argument("--agency", required=True, metavar="USCC", help="受理机关的统一社会信用代码")
        requests.add_argument(
            "--correction-period",
            type=int,
            default=foi_services.REGISTER_CORRECTION_PERIOD,
            help=f"台账未记载补正期限时采用的工作日数（默认 {foi_services.REGISTER_CORRECTION_PERIOD}）",
        )
        figures = sub.add_parser(
            "figures",
            help="导入年度统计数据（列：" + "、".join(cases_selectors.figures_import_headers()) + "）",
        )
        figures.add_argument("file")
        cases = sub.add_parser("cases", help="导入行政复议、行政诉讼案件")
        cases.add_argument("file")
        cases.add_argument("--agency", required=True, metavar="USCC", help="被申请人（被告）的统一社会信用代码")

    def handle(self, *args, **options):
        if options["what"] == "figures":
            return self._import_cases_app(options, None)
        try:
            agency = agency_by_credit_code(normalise_credit_code(options["agency"]))
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        if agency is None:
            raise CommandError(f"找不到统一社会信用代码为 {options['agency']} 的机关")
        if options["what"] == "cases":
            return self._import_cases_app(options, agency)
        bar = None

        def progress(done: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(0, label="导入台账", stream=self.stderr)
            bar.update(done)

        try:
            created = foi_services.register_import(
                actor=None,
                agency=agency,
                source=options["file"],
                correction_period=options["correction_period"],
                progress=progress,
            )
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{options['file']}") from exc
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        if bar:
            bar.total = len(created)
            bar.finish()
        open_count = sum(1 for r in created if not r.is_closed)
        self.stdout.write(f"已导入 {len(created)} 件申请（其中办理中 {open_count} 件）到 {agency.name}。")

    def _import_cases_app(self, options, agency) -> None:
        try:
            if agency is None:
                rows = cases_services.figures_import(actor=None, source=options["file"])
                self.stdout.write(f"已导入 {len(rows)} 条年度统计数据。")
            else:
                rows = cases_services.cases_import(actor=None, agency=agency, source=options["file"])
                pending = sum(1 for case in rows if case.concluded_on is None)
                self.stdout.write(f"已导入 {len(rows)} 件案件（其中尚未审结 {pending} 件）到 {agency.name}。")
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{options['file']}") from exc
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
