"""A citizen's e-mail address or phone number, normalised, and the keyed digest that finds it without decrypting.

The same address typed twice must give the same digest: an e-mail address is compared without surrounding spaces
and in lower case; a phone number by its digits, a mainland mobile without its country code (+86 139 0000 1234,
0086-13900001234 and 139-0000-1234 are one number). Used by the requests' contact digests (gongkai.foi: finding the
request whose query code is to be sent again) and the record of messages sent (gongkai.notify).
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.crypto import digest

EMAIL, PHONE = "email", "phone"
_MOBILE_WITH_COUNTRY = re.compile(r"^(?:0086|86)(1\d{10})$")


def normalise_email(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def normalise_phone(value: str) -> str:
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", value or "") if ch.isascii() and ch.isdigit())
    match = _MOBILE_WITH_COUNTRY.match(digits)
    return match.group(1) if match else digits


def kind_of(value: str) -> str:
    """What the citizen typed: an e-mail address (it has an @) or a phone number."""
    return EMAIL if "@" in (value or "") else PHONE


def contact_digest(kind: str, value: str) -> str:
    """The keyed digest of a normalised contact; empty for an empty one (nothing to match)."""
    normal = normalise_email(value) if kind == EMAIL else normalise_phone(value)
    return digest(f"contact-{kind}:{normal}") if normal else ""
