"""``gongkai search reindex``: rebuild the full-text index from the published catalog items."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.core.progress import ProgressBar
from gongkai.search import services


class Command(BaseCommand):
    help = "全文检索索引：reindex 按已发布的信息重建索引。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{reindex}")
        actions.add_parser("reindex", help="删除并重建全文检索索引（仅收录已发布的信息）")

    def handle(self, *args, **options):
        bar = ProgressBar(services.published_count(), label="重建检索索引", stream=self.stderr)
        done = services.reindex(progress=bar.update)
        bar.finish()
        self.stdout.write(f"已收录 {done} 条已发布的信息。")
