"""``gongkai createadmin``: create a system administrator (Django superuser), audit-logged."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.services import user_create
from gongkai.core.errors import validation_message


class Command(BaseCommand):
    help = "创建系统管理员。密码可用环境变量 GONGKAI_ADMIN_PASSWORD 传入，否则交互输入。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")

    def handle(self, *args, **options):
        password = os.environ.get("GONGKAI_ADMIN_PASSWORD")
        if not password:
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再次输入密码："):
                raise CommandError("两次输入的密码不一致。")
        try:
            user = user_create(
                actor=None, username=options["username"], password=password, email=options["email"], is_superuser=True
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        self.stdout.write(f"已创建系统管理员 {user.username}。")
