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
- 条例 第三十二条、第三十三条第三款: the time spent consulting a third party (at most 15 working days after the letter
  is sent) or another agency (until it answers) is not counted.
- 条例 第三十五条: for requests clearly beyond a reasonable quantity or frequency the agency may set a reasonable
  later time (approved, with a reason).
- 国办函〔2020〕109号: the applicant pays within 20 working days of the fee notice; the time from notice to payment
  is not counted; unpaid in time → not processed further (report row （六）2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.law.calendar import WorkCalendar

# 条例 第三十三条第二款
REPLY_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20
# 条例 第三十条
CORRECTION_NOTICE_WORKDAYS = 7
# 条例 第三十二条
THIRD_PARTY_MAX_WORKDAYS = 15
# 国办函〔2020〕109号
FEE_PAYMENT_WORKDAYS = 20

OPEN, ANSWERED, ABANDONED_NO_CORRECTION, ABANDONED_FEE_UNPAID, WITHDRAWN = (
    "open",
    "answered",
    "abandoned_no_correction",
    "abandoned_fee_unpaid",
    "withdrawn",
)
STATES = (OPEN, ANSWERED, ABANDONED_NO_CORRECTION, ABANDONED_FEE_UNPAID, WITHDRAWN)

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
_PAUSE_OPENERS = {"third_party_sent": "third_party", "other_agency_sent": "other_agency", "fee_notice": "fee"}
_PAUSE_CLOSERS = {"third_party_replied": "third_party", "other_agency_replied": "other_agency", "fee_paid": "fee"}
_PAUSE_LABELS = {
    "third_party": "征求第三方意见",
    "other_agency": "征求其他机关意见",
    "fee": "等待缴费",
    "correction": "等待补正",
}


class ClockError(ValueError):
    """An impossible case; ``message`` names the event."""

    def __init__(self, message: str, *, index: int | None = None, event: ClockEvent | None = None) -> None:
        if event is not None and index is not None:
            message = f"第{index + 1}个事件（{event.type}，{event.on.isoformat()}）：{message}"
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ClockEvent:
    type: str
    on: date
    period_workdays: int | None = None  # correction_requested
    workdays: int | None = None  # extension
    until: date | None = None  # reasonable_delay
    amount_yuan: Decimal | None = None  # fee_notice


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
        }


@dataclass
class _OpenPause:
    kind: str
    start: date
    limit: date | None  # the latest end (third party: 15 working days after sending)
    end: date | None = None


