"""``gongkai agency add|import|list``: onboarding agencies from the command line."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.importing import import_agencies_csv
from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import agency_create, normalise_credit_code
from gongkai.core.errors import validation_message
from gongkai.core.tabular import ImportRejected


class Command(BaseCommand):
    help = "机关管理：add 新增一个机关；import 从 CSV 批量导入（全部成功或全部不导入）；list 列出机关。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增一个机关")
        add.add_argument("--name", required=True, help="机关全称")
        add.add_argument("--credit-code", required=True, help="统一社会信用代码（18位）")
        add.add_argument("--kind", choices=AgencyKind.values, default=AgencyKind.DEPARTMENT)
        add.add_argument("--level", choices=AgencyLevel.values, help="层级；默认与上级机关相同，否则为 county")
        add.add_argument("--parent", metavar="USCC", help="上级机关的统一社会信用代码")
        add.add_argument("--supervisor", metavar="USCC", help="主管（政务公开监督）机关的统一社会信用代码")
        add.add_argument("--short-name", default="")
        imp = sub.add_parser("import", help="从 CSV 批量导入")
        imp.add_argument("file")
        sub.add_parser("list", help="列出全部机关")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _linked(self, code: str | None, label: str) -> Agency | None:
        if not code:
            return None
        try:
            normalised = normalise_credit_code(code)
        except ValidationError as exc:
            raise CommandError(f"{label}：{validation_message(exc)}") from exc
        agency = agency_by_credit_code(normalised)
        if agency is None:
            raise CommandError(f"{label}：找不到统一社会信用代码为 {normalised} 的机关")
        return agency

    def _add(self, options):
        parent = self._linked(options["parent"], "上级机关")
        supervisor = self._linked(options["supervisor"], "主管机关")
        level = options["level"] or (parent.level if parent else AgencyLevel.COUNTY)
        try:
            agency = agency_create(
                actor=None,
                name=options["name"],
                credit_code=options["credit_code"],
                kind=options["kind"],
                level=level,
                parent=parent,
                supervisor=supervisor,
                short_name=options["short_name"],
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        self.stdout.write(f"已新增机关：{agency.name}（{agency.credit_code}）")

    def _import(self, options):
        try:
            created = import_agencies_csv(actor=None, source=options["file"])
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{options['file']}") from exc
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已导入 {len(created)} 个机关。")

    def _list(self, options):
        for agency in Agency.objects.select_related("parent").order_by("level", "name"):
            parent = f" ← {agency.parent.name}" if agency.parent else ""
            self.stdout.write(f"{agency.credit_code}  {agency.get_kind_display()}  {agency.name}{parent}")
