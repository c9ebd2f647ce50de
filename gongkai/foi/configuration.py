"""The agency admin's configuration of requests: letter-number prefix, remedies, fee method, the contact named in
letters, letter templates."""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.logs import service
from gongkai.foi.errors import FoiError


@service
def foi_settings_save(
    *,
    actor: Any,
    agency: Agency,
    letter_prefix: str,
    reconsideration_body: str,
    court: str,
    fee_method: str,
    contact_name: str = "",
    contact_phone: str = "",
) -> Any:
    from gongkai.foi.models import FoiSettings
    from gongkai.law.fees import FeeMethod

    if fee_method not in {m.value for m in FeeMethod}:
        raise FoiError.FEE_METHOD.refuse("fee_method")
    settings, _created = FoiSettings.objects.get_or_create(
        agency=agency,
        defaults={"letter_prefix": letter_prefix, "reconsideration_body": reconsideration_body, "court": court},
    )
    before = {
        "letter_prefix": settings.letter_prefix,
        "reconsideration_body": settings.reconsideration_body,
        "court": settings.court,
        "fee_method": settings.fee_method,
        "contact_name": settings.contact_name,
        "contact_phone": settings.contact_phone,
    }
    after = {
        "letter_prefix": letter_prefix.strip(),
        "reconsideration_body": reconsideration_body.strip(),
        "court": court.strip(),
        "fee_method": fee_method,
        "contact_name": contact_name.strip(),
        "contact_phone": contact_phone.strip(),
    }
    for key, value in after.items():
        setattr(settings, key, value)
    settings.full_clean()
    settings.save()
    record(
        action="foi.settings.update",
        actor=actor,
        agency=agency,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return settings


@service
def letter_template_save(*, actor: Any, agency: Agency, kind: str, body: str) -> None:
    """Save an edited template after checking that it renders; an empty body restores the default text."""
    from gongkai.foi.letters import validate_template
    from gongkai.foi.models import LetterKind, LetterTemplate

    if kind not in LetterKind.values:
        raise FoiError.LETTER_KIND.refuse()
    if not body.strip():
        LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
        record(action="foi.letter_template.reset", actor=actor, agency=agency, changes={"kind": kind})
        return
    validate_template(body)
    LetterTemplate.objects.update_or_create(agency=agency, kind=kind, defaults={"body": body})
    record(action="foi.letter_template.update", actor=actor, agency=agency, changes={"kind": kind, "body": body})
