"""``gongkai restore DIR [--force]``: put a backup of ``gongkai backup`` back, all or nothing.

Exit status: 0 restored and verified; 1 refused, nothing changed (incomplete or damaged backup, keys that do not
match, a non-empty target without --force, another database engine, a newer gongkai's backup, the site still
running); 3 the restored copy was not identical to the backup, nothing replaced. See :mod:`gongkai.ops.backups`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.ops import backups


class Command(BaseCommand):
    help = (
        "恢复 gongkai backup 生成的备份：先核对清单、每个文件的 SHA-256 和加密密钥指纹，在一个副本中恢复并核对各表行数、"
        "文件哈希和审计日志，无误后才替换现有数据。请先停止网站。"
        "退出码：0 完成；1 拒绝恢复（未做任何改动）；3 恢复结果与备份不一致（未替换现有数据）。"
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="备份目录（含 manifest.json）")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库或上传文件目录不是空的时仍然替换（原有数据改名保留）"
        )

    def handle(self, *args, **options):
        try:
            outcome = backups.restore(options["directory"], force=options["force"], out=self.stdout, err=self.stderr)
        except (backups.BackupRefused, backups.RestoreMismatch) as exc:
            raise CommandError(str(exc), returncode=exc.exit_code) from exc
        manifest = outcome.manifest
        self.stdout.write(
            f"恢复完成：{manifest['created_at']} 的备份（gongkai {manifest['gongkai_version']}），"
            f"{len(manifest['tables'])} 个表的行数、{manifest['totals']['files']} 个文件的 SHA-256 与审计日志均已核对一致"
            f"（用时 {outcome.seconds:.1f} 秒）。" + ("本次恢复已记入审计日志。" if outcome.recorded else "")
        )
        for previous in outcome.previous:
            self.stdout.write(f"原有数据保留在：{previous}（确认无误后可删除）")
        for note in outcome.notes:
            self.stderr.write(f"注意：{note}")
