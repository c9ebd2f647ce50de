"""Encryption at rest for applicants' personal data (ID numbers, phones, addresses).

Keys: ``GONGKAI_ENCRYPTION_KEYS`` (comma-separated Fernet keys, newest first, so old keys still decrypt during a
rotation), or one key generated once into ``$GONGKAI_DATA_DIR/encryption_key`` (mode 0600). Every app server of a
platform must share the same keys. Lookups (is this ID number known?) use an HMAC digest, never the plain value.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _keys() -> tuple[bytes, ...]:
    configured = os.environ.get("GONGKAI_ENCRYPTION_KEYS", "").strip()
    if configured:
        return tuple(k.strip().encode() for k in configured.split(",") if k.strip())
    key_file = settings.DATA_DIR / "encryption_key"
    if not key_file.exists():
        try:
            fd: int | None = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            fd = None  # another worker created the key first: use theirs
        if fd is not None:
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
    return (key_file.read_bytes().strip(),)


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("无法解密：加密密钥与数据不匹配（检查 GONGKAI_ENCRYPTION_KEYS）") from exc


def digest(value: str) -> str:
    """A keyed digest for equality lookups; stable across key rotation (derived from the oldest key)."""
    key = hashlib.sha256(b"gongkai-digest:" + _keys()[-1]).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python code sees the plain text. Not searchable — store a digest beside it."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


def key_fingerprint(key: bytes) -> str:
    """A key's public name: the first 16 hex digits of a SHA-256 over it (the key cannot be computed back)."""
    return hashlib.sha256(b"gongkai-key-fingerprint:" + key.strip()).hexdigest()[:16]


def configured_key_fingerprints() -> tuple[str, ...]:
    """Fingerprints of the keys configured now, newest first (the last one derives :func:`digest`); empty when no
    key is configured yet. Unlike the keys in use, it never generates a key file: a backup's restore asks it."""
    configured = os.environ.get("GONGKAI_ENCRYPTION_KEYS", "").strip()
    if configured:
        return tuple(key_fingerprint(k.strip().encode()) for k in configured.split(",") if k.strip())
    key_file = settings.DATA_DIR / "encryption_key"
    return (key_fingerprint(key_file.read_bytes()),) if key_file.exists() else ()
