"""``gongkai calendar import|status|show``: keep the working-day calendar in step with the State Council."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.tabular import ImportRejected
from gongkai.workcalendar.selectors import working_calendar
from gongkai.workcalendar.services import import_calendar_notice


class Command(BaseCommand):
    help = "工作日历：import 导入国务院节假日安排通知；status 显示官方数据覆盖到哪一年；show 列出某年的节假日与调休上班日。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入 CSV：日期,类型(休/班),名称")
        imp.add_argument("file")
        imp.add_argument("--notice", required=True, help="通知文号，如 国办发明电〔2026〕X号")
        sub.add_parser("status", help="官方数据覆盖的年份")
        show = sub.add_parser("show", help="列出一年中与普通周历不同的日子")
        show.add_argument("year", type=int)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "import":
            try:
                notice = import_calendar_notice(actor=None, source=options["file"], document=options["notice"])
            except FileNotFoundError as exc:
                raise CommandError(f"找不到文件：{options['file']}") from exc
            except ImportRejected as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"已导入节假日安排：{notice.document}（{notice.overrides.count()} 天）")
            return
        calendar = working_calendar()
        if action == "status":
            self.stdout.write(
                f"官方节假日数据覆盖 {calendar.first_official_year}–{calendar.last_official_year} 年；"
                f"之后的日期按普通周历推算，计算结果会标注为“推算”。"
            )
            return
        year = options["year"]
        day = dt.date(year, 1, 1)
        while day.year == year:
            info = calendar.day_info(day)
            weekend = day.weekday() >= 5
            if info.workday == weekend:  # a weekday off or a weekend working day
                kind = "班" if info.workday else "休"
                self.stdout.write(f"{day.isoformat()} {kind} {info.name or ''}".rstrip())
            day += dt.timedelta(days=1)
        if not calendar.is_official(dt.date(year, 1, 1)):
            self.stdout.write(self.style.WARNING(f"注意：{year} 年尚无官方数据，以上为推算。"))
