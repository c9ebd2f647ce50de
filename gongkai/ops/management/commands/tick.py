"""``gongkai tick``: the daily job (cron or a systemd timer): deadlines that lapse change states."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.progress import ProgressBar
from gongkai.disclosure import selectors as disclosure_selectors
from gongkai.disclosure import services as disclosure_services
from gongkai.foi import selectors as foi_selectors
from gongkai.foi import services as foi_services
from gongkai.workplan import services as workplan_services


class Command(BaseCommand):
    help = "每日任务：重新计算办理中申请的期限（补正、缴费期限届满的申请自动办结），生成主动公开义务的各期任务。建议每天凌晨运行一次。"

    def handle(self, *args, **options):
        total = foi_selectors.open_request_count()
        bar = ProgressBar(total, label="重新计算申请期限", stream=self.stderr)
        changed = foi_services.refresh_open_requests(progress=bar.update)
        bar.finish()
        self.stdout.write(f"依申请公开：检查 {total} 件办理中申请，{changed} 件状态改变。")

        today = timezone.localdate()
        created = disclosure_services.instances_generate(today=today)
        overdue = disclosure_selectors.overdue_duty_instance_count(today=today)
        self.stdout.write(f"主动公开义务：新生成 {created} 期任务，逾期未完成 {overdue} 期。")
        self.stdout.write(workplan_services.tick(today=today))
