"""``gongkai twofactor status|reset``: two-factor login from the server's command line (e.g. when the only system
administrator has lost the phone)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import validation_message
from gongkai.twofactor import selectors, services

MODE_LABELS = {
    "required": "所有工作人员",
    "roles": "承办人、签发人、机关管理员和系统管理员",
    "off": "已关闭",
}


class Command(BaseCommand):
    help = (
        "双因素认证：status 显示模式和已绑定身份验证器的账号；reset 清除一个账号的身份验证器和恢复码（记入审计日志）。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="显示 GONGKAI_2FA 模式和已绑定的账号")
        reset = sub.add_parser("reset", help="清除一个账号的双因素认证，下次登录时重新绑定")
        reset.add_argument("username")
        reset.add_argument("--reason", required=True, help="原因（记入审计日志），如“手机遗失，已当面核实身份”")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _status(self, options):
        mode = selectors.mode()
        self.stdout.write(f"GONGKAI_2FA={mode}：须双因素认证的账号——{MODE_LABELS[mode]}")
        devices = list(selectors.enrolled_users())
        self.stdout.write(f"已绑定身份验证器的账号：{len(devices)} 个")
        for device in devices:
            last = device.last_used_at.strftime("%Y-%m-%d %H:%M") if device.last_used_at else "—"
            self.stdout.write(
                f"  {device.user.get_username():<20} 最近使用 {last}  剩余恢复码 {device.codes_left or 0}"
            )

    def _reset(self, options):
        user = selectors.user_by_username(options["username"])
        if user is None:
            raise CommandError(f"找不到用户名为 {options['username']} 的账号")
        try:
            removed = services.two_factor_reset(actor=None, user=user, reason=options["reason"])
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        self.stdout.write(f"已清除 {user.get_username()} 的双因素认证（{removed} 个设备）；下次登录时须重新绑定。")