class _Clock:
    """The running state while events are applied in date order."""

    def __init__(self, received: date, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.received = received
        self.start = received
        self.pauses: list[_OpenPause] = []
        self.extension = 0
        self.delay_until: date | None = None
        self.provisional = False
        self.correction_requested: ClockEvent | None = None
        self.correction_due: date | None = None
        self.waiting_for_correction = False
        self.fee_notice: ClockEvent | None = None
        self.fee_due: date | None = None
        self.fee_paid = False

    def add(self, day: date, n: int) -> date:
        result = self.calendar.add_workdays(day, n)
        self.provisional |= result.provisional
        return result.date

    @staticmethod
    def pause_end(pause: _OpenPause, as_of: date) -> date:
        """A closed pause ends on its closing day; a running one on ``as_of``, but never after its limit."""
        if pause.end is not None:
            return pause.end
        return min(as_of, pause.limit) if pause.limit else as_of

    def _paused_on(self, day: date, as_of: date) -> bool:
        return any(pause.start < day <= self.pause_end(pause, as_of) for pause in self.pauses)

    def due(self, as_of: date) -> date | None:
        """The due date given what is known on ``as_of`` (running pauses end on that day)."""
        if self.waiting_for_correction:
            return None
        if self.delay_until is not None:
            return self.delay_until
        budget = REPLY_WORKDAYS + self.extension
        day, counted = self.start, 0
        while counted < budget:
            day += timedelta(days=1)
            if not self.calendar.is_official(day):
                self.provisional = True
            if self.calendar.is_workday(day) and not self._paused_on(day, as_of):
                counted += 1
        return day

    def close_pause(self, kind: str, on: date) -> _OpenPause | None:
        for pause in self.pauses:
            if pause.kind == kind and pause.end is None:
                pause.end = min(on, pause.limit) if pause.limit else on
                return pause
        return None

    def open_pause(self, kind: str) -> _OpenPause | None:
        return next((p for p in self.pauses if p.kind == kind and p.end is None), None)

    def finished_pauses(self, as_of: date) -> list[Pause]:
        result = []
        for pause in self.pauses:
            end = max(self.pause_end(pause, as_of), pause.start)
            days = self.calendar.workdays_between(pause.start, end).days
            result.append(Pause(pause.kind, pause.start, end, days, pause.end is None and end == as_of))
        return result


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


def compute_clock(received: date, events: Sequence[ClockEvent], *, today: date, calendar: WorkCalendar) -> ClockResult:
    """The due date, state and explanation of a request as of ``today``."""
    ordered = sorted(enumerate(events), key=lambda pair: pair[1].on)
    clock = _Clock(received, calendar)
    warnings: list[str] = []
    notice_due = clock.add(received, CORRECTION_NOTICE_WORKDAYS)
    explain = [
        ExplainStep(
            received,
            "第三十一条、第三十三条",
            f"收到申请；答复期限为收到申请之日起{REPLY_WORKDAYS}个工作日，自次日起算。",
            clock.due(received),
        ),
        ExplainStep(received, "第三十条", f"如需补正，应在 {notice_due.isoformat()} 前一次性告知申请人。", None),
    ]
    state, closed_on, reply_on = OPEN, None, None
    seen_correction = False

    for index, event in ordered:

        def fail(message: str, event: ClockEvent = event, index: int = index) -> ClockError:
            return ClockError(message, index=index, event=event)

        if event.on < received:
            raise fail("事件日期早于收到申请的日期")
        if event.on > today:
            raise fail(f"事件日期晚于计算日期 {today.isoformat()}")
        if state in (ANSWERED, WITHDRAWN):
            raise fail("申请已经办结（已答复或已撤回），其后不能再有事件")
        due_now = clock.due(event.on)
        kind, article, text = event.type, "", ""

        if kind == "correction_requested":
            if seen_correction:
                raise fail("补正通知只能发出一次（第三十条）")
            seen_correction = True
            if event.on > notice_due:
                warnings.append(
                    f"补正通知于 {event.on.isoformat()} 发出，晚于收到申请后7个工作日（{notice_due.isoformat()}，第三十条）"
                )
            clock.correction_requested = event
            clock.correction_due = clock.add(event.on, event.period_workdays or 0)
            clock.waiting_for_correction = True
            article = "第三十条"
            text = (
                f"发出补正通知，补正期限{event.period_workdays}个工作日，至 {clock.correction_due.isoformat()}；"
                "补正期间答复期限停止计算。"
            )
        elif kind == "correction_received":
            if clock.correction_requested is None:
                raise fail("没有发出补正通知，不能收到补正材料")
            if not clock.waiting_for_correction:
                raise fail("补正材料已经收到过")
            if clock.correction_due and event.on > clock.correction_due:
                warnings.append(
                    f"补正材料于 {event.on.isoformat()} 收到，晚于补正期限 {clock.correction_due.isoformat()}"
                )
            if state == ABANDONED_NO_CORRECTION:
                state, closed_on = OPEN, None
            clock.waiting_for_correction = False
            clock.start = event.on
            clock.pauses = [p for p in clock.pauses if p.end is None]
            article = "第三十条"
            text = f"收到补正后的申请，答复期限自该日起重新计算{REPLY_WORKDAYS}个工作日。"
        elif kind in _PAUSE_OPENERS:
            pause_kind = _PAUSE_OPENERS[kind]
            if clock.open_pause(pause_kind):
                raise fail(f"上一次{_PAUSE_LABELS[pause_kind]}尚未结束")
            if due_now is not None and event.on > due_now:
                warnings.append(f"{EVENT_TYPES[kind]}（{event.on.isoformat()}）晚于答复期限 {due_now.isoformat()}")
            if pause_kind == "third_party":
                limit = clock.add(event.on, THIRD_PARTY_MAX_WORKDAYS)
                article = "第三十二条、第三十三条第三款"
                text = f"书面征求第三方意见；第三方应在 {limit.isoformat()} 前答复，征求意见期间不计入答复期限。"
            elif pause_kind == "other_agency":
                limit = None
                article = "第三十三条第三款"
                text = "征求其他机关意见；至其答复之日的期间不计入答复期限。"
            else:
                limit = None
                clock.fee_notice, clock.fee_due = event, clock.add(event.on, FEE_PAYMENT_WORKDAYS)
                amount = f"{event.amount_yuan}元" if event.amount_yuan is not None else "（金额未填）"
                article = "第四十二条、国办函〔2020〕109号"
                text = (
                    f"发出收费通知，金额{amount}；申请人应在 {clock.fee_due.isoformat()} 前缴费，"
                    "收费通知至缴费期间不计入答复期限。"
                )
            clock.pauses.append(_OpenPause(pause_kind, event.on, limit))
        elif kind in _PAUSE_CLOSERS:
            pause_kind = _PAUSE_CLOSERS[kind]
            pause = clock.close_pause(pause_kind, event.on)
            if pause is None:
                raise fail(f"没有进行中的{_PAUSE_LABELS[pause_kind]}")
            days = calendar.workdays_between(pause.start, pause.end).days
            if pause_kind == "fee":
                clock.fee_paid = True
                if clock.fee_due and event.on > clock.fee_due:
                    warnings.append(f"申请人于 {event.on.isoformat()} 缴费，晚于缴费期限 {clock.fee_due.isoformat()}")
                if state == ABANDONED_FEE_UNPAID:
                    state, closed_on = OPEN, None
                article = "国办函〔2020〕109号"
            else:
                article = "第三十三条第三款"
                if pause.limit and event.on > pause.limit:
                    warnings.append(f"第三方逾期答复；不计入答复期限的期间止于 {pause.limit.isoformat()}（第三十二条）")
            text = f"{EVENT_TYPES[kind]}，恢复计算答复期限；此前暂停{days}个工作日。"
        elif kind == "extension":
            if due_now is None:
                raise fail("等待补正期间不能延长答复期限")
            if event.on > due_now:
                raise fail(f"延长答复期限须在答复期限 {due_now.isoformat()} 届满前决定（第三十三条）")
            if clock.extension + (event.workdays or 0) > MAX_EXTENSION_WORKDAYS:
                raise fail(
                    f"延长答复期限累计不得超过{MAX_EXTENSION_WORKDAYS}个工作日（第三十三条），"
                    f"已延长{clock.extension}个，本次{event.workdays}个"
                )
            clock.extension += event.workdays or 0
            article = "第三十三条第二款"
            text = f"经负责人同意延长答复期限{event.workdays}个工作日，累计延长{clock.extension}个工作日。"
        elif kind == "reasonable_delay":
            if due_now is None:
                raise fail("等待补正期间不能确定延迟答复期限")
            if event.on > due_now:
                raise fail(f"确定延迟答复期限须在答复期限 {due_now.isoformat()} 届满前（第三十五条）")
            if event.until is None or event.until <= due_now:
                raise fail(f"延迟答复的期限应晚于当前答复期限 {due_now.isoformat()}（第三十五条）")
            clock.delay_until = event.until
            article = "第三十五条"
            text = f"申请数量、频次明显超过合理范围，确定延迟答复的合理期限至 {event.until.isoformat()}。"
        elif kind == "reply":
            state, closed_on, reply_on = ANSWERED, event.on, event.on
            article = "第三十六条"
            text = "作出答复。"
        elif kind == "withdrawn":
            state, closed_on = WITHDRAWN, event.on
            article = "—"
            text = "申请人撤回申请。"

        # Deadlines that lapse before the next event end the request (条例 第三十条; 国办函〔2020〕109号).
        explain.append(ExplainStep(event.on, article, text, clock.due(event.on)))

    as_of = reply_on or closed_on or today
    if state == OPEN:
        if clock.waiting_for_correction and clock.correction_due and today > clock.correction_due:
            state, closed_on = ABANDONED_NO_CORRECTION, clock.correction_due + timedelta(days=1)
            explain.append(
                ExplainStep(closed_on, "第三十条", "申请人无正当理由逾期不补正，视为放弃申请，不再处理。", None)
            )
        elif clock.open_pause("fee") and clock.fee_due and today > clock.fee_due:
            state, closed_on = ABANDONED_FEE_UNPAID, clock.fee_due + timedelta(days=1)
            explain.append(
                ExplainStep(closed_on, "国办函〔2020〕109号", "申请人逾期未缴纳费用，视为放弃申请，不再处理。", None)
            )
        as_of = closed_on or today

    due = clock.due(as_of)
    paused = None
    if state == OPEN:
        if clock.waiting_for_correction:
            paused = "correction"
        else:
            paused = next((p.kind for p in clock.pauses if p.end is None and (not p.limit or as_of <= p.limit)), None)
    if state == ANSWERED:
        overdue = due is not None and reply_on is not None and reply_on > due
    else:
        overdue = state == OPEN and due is not None and today > due
    if state == ANSWERED and reply_on is not None and due is not None:
        late = calendar.workdays_between(due, reply_on).days if reply_on > due else 0
        explain[-1] = ExplainStep(
            reply_on,
            "第三十三条",
            f"作出答复；{'超过答复期限' + str(late) + '个工作日' if late else '在答复期限内'}。",
            due,
        )
    elif state == OPEN and due is not None:
        summary = f"截至 {today.isoformat()}，答复期限为 {due.isoformat()}"
        summary += "，已超期。" if overdue else "。"
        if paused:
            summary += f"（{_PAUSE_LABELS[paused]}中，期限将随其结束日期顺延）"
        explain.append(ExplainStep(today, "第三十三条", summary, due))
    return ClockResult(
        due=due,
        state=state,
        overdue=overdue,
        correction_notice_due=notice_due,
        warnings=warnings,
        calendar_provisional=clock.provisional,
        explain=explain,
        paused=paused,
        closed_on=closed_on,
        correction_due=clock.correction_due,
        fee_payment_due=clock.fee_due,
        extension_workdays=clock.extension,
        pauses=clock.finished_pauses(as_of),
    )


def compute_clock_from_json(
    case: Mapping[str, Any], *, calendar: WorkCalendar, today: date | None = None
) -> ClockResult:
    """The ``gongkai clock`` input shape: ``{"received", "today"?, "events": [...]}``."""
    if not isinstance(case, Mapping):
        raise ClockError("输入应为 JSON 对象")
    received = _parse_date(case.get("received"), "received")
    as_of = _parse_date(case["today"], "today") if case.get("today") is not None else (today or date.today())
    if as_of < received:
        raise ClockError("today 早于收到申请的日期")
    raw_events = case.get("events", [])
    if not isinstance(raw_events, list):
        raise ClockError("events 应为数组")
    return compute_clock(received, parse_events(raw_events), today=as_of, calendar=calendar)
