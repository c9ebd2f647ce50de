"""Audit entries as sentences an official reads ("张三于2026年12月2日 10:31 完成了公开义务《…》（按时）").

Every action code the services record has a sentence here (``SENTENCES``; the engagement records' and the request
clock's codes are built from their kinds and the law's event names); a code without one is told generically, never
as a Python value. The details of an entry are shown as labelled values; its code stays beside it in small print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.law.clock import EVENT_TYPES

SENTENCES = {
    "agency.create": _("created the agency “%(object)s”"),
    "agency.update": _("changed the details of the agency “%(object)s”"),
    "department.create": _("added the department “%(object)s”"),
    "user.create": _("created the account %(object)s"),
    "membership.grant": _("granted a role: %(object)s"),
    "membership.revoke": _("withdrew a role: %(object)s"),
    "auth.login": _("signed in"),
    "auth.login_failed": _("failed to sign in"),
    "auth.logout": _("signed out"),
    "auth.2fa_enrolled": _("set up two-factor login"),
    "auth.2fa_verified": _("passed the second step of the login"),
    "auth.2fa_failed": _("entered a wrong second-step code"),
    "auth.2fa_recovery_used": _("signed in with a recovery code"),
    "auth.2fa_recovery_renewed": _("made new recovery codes"),
    "auth.2fa_device_removed": _("switched off two-factor login"),
    "auth.2fa_reset": _("reset the two-factor login of %(object)s"),
    "calendar.import": _("imported a holiday notice into the working-day calendar"),
    "calendar.override.create": _("added a day to the working-day calendar: %(object)s"),
    "calendar.override.update": _("changed a day of the working-day calendar: %(object)s"),
    "calendar.override.delete": _("removed a day from the working-day calendar: %(object)s"),
    "cases.case.create": _("registered the case %(object)s"),
    "cases.case.update": _("changed the case %(object)s"),
    "cases.case.conclude": _("recorded the result of the case %(object)s"),
    "cases.document.add": _("added a document to the case %(object)s"),
    "cases.document.remove": _("removed a document from the case %(object)s"),
    "cases.figures.save": _("saved the yearly figures %(object)s"),
    "demo.load": _("loaded the demonstration data"),
    "disclosure.attachment.add": _("added the attachment “%(object)s”"),
    "disclosure.attachment.mask_pii": _("replaced the attachment “%(object)s” with a masked copy"),
    "disclosure.attachment.remove": _("removed the attachment “%(object)s”"),
    "disclosure.catalog.seed": _("set up the disclosure catalogue"),
    "disclosure.chain.set": _("set the review chain"),
    "disclosure.duty.create": _("created the disclosure duty “%(object)s”"),
    "disclosure.duty.update": _("changed the disclosure duty “%(object)s”"),
    "disclosure.duty.activate": _("took up the disclosure duty “%(object)s” again"),
    "disclosure.duty.deactivate": _("deactivated the disclosure duty “%(object)s”"),
    "disclosure.duty.fulfil": _("fulfilled the disclosure duty “%(object)s”"),
    "disclosure.item.create": _("drafted “%(object)s”"),
    "disclosure.item.update": _("edited the draft “%(object)s”"),
    "disclosure.item.word_import": _("imported the body of “%(object)s” from a Word file (to review before saving)"),
    "disclosure.item.separation_override": _("took a second step of the review of “%(object)s” (the agency allows it)"),
    "disclosure.settings.set": _("changed the separation of duties in the review chain"),
    "disclosure.term.save": _("edited the term “%(object)s” of a disclosure vocabulary"),
    "disclosure.item.submit": _("submitted “%(object)s” for review"),
    "disclosure.item.approve": _("approved “%(object)s”"),
    "disclosure.item.reject": _("sent “%(object)s” back for changes"),
    "disclosure.item.publish": _("published “%(object)s”"),
    "disclosure.item.withdraw": _("withdrew “%(object)s” from publication"),
    "disclosure.item.repeal": _("recorded “%(object)s” as no longer in force"),
    "disclosure.item.mask_pii": _("masked personal data in “%(object)s”"),
    "disclosure.item.pii_justified": _("kept a piece of personal data in “%(object)s”, giving a reason"),
    "foi.request.create": _("registered the request %(object)s"),
    "foi.request.receipt_confirmed": _("confirmed receipt of the request %(object)s"),
    "foi.import": _("imported a register of requests"),
    "foi.applicant.reveal": _("viewed the applicant's personal data of the request %(object)s"),
    "foi.attachment.add": _("received an attachment to the request %(object)s"),
    "foi.attachment.download": _("downloaded the applicant's attachment to the request %(object)s"),
    "foi.clock": _("the reply period of the request %(object)s was recomputed"),
    "foi.correction.online": _("received corrections to the request %(object)s online"),
    "foi.delivery.record": _("recorded the delivery of the letter %(object)s"),
    "foi.delivery.receipt": _("recorded the receipt of the letter %(object)s"),
    "foi.delivery.evidence": _("added evidence of delivery of the letter %(object)s"),
    "foi.delivery.notified": _("told the applicant of the letter %(object)s"),
    "foi.delivery.portal_opened": _("the applicant opened the letter %(object)s online"),
    "foi.fee.waived": _("waived the fee for the request %(object)s"),
    "foi.fee.free": _("found no fee due for the request %(object)s"),
    "foi.letter.issue": _("issued the letter %(object)s"),
    "foi.letter_template.update": _("changed a letter template"),
    "foi.letter_template.reset": _("reset a letter template to the standard text"),
    "foi.settings.update": _("changed the request settings"),
    "foi.query_code.resend": _("sent a query code again"),
    "notify.message.sent": _("sent a notice to the applicant"),
    "notify.message.failed": _("could not send a notice to the applicant"),
    "ops.backup": _("made a backup"),
    "ops.restore": _("restored a backup"),
    "ops.bench.generate": _("generated benchmark data"),
    "reports.report.start": _("started the annual report %(object)s"),
    "reports.report.regenerate": _("computed the annual report %(object)s again from the data"),
    "reports.report.edit": _("edited the annual report %(object)s"),
    "reports.report.check": _("checked the annual report %(object)s"),
    "reports.report.approve": _("approved the annual report %(object)s"),
    "reports.report.publish": _("published the annual report %(object)s"),
    "reports.report.correct": _("started a correction of the annual report %(object)s"),
    "checker.check": _("checked published annual reports with the report checker"),
    "regionaudit.ingest": _("added the annual report %(object)s to the region's check"),
    "regionaudit.assign": _("assigned the annual report %(object)s to an agency"),
    "regionaudit.recheck": _("checked the annual report %(object)s again"),
    "regionaudit.finding_review": _("confirmed or dismissed a finding on the annual report %(object)s"),
    "workplan.plan.propose": _("read a work plan from a document"),
    "workplan.plan.confirm": _("confirmed the work plan %(object)s"),
    "workplan.plan.discard": _("discarded a proposed work plan"),
    "workplan.task.progress": _("recorded progress on the task “%(object)s”"),
    "workplan.evidence.add": _("added evidence to the task “%(object)s”"),
    "workplan.instance.done": _("marked a period of the task “%(object)s” done"),
}

# engagement.<kind>.<verb>: gongkai.engagement.kinds names the kinds (audit sits below it and cannot import it)
ENGAGEMENT_KINDS = {
    "consultation": _("consultation"),
    "proposal": _("proposal"),
    "opinion": _("public-opinion response"),
    "press": _("press conference"),
}
ENGAGEMENT_VERBS = {
    "create": _("recorded the %(kind)s “%(object)s”"),
    "update": _("changed the %(kind)s record “%(object)s”"),
    "delete": _("deleted the %(kind)s record “%(object)s”"),
    "import": _("imported %(kind)s records"),
}
# foi.event.<type>: the law names each step of the request clock (条例 第三十条至第三十五条)
EVENT_SENTENCE = _("recorded the step “%(step)s” for the request %(object)s")
GENERIC = _("made a change to %(object)s")
GENERIC_NO_OBJECT = _("made a change")
FRAME = _("%(actor)s at %(time)s %(what)s")

FIELD_LABELS = {
    "active": _("in use"),
    "amount_yuan": _("amount (yuan)"),
    "approved_by": _("approved by"),
    "attachment": _("attachment"),
    "body": _("text"),
    "bytes": _("size (bytes)"),
    "categories": _("categories"),
    "channel": _("channel"),
    "date": _("date"),
    "days": _("days"),
    "delivered": _("delivered"),
    "document": _("document"),
    "done_on": _("done on"),
    "due_on": _("due on"),
    "failure": _("failure"),
    "file": _("file"),
    "files": _("files"),
    "findings": _("findings"),
    "how": _("how"),
    "index_number": _("index number"),
    "item": _("item"),
    "kind": _("kind"),
    "late": _("on time"),
    "letter": _("letter"),
    "method": _("method"),
    "name": _("name"),
    "number": _("number"),
    "on": _("date"),
    "opinion": _("opinion"),
    "period": _("period"),
    "published_on": _("published on"),
    "purpose": _("purpose"),
    "reason": _("reason"),
    "received_on": _("received on"),
    "role": _("role"),
    "rows": _("rows"),
    "state": _("state"),
    "status": _("status"),
    "step": _("step"),
    "steps": _("steps"),
    "submitted_on": _("submitted on"),
    "title": _("title"),
    "user": _("user"),
    "username": _("user name"),
    "validity": _("validity"),
    "year": _("year"),
    "result": _("result"),
    "note": _("note"),
    "outcome": _("result"),
    "documents": _("documents"),
    "explanation": _("explanation"),
    "pages": _("pages"),
    "workdays": _("working days"),
}
# values that read better as words than as yes/no
WORDED = {"late": {True: _("late"), False: _("on time")}}
CHANGE = _("from “%(old)s” to “%(new)s”")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_CHANGED_BY = ("update", "save", "edit", "conclude", "progress", "clock")
MAX_VALUE = 200


@dataclass
class Detail:
    label: str
    value: str
    code: str = ""  # the key, shown in small print when it has no label


@dataclass
class Sentence:
    text: str
    code: str
    details: list[Detail] = field(default_factory=list)


def action_sentence(code: str, obj: str) -> str:
    """What was done, in the reader's language, without who and when."""
    values = {"object": obj or "—"}
    if code in SENTENCES:
        return str(SENTENCES[code]) % values
    parts = code.split(".")
    if len(parts) == 3 and parts[0] == "engagement" and parts[2] in ENGAGEMENT_VERBS:
        kind = str(ENGAGEMENT_KINDS.get(parts[1], parts[1]))
        return str(ENGAGEMENT_VERBS[parts[2]]) % {**values, "kind": kind}
    if len(parts) == 3 and parts[:2] == ["foi", "event"]:
        return str(EVENT_SENTENCE) % {**values, "step": EVENT_TYPES.get(parts[2], parts[2])}
    return str(GENERIC) % values if obj else str(GENERIC_NO_OBJECT)


