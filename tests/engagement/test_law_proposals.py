"""The reply period of 人大代表建议 and 政协委员提案 (gongkai.law.proposals): three months from assignment (交办),
at most six with the assigning office's consent, months counted as 《民法典》 第二百零二条 counts them."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law import proposals

D = dt.date


@pytest.mark.parametrize(
    ("assigned", "months", "due", "rule"),
    [
        (D(2026, 3, 10), 3, D(2026, 6, 10), "代表建议办理办法：交办之日起三个月内答复；民法典202：对应日"),
        (D(2026, 1, 31), 3, D(2026, 4, 30), "民法典202：到期月没有对应日的，月末日为期间的最后一日"),
        (D(2025, 11, 30), 3, D(2026, 2, 28), "民法典202：跨年、二月无对应日"),
        (D(2027, 11, 29), 3, D(2028, 2, 29), "民法典202：闰年二月有对应日"),
        (D(2026, 10, 15), 3, D(2027, 1, 15), "跨年"),
        (D(2026, 3, 10), 6, D(2026, 9, 10), "经交办机构同意延长至六个月"),
    ],
)
def test_reply_due_date_three_months_after_assignment(assigned, months, due, rule):
    assert proposals.reply_due_date(assigned, months) == due, rule


@pytest.mark.parametrize("months", [0, 7, -1])
def test_reply_period_is_one_to_six_months(months):
    with pytest.raises(ValueError, match="答复期限应为 1 至 6 个月"):
        proposals.reply_due_date(D(2026, 3, 10), months)


def test_latest_due_date_is_six_months():
    assert proposals.latest_due_date(D(2026, 8, 31)) == D(2027, 2, 28)


@pytest.mark.parametrize(
    ("replied", "as_of", "overdue", "why"),
    [
        (None, D(2026, 6, 10), False, "the due date itself is still in time"),
        (None, D(2026, 6, 11), True, "not replied, due date passed"),
        (D(2026, 6, 10), D(2026, 12, 31), False, "replied on the due date"),
        (D(2026, 6, 12), D(2026, 12, 31), True, "replied late"),
        (D(2026, 6, 12), D(2026, 6, 11), True, "replied after as_of: not replied as of then, and past due"),
        (D(2026, 5, 1), D(2026, 4, 30), False, "replied after as_of, due date not yet passed"),
    ],
)
def test_is_overdue(replied, as_of, overdue, why):
    assert proposals.is_overdue(due_on=D(2026, 6, 10), replied_on=replied, as_of=as_of) is overdue, why
