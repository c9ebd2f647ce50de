"""``gongkai backup DIR``: the database, the uploaded files and a manifest, while the site keeps serving.

Exit status: 0 done; 1 refused or failed (nothing is left in DIR). See :mod:`gongkai.ops.backups`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.ops import backups


class Command(BaseCommand):
    help = (
        "备份：把数据库（SQLite 在线备份或 PostgreSQL pg_dump）、上传文件和清单（时间、版本、各表行数、每个文件的 SHA-256、"
        "加密密钥指纹、审计日志链尾）写入一个新目录，网站可照常运行。加密密钥不在备份中，须另行保管。"
        "退出码：0 完成；1 失败（目录中不留下不完整的备份）。"
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", metavar="DIR", help="新的备份目录（不存在或为空），例如 /backup/gongkai-2026-01-05"
        )

    def handle(self, *args, **options):
        try:
            outcome = backups.backup(options["directory"], out=self.stdout, err=self.stderr)
        except backups.BackupRefused as exc:
            raise CommandError(str(exc), returncode=exc.exit_code) from exc
        manifest = outcome.manifest
        totals = manifest["totals"]
        self.stdout.write(
            f"备份完成：{outcome.directory}（{len(manifest['tables'])} 个表，{totals['files']} 个文件，"
            f"共 {backups.format_size(totals['bytes'])}，用时 {outcome.seconds:.1f} 秒）。"
        )
        for note in outcome.notes:
            self.stderr.write(f"注意：{note}")
        fingerprints = manifest["encryption_keys"]["fingerprints"]
        self.stderr.write(
            "注意：加密密钥不在备份中"
            + (f"（密钥指纹 {'、'.join(fingerprints)}）" if fingerprints else "")
            + "。申请人的证件号码、联系方式用这些密钥加密，没有它们备份中的这些信息无法读取，恢复也会被拒绝："
            "请把 GONGKAI_ENCRYPTION_KEYS（或数据目录中的 encryption_key 文件）另行妥善保管，不要与备份放在同一处。"
        )
