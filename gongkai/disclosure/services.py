"""Writes for proactive disclosure: drafts, the review chain, personal-data checks, publication.

The state machine of an item, in one place:

    draft ──submit──► in_review ──approve (step 1 … n)──► published ──withdraw──► withdrawn
      ▲                  │
      └────reject────────┘   (any step; the reason goes back to the drafter)

Publication happens only when the last configured step approves; personal data found by the scanner blocks both
submission and publication until each finding is masked or justified by a reviewer.

The app's writes for other apps are all here: the duties (``duties.py``) and attachments (``attachments.py``)
services are named below too, so other apps import only this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.agencies.access import holds_role
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import next_serial
from gongkai.audit.services import record
from gongkai.core import bulk
from gongkai.core.dates import chinese_date
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.disclosure import attachments
from gongkai.disclosure.attachments import pii_digest
from gongkai.disclosure.duties import duty_fulfil as duty_fulfil
from gongkai.disclosure.duties import instances_generate as instances_generate
from gongkai.disclosure.errors import DisclosureError
from gongkai.disclosure.models import (
    Attachment,
    CatalogCategory,
    CatalogItem,
    ItemState,
    NormativeKind,
    PiiJustification,
    ReviewDecision,
    ReviewStep,
    Validity,
    VocabularyKind,
    VocabularyTerm,
)
from gongkai.disclosure.separation import check_separation
from gongkai.disclosure.separation import settings_set as settings_set
from gongkai.law import catalog as law_catalog
from gongkai.law.duties import per_item_due
from gongkai.law.pii import KIND_LABELS, Finding, mask, scan
from gongkai.workcalendar.selectors import working_calendar

INDEX_SERIALS = "disclosure.index"  # the kind of agencies.SerialCounter that numbers 索引号
DEFAULT_REVIEW_CHAIN = (("科室负责人初审", Role.REVIEWER), ("保密审查", Role.REVIEWER), ("分管领导签发", Role.APPROVER))
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h2",
    "h3",
    "h4",
    "a",
    "span",
    "div",
    "blockquote",
}
META_FIELDS = (
    "title",
    "doc_number",
    "publisher",
    "formed_on",
    "topic",
    "genre",
    "normative_kind",
    "validity",
    "interprets",
    "supersedes",
    "category",
)


def clean_body(html: str) -> str:
    """Sanitised rich text: no scripts, styles or event handlers survive. Links get no ``rel``: no ``target`` is
    kept (so no page opens a window it could steer) and the Referrer-Policy (same-origin) already keeps the address
    from other sites — and the body editor (editor.py) writes links exactly as kept here."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        link_rel=None,
    )


# --- agency set-up --------------------------------------------------------------------------------------------


@service
def catalog_seed(*, actor: Any, agency: Agency) -> int:
    """The Art. 20 items, the civil-affairs basic catalog and the 政府信息公开制度 column (条例第四条), once per agency;
    returns how many were created."""
    if agency.catalog_categories.exists():
        return 0
    created = 0
    parents = {}
    for position, (code, name, article) in enumerate(law_catalog.ARTICLE_20_ITEMS):
        parents[code] = CatalogCategory.objects.create(
            agency=agency, code=code, name=name, article=article, position=position
        )
        created += 1
    for position, (code, name) in enumerate(law_catalog.CIVIL_AFFAIRS_ITEMS, start=100):
        CatalogCategory.objects.create(
            agency=agency,
            parent=parents["A11"],
            code=code,
            name=name,
            article="第二十条第（十一）项",
            position=position,
        )
        created += 1
    code, name, article = law_catalog.DISCLOSURE_RULES_CATEGORY
    CatalogCategory.objects.create(agency=agency, code=code, name=name, article=article, position=50)
    created += 1
    record(action="disclosure.catalog.seed", actor=actor, agency=agency, changes={"categories": created})
    return created


