"""RFC 6238 time-based codes computed here, independently of django-otp: what a phone's authenticator app shows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from binascii import unhexlify


def secret_of_key(key_hex: str) -> str:
    """A device's hex key as the base32 secret an otpauth:// URI carries."""
    return base64.b32encode(unhexlify(key_hex)).decode("ascii").rstrip("=")


def code(secret_b32: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    secret = re.sub(r"\s", "", secret_b32).upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{value:0{digits}d}"


def next_code(secret_b32: str) -> str:
    """The code of the next 30-second step: accepted (one step of tolerance) after the current one was used."""
    return code(secret_b32, at=time.time() + 30)
