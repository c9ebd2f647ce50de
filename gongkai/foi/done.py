"""What an officer is told after an action on a request: what was done, to which request (its tracking code) and
the number of the letter it issued ("已发出补正通知（江民公开〔2026〕12号），申请编号 GK…") — never the applicant's
name or contact."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy

from gongkai.foi.models import InfoRequest, Letter

DONE = {
    "receipt_confirmed": gettext_lazy("Receipt of request %(code)s confirmed."),
    "correction_requested": gettext_lazy("Correction notice sent for request %(code)s."),
    "correction_received": gettext_lazy(
        "Corrections to request %(code)s recorded as received; the reply period runs again."
    ),
    "third_party_sent": gettext_lazy("Third party consulted about request %(code)s."),
    "third_party_replied": gettext_lazy("The third party's reply to request %(code)s was recorded."),
    "other_agency_sent": gettext_lazy("Another agency consulted about request %(code)s."),
    "other_agency_replied": gettext_lazy("The other agency's reply to request %(code)s was recorded."),
    "extension": gettext_lazy("Reply period of request %(code)s extended."),
    "reasonable_delay": gettext_lazy("Postponed reply date set for request %(code)s."),
    "fee_notice": gettext_lazy("No fee is charged for request %(code)s (waived or nothing due)."),
    "fee_paid": gettext_lazy("Payment of the fee for request %(code)s recorded."),
    "withdrawn": gettext_lazy("Withdrawal of request %(code)s recorded."),
    "reply": gettext_lazy("Reply to request %(code)s recorded."),
}
# the same actions when they issued a letter: its number is what the officer files and quotes
DONE_WITH_LETTER = {
    "correction_requested": gettext_lazy("Correction notice %(letters)s sent for request %(code)s."),
    "extension": gettext_lazy("Reply period of request %(code)s extended: notice %(letters)s issued."),
    "third_party_sent": gettext_lazy("Third party consulted about request %(code)s: letter %(letters)s issued."),
    "fee_notice": gettext_lazy("Fee notice %(letters)s sent for request %(code)s."),
    "reply": gettext_lazy("Request %(code)s answered: %(letters)s issued."),
}
LETTER = gettext_lazy("%(kind)s %(number)s")
OTHER_LETTERS = gettext_lazy(" Letter issued: %(letters)s.")


def action_done(info_request: InfoRequest, action: str, letters: Sequence[Letter] = ()) -> str:
    """The message for ``action`` on ``info_request``; ``letters`` are those the action issued."""
    values = {"code": info_request.tracking_code}
    if letters:
        if action == "reply":
            named = "、".join(str(LETTER) % {"kind": x.get_kind_display(), "number": x.number} for x in letters)
        else:
            named = "、".join(x.number for x in letters)
        values["letters"] = named
        if action in DONE_WITH_LETTER:
            return str(DONE_WITH_LETTER[action]) % values
        return (str(DONE[action]) % values) + (str(OTHER_LETTERS) % values)
    return str(DONE[action]) % values
