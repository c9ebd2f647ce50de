"""``gongkai audit verify``: recompute the hash chains and report the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.services import verify_chains
from gongkai.core.progress import ProgressBar


class Command(BaseCommand):
    help = "审计日志：verify 重新计算哈希链，报告第一条被改动的记录。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="重新计算全部哈希链")

    def handle(self, *args, **options):
        from gongkai.audit.models import AuditEntry

        total = AuditEntry.objects.count()
        bar = ProgressBar(total, label="校验审计日志", stream=self.stderr)
        result = verify_chains(progress=bar.update)
        bar.finish()
        if result.ok:
            self.stdout.write(f"审计日志完整：{result.entries} 条记录，{result.chains} 条链，全部校验通过。")
            return
        broken = result.first_break
        raise CommandError(
            f"审计日志被改动：链 {broken.chain} 第 {broken.seq} 条"
            f"（记录编号 {broken.entry_id if broken.entry_id is not None else '—'}）：{broken.reason}"
        )
