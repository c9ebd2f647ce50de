"""Writes for agencies, departments and memberships: each one transactional and audit-logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from gongkai.agencies.errors import AgencyError
from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Department, Membership, Role, SerialCounter
from gongkai.audit.services import field_changes, record
from gongkai.core import bulk
from gongkai.core.logs import service
from gongkai.law.identifiers import InvalidIdentifier, validate_uscc

CONTACT_FIELDS = ("name", "short_name", "address", "postcode", "phone", "email", "office_hours")
_SNAPSHOT_FIELDS = (*CONTACT_FIELDS, "credit_code", "kind", "level", "parent_id", "supervisor_id")


def normalise_credit_code(value: str, *, field: str = "credit_code") -> str:
    try:
        return validate_uscc(value)
    except InvalidIdentifier as exc:
        raise ValidationError({field: ValidationError(exc.message, code=exc.code)}) from exc


def _snapshot(agency: Agency) -> dict[str, Any]:
    return {name: getattr(agency, name) for name in _SNAPSHOT_FIELDS}


def _check_links(agency: Agency) -> None:
    """No agency may be its own ancestor over parent or supervisor links."""
    for field in ("parent", "supervisor"):
        node = getattr(agency, field)
        seen: set[int] = set()
        while node is not None:
            if node.pk == agency.pk and agency.pk is not None:
                raise AgencyError.LINK_CYCLE.refuse(field)
            if node.pk in seen:
                break
            seen.add(node.pk)
            node = getattr(node, field)


@service
def agency_create(
    *,
    actor: Any,
    name: str,
    credit_code: str,
    kind: str = AgencyKind.DEPARTMENT,
    level: str = AgencyLevel.COUNTY,
    parent: Agency | None = None,
    supervisor: Agency | None = None,
    **contact: str,
) -> Agency:
    code = normalise_credit_code(credit_code)
    if Agency.objects.filter(credit_code=code).exists():
        raise AgencyError.CREDIT_CODE_TAKEN.refuse("credit_code", code=code)
    unknown = set(contact) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency(
        name=name.strip(),
        credit_code=code,
        kind=kind,
        level=level,
        parent=parent,
        supervisor=supervisor,
        **{k: (v or "").strip() for k, v in contact.items()},
    )
    agency.full_clean()
    agency.save()
    record(action="agency.create", actor=actor, obj=agency, changes=_snapshot(agency))
    return agency


@service
def agency_update(*, actor: Any, agency: Agency, **fields: Any) -> Agency:
    allowed = set(CONTACT_FIELDS) | {"kind", "level", "parent", "supervisor"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = _snapshot(agency)
    for key, value in fields.items():
        setattr(agency, key, value.strip() if isinstance(value, str) else value)
    agency.full_clean()
    _check_links(agency)
    changes = field_changes(before, _snapshot(agency))
    if changes:
        agency.save()
        record(action="agency.update", actor=actor, obj=agency, changes=changes)
    return agency


@service
def department_create(*, actor: Any, agency: Agency, name: str, aliases: str = "") -> Department:
    name = name.strip()
    if not name:
        raise AgencyError.DEPARTMENT_NAME_REQUIRED.refuse("name")
    if Department.objects.filter(agency=agency, name=name).exists():
        raise AgencyError.DEPARTMENT_NAME_TAKEN.refuse("name")
    position = Department.objects.filter(agency=agency).count()
    department = Department.objects.create(agency=agency, name=name, aliases=aliases.strip(), position=position)
    record(action="department.create", actor=actor, obj=department, changes={"name": name, "aliases": aliases})
    return department


@service
def membership_grant(
    *, actor: Any, user: Any, agency: Agency, role: str, department: Department | None = None
) -> Membership:
    if role not in Role.values or role == Role.SYSTEM_ADMIN:
        raise AgencyError.UNKNOWN_ROLE.refuse("role")
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"department": department}
    )
    if created:
        record(
            action="membership.grant",
            actor=actor,
            obj=membership,
            agency=agency,
            changes={"user": user.get_username(), "role": role},
        )
    return membership


@service
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    record(
        action="membership.revoke",
        actor=actor,
        obj=membership,
        agency=membership.agency_id,
        changes={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()


@service
def user_create(
    *, actor: Any, username: str, password: str, full_name: str = "", email: str = "", is_superuser: bool = False
) -> Any:
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise AgencyError.USERNAME_TAKEN.refuse("username")
    user = user_model(
        username=username, first_name=full_name, email=email, is_superuser=is_superuser, is_staff=is_superuser
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record(
        action="user.create",
        actor=actor,
        obj=user,
        changes={"username": username, "full_name": full_name, "is_superuser": is_superuser},
    )
    return user


# --- serial numbers ----------------------------------------------------------------------------------------------


def next_serial(*, agency: Agency, kind: str, year: int) -> int:
    """The agency's next gap-free number of ``kind`` (``foi.letter``, ``disclosure.index`` …) in ``year``: its counter
    row is locked until the caller's transaction ends, so concurrent callers wait and no number is taken twice."""
    counter, _created = SerialCounter.objects.get_or_create(agency=agency, kind=kind, year=year)
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


# --- generated data (gongkai bench generate) ------------------------------------------------------------------


@service
def bulk_insert(objects: Iterable[Any], *, batch_size: int = bulk.BATCH_SIZE) -> int:
    """Insert unsaved agencies rows in batches, for generated benchmark data only: no signal, no audit entry per row
    (the generator records one entry for the whole run); returns how many rows were written."""
    return bulk.insert(objects, app_label="agencies", batch_size=batch_size)
