"""``gongkai import requests FILE --agency USCC``: import a register (台账) of requests, all rows or none."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import normalise_credit_code
from gongkai.core.errors import validation_message
from gongkai.core.progress import ProgressBar
from gongkai.core.tabular import ImportRejected
from gongkai.foi.importing import DEFAULT_CORRECTION_PERIOD, import_register


class Command(BaseCommand):
    help = "导入：requests 导入依申请公开台账（CSV 或 XLSX；有任何错误行则全部不导入，并列出每个错误行）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        requests = sub.add_parser("requests", help="导入依申请公开台账")
        requests.add_argument("file")
        requests.add_argument("--agency", required=True, metavar="USCC", help="受理机关的统一社会信用代码")
        requests.add_argument(
            "--correction-period",
            type=int,
            default=DEFAULT_CORRECTION_PERIOD,
            help=f"台账未记载补正期限时采用的工作日数（默认 {DEFAULT_CORRECTION_PERIOD}）",
        )

    def handle(self, *args, **options):
        try:
            agency = agency_by_credit_code(normalise_credit_code(options["agency"]))
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        if agency is None:
            raise CommandError(f"找不到统一社会信用代码为 {options['agency']} 的机关")
        bar = None

        def progress(done: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(0, label="导入台账", stream=self.stderr)
            bar.update(done)

        try:
            created = import_register(
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
