"""The enrolment QR code, drawn on the server as inline SVG (segno): no image service, no script."""

from __future__ import annotations

import base64
from binascii import unhexlify

import segno


def svg(uri: str, *, title: str) -> str:
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, title=title, svgclass="qr")


def manual_key(key_hex: str) -> str:
    """The key as an authenticator app takes it by hand: base32 in groups of four."""
    text = base64.b32encode(unhexlify(key_hex)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
