"""Separation of duties in the review chain (初审 → 保密审查 → 签发): internal control, not a statutory rule.

By default one person takes only one step of an item in a round of review, and the drafter reviews none of their
own item. An agency may allow either (a small office with one reviewer), in its :class:`DisclosureSettings`; each
decision that then relies on it is recorded in the audit log as an override, naming the steps.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.logs import service
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import CatalogItem, DisclosureSettings, ReviewStep

OVERRIDE_ACTION = "disclosure.item.separation_override"


def settings_for(agency: Agency) -> DisclosureSettings:
    """The agency's settings; the defaults (strict separation) until its administrator changes them."""
    return DisclosureSettings.objects.filter(agency=agency).first() or DisclosureSettings(agency=agency)


@service
def settings_set(
    *, actor: Any, agency: Agency, allow_two_steps: bool, allow_drafter_review: bool
) -> DisclosureSettings:
    settings, _created = DisclosureSettings.objects.get_or_create(agency=agency)
    before = [settings.allow_two_steps, settings.allow_drafter_review]
    settings.allow_two_steps, settings.allow_drafter_review = bool(allow_two_steps), bool(allow_drafter_review)
    settings.save()
    record(
        action="disclosure.settings.set",
        actor=actor,
        agency=agency,
        changes={
            "allow_two_steps": [before[0], settings.allow_two_steps],
            "allow_drafter_review": [before[1], settings.allow_drafter_review],
        },
    )
    return settings


def steps_taken_by(item: CatalogItem, user: Any) -> list[str]:
    """The steps ``user`` approved in the item's current round (the decisions since its last return)."""
    decisions = list(item.decisions.order_by("decided_at", "id").values_list("approved", "decided_by_id", "step_name"))
    since = max((i for i, (approved, _by, _name) in enumerate(decisions) if not approved), default=-1) + 1
    return [name for approved, by, name in decisions[since:] if approved and by == user.pk]


def check_separation(*, actor: Any, item: CatalogItem, step: ReviewStep) -> None:
    """Refuse ``actor`` taking ``step`` when it breaks the separation the agency keeps; record the override when the
    agency allows it. Called inside the decision's transaction, before the decision is written."""
    settings = settings_for(item.agency)
    drafter = item.created_by_id is not None and item.created_by_id == actor.pk
    earlier = steps_taken_by(item, actor)
    if drafter and not settings.allow_drafter_review:
        raise DisclosureError.DRAFTER_REVIEWS.refuse(step=step.name)
    if earlier and not settings.allow_two_steps:
        raise DisclosureError.SAME_PERSON_STEPS.refuse(earlier=earlier[-1], step=step.name)
    if drafter or earlier:
        record(
            action=OVERRIDE_ACTION,
            actor=actor,
            obj=item,
            changes={"step": step.name, "earlier_steps": earlier, "drafter": drafter},
        )