@service
def review_chain_set(*, actor: Any, agency: Agency, steps: list[tuple[str, str]] | None = None) -> list[ReviewStep]:
    """Replace the agency's review chain (default: 科室负责人初审 → 保密审查 → 分管领导签发)."""
    steps = [(name.strip(), str(role)) for name, role in (DEFAULT_REVIEW_CHAIN if steps is None else steps)]
    if not steps:
        raise DisclosureError.CHAIN_EMPTY.refuse()
    if CatalogItem.objects.filter(agency=agency, state=ItemState.IN_REVIEW).exists():
        raise DisclosureError.CHAIN_BUSY.refuse()
    for name, role in steps:
        if role not in (Role.REVIEWER, Role.APPROVER) or not name:
            raise DisclosureError.CHAIN_STEP.refuse()
        max_length = ReviewStep._meta.get_field("name").max_length
        if len(name) > max_length:
            raise DisclosureError.CHAIN_STEP_TOO_LONG.refuse(name=name[:20], max_length=max_length)
    before = [[step.name, step.role] for step in review_chain(agency)]
    ReviewStep.objects.filter(agency=agency).delete()
    created = [
        ReviewStep.objects.create(agency=agency, position=i, name=name, role=role)
        for i, (name, role) in enumerate(steps)
    ]
    record(
        action="disclosure.chain.set",
        actor=actor,
        agency=agency,
        changes={"steps": [before, [list(step) for step in steps]]},
    )
    return created


def review_chain(agency: Agency) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(agency=agency).order_by("position"))


# --- the vocabularies (kept by the system administrator, in /admin/) ------------------------------------------


@service
def term_save(*, actor: Any, term: VocabularyTerm) -> VocabularyTerm:
    """Add or change a term of 主题分类 or 体裁 (a term is never deleted: deactivate it, items keep it)."""
    if term.parent is not None and not term.may_have_parent(term.parent):
        raise DisclosureError.TERM_PARENT.refuse("parent")
    before = VocabularyTerm.objects.filter(pk=term.pk).values("label", "active", "parent_id", "position").first()
    term.label = term.label.strip()
    term.save()
    after = {"label": term.label, "active": term.active, "parent_id": term.parent_id, "position": term.position}
    changes = {k: [before[k] if before else None, v] for k, v in after.items() if not before or before[k] != v}
    record(
        action="disclosure.term.save",
        actor=actor,
        obj=term,
        changes={"kind": term.kind, "code": term.code, **changes},
    )
    return term


# --- drafts ---------------------------------------------------------------------------------------------------


def _check_terms(fields: dict[str, Any], current: CatalogItem | None) -> None:
    """主题分类 and 体裁 are terms of their vocabulary; an inactive one only stays where it already was."""
    for kind in VocabularyKind:
        term = fields.get(kind.value)
        if term is None:
            continue
        if not isinstance(term, VocabularyTerm) or term.kind != kind:
            raise DisclosureError.TERM.refuse(kind.value, vocabulary=kind.label)
        if not term.active and (current is None or getattr(current, f"{kind.value}_id") != term.pk):
            raise DisclosureError.TERM_INACTIVE.refuse(kind.value, term=str(term), vocabulary=kind.label)


def _check_meta(agency: Agency, fields: dict[str, Any], current: CatalogItem | None = None) -> None:
    _check_terms(fields, current)
    category = fields.get("category")
    if category is not None and category.agency_id != agency.pk:
        raise DisclosureError.CATEGORY.refuse("category")
    interprets = fields.get("interprets")
    if interprets is not None and interprets.agency_id != agency.pk:
        raise DisclosureError.INTERPRETS.refuse("interprets")
    supersedes = fields.get("supersedes")
    if supersedes is not None and (
        supersedes.agency_id != agency.pk
        or not supersedes.normative_kind
        or (current is not None and supersedes.pk == current.pk)
    ):
        raise DisclosureError.SUPERSEDES.refuse("supersedes")
    if fields.get("normative_kind") and not fields.get("validity"):
        fields["validity"] = Validity.VALID


def _check_related(agency: Agency, related: Iterable[CatalogItem]) -> None:
    if any(other.agency_id != agency.pk for other in related):
        raise DisclosureError.RELATED.refuse("related")


@service
def item_create(
    *, actor: Any, agency: Agency, category: CatalogCategory, title: str, body: str = "", **meta: Any
) -> CatalogItem:
    if not title.strip():
        raise DisclosureError.TITLE_REQUIRED.refuse("title")
    related = list(meta.pop("related", None) or ())
    fields = {"category": category, **meta}
    _check_meta(agency, fields)
    _check_related(agency, related)
    item = CatalogItem.objects.create(
        agency=agency,
        title=title.strip(),
        body=clean_body(body),
        publisher=meta.get("publisher") or agency.name,
        created_by=user_or_none(actor),
        **{k: v for k, v in fields.items() if k != "publisher"},
    )
    item.related.set(related)
    record(action="disclosure.item.create", actor=actor, obj=item, changes={"title": item.title})
    return item


