"""Proactive disclosure (主动公开): the catalog, its items with 索引号 metadata, and the review chain before
publication (谁审查谁负责，先审查后发布)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Role
from gongkai.core.files import StoredFile
from gongkai.disclosure.errors import DisclosureError


class CatalogCategory(models.Model):
    """A node of the agency's 主动公开基本目录 (the Art. 20 items and the 民政 basic catalog, editable)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="catalog_categories")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    article = models.CharField(_("legal basis"), max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agency", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="catalog_category_code_unique")]

    def __str__(self) -> str:
        return self.name


class VocabularyKind(models.TextChoices):
    TOPIC = "topic", "主题分类"
    GENRE = "genre", "体裁"


class VocabularyTerm(models.Model):
    """A term of a controlled vocabulary of the catalog: the 国务院公文主题分类 (two levels) or the 体裁 (one), loaded
    from data/vocabularies.json and kept by the system administrator. An inactive term stays on the items that have
    it but is not offered for new ones (values typed before the vocabularies were kept as inactive terms)."""

    kind = models.CharField(_("vocabulary"), max_length=10, choices=VocabularyKind.choices)
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=60)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent term"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    active = models.BooleanField(_("offered for new items"), default=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        ordering = ["kind", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="vocabulary_term_code_unique")]

    def __str__(self) -> str:
        # as the State Council's library shows a subject: 大类\小类
        return f"{self.parent.label}\\{self.label}" if self.parent_id else self.label

    def clean(self) -> None:
        if self.parent is not None and not self.may_have_parent(self.parent):
            raise DisclosureError.TERM_PARENT.refuse("parent")

    def may_have_parent(self, parent: VocabularyTerm) -> bool:
        """Only 主题分类 has two levels: a 小类 under a 大类 of the same vocabulary."""
        return self.kind == VocabularyKind.TOPIC and parent.kind == self.kind and parent.parent_id is None


class DisclosureSettings(models.Model):
    """Per-agency settings of proactive disclosure: the separation of duties in the review chain (internal control;
    by default one person takes one step of an item and never reviews what they drafted)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="disclosure_settings")
    allow_two_steps = models.BooleanField(
        _("one person may take two steps of the same item"),
        default=False,
        help_text=_("For a small office; each such decision is recorded in the audit log as an override."),
    )
    allow_drafter_review = models.BooleanField(
        _("the drafter may review their own item"),
        default=False,
        help_text=_("Each such decision is recorded in the audit log as an override."),
    )

    class Meta:
        verbose_name = _("disclosure settings")
        verbose_name_plural = _("disclosure settings")

    def __str__(self) -> str:
        return str(self.agency)


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class NormativeKind(models.TextChoices):
    """条例 第二十条第（一）项 — the rows of the annual report's section 二."""

    NONE = "", "—"
    RULE = "rule", "规章"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"


