"""``gongkai serve``: collect static files and serve the site with gunicorn."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.core.server import serve


class Command(BaseCommand):
    help = "用 gunicorn 提供网站服务（生产环境请在前面加反向代理并设置 GONGKAI_ALLOWED_HOSTS）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, help="工作进程数（默认取 GONGKAI_WORKERS，否则 2）")

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"gongkai 正在 http://{options['host']}:{options['port']}/ 提供服务（Ctrl+C 停止）")
        self.stdout.flush()
        serve(host=options["host"], port=options["port"], workers=options["workers"])
