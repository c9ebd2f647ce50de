"""Public engagement records of an agency: consultations (咨询), 人大代表建议 and 政协委员提案, 舆情 events, press
conferences and online interviews. The annual report's narrative draws its figures from them
(:func:`gongkai.engagement.selectors.report_figures`).

A consultation keeps no personal data beyond an optional name of the person asking, which stays on the staff pages:
it is neither exported nor written to the audit log. A proposal's due date is stored (three months after it was
assigned by default, :mod:`gongkai.law.proposals`) so lists can flag overdue ones in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Department
from gongkai.law import proposals as law_proposals


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")


class ProposalKind(models.TextChoices):
    NPC = law_proposals.NPC, _("NPC deputy's suggestion")
    CPPCC = law_proposals.CPPCC, _("CPPCC member's proposal")


class OpinionLevel(models.TextChoices):
    MAJOR = "major", _("Major")
    SIGNIFICANT = "significant", _("Significant")
    GENERAL = "general", _("General")


class PressKind(models.TextChoices):
    CONFERENCE = "conference", _("Press conference")
    INTERVIEW = "interview", _("Online interview")


# The Chinese words of the import and export files (data, whatever the interface language).
CHANNEL_LABELS = {Channel.HOTLINE: "电话", Channel.ONLINE: "网上", Channel.IN_PERSON: "现场", Channel.LETTER: "信函"}
PROPOSAL_KIND_LABELS = {ProposalKind.NPC: "人大代表建议", ProposalKind.CPPCC: "政协委员提案"}
OPINION_LEVEL_LABELS = {OpinionLevel.MAJOR: "重大", OpinionLevel.SIGNIFICANT: "较大", OpinionLevel.GENERAL: "一般"}
PRESS_KIND_LABELS = {PressKind.CONFERENCE: "新闻发布会", PressKind.INTERVIEW: "在线访谈"}


class EngagementRecord(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Consultation(EngagementRecord):
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    asked_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    answered = models.BooleanField(_("answered"), default=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    asker_name = models.CharField(_("name of the person asking"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-asked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered=True) | Q(answered_on__isnull=True), name="consultation_answered_on_iff_answered"
            )
        ]
        indexes = [models.Index(fields=["agency", "asked_on"])]

    def __str__(self) -> str:
        return self.topic


class Proposal(EngagementRecord):
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    number = models.CharField(_("number"), max_length=60)
    subject = models.CharField(_("subject"), max_length=300)
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_on = models.DateField(_("assigned on"))
    due_on = models.DateField(_("reply due"))
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply_published = models.BooleanField(_("reply published"), default=False)
    reply_item = models.ForeignKey(
        "disclosure.CatalogItem",
        verbose_name=_("published reply"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suggestion or proposal")
        verbose_name_plural = _("suggestions and proposals")
        ordering = ["-received_on", "kind", "number", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_published=False) | Q(replied_on__isnull=False), name="proposal_published_after_reply"
            ),
            models.CheckConstraint(
                condition=Q(reply_item__isnull=True) | Q(reply_published=True), name="proposal_item_only_if_published"
            ),
        ]
        indexes = [models.Index(fields=["agency", "received_on"])]

    def __str__(self) -> str:
        return f"{PROPOSAL_KIND_LABELS[self.kind]} {self.number}"

    def is_overdue(self, today) -> bool:
        return law_proposals.is_overdue(due_on=self.due_on, replied_on=self.replied_on, as_of=today)


class OpinionEvent(EngagementRecord):
    level = models.CharField(_("level"), max_length=20, choices=OpinionLevel.choices)
    first_seen = models.DateField(_("first seen on"))
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    channel = models.CharField(_("where it arose"), max_length=100, blank=True)
    summary = models.CharField(_("summary"), max_length=500)

    class Meta:
        verbose_name = _("public opinion event")
        verbose_name_plural = _("public opinion events")
        ordering = ["-first_seen", "-id"]
        indexes = [models.Index(fields=["agency", "first_seen"])]

    def __str__(self) -> str:
        return self.summary[:60]


class PressEvent(EngagementRecord):
    kind = models.CharField(_("kind"), max_length=20, choices=PressKind.choices)
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("press conference or online interview")
        verbose_name_plural = _("press conferences and online interviews")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self) -> str:
        return self.topic
