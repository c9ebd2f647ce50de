"""Demo catalog: two years of published items for the demo 民政局s through the real review chain — monthly 低保
lists with masked ID numbers, normative documents issued and repealed, interpretations, work news."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.disclosure import services
from gongkai.disclosure.models import NormativeKind
from gongkai.law.identifiers import make_resident_id

NAMES = ["张秀英", "王建国", "李桂兰", "刘志强", "陈玉梅", "杨德才", "赵淑珍", "黄明"]


def _users(agency: Agency) -> dict[str, Any]:
    users = get_user_model().objects
    admin = users.filter(is_superuser=True).first()

    def holder(role: str) -> Any:
        return users.filter(memberships__agency=agency, memberships__role=role).first() or admin

    return {"drafter": holder(Role.DRAFTER), "reviewer": holder(Role.REVIEWER), "approver": holder(Role.APPROVER)}


def _publish(agency: Agency, people: dict[str, Any], on: dt.date, code: str, title: str, body: str, **meta: Any) -> Any:
    item = services.item_create(
        actor=people["drafter"],
        agency=agency,
        category=agency.catalog_categories.get(code=code),
        title=title,
        body=body,
        formed_on=on,
        **meta,
    )
    services.item_mask_pii(actor=people["drafter"], item=item)
    services.item_submit(actor=people["drafter"], item=item)
    for role in ("reviewer", "reviewer", "approver"):
        item = services.item_decide(actor=people[role], item=item, approved=True, today=on)
    return item


@transaction.atomic
def load_catalog(agencies: dict[str, Agency], *, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    rng = random.Random(20261124)
    count = 0
    for key in ("civil", "county_civil"):
        agency = agencies[key]
        services.catalog_seed(actor=None, agency=agency)
        services.review_chain_set(actor=None, agency=agency)
        people = _users(agency)
        month = dt.date(today.year - 1, 1, 10)
        while month < today:
            rows = "".join(
                f"<tr><td>{rng.choice(NAMES)}</td><td>{make_resident_id(f'99010{rng.randrange(1, 9)}19{rng.randrange(40, 90)}0{rng.randrange(1, 9)}1{rng.randrange(1, 9)}{rng.randrange(100, 999)}')}</td>"
                f"<td>{rng.choice(['城市低保', '农村低保'])}</td><td>{rng.randrange(500, 900)}元</td></tr>"
                for _ in range(5)
            )
            previous = month.replace(day=1) - dt.timedelta(days=1)
            _publish(
                agency,
                people,
                month,
                "M01",
                f"{previous.year}年{previous.month}月最低生活保障对象名单",
                f"<p>根据《社会救助暂行办法》，现将{previous.year}年{previous.month}月低保对象名单公示如下：</p>"
                f"<table><thead><tr><th>姓名</th><th>身份证号</th><th>类别</th><th>保障金</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>",
                genre="名单",
                topic="社会救助",
            )
            count += 1
            month = (month.replace(day=1) + dt.timedelta(days=40)).replace(day=10)
        if key == "civil":
            first = _publish(
                agency,
                people,
                dt.date(today.year - 1, 3, 5),
                "A01",
                "江源市最低生活保障审核确认办法",
                "<p>第一条 为规范最低生活保障审核确认工作……</p>",
                doc_number=f"江民规〔{today.year - 1}〕1号",
                normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
                genre="办法",
                topic="社会救助",
            )
            _publish(
                agency,
                people,
                dt.date(today.year - 1, 3, 5),
                "A01",
                "《江源市最低生活保障审核确认办法》政策解读",
                "<p>一、制定背景……</p>",
                interprets=first,
                genre="解读",
                topic="社会救助",
            )
            old = _publish(
                agency,
                people,
                dt.date(today.year - 1, 6, 1),
                "A01",
                "江源市临时救助实施细则",
                "<p>第一条……</p>",
                doc_number=f"江民规〔{today.year - 1}〕2号",
                normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
                genre="细则",
                topic="社会救助",
            )
            services.normative_repeal(actor=people["approver"], item=old, on=dt.date(today.year, 4, 1))
            _publish(
                agency,
                people,
                dt.date(today.year, 4, 1),
                "A01",
                "江源市临时救助实施办法",
                "<p>第一条……</p>",
                doc_number=f"江民规〔{today.year}〕1号",
                normative_kind=NormativeKind.NORMATIVE_DOCUMENT,
                genre="办法",
                topic="社会救助",
            )
            for n, (title, code) in enumerate(
                [
                    ("市民政局召开养老服务质量提升推进会", "M02"),
                    ("2025年度部门预算公开", "A07"),
                    ("江源市民政局机构职能", "A02"),
                ]
            ):
                _publish(agency, people, dt.date(today.year, 2 + n, 15), code, title, "<p>……</p>")
            count += 7
            _duties(agency, today, people)
    return count


def _duties(agency: Agency, today: dt.date, people: dict[str, Any]) -> None:
    """The duties of seed 002, with instances; the monthly lists published above fulfil theirs, the rest is due."""
    from gongkai.disclosure import duties
    from gongkai.disclosure.models import CatalogItem

    start = dt.date(today.year - 1, 1, 1)
    monthly = duties.duty_create(
        actor=None,
        agency=agency,
        name="城乡低保对象名单（每月）",
        recurrence="monthly",
        day=10,
        starts_on=start,
        category=agency.catalog_categories.get(code="M01"),
    )
    duties.duty_create(
        actor=None,
        agency=agency,
        name="困难群众救助情况统计（每季度，下一季度第2月底前）",
        recurrence="quarterly",
        months_after=2,
        starts_on=start,
    )
    duties.duty_create(
        actor=None, agency=agency, name="部门预算（5月31日前）", recurrence="yearly", month=5, day=31, starts_on=start
    )
    duties.duty_create(
        actor=None,
        agency=agency,
        name="部门决算（次年9月30日前）",
        recurrence="yearly",
        months_after=9,
        day=30,
        starts_on=start,
    )
    duties.instances_generate(today=today)
    lists = {item.title: item for item in CatalogItem.objects.filter(agency=agency, title__endswith="对象名单")}
    for instance in monthly.instances.all():
        item = lists.get(f"{instance.period_label}最低生活保障对象名单")
        if item is not None:
            duties.instance_fulfil(actor=people["drafter"], instance=instance, item=item)