class ItemState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CatalogItem(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="catalog_items")
    category = models.ForeignKey(
        CatalogCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    title = models.CharField(_("title"), max_length=300)
    index_number = models.CharField(_("index number"), max_length=60, unique=True, null=True, blank=True)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    publisher = models.CharField(_("issuing body"), max_length=200, blank=True)
    formed_on = models.DateField(_("date of writing"), null=True, blank=True)
    published_on = models.DateField(_("date of publication"), null=True, blank=True, db_index=True)
    topic = models.ForeignKey(
        VocabularyTerm,
        verbose_name=_("subject"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": VocabularyKind.TOPIC},
    )
    genre = models.ForeignKey(
        VocabularyTerm,
        verbose_name=_("genre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": VocabularyKind.GENRE},
    )
    normative_kind = models.CharField(
        _("normative document"), max_length=30, choices=NormativeKind.choices, blank=True, default=NormativeKind.NONE
    )
    validity = models.CharField(_("validity"), max_length=10, choices=Validity.choices, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("interprets"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    # The rule or normative document this one repeals or replaces (《…》同时废止); the older one then reads
    # "已被《this》废止/替代" and this one "替代《older》". Several may name the same successor (two merged into one).
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related items"))
    body = models.TextField(_("body"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ItemState.choices, default=ItemState.DRAFT, db_index=True
    )
    review_step = models.PositiveIntegerField(default=0)  # steps approved in the current round
    # 条例 第二十六条: 20 working days after formed_on, fixed when the item is published (so lateness stays a fact).
    publication_due_on = models.DateField(_("due for publication by"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            # keyset pages (docs/performance.md, List pages): the public catalog of an agency and of one category,
            # the staff worklist with and without a state
            models.Index(fields=["agency", "state", "-published_on", "-id"], name="disclosure_catalog_idx"),
            models.Index(fields=["category", "state", "-published_on", "-id"], name="disclosure_category_idx"),
            models.Index(fields=["agency", "-updated_at", "-id"], name="disclosure_worklist_idx"),
            models.Index(fields=["agency", "state", "-updated_at", "-id"], name="disclosure_worklist_state_idx"),
            models.Index(fields=["-updated_at", "-id"], name="disclosure_worklist_all_idx"),
            # the few items that interpret or replace another: the worklist's flag and a page's successors look
            # them up per row; the foreign keys' own indexes hold every NULL and, once SQLite has statistics
            # (ANALYZE), look useless to it, so it scanned the catalog for each row of the page
            models.Index(
                fields=["interprets"], name="disclosure_interprets_idx", condition=Q(interprets__isnull=False)
            ),
            models.Index(
                fields=["supersedes"], name="disclosure_supersedes_idx", condition=Q(supersedes__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(StoredFile):
    """A file of an item, stored under MEDIA_ROOT (never served from there: see views_files and views_staff).

    ``pii_findings`` keeps the scanner's last result on the file's text — kind, offsets, masked form and the keyed
    digest of each finding, never the number itself — so pages need not parse the file again."""

    upload_dir = "disclosure"

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="attachments")
    text_length = models.PositiveIntegerField(default=0)  # 0: an image or a scan without a text layer
    pii_findings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ReviewStep(models.Model):
    """One step of an agency's review chain, in order; the role decides who may take it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="review_steps")
    position = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(Role.REVIEWER.value, Role.REVIEWER.label), (Role.APPROVER.value, Role.APPROVER.label)],
    )

    class Meta:
        ordering = ["agency", "position"]
        constraints = [models.UniqueConstraint(fields=["agency", "position"], name="review_step_position_unique")]

    def __str__(self) -> str:
        return self.name


class ReviewDecision(models.Model):
    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField()
    step_name = models.CharField(max_length=60)
    approved = models.BooleanField()
    opinion = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.item} {self.step_name} {'✓' if self.approved else '✗'}"


class PiiJustification(models.Model):
    """A reviewer's reason to publish one personal-data finding unmasked (e.g. a name the law requires)."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="pii_justifications")
    kind = models.CharField(max_length=20)
    text_digest = models.CharField(max_length=64)
    reason = models.TextField()
    justified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    justified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "text_digest"], name="pii_justification_unique")]

    def __str__(self) -> str:
        return f"{self.item} {self.kind}"


class Duty(models.Model):
    """A recurring disclosure duty (e.g. the monthly 低保 list by the 10th of the next month)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="duties")
    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        CatalogCategory, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL
    )
    recurrence = models.CharField(_("recurrence"), max_length=20)
    months_after = models.PositiveSmallIntegerField(default=1)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return self.name


class DutyInstance(models.Model):
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="instances")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    period_label = models.CharField(max_length=40)
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField(db_index=True)
    fulfilled_by = models.ForeignKey(
        CatalogItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="fulfils"
    )
    fulfilled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["duty", "period_start"], name="duty_instance_unique")]
        indexes = [models.Index(fields=["agency", "fulfilled_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.duty} {self.period_label}"
