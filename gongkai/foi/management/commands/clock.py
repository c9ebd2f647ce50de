"""``gongkai clock [FILE|-]``: the reply clock as a machine interface.

Reads a JSON case ``{"received", "today"?, "events": [...]}`` and prints the result as JSON (see
``gongkai.law.clock.ClockResult.as_dict``). An impossible case exits with status 2 and a message naming the event.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.law.calendar import default_calendar
from gongkai.law.clock import ClockError, compute_clock_from_json


def _calendar():
    """The calendar with this installation's overrides; the library's alone when no database is set up yet."""
    try:
        from gongkai.workcalendar.selectors import working_calendar

        return working_calendar()
    except DatabaseError:
        return default_calendar()


class Command(BaseCommand):
    help = "计算依申请公开答复期限：读取 JSON 案例（文件或标准输入），输出 JSON 结果；不可能的案例以状态码 2 退出。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="JSON 文件；- 或省略表示标准输入")
        parser.add_argument("--indent", type=int, default=None, help="缩进输出")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"无法读取文件：{path}（{exc.strerror}）", returncode=2) from exc
        try:
            case = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"输入不是有效的 JSON：第{exc.lineno}行第{exc.colno}列：{exc.msg}", returncode=2
            ) from exc
        try:
            result = compute_clock_from_json(case, calendar=_calendar())
        except ClockError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=options["indent"]))
