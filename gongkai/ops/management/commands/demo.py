"""``gongkai demo``: one command from nothing to a populated demo site at http://127.0.0.1:8000."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Role
from gongkai.audit.services import record
from gongkai.cases import demo as cases_demo
from gongkai.core.server import serve
from gongkai.disclosure import demo as disclosure_demo
from gongkai.engagement import demo as engagement_demo
from gongkai.foi import demo as foi_demo
from gongkai.reports import demo as reports_demo
from gongkai.twofactor import selectors as twofactor_selectors
from gongkai.workplan import demo as workplan_demo


class Command(BaseCommand):
    help = "创建（或复用）SQLite 演示数据库，载入演示数据，并在 http://127.0.0.1:8000 启动网站。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--data-dir", help="数据目录（默认 ./gongkai-data，或环境变量 GONGKAI_DATA_DIR）")
        parser.add_argument("--reset-passwords", action="store_true", help="为演示账号重新生成密码并显示")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动网站")

    def handle(self, *args, **options):
        self.stdout.write(f"数据目录：{settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("数据库已就绪。")
        if agencies_demo.demo_exists():
            self.stdout.write("演示数据已存在，直接复用。")
            credentials = agencies_demo.reset_passwords() if options["reset_passwords"] else []
            if not credentials:
                self.stdout.write("（演示账号密码只在首次创建时显示；需要时请加 --reset-passwords 重新生成。）")
        else:
            self.stdout.write("正在载入演示数据……")
            agencies = agencies_demo.load_jurisdiction()
            credentials = agencies_demo.load_users()
            count = foi_demo.load_requests(agencies)
            self.stdout.write(f"已载入 {count} 件依申请公开申请（两年）。")
            items = disclosure_demo.load_catalog(agencies)
            self.stdout.write(f"已载入 {items} 条主动公开信息（经三级审核发布）。")
            self.stdout.write(f"已载入 {cases_demo.load_cases(agencies)} 件行政复议、行政诉讼案件及年度统计数据。")
            self.stdout.write(f"已导入工作要点：{workplan_demo.load_workplan(agencies).title}（约一半任务已完成）。")
            current = workplan_demo.load_current_workplan(agencies)
            self.stdout.write(f"已导入工作要点：{current.title}（本年度推进中）。")
            self.stdout.write(f"已载入 {engagement_demo.load_engagement(agencies)} 条政民互动记录。")
            reports_demo.load_reports(agencies)
            self.stdout.write("已生成年度报告：上一年度已发布，本年度为草稿。")
            with transaction.atomic():
                record(action="demo.load", changes={"users": [d.username for d, _ in credentials]})
        if credentials:
            self._print_credentials(credentials)
        call_command("collectstatic", interactive=False, verbosity=0)
        self._mail_to_folder()
        if options["no_serve"]:
            return
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"\n演示网站：{url}   工作台：{url}workspace/   （Ctrl+C 停止）")
        self.stdout.flush()
        serve(host=options["host"], port=options["port"])

    def _mail_to_folder(self) -> None:
        """Without an SMTP server configured, messages to citizens (a lost query code …) go to files in the data
        dir's ``mail`` folder instead: nothing leaves the machine."""
        if os.environ.get("GONGKAI_EMAIL_HOST") or os.environ.get("GONGKAI_EMAIL_BACKEND"):
            return
        settings.EMAIL_BACKEND = settings.EMAIL_BACKENDS["file"]
        self.stdout.write(f"发给申请人的邮件写入文件夹：{settings.EMAIL_FILE_PATH}（未配置 GONGKAI_EMAIL_HOST）")

    def _print_credentials(self, credentials) -> None:
        self.stdout.write("\n演示账号（密码只显示这一次，请记下）：")
        labels = dict(Role.choices)
        asked = twofactor_selectors.roles_required()
        for demo, password in credentials:
            second = "，首次登录须绑定身份验证器" if demo.role in asked else ""
            self.stdout.write(f"  用户名 {demo.username:<15} 密码 {password}  （{labels[demo.role]}{second}）")
        if asked:
            self.stdout.write(
                "双因素认证（GONGKAI_2FA=" + twofactor_selectors.mode() + "）：上面注明的账号首次登录时，"
                "用手机上的身份验证器应用扫描页面上的二维码并输入6位验证码，之后每次登录都要输入验证码。"
                "只想快速浏览时，可用 GONGKAI_2FA=off gongkai demo 启动（正式部署不要关闭）。"
            )
