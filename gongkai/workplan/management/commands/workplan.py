"""``gongkai workplan import FILE --agency USCC --year 2018 [--dry-run] [--map 社救办=社会救助科 ...]``

Reads a 政务公开工作要点 (text, HTML or DOCX), prints what it would create — groups, tasks, lead and cooperating
departments, timings — and how each department name was matched. Without ``--dry-run`` it saves the whole plan, and
only when every department name is mapped (``--map 名称=科室``, or ``--map 名称=-`` to keep the name as text without a
department); otherwise nothing is saved and the command exits 1 listing the names.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.selectors import agency_by_credit_code
from gongkai.agencies.services import normalise_credit_code
from gongkai.core.errors import validation_message
from gongkai.workplan import services
from gongkai.workplan.documents import read_plan_document
from gongkai.workplan.models import TaskInstance
from gongkai.workplan.proposal import KEEP_AS_TEXT, Proposal, build_proposal


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``名称=科室`` pairs; ``名称=-`` (or an empty right side) keeps the name as text."""
    mapping = {}
    for item in items:
        name, sep, target = item.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"--map 的格式应为 名称=科室（如 社救办=社会救助科），而不是“{item}”")
        target = target.strip()
        mapping[name.strip()] = KEEP_AS_TEXT if target in ("", "-") else target
    return mapping


def format_proposal(proposal: Proposal) -> list[str]:
    plan = proposal.plan
    lines = [
        f"{proposal.agency.name} {proposal.year}年：{plan.title or '（未读出标题）'}",
        f"共 {len(plan.groups)} 组、{len(plan.tasks)} 项任务。",
    ]
    group = None
    for row in proposal.rows():
        task = row["task"]
        if task.group != group:
            group = task.group
            lines.append(row["group"] or "（未分组）")
        lines.append(f"  {task.label}{task.heading}")
        detail = f"      牵头：{row['leads'] or '—'}"
        if row["cooperating"]:
            detail += f"；配合：{row['cooperating']}"
        if row["timings"]:
            detail += f"；时限：{row['timings']}"
        lines.append(detail)
    if proposal.names:
        lines.append("科室名称对应：")
        for match in proposal.names:
            target = match.department.name if match.department else ("—" if match.how else "未对应")
            lines.append(f"  {match.name} → {target}{f'（{match.how_label}）' if match.how else ''}")
    lines.extend(f"提示：{warning}" for warning in plan.warnings)
    return lines


class Command(BaseCommand):
    help = "工作要点：import 读取工作要点文件（纯文本、HTML 或 DOCX），列出分组、任务、责任科室和时限；确认无误后保存。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        imp = sub.add_parser("import", help="导入工作要点")
        imp.add_argument("file")
        imp.add_argument("--agency", required=True, metavar="USCC", help="机关的统一社会信用代码")
        imp.add_argument("--year", required=True, type=int, help="工作要点的年度，如 2018")
        imp.add_argument("--dry-run", action="store_true", help="只列出读取结果，不保存")
        imp.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="名称=科室",
            help="把文件中的科室名称对应到本机关的科室（可多次使用）；名称=- 表示不对应科室、保留原文",
        )

    def handle(self, *args, **options):
        try:
            agency = agency_by_credit_code(normalise_credit_code(options["agency"]))
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        if agency is None:
            raise CommandError(f"找不到统一社会信用代码为 {options['agency']} 的机关")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        mapping = parse_mapping(options["map"])
        try:
            _, text = read_plan_document(data)
            proposal = build_proposal(agency, text, options["year"], mapping)
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        for line in format_proposal(proposal):
            self.stdout.write(line)
        if options["dry_run"]:
            if proposal.unmapped:
                self.stdout.write(f"未对应的科室名称：{'、'.join(proposal.unmapped)}（保存前请用 --map 对应）。")
            self.stdout.write("试运行：没有保存任何内容。")
            return
        try:
            plan = services.plan_import(
                actor=None,
                agency=agency,
                year=options["year"],
                data=data,
                filename=path.name,
                mapping=mapping,
                today=timezone.localdate(),
            )
        except ValidationError as exc:
            raise CommandError(f"没有保存任何内容：{validation_message(exc)}") from exc
        instances = TaskInstance.objects.filter(task__plan=plan).count()
        self.stdout.write(f"已导入 {plan.tasks.count()} 项任务；已生成 {instances} 期到期任务。")
