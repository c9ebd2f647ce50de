"""The reply clock of a request for disclosure (依申请公开答复期限), as the 条例 sets it.

One pure function, :func:`compute_clock`, turns the date of receipt and the request's events into the due date,
the state and a step-by-step explanation. The web workflow, the ``gongkai clock`` command and the annual report
all call it; there is no second implementation.

Counting rules (working days on the official calendar, the start day never counted):

- 条例 第三十三条第二款: reply within 20 working days of receipt; an extension approved by the head of the disclosure
  office adds at most 20 working days in total and must be decided before the current due date.
- 条例 第三十条: a correction notice (补正) goes out once, within 7 working days of receipt, with a reasonable period;
  the reply period then counts anew from the receipt of the corrected request; no correction in time → the request
  is treated as abandoned (report row （六）1).
- 条例 第三十二条、第三十三条第三款: the time spent consulting a third party (at most 15 working days after it received
  the letter) or another agency (until it answers) is not counted; 第三十四条: an agency consulted on jointly produced
  information has 15 working days from its receipt, silence is consent and the pause ends there.
- Periods that run from the addressee's receipt count from the event's ``delivered_on`` (the 补正 period, the fee
  payment period, the consultations above); without it from the day sent, and the explanation says so.
- 第三十三条第三款, 109号 “在处理期限内”: a consultation or fee notice sent on the due date is timely; the day is given
  back and the due date moves past the pause (see :meth:`_Run.due`).
- 条例 第三十五条: for requests clearly beyond a reasonable quantity or frequency the agency may set a reasonable
  later time (approved, with a reason).
- 国办函〔2020〕109号: the applicant pays within 20 working days of receiving the fee notice; the time from notice to payment
  is not counted; unpaid in time → not processed further (report row （六）2).  The period is the fee schedule's in
  force on the day of the notice (:func:`gongkai.law.fees.schedule_on`).

What may happen next is the law's answer too: :attr:`ClockResult.next_events` lists the events allowed after the
ones given (the workspace offers only those), :data:`NEEDS_APPROVAL` the ones the person in charge must approve, and
:func:`next_events_before_receipt` the only step before the clock starts (条例 第三十一条).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.law.calendar import WorkCalendar
from gongkai.law.dates import chinese_date
from gongkai.law.fees import schedule_on
from gongkai.law.receipt import ReceiptDateError, ordinary_letter_confirmation_warning
from gongkai.law.versions import NotInForce, Version, Versioned

# 条例 第三十三条第二款：“不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息
# 公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。”
REPLY_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20


@dataclass(frozen=True)
class ReplyPeriods:
    """The reply period and the longest extension, in working days, and the article that sets them."""

    reply_workdays: int
    max_extension_workdays: int
    article: str


# The periods follow the 条例 in force on the day the request was received:
# - 条例（2007年，国务院令第492号）第二十四条第二款：“行政机关不能当场答复的，应当自收到申请之日起15个工作日内予以答复；
#   如需延长答复期限的，应当经政府信息公开工作机构负责人同意，并告知申请人，延长答复的期限最长不得超过15个工作日。”
#   (read at http://fsou.com/html/text/chl/903/90387_4.html; in force 2008-05-01, http://fgw.sxjz.gov.cn/xxgk/xxgkgd);
# - 条例（2019年修订，国务院令第711号）第三十三条第二款 as quoted above, in force 2019-05-15.
REPLY_PERIODS: Versioned[ReplyPeriods] = Versioned(
    "政府信息公开条例的答复期限",
    Version(date(2008, 5, 1), "条例（国务院令第492号）第二十四条第二款", ReplyPeriods(15, 15, "第二十四条")),
    Version(
        date(2019, 5, 15),
        "条例（国务院令第711号）第三十三条第二款",
        ReplyPeriods(REPLY_WORKDAYS, MAX_EXTENSION_WORKDAYS, "第三十三条"),
    ),
)
# 条例 第三十条：“行政机关应当自收到申请之日起7个工作日内一次性告知申请人作出补正”
CORRECTION_NOTICE_WORKDAYS = 7
# 条例 第三十二条：“第三方应当自收到征求意见书之日起15个工作日内提出意见”
THIRD_PARTY_MAX_WORKDAYS = 15
# 条例 第三十四条：“被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。”
JOINT_PRODUCTION_MAX_WORKDAYS = 15
# The events whose periods run from the addressee's receipt (``delivered_on``): 第三十条 (补正), 第三十二条 (third
# party), 第三十四条 (jointly produced information), 国办函〔2020〕109号 (fees).
DELIVERABLE_EVENTS = frozenset({"correction_requested", "fee_notice", "third_party_sent", "other_agency_sent"})

# 条例 第三十一条: until the date of receipt is fixed (post signed for, online confirmed) the clock has not started.
AWAITING_RECEIPT = "awaiting_receipt"
RECEIPT_EVENT = "receipt_confirmed"
OPEN, ANSWERED, ABANDONED_NO_CORRECTION, ABANDONED_FEE_UNPAID, WITHDRAWN = (
    "open",
    "answered",
    "abandoned_no_correction",
    "abandoned_fee_unpaid",
    "withdrawn",
)
STATES = (OPEN, ANSWERED, ABANDONED_NO_CORRECTION, ABANDONED_FEE_UNPAID, WITHDRAWN)
# A request in one of these states is finished: no event may follow (the lapses of 第三十条 and 109号 included).
CLOSED_STATES = (ANSWERED, ABANDONED_NO_CORRECTION, ABANDONED_FEE_UNPAID, WITHDRAWN)

EVENT_TYPES = {
    "correction_requested": "发出补正通知",
    "correction_received": "收到补正材料",
    "third_party_sent": "征求第三方意见",
    "third_party_replied": "第三方答复",
    "other_agency_sent": "征求其他机关意见",
    "other_agency_replied": "其他机关答复",
    "extension": "延长答复期限",
    "reasonable_delay": "确定合理的延迟答复期限",
    "fee_notice": "发出收费通知",
    "fee_paid": "申请人缴费",
    "reply": "作出答复",
    "withdrawn": "申请人撤回申请",
}
# 条例 第三十三条第二款 (an extension needs the consent of the head of the disclosure office) and 第三十五条 (a reasonable
# later time for excessive requests, decided by the agency): the events the person in charge must approve.
NEEDS_APPROVAL = frozenset({"extension", "reasonable_delay"})
_PAUSE_OPENERS = {"third_party_sent": "third_party", "other_agency_sent": "other_agency", "fee_notice": "fee"}
_PAUSE_CLOSERS = {"third_party_replied": "third_party", "other_agency_replied": "other_agency", "fee_paid": "fee"}
_CLOSER_OF = {kind: closer for closer, kind in _PAUSE_CLOSERS.items()}
_PAUSE_LABELS = {
    "third_party": "征求第三方意见",
    "other_agency": "征求其他机关意见",
    "fee": "等待缴费",
    "correction": "等待补正",
}


def _day(day: date) -> str:
    """A date as officials write it (2026年12月2日)."""
    return f"{day.year}年{day.month}月{day.day}日"


class ClockError(ValueError):
    """An impossible case, with a stable ``code`` (``clock.extension_limit`` …); ``reason`` is the law's Chinese
    sentence, ``message`` the same naming the event it concerns (for ``gongkai clock`` and imports)."""

    def __init__(
        self, message: str, *, code: str = "clock.input", index: int | None = None, event: ClockEvent | None = None
    ) -> None:
        self.reason = message
        if event is not None and index is not None:
            message = f"第{index + 1}个事件（{event.type}，{event.on.isoformat()}）：{message}"
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ClockEvent:
    type: str
    on: date
    period_workdays: int | None = None  # correction_requested
    workdays: int | None = None  # extension
    until: date | None = None  # reasonable_delay
    amount_yuan: Decimal | None = None  # fee_notice
    # The day the addressee received the notice or letter (correction_requested, fee_notice, third_party_sent,
    # other_agency_sent): the periods that run from receipt count from it (第三十条、第三十二条、第三十四条, 109号);
    # without it they count from ``on``, and the explanation says so.
    delivered_on: date | None = None
    joint_production: bool = False  # other_agency_sent: information produced jointly (条例 第三十四条)


@dataclass(frozen=True)
class ExplainStep:
    on: date
    article: str
    text: str
    due: date | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "article": self.article,
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class Pause:
    kind: str
    start: date  # the pause covers the days after ``start`` …
    end: date  # … up to and including ``end``
    workdays: int
    open: bool  # still running as of the computation date

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "workdays": self.workdays,
            "open": self.open,
        }


@dataclass(frozen=True)
class ClockResult:
    due: date | None
    state: str
    overdue: bool
    correction_notice_due: date
    warnings: list[str]
    calendar_provisional: bool
    explain: list[ExplainStep]
    paused: str | None = None
    closed_on: date | None = None
    correction_due: date | None = None
    fee_payment_due: date | None = None
    extension_workdays: int = 0
    pauses: list[Pause] = field(default_factory=list)
    next_events: tuple[str, ...] = ()  # what the law allows next, in the order the workspace offers it

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``gongkai clock`` (keys may be added, never renamed)."""

        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "due": iso(self.due),
            "state": self.state,
            "overdue": self.overdue,
            "correction_notice_due": iso(self.correction_notice_due),
            "warnings": list(self.warnings),
            "calendar_provisional": self.calendar_provisional,
            "explain": [step.as_dict() for step in self.explain],
            "paused": self.paused,
            "closed_on": iso(self.closed_on),
            "correction_due": iso(self.correction_due),
            "fee_payment_due": iso(self.fee_payment_due),
            "extension_workdays": self.extension_workdays,
            "pauses": [pause.as_dict() for pause in self.pauses],
            "next_events": list(self.next_events),
        }


