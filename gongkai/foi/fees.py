"""Information processing fees for one request (条例 第四十二条, 国办函〔2020〕109号): quote, notice, waiver."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from gongkai.audit.services import record
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.foi.errors import FoiError
from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.selectors import fee_method_of
from gongkai.foi.services import event_add
from gongkai.law.fees import FeeMethod, fee_for
from gongkai.law.versions import NotInForce


def nth_application_in_month(request: InfoRequest) -> int:
    """Which application of this applicant in the calendar month this is (按件计收 counts per applicant and month)."""
    applicant = request.applicant
    same = InfoRequest.objects.filter(
        agency=request.agency, received_on__year=request.received_on.year, received_on__month=request.received_on.month
    )
    same = (
        same.filter(applicant__id_digest=applicant.id_digest)
        if applicant.id_digest
        else same.filter(applicant__name=applicant.name, applicant__kind=applicant.kind)
    )
    earlier = same.filter(received_on__lt=request.received_on).count()
    same_day = same.filter(received_on=request.received_on, pk__lte=request.pk).count()
    return earlier + same_day


def fee_quote(request: InfoRequest, *, on: dt.date, pages: int | None = None) -> Any:
    """The fee by the agency's one method (109号 第三条: one method per application, never both), under the standard
    in force on the day of the notice ``on``."""
    method = fee_method_of(request.agency_id)
    try:
        if method == FeeMethod.PER_PAGE:
            return fee_for(method, on=on, pages=pages)
        return fee_for(method, on=on, nth_in_month=nth_application_in_month(request))
    except NotInForce as exc:
        raise ValidationError({"on": ValidationError(exc.message, code=exc.code)}) from exc  # law.not_in_force
    except ValueError as exc:
        raise FoiError.FEE_INPUT.refuse("pages", reason=str(exc)) from exc


@service
def fee_notice_issue(
    *,
    actor: Any,
    request: InfoRequest,
    on: dt.date,
    pages: int | None = None,
    waive: bool = False,
    reason: str = "",
    today: dt.date | None = None,
) -> RequestEvent:
    """Quote the fee by the agency's method; a waiver is recorded and nothing is charged, otherwise the notice
    starts the payment period and pauses the clock."""
    quote = fee_quote(request, on=on, pages=pages)
    details = {"method": str(quote.method), "explanation": quote.explanation, "pages": pages}
    if quote.amount_yuan == 0 or waive:
        event = RequestEvent.objects.create(
            request=request,
            type="note",
            on=on,
            actor=user_or_none(actor),
            data={
                "fee_waived" if waive else "fee_free": True,
                "amount_yuan": str(quote.amount_yuan),
                "reason": reason,
                **details,
            },
        )
        record(
            action="foi.fee.waived" if waive else "foi.fee.free",
            actor=actor,
            obj=request,
            changes={"amount_yuan": quote.amount_yuan, "reason": reason},
        )
        return event
    return event_add(
        actor=actor,
        request=request,
        type="fee_notice",
        on=on,
        today=today,
        amount_yuan=quote.amount_yuan,
        reason=reason or quote.explanation,
        **details,
    )
