"""``gongkai bench generate``: fill the database (SQLite, or ``DATABASE_URL``) with generated data of the real shape.

    gongkai bench generate --agencies N --requests-per-agency M --items-per-agency K --years Y
                           [--big NAME:REQUESTS:ITEMS ...] [--seed S] [--json]

A progress bar on standard error; at the end the rows written per table and the rows per second (with ``--json``
one JSON object on standard output: ``{"rows": {table: n}, "total_rows", "seconds", "rows_per_second"}``).
Exit status 2 for a wrong argument (nothing written). What is generated: :mod:`gongkai.ops.generate`.

Each action is one ``_<action>`` method and one sub-parser, so more actions (``bench run``) sit beside ``generate``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.progress import ProgressBar
from gongkai.ops import generate


class Command(BaseCommand):
    help = "性能测试：generate 按真实结构批量生成机关、申请、主动公开信息等数据。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        gen = actions.add_parser("generate", help="批量生成数据（写入 SQLite 或 DATABASE_URL 指向的数据库）")
        gen.add_argument("--agencies", type=int, required=True, help="机关数（含省、市、县政府及其部门）")
        gen.add_argument("--requests-per-agency", type=int, default=0, help="每个机关的依申请公开申请数")
        gen.add_argument("--items-per-agency", type=int, default=0, help="每个机关的主动公开信息数")
        gen.add_argument("--years", type=int, default=2, help="覆盖的年数（截至今年，默认 2）")
        gen.add_argument(
            "--big",
            action="append",
            default=[],
            metavar="NAME:REQUESTS:ITEMS",
            help="另加一个大机关（名称:申请数:信息数），可重复",
        )
        gen.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据，默认 1）")
        gen.add_argument("--seeds", help="种子文档文件夹（默认使用自带的年报文本）")
        gen.add_argument("--json", action="store_true", help="在标准输出打印一个 JSON 对象")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _generate(self, options) -> None:
        try:
            spec = generate.Spec(
                agencies=options["agencies"],
                requests_per_agency=options["requests_per_agency"],
                items_per_agency=options["items_per_agency"],
                years=options["years"],
                big=tuple(generate.parse_big(text) for text in options["big"]),
                seed=options["seed"],
            )
            generate.check(spec)
            bar = ProgressBar(0, label="生成数据", stream=self.stderr._out)

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done)

            result = generate.generate(
                spec, progress=progress, seeds=Path(options["seeds"]) if options["seeds"] else None
            )
        except generate.GenerateError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        bar.finish()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        for table, rows in sorted(result.rows.items()):
            self.stdout.write(f"{table}\t{rows}")
        self.stdout.write(
            f"共写入 {result.total_rows} 行，用时 {result.seconds:.1f} 秒（其中搜索索引 {result.index_seconds:.1f} 秒），"
            f"每秒 {result.rows_per_second:.0f} 行。"
        )
