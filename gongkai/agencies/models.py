"""Agencies (行政机关) as a tree, their internal departments (科室) and who works for them in which role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.law.identifiers import InvalidIdentifier, validate_uscc


def validate_credit_code(value: str) -> None:
    try:
        validate_uscc(value)
    except InvalidIdentifier as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("People's government")
    DEPARTMENT = "department", _("Government department")


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class Agency(models.Model):
    """An administrative body with its own open-government-information duty.

    ``parent`` is the organisational tree (人民政府 → 部门, 市政府 → 县政府); ``supervisor`` is the body that
    oversees its disclosure work and receives its annual report (条例 第四十九条), usually a government's 政务公开办.
    """

    name = models.CharField(_("full name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervising agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Department(models.Model):
    """A 科室 inside an agency (办公室, 社会救助科 …): owns tasks and drafts, never a disclosure duty of its own."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=100)
    aliases = models.CharField(
        _("other names"), max_length=300, blank=True, help_text=_("Comma-separated short names, e.g. 社救办")
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["agency", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="department_name_unique")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", _("Case officer")
    DRAFTER = "drafter", _("Drafter")
    REVIEWER = "reviewer", _("Reviewer")
    APPROVER = "approver", _("Approver")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    # The system administrator is a Django superuser, not a membership: it is not tied to one agency.
    SYSTEM_ADMIN = "system_admin", _("System administrator")


MEMBERSHIP_ROLES = [choice for choice in Role.choices if choice[0] != Role.SYSTEM_ADMIN]


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=MEMBERSHIP_ROLES)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"


class SerialCounter(models.Model):
    """The last serial number an agency took per kind of number and year (letter numbers, 索引号 …): one row each,
    locked while the next number is taken (``agencies.services.next_serial``)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="serial_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind} {self.year}: {self.last_serial}"