@service
def item_update(
    *,
    actor: Any,
    item: CatalogItem,
    body: str | None = None,
    related: Iterable[CatalogItem] | None = None,
    **meta: Any,
) -> CatalogItem:
    """Change a draft; ``related`` (items of the same agency) replaces the links when given."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if item.state != ItemState.DRAFT:
        raise DisclosureError.NOT_DRAFT.refuse()
    unknown = set(meta) - set(META_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    related = None if related is None else [other for other in related if other.pk != item.pk]
    _check_meta(item.agency, meta, current=item)
    _check_related(item.agency, related or ())
    for key, value in meta.items():
        setattr(item, key, value)
    if body is not None:
        item.body = clean_body(body)
    item.save()
    if related is not None:
        item.related.set(related)
        meta["related"] = related
    record(action="disclosure.item.update", actor=actor, obj=item, changes={"fields": sorted([*meta, "body"])})
    return item


# --- personal data (the scanner is gongkai.law.pii; attachments are scanned in attachments.py) -----------------


@dataclass(frozen=True)
class OpenFinding:
    """A finding in the body (``attachment`` None) or in an attachment's text, known by its keyed digest."""

    kind: str
    masked: str
    digest: str
    attachment: Attachment | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _body_findings(item: CatalogItem, justified: set[str]) -> list[Finding]:
    return [f for f in scan(item.body) if pii_digest(f.text) not in justified]


def open_findings(item: CatalogItem) -> list[OpenFinding]:
    """Findings in the body and in the attachments (as last scanned) that are neither masked nor justified."""
    justified = set(item.pii_justifications.values_list("text_digest", flat=True))
    found = [OpenFinding(f.kind, f.masked, pii_digest(f.text)) for f in _body_findings(item, justified)]
    for attachment in item.attachments.all():
        found += [
            OpenFinding(entry["kind"], entry["masked"], entry["digest"], attachment)
            for entry in attachment.pii_findings
            if entry["digest"] not in justified
        ]
    return found


