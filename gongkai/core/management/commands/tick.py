"""``gongkai tick``: the daily job (cron or a systemd timer): deadlines that lapse change states."""

from django.core.management.base import BaseCommand

from gongkai.core.progress import ProgressBar


class Command(BaseCommand):
    help = "每日任务：重新计算办理中申请的期限（补正、缴费期限届满的申请自动办结），生成主动公开义务的各期任务。建议每天凌晨运行一次。"

    def handle(self, *args, **options):
        from gongkai.foi.models import CLOSED_STATES, InfoRequest
        from gongkai.foi.services import refresh_open_requests

        total = InfoRequest.objects.exclude(state__in=CLOSED_STATES).exclude(received_on=None).count()
        bar = ProgressBar(total, label="重新计算申请期限", stream=self.stderr)
        changed = refresh_open_requests(progress=bar.update)
        bar.finish()
        self.stdout.write(f"依申请公开：检查 {total} 件办理中申请，{changed} 件状态改变。")

        from django.utils import timezone

        from gongkai.disclosure.duties import instances_generate
        from gongkai.disclosure.models import DutyInstance

        today = timezone.localdate()
        created = instances_generate(today=today)
        overdue = DutyInstance.objects.filter(fulfilled_by__isnull=True, due_on__lt=today).count()
        self.stdout.write(f"主动公开义务：新生成 {created} 期任务，逾期未完成 {overdue} 期。")
        from gongkai.workplan.services import tick as workplan_tick

        self.stdout.write(workplan_tick(today=today))
