"""Tests for gongkai.law.receipt: the date of receipt under 条例 第三十一条."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gongkai.law.receipt import CHANNEL_LABELS, Channel, ReceiptDateError, receipt_date

SUBMITTED = date(2026, 3, 2)
SIGNED = date(2026, 3, 5)
CONFIRMED = date(2026, 3, 6)

# 条例 第三十一条：（一）当面提交 → 提交之日；（二）邮寄 → 签收之日，平常信函 → 与申请人确认之日；
# （三）互联网渠道、传真 → 双方确认之日（电子邮件按互联网渠道处理）。
CHANNEL_TABLE = [
    (Channel.IN_PERSON, True, SUBMITTED),
    (Channel.IN_PERSON, False, SUBMITTED),
    (Channel.POST, True, SIGNED),
    (Channel.POST, False, CONFIRMED),
    (Channel.ONLINE, True, CONFIRMED),
    (Channel.FAX, True, CONFIRMED),
    (Channel.EMAIL, True, CONFIRMED),
]


@pytest.mark.parametrize(("channel", "registered", "expected"), CHANNEL_TABLE)
def test_every_channel(channel: Channel, registered: bool, expected: date) -> None:
    got = receipt_date(
        channel, submitted_on=SUBMITTED, signed_on=SIGNED, confirmed_on=CONFIRMED, registered_mail=registered
    )
    assert got == expected
    # The string value works as well (forms and imports pass strings).
    assert (
        receipt_date(
            channel.value, submitted_on=SUBMITTED, signed_on=SIGNED, confirmed_on=CONFIRMED, registered_mail=registered
        )
        == expected
    )


def test_same_day_confirmation_and_datetimes() -> None:
    # 条例 第三十一条第（三）项：confirmation on the day of submission is the usual online case.
    assert receipt_date(Channel.ONLINE, submitted_on=SUBMITTED, confirmed_on=SUBMITTED) == SUBMITTED
    assert (
        receipt_date(Channel.POST, submitted_on=datetime(2026, 3, 2, 9), signed_on=datetime(2026, 3, 5, 16)) == SIGNED
    )


def test_labels() -> None:
    assert [CHANNEL_LABELS[c] for c in Channel] == ["当面", "信函", "网上", "传真", "电子邮件"]
    assert [c.value for c in Channel] == ["in_person", "post", "online", "fax", "email"]


# 条例 第三十一条: the date that fixes receipt must be known and cannot precede submission.
ERROR_TABLE = [
    (Channel.POST, True, {}, "缺少签收日期"),
    (Channel.POST, False, {"signed_on": SIGNED}, "缺少确认日期"),
    (Channel.ONLINE, True, {}, "缺少确认日期"),
    (Channel.FAX, True, {"signed_on": SIGNED}, "缺少确认日期"),
    (Channel.EMAIL, True, {}, "电子邮件"),
    (Channel.POST, True, {"signed_on": date(2026, 3, 1)}, "早于申请提交日期"),
    (Channel.POST, False, {"confirmed_on": date(2026, 2, 28)}, "早于申请提交日期"),
    (Channel.ONLINE, True, {"confirmed_on": date(2026, 3, 1)}, "早于申请提交日期"),
    (Channel.FAX, True, {"confirmed_on": date(2025, 12, 31)}, "早于申请提交日期"),
    (Channel.EMAIL, True, {"confirmed_on": date(2026, 3, 1)}, "早于申请提交日期"),
    ("pigeon", True, {}, "申请渠道"),
]


@pytest.mark.parametrize(("channel", "registered", "dates", "fragment"), ERROR_TABLE)
def test_missing_or_early_dates(
    channel: Channel | str, registered: bool, dates: dict[str, date], fragment: str
) -> None:
    with pytest.raises(ReceiptDateError) as exc:
        receipt_date(channel, submitted_on=SUBMITTED, registered_mail=registered, **dates)
    assert fragment in exc.value.message
    assert isinstance(exc.value, ValueError)