@service
def item_mask_pii(*, actor: Any, item: CatalogItem) -> int:
    """One click: mask every open finding in the body (ID numbers keep their first 6 and last 4 digits, …)."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if item.state == ItemState.PUBLISHED:
        raise DisclosureError.PUBLISHED.refuse()
    findings = _body_findings(item, set(item.pii_justifications.values_list("text_digest", flat=True)))
    if findings:
        item.body = mask(item.body, findings)
        item.save(update_fields=["body", "updated_at"])
        record(action="disclosure.item.mask_pii", actor=actor, obj=item, changes={"masked": [f.kind for f in findings]})
    return len(findings)


@service
def pii_justify(*, actor: Any, item: CatalogItem, finding_digest: str, reason: str) -> PiiJustification:
    """A reviewer keeps one finding unmasked, with the reason (e.g. names in a 低保 list published by law); the
    finding is named by its digest and kept wherever it occurs in the item (body or attachments)."""
    if not holds_role(actor, item.agency, Role.REVIEWER, Role.APPROVER):
        raise DisclosureError.JUSTIFY_ROLE.refuse()
    if not reason.strip():
        raise DisclosureError.JUSTIFY_REASON_REQUIRED.refuse("reason")
    finding = next((f for f in open_findings(item) if f.digest == finding_digest), None)
    if finding is None:
        raise DisclosureError.FINDING_GONE.refuse()
    justification, _created = PiiJustification.objects.update_or_create(
        item=item,
        text_digest=finding_digest,
        defaults={"kind": finding.kind, "reason": reason.strip(), "justified_by": actor},
    )
    where = finding.attachment.original_name if finding.attachment else "正文"
    record(
        action="disclosure.item.pii_justified",
        actor=actor,
        obj=item,
        changes={"kind": finding.kind, "masked": finding.masked, "where": where, "reason": reason.strip()},
    )
    return justification


def _block_on_pii(item: CatalogItem, scanned: attachments.Scanned | None) -> None:
    """Scan the body again and store what the attachments' files gave (``scanned``: read before the transaction,
    :func:`attachments.scan_attachments`); refuse while any finding is neither masked nor justified."""
    if scanned is None:  # the item moved on between the scan and the lock (another decision came first)
        raise DisclosureError.ATTACHMENTS_CHANGED.refuse()
    attachments.findings_refresh(item, scanned)
    findings = open_findings(item)
    if findings:
        places: dict[str, int] = {}
        for f in findings:
            place = _("attachment “%(name)s”") % {"name": f.attachment.original_name} if f.attachment else _("body")
            places[place] = places.get(place, 0) + 1
        comma = pgettext("between the names of a list", ", ")
        where = comma.join(
            _("%(count)s in the %(place)s") % {"count": n, "place": place} for place, n in places.items()
        )
        kinds = comma.join(sorted({f.kind_label for f in findings}))
        raise DisclosureError.PII.refuse(count=len(findings), kinds=kinds, places=where)


# --- the review chain -----------------------------------------------------------------------------------------


@service(atomic=False)
def item_submit(*, actor: Any, item: CatalogItem) -> CatalogItem:
    """Send a draft into the review chain; personal data is checked before the first step (the attachments' files
    are read before the transaction opens)."""
    scanned = attachments.scan_attachments(item)
    with transaction.atomic():
        item = CatalogItem.objects.select_for_update().get(pk=item.pk)
        if item.state != ItemState.DRAFT:
            raise DisclosureError.SUBMIT_NOT_DRAFT.refuse()
        if not review_chain(item.agency):
            review_chain_set(actor=actor, agency=item.agency)
        _block_on_pii(item, scanned)
        item.state, item.review_step = ItemState.IN_REVIEW, 0
        item.save(update_fields=["state", "review_step", "updated_at"])
        record(action="disclosure.item.submit", actor=actor, obj=item)
    return item


def _scan_if_publishing(item: CatalogItem, approved: bool) -> attachments.Scanned | None:
    """The attachments scanned (outside the transaction) when this approval is the chain's last: it publishes."""
    item = CatalogItem.objects.select_related("agency").get(pk=item.pk)
    if approved and item.state == ItemState.IN_REVIEW and item.review_step + 1 >= len(review_chain(item.agency)):
        return attachments.scan_attachments(item)
    return None


@service(atomic=False)
def item_decide(
    *, actor: Any, item: CatalogItem, approved: bool, opinion: str = "", today: dt.date | None = None
) -> CatalogItem:
    """The current step's decision. Only a holder of that step's role decides it; the last approval publishes
    (its attachments read before the transaction opens)."""
    scanned = _scan_if_publishing(item, approved)
    with transaction.atomic():
        return _decide(actor=actor, item=item, approved=approved, opinion=opinion, today=today, scanned=scanned)


def _decide(
    *,
    actor: Any,
    item: CatalogItem,
    approved: bool,
    opinion: str,
    today: dt.date | None,
    scanned: attachments.Scanned | None,
) -> CatalogItem:
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if item.state != ItemState.IN_REVIEW:
        raise DisclosureError.NOT_IN_REVIEW.refuse()
    steps = review_chain(item.agency)
    step = steps[item.review_step]
    if not holds_role(actor, item.agency, step.role):
        raise DisclosureError.STEP_ROLE.refuse(step=step.name, role=Role(step.role).label)
    if not approved and not opinion.strip():
        raise DisclosureError.REJECT_REASON_REQUIRED.refuse("opinion")
    check_separation(actor=actor, item=item, step=step)
    ReviewDecision.objects.create(
        item=item,
        position=step.position,
        step_name=step.name,
        approved=approved,
        opinion=opinion.strip(),
        decided_by=actor,
    )
    record(
        action="disclosure.item.approve" if approved else "disclosure.item.reject",
        actor=actor,
        obj=item,
        changes={"step": step.name, "opinion": opinion.strip()},
    )
    if not approved:
        item.state, item.review_step = ItemState.DRAFT, 0
    elif item.review_step + 1 < len(steps):
        item.review_step += 1
    else:
        _publish(actor=actor, item=item, today=today or timezone.localdate(), scanned=scanned)
    item.save()
    return item


