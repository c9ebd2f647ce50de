"""``gongkai engagement import KIND FILE --agency USCC`` and ``gongkai engagement export KIND --agency USCC --year Y
-o FILE``, KIND one of consultations, proposals, opinion, press. The import reads CSV or XLSX and writes all rows or
none (exit 1 naming every bad row); the export writes the year's records as XLSX with the import's columns."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import normalise_credit_code
from gongkai.core.errors import validation_message
from gongkai.core.tabular import ImportRejected
from gongkai.engagement import tables
from gongkai.engagement.kinds import KINDS

KIND_HELP = "consultations（咨询）、proposals（建议提案）、opinion（舆情）或 press（新闻发布会、在线访谈）"


def _agency(code: str) -> Agency:
    try:
        agency = agency_by_credit_code(normalise_credit_code(code))
    except ValidationError as exc:
        raise CommandError(validation_message(exc)) from exc
    if agency is None:
        raise CommandError(f"找不到统一社会信用代码为 {code} 的机关")
    return agency


class Command(BaseCommand):
    help = "政民互动记录：import 导入咨询、建议提案、舆情或新闻发布记录（CSV 或 XLSX，全部导入或全部不导入）；export 导出某年的记录（XLSX）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        imp = sub.add_parser("import", help="导入记录")
        imp.add_argument("kind", choices=list(KINDS), help=KIND_HELP)
        imp.add_argument("file")
        imp.add_argument("--agency", required=True, metavar="USCC", help="机关的统一社会信用代码")
        exp = sub.add_parser("export", help="导出某年的记录")
        exp.add_argument("kind", choices=list(KINDS), help=KIND_HELP)
        exp.add_argument("--agency", required=True, metavar="USCC", help="机关的统一社会信用代码")
        exp.add_argument("--year", type=int, default=timezone.localdate().year, help="年度（默认今年）")
        exp.add_argument("-o", "--output", required=True, metavar="FILE", help="写入的 XLSX 文件")

    def handle(self, *args, **options):
        agency = _agency(options["agency"])
        kind = options["kind"]
        if options["what"] == "import":
            try:
                created = tables.import_records(actor=None, agency=agency, kind=kind, source=options["file"])
            except FileNotFoundError as exc:
                raise CommandError(f"找不到文件：{options['file']}") from exc
            except ImportRejected as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"已导入 {len(created)} 条{tables.SHEET_TITLES[kind]}记录到 {agency.name}。")
            return
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("年度应在 2000 到 2100 之间。")
        path = Path(options["output"])
        try:
            path.write_bytes(tables.export_xlsx(agency, kind, year))
        except OSError as exc:
            raise CommandError(f"无法写入文件 {path}：{exc.strerror}") from exc
        count = tables.export_queryset(agency, kind, year).count()
        self.stdout.write(f"已导出 {agency.name} {year} 年的 {count} 条{tables.SHEET_TITLES[kind]}记录到 {path}。")