def known(code: str) -> bool:
    """Whether ``code`` has its own sentence (rather than the generic one)."""
    parts = code.split(".")
    return (
        code in SENTENCES
        or (
            len(parts) == 3
            and parts[0] == "engagement"
            and parts[1] in ENGAGEMENT_KINDS
            and parts[2] in ENGAGEMENT_VERBS
        )
        or (len(parts) == 3 and parts[:2] == ["foi", "event"] and parts[2] in EVENT_TYPES)
    )


def value_text(value: Any, key: str = "") -> str:
    """A stored value as words: dates in Chinese, yes/no, lists joined — never a Python repr."""
    if key in WORDED and isinstance(value, bool):
        return str(WORDED[key][value])
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        if _ISO_TIME.match(value):
            try:
                moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value[:MAX_VALUE]
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
        return value if len(value) <= MAX_VALUE else value[:MAX_VALUE] + "…"
    if isinstance(value, (list, tuple)):
        return "、".join(value_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{label_of(k)}：{value_text(v, k)}" for k, v in value.items()) or "—"
    return str(value)


def label_of(key: str) -> str:
    return str(FIELD_LABELS.get(key, key))


def details_of(code: str, changes: Any) -> list[Detail]:
    if not isinstance(changes, dict):
        return [Detail(gettext("details"), value_text(changes))] if changes not in (None, "", [], {}) else []
    diff = code.rsplit(".", 1)[-1] in _CHANGED_BY
    out = []
    for key, value in changes.items():
        if diff and isinstance(value, list) and len(value) == 2:
            text = str(CHANGE) % {"old": value_text(value[0], key), "new": value_text(value[1], key)}
        else:
            text = value_text(value, key)
        out.append(Detail(label_of(key), text, "" if key in FIELD_LABELS else key))
    return out


def sentence(entry: Any) -> Sentence:
    """One audit entry (an ``AuditEntry`` or anything with its fields) as a sentence and its labelled details."""
    actor = entry.actor_label if entry.actor_label and entry.actor_label != "system" else gettext("The system")
    moment = timezone.localtime(entry.at) if timezone.is_aware(entry.at) else entry.at
    what = action_sentence(entry.action, entry.object_label)
    changes = entry.changes
    if isinstance(changes, dict) and isinstance(changes.get("late"), bool):
        what += gettext(" (%(late)s)") % {"late": WORDED["late"][changes["late"]]}
        changes = {k: v for k, v in changes.items() if k != "late"}
    text = str(FRAME) % {"actor": actor, "time": formats.date_format(moment, "DATETIME_FORMAT"), "what": what}
    return Sentence(text=text, code=entry.action, details=details_of(entry.action, changes))