@dataclass
class _OpenPause:
    kind: str
    start: date
    limit: date | None  # the latest end (third party: 15 working days after sending)
    end: date | None = None


class _Run:
    """The state machine of one request. ``TRANSITIONS`` below lists what each event does; every handler checks
    that the law allows the event now, changes the state, and says what happened (article, text)."""

    def __init__(self, received: date, calendar: WorkCalendar, today: date) -> None:
        self.calendar = calendar
        self.received = received
        self.today = today
        self.start = received  # counting runs from the day after this
        try:
            self.periods = REPLY_PERIODS.in_force(received)
        except NotInForce as exc:
            raise ClockError(exc.message, code="clock.no_regulation") from None
        self.pauses: list[_OpenPause] = []
        self.extension = 0
        self.delay_until: date | None = None
        self.provisional = False
        self.warnings: list[str] = []
        self.state = OPEN
        self.closed_on: date | None = None
        self.reply_on: date | None = None
        self.correction_requested = False
        self.waiting_for_correction = False
        self.correction_due: date | None = None
        self.fee_due: date | None = None
        self.notice_due = self.add(received, CORRECTION_NOTICE_WORKDAYS)

    # --- counting -------------------------------------------------------------------------------------------

    def add(self, day: date, n: int) -> date:
        result = self.calendar.add_workdays(day, n)
        self.provisional |= result.provisional
        return result.date

    @staticmethod
    def from_receipt(event: ClockEvent, addressee: str) -> tuple[date, str]:
        """The day a period that runs from the addressee's receipt counts from, and how the explanation names it:
        ``delivered_on`` when known, else the day sent (``on``), said so."""
        if event.delivered_on is not None:
            return event.delivered_on, f"自{addressee}{chinese_date(event.delivered_on)}收到之日起算"
        return event.on, f"未记录{addressee}收到日期，暂自发出之日{chinese_date(event.on)}起算"

    @staticmethod
    def pause_end(pause: _OpenPause, as_of: date) -> date:
        """A closed pause ends on its closing day; a running one on ``as_of``, but never after its limit."""
        if pause.end is not None:
            return pause.end
        return min(as_of, pause.limit) if pause.limit else as_of

    def _paused_on(self, day: date, as_of: date) -> bool:
        return any(pause.start < day <= self.pause_end(pause, as_of) for pause in self.pauses)

    def _pause_runs_from(self, day: date, as_of: date) -> bool:
        """A pause opened on ``day`` that has lasted beyond it (as known on ``as_of``)."""
        return any(pause.start == day < self.pause_end(pause, as_of) for pause in self.pauses)

    def due(self, as_of: date) -> date | None:
        """The due date given what is known on ``as_of`` (running pauses end on that day)."""
        if self.waiting_for_correction:
            return None
        if self.delay_until is not None:
            return self.delay_until
        budget = self.periods.reply_workdays + self.extension
        day, counted = self.start, 0
        while counted < budget:
            day += timedelta(days=1)
            if not self.calendar.is_official(day):
                self.provisional = True
            if self.calendar.is_workday(day) and not self._paused_on(day, as_of):
                counted += 1
                if counted == budget and self._pause_runs_from(day, as_of):
                    # 条例 第三十三条第三款、国办函〔2020〕109号: a consultation or fee notice sent on the last day is
                    # sent within the period; the time it needs is not counted, so that day is not the due date
                    # either: the period ends on the first working day the pause leaves.
                    counted -= 1
        return day

    def open_pause(self, kind: str) -> _OpenPause | None:
        return next((p for p in self.pauses if p.kind == kind and p.end is None), None)

    def finished_pauses(self, as_of: date) -> list[Pause]:
        result = []
        for pause in self.pauses:
            end = max(self.pause_end(pause, as_of), pause.start)
            days = self.calendar.workdays_between(pause.start, end).days
            result.append(Pause(pause.kind, pause.start, end, days, pause.end is None and end == as_of))
        return result

    # --- transitions ----------------------------------------------------------------------------------------

    def correction_requested(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        # 条例 第三十条: once, within 7 working days of receipt, with a reasonable period; the clock stops.
        if self.correction_requested:
            raise _Refusal("补正通知只能发出一次（第三十条）", "clock.correction_once")
        self.correction_requested = True
        if event.on > self.notice_due:
            self.warnings.append(
                f"补正通知于{chinese_date(event.on)}发出，晚于收到申请后7个工作日（{chinese_date(self.notice_due)}，第三十条）"
            )
        # 第三十条: the applicant's period to correct runs from the applicant's receipt of the notice.
        start, counted_from = self.from_receipt(event, "申请人")
        self.correction_due = self.add(start, event.period_workdays or 0)
        self.waiting_for_correction = True
        return "第三十条", (
            f"发出补正通知，补正期限{event.period_workdays}个工作日（{counted_from}），"
            f"至{chinese_date(self.correction_due)}；补正期间答复期限停止计算。"
        )

    def correction_received(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        # 条例 第三十条: the reply period counts anew from the receipt of the corrected request.
        if not self.correction_requested:
            raise _Refusal("没有发出补正通知，不能收到补正材料", "clock.correction_not_requested")
        if not self.waiting_for_correction:
            raise _Refusal("补正材料已经收到过", "clock.correction_already_received")
        if self.correction_due and event.on > self.correction_due:
            self.warnings.append(
                f"补正材料于{chinese_date(event.on)}收到，晚于补正期限{chinese_date(self.correction_due)}"
            )
        self.waiting_for_correction = False
        self.start = event.on
        self.pauses = [p for p in self.pauses if p.end is None]
        return "第三十条", f"收到补正后的申请，答复期限自该日起重新计算{self.periods.reply_workdays}个工作日。"

    def pause_opened(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        # 条例 第三十二条、第三十三条第三款 (consultations); 国办函〔2020〕109号 (fee notice to payment).
        kind = _PAUSE_OPENERS[event.type]
        if self.open_pause(kind):
            raise _Refusal(f"上一次{_PAUSE_LABELS[kind]}尚未结束", "clock.pause_running")
        if due_now is not None and event.on > due_now:
            self.warnings.append(
                f"{EVENT_TYPES[event.type]}（{chinese_date(event.on)}）晚于答复期限{chinese_date(due_now)}"
            )
        limit = None
        if kind == "third_party":
            # 第三十二条: the third party's 15 working days run from its receipt of the letter.
            start, counted_from = self.from_receipt(event, "第三方")
            limit = self.add(start, THIRD_PARTY_MAX_WORKDAYS)
            article = "第三十二条、第三十三条第三款"
            text = (
                f"书面征求第三方意见；第三方应在{chinese_date(limit)}前答复（{counted_from}），"
                "征求意见期间不计入答复期限。"
            )
        elif kind == "other_agency" and event.joint_production:
            # 第三十四条: jointly produced information; 15 working days from the consulted agency's receipt, and
            # silence counts as consent, so the pause ends there and the request goes on.
            start, counted_from = self.from_receipt(event, "被征求意见机关")
            limit = self.add(start, JOINT_PRODUCTION_MAX_WORKDAYS)
            article = "第三十四条、第三十三条第三款"
            text = (
                f"就共同制作的政府信息征求其他机关意见；被征求意见机关应在{chinese_date(limit)}前提出意见"
                f"（{counted_from}），逾期未提出视为同意公开；征求意见期间不计入答复期限。"
            )
        elif kind == "other_agency":
            article, text = "第三十三条第三款", "征求其他机关意见；至其答复之日的期间不计入答复期限。"
        else:
            amount = f"{event.amount_yuan}元" if event.amount_yuan is not None else "（金额未填）"
            try:
                schedule = schedule_on(event.on)
            except NotInForce as exc:
                # A notice recorded before any fee standard (an old register): kept as history, the wait still
                # pauses the clock until payment, but no payment period can lapse.  New notices are refused where
                # the fee is computed (foi.fees).
                self.warnings.append(f"收费通知（{chinese_date(event.on)}）：{exc.message}，不计缴费期限")
                article, text = "第四十二条", f"发出收费通知，金额{amount}；收费通知至缴费期间不计入答复期限。"
            else:
                # 109号: the 20 working days to pay run from the day after the applicant receives the notice.
                start, counted_from = self.from_receipt(event, "申请人")
                self.fee_due = self.add(start, schedule.payment_period_workdays)
                article = f"第四十二条、{schedule.measures}"
                text = (
                    f"发出收费通知，金额{amount}；申请人应在{chinese_date(self.fee_due)}前缴费（{counted_from}），"
                    "收费通知至缴费期间不计入答复期限。"
                )
        self.pauses.append(_OpenPause(kind, event.on, limit))
        return article, text

    def pause_closed(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        kind = _PAUSE_CLOSERS[event.type]
        pause = self.open_pause(kind)
        if pause is None:
            raise _Refusal(f"没有进行中的{_PAUSE_LABELS[kind]}", "clock.no_pause")
        pause.end = min(event.on, pause.limit) if pause.limit else event.on
        days = self.calendar.workdays_between(pause.start, pause.end).days
        if kind == "fee":
            if self.fee_due and event.on > self.fee_due:
                self.warnings.append(f"申请人于{chinese_date(event.on)}缴费，晚于缴费期限{chinese_date(self.fee_due)}")
            article = "国办函〔2020〕109号"
        else:
            article = "第三十三条第三款"
            if pause.limit and event.on > pause.limit:
                party, rule = ("第三方", "第三十二条") if kind == "third_party" else ("被征求意见机关", "第三十四条")
                self.warnings.append(f"{party}逾期答复；不计入答复期限的期间止于{chinese_date(pause.limit)}（{rule}）")
        return article, f"{EVENT_TYPES[event.type]}，恢复计算答复期限；此前暂停{days}个工作日。"

    def extension(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        # 条例 第三十三条第二款: approved before the due date, at most 20 working days in total.
        if due_now is None:
            raise _Refusal("等待补正期间不能延长答复期限", "clock.waiting_for_correction")
        if event.on > due_now:
            raise _Refusal(
                f"延长答复期限须在答复期限{chinese_date(due_now)}届满前决定（第三十三条）", "clock.extension_late"
            )
        limit = self.periods.max_extension_workdays
        if self.extension + (event.workdays or 0) > limit:
            raise _Refusal(
                f"延长答复期限累计不得超过{limit}个工作日（{self.periods.article}），"
                f"已延长{self.extension}个，本次{event.workdays}个",
                "clock.extension_limit",
            )
        self.extension += event.workdays or 0
        return (
            "第三十三条第二款",
            f"经负责人同意延长答复期限{event.workdays}个工作日，累计延长{self.extension}个工作日。",
        )

    def reasonable_delay(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        # 条例 第三十五条: a reasonable later time for requests clearly beyond a reasonable quantity or frequency.
        if due_now is None:
            raise _Refusal("等待补正期间不能确定延迟答复期限", "clock.waiting_for_correction")
        if event.on > due_now:
            raise _Refusal(
                f"确定延迟答复期限须在答复期限{chinese_date(due_now)}届满前（第三十五条）", "clock.delay_late"
            )
        if event.until is None or event.until <= due_now:
            raise _Refusal(
                f"延迟答复的期限应晚于当前答复期限{chinese_date(due_now)}（第三十五条）", "clock.delay_not_later"
            )
        self.delay_until = event.until
        return "第三十五条", f"申请数量、频次明显超过合理范围，确定延迟答复的合理期限至{chinese_date(event.until)}。"

    def reply(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        self.state, self.closed_on, self.reply_on = ANSWERED, event.on, event.on
        return "第三十六条", "作出答复。"

    def withdrawn(self, event: ClockEvent, due_now: date | None) -> tuple[str, str]:
        self.state, self.closed_on = WITHDRAWN, event.on
        return "—", "申请人撤回申请。"

    def next_events(self) -> tuple[str, ...]:
        """The events the law allows now: a correction notice once (第三十条), its receipt while waiting; each
        consultation or fee wait opened when none runs and not while waiting for a correction, closed when one runs
        (第三十二条、第三十三条第三款, 109号); an extension up to the 20-day total and a 第三十五条 delay while the
        reply period runs; withdrawal and the reply at any time.  Nothing after the request is closed."""
        if self.state != OPEN:
            return ()
        events = []
        if not self.correction_requested:
            events.append("correction_requested")
        if self.waiting_for_correction:
            events.append("correction_received")
        for opener, kind in _PAUSE_OPENERS.items():
            if self.open_pause(kind):
                events.append(_CLOSER_OF[kind])
            elif not self.waiting_for_correction:
                events.append(opener)
        if not self.waiting_for_correction:
            if self.extension < self.periods.max_extension_workdays:
                events.append("extension")
            events.append("reasonable_delay")
        return (*events, "withdrawn", "reply")

    def consent_by_silence(self) -> list[ExplainStep]:
        """条例 第三十四条: an agency consulted on jointly produced information that has not answered by its 15th
        working day is deemed to consent; the pause ended that day and the reply period runs again."""
        steps = []
        for pause in self.pauses:
            if pause.kind == "other_agency" and pause.limit and pause.end is None and self.today > pause.limit:
                steps.append(
                    ExplainStep(
                        pause.limit,
                        "第三十四条",
                        f"被征求意见机关至{chinese_date(pause.limit)}未提出意见，视为同意公开；此后恢复计算答复期限。",
                        None,
                    )
                )
        return steps

    def lapse(self) -> ExplainStep | None:
        """Periods that ran out by today end the request (条例 第三十条; 国办函〔2020〕109号)."""
        if self.state != OPEN:
            return None
        if self.waiting_for_correction and self.correction_due and self.today > self.correction_due:
            self.state, self.closed_on = ABANDONED_NO_CORRECTION, self.correction_due + timedelta(days=1)
            return ExplainStep(self.closed_on, "第三十条", "申请人无正当理由逾期不补正，视为放弃申请，不再处理。", None)
        if self.open_pause("fee") and self.fee_due and self.today > self.fee_due:
            self.state, self.closed_on = ABANDONED_FEE_UNPAID, self.fee_due + timedelta(days=1)
            return ExplainStep(
                self.closed_on, "国办函〔2020〕109号", "申请人逾期未缴纳费用，视为放弃申请，不再处理。", None
            )
        return None


class _Refusal(Exception):
    """Raised by a transition with its stable code; turned into a ClockError naming the event."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


TRANSITIONS = {
    "correction_requested": _Run.correction_requested,
    "correction_received": _Run.correction_received,
    "third_party_sent": _Run.pause_opened,
    "other_agency_sent": _Run.pause_opened,
    "fee_notice": _Run.pause_opened,
    "third_party_replied": _Run.pause_closed,
    "other_agency_replied": _Run.pause_closed,
    "fee_paid": _Run.pause_closed,
    "extension": _Run.extension,
    "reasonable_delay": _Run.reasonable_delay,
    "reply": _Run.reply,
    "withdrawn": _Run.withdrawn,
}
assert set(TRANSITIONS) == set(EVENT_TYPES)


def parse_events(raw: Iterable[Mapping[str, Any]]) -> list[ClockEvent]:
    """JSON-like dicts → events; a malformed one raises :class:`ClockError` naming it."""
    events = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ClockError(f"第{index + 1}个事件不是对象")
        kind = item.get("type")
        if kind not in EVENT_TYPES:
            raise ClockError(f"第{index + 1}个事件：未知的事件类型“{kind}”，可用类型：{'、'.join(EVENT_TYPES)}")
        on = _parse_date(item.get("on"), f"第{index + 1}个事件（{kind}）的 on")
        values: dict[str, Any] = {}
        if kind == "correction_requested":
            values["period_workdays"] = _positive_int(item.get("period_workdays"), index, kind, "period_workdays")
        elif kind == "extension":
            values["workdays"] = _positive_int(item.get("workdays"), index, kind, "workdays")
        elif kind == "reasonable_delay":
            values["until"] = _parse_date(item.get("until"), f"第{index + 1}个事件（{kind}）的 until")
        elif kind == "fee_notice" and item.get("amount_yuan") is not None:
            try:
                values["amount_yuan"] = Decimal(str(item["amount_yuan"]))
            except InvalidOperation:
                raise ClockError(f"第{index + 1}个事件（{kind}）：amount_yuan 不是数字") from None
        if kind in DELIVERABLE_EVENTS and item.get("delivered_on") is not None:
            values["delivered_on"] = _parse_date(item["delivered_on"], f"第{index + 1}个事件（{kind}）的 delivered_on")
        if kind == "other_agency_sent" and item.get("joint_production") is not None:
            if not isinstance(item["joint_production"], bool):
                raise ClockError(f"第{index + 1}个事件（{kind}）：joint_production 应为 true 或 false")
            values["joint_production"] = item["joint_production"]
        events.append(ClockEvent(type=kind, on=on, **values))
    return events


def _parse_date(value: Any, what: str) -> date:
    if not isinstance(value, str):
        raise ClockError(f"{what} 缺失，应为 YYYY-MM-DD 格式的日期")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{what}“{value}”不是有效日期（YYYY-MM-DD）") from None


def _positive_int(value: Any, index: int, kind: str, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ClockError(f"第{index + 1}个事件（{kind}）：{name} 应为正整数个工作日")
    return value


def compute_clock(
    received: date,
    events: Sequence[ClockEvent],
    *,
    today: date,
    calendar: WorkCalendar,
    letter_arrived_on: date | None = None,
) -> ClockResult:
    """The due date, state and explanation of a request as of ``today``; events are applied in date order.

    ``letter_arrived_on``: for a request sent as an ordinary letter (平常信函, no signature), the day it reached the
    disclosure office; ``received`` is then the day receipt was confirmed with the applicant, which 第三十一条 wants
    on the same day (a later one is flagged in ``warnings``)."""
    run = _Run(received, calendar, today)
    if letter_arrived_on is not None:
        try:
            late = ordinary_letter_confirmation_warning(arrived_on=letter_arrived_on, confirmed_on=received)
        except ReceiptDateError as exc:
            raise ClockError(exc.message, code="clock.confirmed_before_arrival") from None
        if late:
            run.warnings.append(late)
    explain = [
        ExplainStep(
            received,
            f"第三十一条、{run.periods.article}",
            f"收到申请；答复期限为收到申请之日起{run.periods.reply_workdays}个工作日，自次日起算。",
            run.due(received),
        ),
        ExplainStep(received, "第三十条", f"如需补正，应在{chinese_date(run.notice_due)}前一次性告知申请人。", None),
    ]
    for index, event in sorted(enumerate(events), key=lambda pair: pair[1].on):
        try:
            if event.on < received:
                raise _Refusal("办理日期早于收到申请之日", "clock.before_receipt")
            if event.on > today:
                raise _Refusal(f"办理日期晚于{_day(today)}：尚未发生的事项不能登记", "clock.after_today")
            if event.delivered_on is not None:
                if event.delivered_on < event.on:
                    raise _Refusal(
                        f"送达日期（{_day(event.delivered_on)}）早于文书发出日期", "clock.delivered_before_sent"
                    )
                if event.delivered_on > today:
                    raise _Refusal(
                        f"送达日期（{_day(event.delivered_on)}）晚于{_day(today)}：尚未发生的送达不能登记",
                        "clock.delivered_after_today",
                    )
            if run.state in (ANSWERED, WITHDRAWN):
                raise _Refusal("申请已经办结（已答复或已撤回），不能再登记办理事项", "clock.closed")
            article, text = TRANSITIONS[event.type](run, event, run.due(event.on))
        except _Refusal as refusal:
            raise ClockError(str(refusal), code=refusal.code, index=index, event=event) from None
        explain.append(ExplainStep(event.on, article, text, run.due(event.on)))
    lapsed = run.lapse()
    if lapsed:
        explain.append(lapsed)
    explain.extend(run.consent_by_silence())

    as_of = run.closed_on or today
    due = run.due(as_of)
    paused = None
    if run.state == OPEN:
        if run.waiting_for_correction:
            paused = "correction"
        else:
            paused = next((p.kind for p in run.pauses if p.end is None and (not p.limit or as_of <= p.limit)), None)
    if run.state == ANSWERED:
        overdue = due is not None and run.reply_on is not None and run.reply_on > due
        if run.reply_on is not None and due is not None:
            late = calendar.workdays_between(due, run.reply_on).days if run.reply_on > due else 0
            verdict = f"超过答复期限{late}个工作日" if late else "在答复期限内"
            explain[-1] = ExplainStep(run.reply_on, "第三十三条", f"作出答复；{verdict}。", due)
    else:
        overdue = run.state == OPEN and due is not None and today > due
        if run.state == OPEN and due is not None:
            summary = f"截至{chinese_date(today)}，答复期限为{chinese_date(due)}" + ("，已超期。" if overdue else "。")
            if paused:
                summary += f"（{_PAUSE_LABELS[paused]}中，期限将随其结束日期顺延）"
            explain.append(ExplainStep(today, "第三十三条", summary, due))
    return ClockResult(
        due=due,
        state=run.state,
        overdue=overdue,
        correction_notice_due=run.notice_due,
        warnings=run.warnings,
        calendar_provisional=run.provisional,
        explain=explain,
        paused=paused,
        closed_on=run.closed_on,
        correction_due=run.correction_due,
        fee_payment_due=run.fee_due,
        extension_workdays=run.extension,
        pauses=run.finished_pauses(as_of),
        next_events=run.next_events(),
    )


def next_events_before_receipt() -> tuple[str, ...]:
    """条例 第三十一条: before the date of receipt is fixed, the only step is to confirm it (the clock has not started)."""
    return (RECEIPT_EVENT,)


def needs_approval(event_type: str) -> bool:
    """条例 第三十三条第二款、第三十五条: extensions and reasonable delays need the person in charge's approval."""
    return event_type in NEEDS_APPROVAL


def compute_clock_from_json(
    case: Mapping[str, Any], *, calendar: WorkCalendar, today: date | None = None
) -> ClockResult:
    """The ``gongkai clock`` input shape: ``{"received", "today"?, "letter_arrived_on"?, "events": [...]}``."""
    if not isinstance(case, Mapping):
        raise ClockError("输入应为 JSON 对象")
    received = _parse_date(case.get("received"), "received")
    arrived = case.get("letter_arrived_on")
    letter_arrived_on = _parse_date(arrived, "letter_arrived_on") if arrived is not None else None
    as_of = _parse_date(case["today"], "today") if case.get("today") is not None else (today or date.today())
    if as_of < received:
        raise ClockError("today 早于收到申请的日期")
    raw_events = case.get("events", [])
    if not isinstance(raw_events, list):
        raise ClockError("events 应为数组")
    return compute_clock(
        received, parse_events(raw_events), today=as_of, calendar=calendar, letter_arrived_on=letter_arrived_on
    )
