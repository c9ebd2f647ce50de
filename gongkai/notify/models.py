"""The record of every message gongkai sent (or tried to send) to a citizen: to whom (masked, and a keyed digest
to find them again), by which channel, when, about which object and why — never the text, which may hold a query
code or personal data already kept (encrypted) where it belongs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Message(models.Model):
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to_masked = models.CharField(max_length=200)  # z*******@example.com, 139****5678 (gongkai.law.pii)
    to_digest = models.CharField(max_length=64, db_index=True)  # core.crypto.digest of the normalised address
    purpose = models.CharField(max_length=60)  # e.g. foi.query_code
    object_type = models.CharField(max_length=100, blank=True)  # like the audit log: foi.inforequest
    object_id = models.CharField(max_length=64, blank=True)
    delivered = models.BooleanField(default=False)
    failure = models.CharField(max_length=100, blank=True)  # the error's class name only
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "purpose"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.to_masked} {self.purpose}"
