"""What a drafter or reviewer is told after an action on an item: what was done, to which item, and where it went
("已提交保密审查：《…》", "已签发并发布：《…》（索引号 …）")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.disclosure.models import CatalogItem, ItemState, ReviewStep


def _step(steps: list[ReviewStep], index: int) -> str:
    return steps[index].name if 0 <= index < len(steps) else "—"


def item_action_done(
    action: str, *, before: CatalogItem, after: Any, steps: list[ReviewStep], approved: bool | None = None
) -> str:
    """``before``: the item as it was; ``after``: what the service returned (the item, or the count of masked
    findings); ``steps``: the agency's review chain as it stood for the decision."""
    title = before.title
    if action == "submit":
        return _("Submitted for review (%(step)s): “%(title)s”.") % {"title": title, "step": _step(steps, 0)}
    if action == "mask":
        count = after if isinstance(after, int) else 0
        return ngettext(
            "%(count)d piece of personal data masked in “%(title)s”.",
            "%(count)d pieces of personal data masked in “%(title)s”.",
            count,
        ) % {"count": count, "title": title}
    if action == "justify":
        return _("The reason for keeping the personal data in “%(title)s” was recorded.") % {"title": title}
    done = _step(steps, before.review_step)
    if not approved:
        return _("Sent back to the drafter at %(step)s: “%(title)s”.") % {"title": title, "step": done}
    if getattr(after, "state", None) == ItemState.PUBLISHED:
        return _("Signed off and published: “%(title)s” (index number %(index)s).") % {
            "title": title,
            "index": after.index_number,
        }
    return _("%(done)s passed; submitted for %(step)s: “%(title)s”.") % {
        "done": done,
        "step": _step(steps, getattr(after, "review_step", before.review_step + 1)),
        "title": title,
    }