def _publish(*, actor: Any, item: CatalogItem, today: dt.date, scanned: attachments.Scanned | None) -> None:
    """Only reached from the last approval: personal data once more, then the 索引号 and the date."""
    _block_on_pii(item, scanned)
    serial = next_serial(agency=item.agency, kind=INDEX_SERIALS, year=today.year)
    item.index_number = law_catalog.index_number(
        credit_code=item.agency.credit_code,
        category_code=item.category.code,
        year=today.year,
        serial=serial,
    )
    item.state, item.published_on = ItemState.PUBLISHED, today
    if item.formed_on is not None:
        item.publication_due_on = per_item_due(item.formed_on, working_calendar())
    record(
        action="disclosure.item.publish",
        actor=actor,
        obj=item,
        changes={"index_number": item.index_number, "published_on": today, "due_on": item.publication_due_on},
    )


@service
def item_withdraw(*, actor: Any, item: CatalogItem, reason: str) -> CatalogItem:
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if item.state != ItemState.PUBLISHED:
        raise DisclosureError.NOT_PUBLISHED.refuse()
    if not holds_role(actor, item.agency, Role.APPROVER, Role.AGENCY_ADMIN):
        raise DisclosureError.WITHDRAW_ROLE.refuse()
    if not reason.strip():
        raise DisclosureError.WITHDRAW_REASON_REQUIRED.refuse("reason")
    item.state = ItemState.WITHDRAWN
    item.save(update_fields=["state", "updated_at"])
    record(action="disclosure.item.withdraw", actor=actor, obj=item, changes={"reason": reason})
    return item


@service
def normative_repeal(
    *,
    actor: Any,
    item: CatalogItem,
    on: dt.date,
    validity: str = Validity.REPEALED,
    replaced_by: CatalogItem | None = None,
) -> CatalogItem:
    """A published rule or normative document is repealed (废止) or expires (失效) on ``on``; the report counts it.
    Recorded by an approver or an agency administrator. ``replaced_by``, a published rule or normative document of
    the same agency, then names it as the one it replaces (``supersedes``): the catalog links the two."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if item.normative_kind == NormativeKind.NONE or item.state != ItemState.PUBLISHED:
        raise DisclosureError.NOT_NORMATIVE.refuse()
    if not holds_role(actor, item.agency, Role.APPROVER, Role.AGENCY_ADMIN):
        raise DisclosureError.REPEAL_ROLE.refuse()
    if validity not in (Validity.REPEALED, Validity.EXPIRED):
        raise DisclosureError.VALIDITY.refuse("validity")
    if item.formed_on is not None and on < item.formed_on:
        raise DisclosureError.REPEAL_BEFORE_WRITING.refuse("on", formed=chinese_date(item.formed_on))
    successor = None
    if replaced_by is not None:
        successor = (
            CatalogItem.objects.select_for_update(of=("self",)).select_related("supersedes").get(pk=replaced_by.pk)
        )
        if (
            successor.pk == item.pk
            or successor.agency_id != item.agency_id
            or successor.normative_kind == NormativeKind.NONE
            or successor.state != ItemState.PUBLISHED
        ):
            raise DisclosureError.REPLACED_BY.refuse("replaced_by")
        if successor.supersedes_id not in (None, item.pk):
            raise DisclosureError.REPLACED_BY_TAKEN.refuse("replaced_by", other=successor.supersedes.title)
    changes: dict[str, Any] = {"validity": [item.validity, validity], "repealed_on": [item.repealed_on, on]}
    item.validity, item.repealed_on = validity, on
    item.save(update_fields=["validity", "repealed_on", "updated_at"])
    if successor is not None and successor.supersedes_id != item.pk:
        successor.supersedes = item
        successor.save(update_fields=["supersedes", "updated_at"])
        changes["replaced_by"] = successor.pk
    record(action="disclosure.item.repeal", actor=actor, obj=item, changes=changes)
    return item


# --- generated data (gongkai bench generate) ------------------------------------------------------------------


@service
def bulk_insert(objects: Iterable[Any], *, batch_size: int = bulk.BATCH_SIZE) -> int:
    """Insert unsaved disclosure rows in batches, for generated benchmark data only: no signal, no audit entry per row
    (the generator records one entry for the whole run); returns how many rows were written."""
    return bulk.insert(objects, app_label="disclosure", batch_size=batch_size)
