"""The date an agency receives a request for disclosure (收到申请之日), 条例 第三十一条.

The reply period of 条例 第三十三条 (20 working days) counts from this date, so it is fixed by rule, not by when an
officer happens to register the request:

- in person (当面提交) → the day of submission;
- by post (邮寄) → the day the agency signs for it; an ordinary letter that needs no signature (平常信函) → the day
  the disclosure office confirms receipt with the applicant;
- online (互联网渠道) or by the disclosure office's fax → the day both sides confirm (双方确认之日).

E-mail is an internet channel and is treated like online submission.  (The earlier interpretation 国办公开办函〔2015〕
207号, under the 2007 条例, took the day the e-mail system received the message; the 2019 条例 第三十一条 speaks of
internet channels generally and of the day both sides confirm, which is followed here.)
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from gongkai.law.dates import chinese_date

__all__ = ["CHANNEL_LABELS", "Channel", "ReceiptDateError", "ordinary_letter_confirmation_warning", "receipt_date"]


class Channel(StrEnum):
    """How a request reached the agency."""

    IN_PERSON = "in_person"
    POST = "post"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面",
    Channel.POST: "信函",
    Channel.ONLINE: "网上",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
}


class ReceiptDateError(ValueError):
    """The date that fixes receipt is missing or impossible; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _required(value: date | None, name: str, why: str, submitted_on: date) -> date:
    if value is None:
        raise ReceiptDateError(f"缺少{name}：{why}")
    value = _as_date(value)
    if value < submitted_on:
        raise ReceiptDateError(
            f"{name}（{chinese_date(value)}）早于申请提交日期（{chinese_date(submitted_on)}），请核对"
        )
    return value


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    registered_mail: bool = True,
) -> date:
    """The date of receipt under 条例 第三十一条.

    ``submitted_on`` is the day the applicant handed in, posted or sent the request; ``signed_on`` the day the agency
    signed for a letter that needs a signature (``registered_mail``); ``confirmed_on`` the day the agency confirmed
    receipt with the applicant (ordinary letters) or both sides confirmed (online, fax, e-mail).  Dates the channel
    does not use are ignored.  Raises :class:`ReceiptDateError` when the needed date is missing or lies before
    ``submitted_on``.
    """
    try:
        channel = Channel(channel)
    except ValueError:
        raise ReceiptDateError(f"申请渠道“{channel}”无效") from None
    if submitted_on is None:
        raise ReceiptDateError("缺少申请提交日期")
    submitted_on = _as_date(submitted_on)

    if channel is Channel.IN_PERSON:
        # 条例 第三十一条第（一）项：申请人当面提交政府信息公开申请的，以提交之日为收到申请之日。
        return submitted_on
    if channel is Channel.POST:
        if registered_mail:
            # 条例 第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日。
            return _required(
                signed_on, "签收日期", "以邮寄方式提交的申请，以行政机关签收之日为收到申请之日", submitted_on
            )
        # 条例 第三十一条第（二）项：以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的
        # 当日与申请人确认，确认之日为收到申请之日。
        return _required(
            confirmed_on, "确认日期", "平常信函等无需签收的申请，以与申请人确认之日为收到申请之日", submitted_on
        )
    # 条例 第三十一条第（三）项：通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。
    label = CHANNEL_LABELS[channel]
    return _required(confirmed_on, "确认日期", f"通过{label}提交的申请，以双方确认之日为收到申请之日", submitted_on)


def ordinary_letter_confirmation_warning(*, arrived_on: date, confirmed_on: date) -> str | None:
    """条例 第三十一条第（二）项：“以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到
    申请的当日与申请人确认，确认之日为收到申请之日。”

    The confirmation fixes the date of receipt whatever day it is made, so a late one is not refused: it is flagged
    (the days between arrival and confirmation are days the law gave the applicant and the office did not count).
    A confirmation before the letter arrived is impossible (:class:`ReceiptDateError`)."""
    arrived_on, confirmed_on = _as_date(arrived_on), _as_date(confirmed_on)
    if confirmed_on < arrived_on:
        raise ReceiptDateError(
            f"确认日期（{chinese_date(confirmed_on)}）早于平常信函送达日期（{chinese_date(arrived_on)}），请核对"
        )
    if confirmed_on == arrived_on:
        return None
    return (
        f"平常信函于{chinese_date(arrived_on)}收到，{chinese_date(confirmed_on)}才与申请人确认；"
        "第三十一条要求收到申请的当日与申请人确认，确认之日为收到申请之日"
    )
