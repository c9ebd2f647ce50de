"""Demo cases and yearly figures for the demo 民政局s: reconsiderations of refused requests (复议前置, 行政复议法
第二十三条) and lawsuits, last year and this year, results mixed, one case still pending; figures for two years.
Deterministic, built through the same services the officers use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.cases import figures, services
from gongkai.cases.models import Case
from gongkai.core.logs import service
from gongkai.foi import selectors as foi_selectors
from gongkai.foi.models import InfoRequest
from gongkai.law import cases as law_cases
from gongkai.law.remedies import reconsideration_first_required

REC, DIRECT, AFTER = law_cases.RECONSIDERATION, law_cases.LITIGATION_DIRECT, law_cases.LITIGATION_AFTER_RECONSIDERATION
PARTIES = ["张伟", "王芳", "李娜", "刘洋", "陈静"]
# (licensing, penalty, coercion, fees in 万元) per agency for the year before last and last year
FIGURES = {
    "civil": [(186, 4, 0, "0.0000"), (203, 6, 1, "0.0000")],
    "county_civil": [(57, 1, 0, "0.1250"), (64, 2, 0, "0.0980")],
}
SOURCES = {
    "licensing": "政务服务网行政许可办件统计",
    "penalty": "行政执法信息公示平台",
    "coercion": "行政执法信息公示平台",
    "fees": "非税收入收缴系统",
}


def _refused(agency: Agency, start: dt.date, end: dt.date, *, first: bool) -> list[InfoRequest]:
    """Closed requests of the period whose reply can be challenged: refusals (复议前置) or, with ``first`` False,
    other replies that may be taken straight to court."""
    closed = foi_selectors.closed_with_outcome(agency.pk, start, end)
    return [r for r in closed if reconsideration_first_required(r.outcome) == first]


@service
def load_cases(agencies: dict[str, Agency], *, today: dt.date | None = None) -> int:
    """Cases over the demo requests of last year and this year; yearly figures for the last two years."""
    today = today or timezone.localdate()
    created = 0
    for key, agency in agencies.items():
        if key not in FIGURES:
            continue
        for offset, (licensing, penalty, coercion, fees) in zip((2, 1), FIGURES[key], strict=True):
            figures.figures_save(
                actor=None,
                agency=agency,
                year=today.year - offset,
                values={
                    "licensing": {"decisions": licensing},
                    "penalty": {"decisions": penalty},
                    "coercion": {"decisions": coercion},
                    "fees": {"amount_10k_yuan": fees},
                },
                sources=SOURCES,
                today=today,
            )
        created += _cases_for(agency, key, today)
    return created


def _cases_for(agency: Agency, key: str, today: dt.date) -> int:
    last_year = (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    this_year = (dt.date(today.year, 1, 1), today)
    short = "江" if key == "civil" else "青"
    body = "江源市人民政府" if key == "civil" else "青山县人民政府"
    court = "江源市江城区人民法院" if key == "civil" else "青山县人民法院"
    plans: list[tuple[InfoRequest, dict[str, Any], str]] = []
    refused_last = _refused(agency, *last_year, first=True)
    refused_now = _refused(agency, *this_year, first=True)
    other_last = _refused(agency, *last_year, first=False)
    year = today.year - 1
    if len(refused_last) >= 2:
        plans.append(
            (refused_last[0], {"kind": REC, "number": f"{short}府复〔{year}〕3号", "deciding_body": body}, "upheld")
        )
        plans.append(
            (refused_last[1], {"kind": REC, "number": f"{short}府复〔{year}〕11号", "deciding_body": body}, "corrected")
        )
    if other_last:
        number = f"（{year}）{short}0102行初{17 if key == 'civil' else 6}号"
        plans.append((other_last[-1], {"kind": DIRECT, "number": number, "deciding_body": court}, "other"))
    if refused_now:
        plans.append(
            (
                refused_now[0],
                {"kind": REC, "number": f"{short}府复〔{today.year}〕2号", "deciding_body": body},
                "upheld",
            )
        )
    count = 0
    for n, (request, fields, result) in enumerate(plans):
        case = _register(agency, request, fields, n, today)
        if case is None:
            continue
        count += 1
        concluded_on = (case.accepted_on or case.filed_on) + dt.timedelta(days=55)
        if concluded_on <= today - dt.timedelta(days=7):
            services.case_conclude(actor=None, case=case, concluded_on=concluded_on, result=result, today=today)
            if fields["number"].endswith("〕3号"):  # the applicant then sued the upheld decision
                count += _sue_after(agency, case, request, court, concluded_on, today)
    # One reconsideration still pending: served three days ago, its reply is due in the coming days.
    recent = _refused(agency, today - dt.timedelta(days=50), today - dt.timedelta(days=10), first=True)
    number = f"{short}府复〔{today.year}〕{19 if key == 'civil' else 8}号"
    fields = {"kind": REC, "number": number, "deciding_body": body}
    if recent and _register(agency, recent[-1], fields, len(plans), today, filed_on=today - dt.timedelta(days=9)):
        count += 1
    return count


def _register(
    agency: Agency, request: InfoRequest, fields: dict[str, Any], n: int, today: dt.date, *, filed_on=None
) -> Any:
    """Filed 20 days after the reply (within the 60 days of 行政复议法 第二十条), served 6 days later, answered 8 days
    after service when that day has passed."""
    filed_on = filed_on or request.closed_on + dt.timedelta(days=20)
    received_on = filed_on + dt.timedelta(days=6)
    if received_on > today or Case.objects.filter(agency=agency, number=fields["number"]).exists():
        return None
    accepted_on = filed_on + dt.timedelta(days=2) if fields["kind"] == REC else None
    replied_on = received_on + dt.timedelta(days=8)
    return services.case_create(
        actor=None,
        agency=agency,
        today=today,
        party_name=PARTIES[n % len(PARTIES)],
        filed_on=filed_on,
        received_on=received_on,
        accepted_on=accepted_on,
        replied_on=replied_on if replied_on <= today - dt.timedelta(days=3) else None,
        info_request=request,
        notes="演示数据",
        **fields,
    )


def _sue_after(agency: Agency, case: Any, request: InfoRequest, court: str, decided: dt.date, today: dt.date) -> int:
    """行政诉讼法 第四十五条: within 15 days of the reconsideration decision; the court upheld the reply."""
    filed_on = decided + dt.timedelta(days=10)
    if filed_on + dt.timedelta(days=6) > today:
        return 0
    lawsuit = services.case_create(
        actor=None,
        agency=agency,
        today=today,
        kind=AFTER,
        number=f"（{filed_on.year}）{case.number[0]}0102行初{case.pk + 30}号",
        party_name=case.party_name,
        filed_on=filed_on,
        received_on=filed_on + dt.timedelta(days=6),
        replied_on=filed_on + dt.timedelta(days=14) if filed_on + dt.timedelta(days=14) <= today else None,
        deciding_body=court,
        info_request=request,
        notes="演示数据：复议维持后起诉",
    )
    judged = filed_on + dt.timedelta(days=80)
    if judged <= today:
        services.case_conclude(actor=None, case=lawsuit, concluded_on=judged, result="upheld", today=today)
    return 1
