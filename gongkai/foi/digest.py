"""The officers' daily digest (``gongkai tick``): each case officer and agency administrator of an agency gets one
e-mail a day listing the agency's requests overdue or due within 3 working days (条例 第三十三条 counting, the
official calendar).

The e-mail leaves the system, so it carries no applicant's data — only the tracking code, the due date, the working
days left, the state and a link to the request's staff page (which asks for a login). Each message is recorded by
:func:`gongkai.notify.services.send_email` (purpose ``foi.digest.<day>``, about the officer, for the agency): a
second run on the same day finds the day's delivered messages and sends nothing again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gongkai.agencies import selectors as agency_selectors
from gongkai.agencies.models import Role
from gongkai.core.dates import chinese_date
from gongkai.core.logs import service
from gongkai.foi.selectors import DIGEST_WORKDAYS, DueRequest, due_and_overdue
from gongkai.notify import selectors as notify_selectors
from gongkai.notify import services as notify_services
from gongkai.workcalendar.selectors import working_calendar

DIGEST_ROLES = (Role.CASE_OFFICER, Role.AGENCY_ADMIN)
PURPOSE_PREFIX = "foi.digest."


@dataclass
class DigestResult:
    sent: int = 0  # e-mails delivered
    skipped_no_email: int = 0  # officers without an e-mail address
    already_sent: int = 0  # officers who had today's digest from an earlier run
    failed: int = 0  # delivery failed (recorded; a later run today tries again)

    def summary(self) -> str:
        line = f"摘要：已发送 {self.sent} 封，跳过 {self.skipped_no_email} 名无邮箱人员"
        if self.already_sent:
            line += f"，{self.already_sent} 名今日已发送"
        if self.failed:
            line += f"，{self.failed} 封发送失败"
        return line + "。"


def purpose_of(today: dt.date) -> str:
    return f"{PURPOSE_PREFIX}{today.isoformat()}"


def request_url(pk: int) -> str:
    """The request's staff page as an absolute address (``GONGKAI_BASE_URL``)."""
    return settings.GONGKAI_BASE_URL + reverse("foi_staff:detail", args=[pk])


def _line(item: DueRequest) -> str:
    if item.overdue:
        when = f"已逾期 {-item.workdays_left} 个工作日"
    elif item.workdays_left == 0:
        when = "今日到期"
    else:
        when = f"剩余 {item.workdays_left} 个工作日"
    provisional = "（日历未经官方公布，暂按常规推算）" if item.provisional else ""
    return (
        f"{item.tracking_code}　答复期限 {chinese_date(item.due_on)}　{when}{provisional}　{item.state_label}\n"
        f"    {request_url(item.pk)}"
    )


def compose(agency_name: str, items: list[DueRequest], *, today: dt.date) -> tuple[str, str]:
    """The subject and body of one agency's digest (in Chinese, whatever language is active): tracking codes, dates
    and states only."""
    with translation.override("zh-hans"):
        return _compose(agency_name, items, today=today)


def _compose(agency_name: str, items: list[DueRequest], *, today: dt.date) -> tuple[str, str]:
    overdue = [i for i in items if i.overdue]
    due = [i for i in items if not i.overdue]
    subject = (
        f"【{agency_name}】依申请公开到期提醒（{chinese_date(today)}）：逾期 {len(overdue)} 件，即将到期 {len(due)} 件"
    )
    parts = [f"{agency_name}依申请公开办理提醒，{chinese_date(today)}。", ""]
    if overdue:
        parts += [f"已超过答复期限（{len(overdue)} 件）：", *(_line(i) for i in overdue), ""]
    if due:
        parts += [f"{DIGEST_WORKDAYS} 个工作日内到期（{len(due)} 件）：", *(_line(i) for i in due), ""]
    parts += [
        "工作日按国务院办公厅公布的节假日安排计算（《中华人民共和国政府信息公开条例》第三十三条）。",
        "本邮件由系统每日自动发送，不含申请人信息；请登录系统查看和办理。",
    ]
    return subject, "\n".join(parts)


@service(atomic=False)
def digest_send(*, today: dt.date) -> DigestResult:
    """Send today's digest to every case officer and agency administrator of each agency with requests overdue or
    due within :data:`~gongkai.foi.selectors.DIGEST_WORKDAYS` working days; agencies with none get no e-mail."""
    result = DigestResult()
    purpose = purpose_of(today)
    items = due_and_overdue(today=today, calendar=working_calendar())
    if not items:
        return result
    done = notify_selectors.delivered_for_purpose(purpose, object_type="auth.user")
    by_agency: dict[int, list[DueRequest]] = {}
    for item in items:
        by_agency.setdefault(item.agency_id, []).append(item)
    for agency in agency_selectors.agencies_by_ids(by_agency):
        officers = {}
        for membership in agency_selectors.memberships_of(agency):
            if membership.role in DIGEST_ROLES and membership.user.is_active:
                officers[membership.user.pk] = membership.user
        subject, body = compose(agency.name, by_agency[agency.pk], today=today)
        for user in officers.values():
            if not user.email:
                result.skipped_no_email += 1
            elif (agency.pk, str(user.pk)) in done:
                result.already_sent += 1
            else:
                message = notify_services.send_email(
                    to=user.email, subject=subject, body=body, purpose=purpose, obj=user, agency=agency
                )
                if message.delivered:
                    result.sent += 1
                else:
                    result.failed += 1
    return result
