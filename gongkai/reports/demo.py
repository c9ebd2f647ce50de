"""Demo annual reports: last year's report published (through the whole workflow) and this year's in draft."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.core.logs import service
from gongkai.reports import services

# What a real agency writes where the draft leaves a 【】 prompt (the demo's own measures).
DEMO_TEXT = {
    "【请补充本机关的总体工作措施。】": "本局将政务公开纳入年度重点工作，主要负责同志定期听取政务公开工作汇报。",
    "【请补充信息发布审查、保密审查和个人信息保护的做法。】": (
        "严格执行“先审查、后公开”和“一事一审”制度，发布前经科室负责人初审、保密审查和分管领导签发；"
        "低保、特困人员名单等信息公开前对身份证号码等个人信息作去标识化处理。"
    ),
    "【请补充政府网站、政务新媒体等平台的建设情况。】": "依托市政府门户网站政府信息公开专栏集中发布信息，及时更新法定主动公开内容。",
    "【请补充培训、考核和社会评议情况。】": "组织政务公开业务培训2次，将政务公开工作纳入科室年度考核。",
    "【请补充原因分析和下一步改进措施。】": "下一步将加强申请办理的时限管理，每月通报即将到期的申请，确保按期答复。",
    "【请说明本年度工作中存在的主要问题及改进情况。】": (
        "政策解读的形式还不够丰富。下一步将更多运用图表、问答等方式解读政策。"
    ),
    "【请补充本年度政务公开工作要点落实情况、人大代表建议和政协委员提案办理结果公开情况等。】": (
        "本年度政务公开工作要点各项任务均已按计划推进。"
    ),
    "【请补充人大代表建议和政协委员提案办理及结果公开情况；本年度没有承办的，请说明。】": (
        "本年度未承办人大代表建议和政协委员提案。"
    ),
    "【请补充本年度政务公开工作要点落实情况。】": "本年度政务公开工作要点各项任务均已按计划推进。",
}


def _finish(text: str) -> str:
    for prompt, replacement in DEMO_TEXT.items():
        text = text.replace(prompt, replacement)
    return text


def _holder(agency: Agency, role: str):
    users = get_user_model().objects
    return (
        users.filter(memberships__agency=agency, memberships__role=role).first()
        or users.filter(is_superuser=True).first()
    )


@service
def load_reports(agencies: dict[str, Agency], *, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    year = today.year - 1
    created = 0
    # the county 民政局 publishes a few days late, so the supervisor's view has something to flag
    for key, published_on in (("civil", dt.date(year + 1, 1, 22)), ("county_civil", dt.date(year + 1, 2, 3))):
        agency = agencies[key]
        admin, approver = _holder(agency, Role.AGENCY_ADMIN), _holder(agency, Role.APPROVER)
        report = services.report_start(actor=admin, agency=agency, year=year, today=published_on)
        report = services.report_edit(
            actor=admin, report=report, sections={k: _finish(v) for k, v in report.narrative.items()}
        )
        services.report_check(actor=admin, report=report)
        report.refresh_from_db()
        if report.failures:
            raise RuntimeError(f"demo report does not pass its checks: {report.failures}")
        services.report_approve(actor=approver, report=report, today=published_on)
        services.report_publish(actor=admin, report=report, today=published_on)
        services.report_start(actor=admin, agency=agency, year=today.year, today=today)
        created += 2
    return created
