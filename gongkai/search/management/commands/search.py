"""``gongkai search reindex``: rebuild the full-text index from the published catalog items."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.progress import ProgressBar
from gongkai.search import services


class Command(BaseCommand):
    help = "全文检索索引：reindex 按已发布的信息重建索引。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{reindex}")
        reindex = actions.add_parser(
            "reindex", help="按已发布的信息重建全文检索索引（逐批原地更新，重建期间检索照常；中断后可用 --after 续做）"
        )
        reindex.add_argument(
            "--after", type=int, default=0, metavar="ID", help="从信息编号大于 ID 的信息续做（中断时会提示）"
        )
        reindex.add_argument(
            "--batch", type=int, default=services.REINDEX_BATCH, metavar="N", help="每批（一个事务）收录的条数"
        )

    def handle(self, *args, **options):
        after = options["after"]
        if after < 0:
            raise CommandError("--after 须为非负整数。")
        if options["batch"] < 1:
            raise CommandError("--batch 须为正整数。")
        bar = ProgressBar(services.published_count(after), label="重建检索索引", stream=self.stderr)
        last = [after]
        try:
            done = services.reindex(
                progress=bar.update,
                after_id=after,
                batch=options["batch"],
                checkpoint=lambda pk: last.__setitem__(0, pk),
            )
        except KeyboardInterrupt:
            bar.finish()
            self.stderr.write(
                f"已中断：信息编号 {last[0]} 及以前的已收录，用 gongkai search reindex --after {last[0]} 续做。"
            )
            raise SystemExit(130) from None
        bar.finish()
        self.stdout.write(f"已收录 {done} 条已发布的信息。")
