"""``gongkai tick``: the daily job (cron or a systemd timer): deadlines that lapse change states."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.progress import ProgressBar
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure import services as disclosure_services
from gongkai.foi import selectors as foi_selectors
from gongkai.foi import services as foi_services
from gongkai.workplan import services as workplan_services


class Command(BaseCommand):
    help = "每日任务：重新计算办理中申请的期限（补正、缴费期限届满的申请自动办结），生成主动公开义务的各期任务，向各机关经办人员发送到期提醒邮件（每天一次）。建议每天凌晨运行一次。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="按该日（YYYY-MM-DD）运行，默认今天；用于补运行漏掉的一天",
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        total = foi_selectors.open_request_count()
        bar = ProgressBar(total, label="重新计算申请期限", stream=self.stderr)
        changed = foi_services.refresh_open_requests(today=today, progress=bar.update)
        bar.finish()
        self.stdout.write(f"依申请公开：检查 {total} 件办理中申请，{changed} 件状态改变。")

        created = disclosure_services.instances_generate(today=today)
        overdue = disclosure_selectors.overdue_duty_instance_count(today=today)
        self.stdout.write(f"主动公开义务：新生成 {created} 期任务，逾期未完成 {overdue} 期。")
        self.stdout.write(workplan_services.tick(today=today))
        self.stdout.write(foi_services.digest_send(today=today).summary())
