"""The client's address: the one answer every limit and lockout is keyed on.

Behind a reverse proxy every request comes from the proxy's address (``REMOTE_ADDR``); the client's own is in
``X-Forwarded-For``, where each proxy appends the address it received the request from. That header is the
client's to write, so only the entries appended by proxies we run can be believed: ``client_address`` starts at
``REMOTE_ADDR`` and, while the address in hand lies in ``GONGKAI_TRUSTED_PROXIES``, steps one entry to the left
in ``X-Forwarded-For``. The first address outside those networks is the client (what nginx's ``real_ip_recursive
on`` does). Without trusted proxies (the default) the header is ignored and the answer is ``REMOTE_ADDR``.

Used by the portal's submission limit, the tracking look-up's lockout and django-axes (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(value: str | list[str] | tuple[str, ...]) -> tuple[Network, ...]:
    """``"10.0.0.0/8, 192.0.2.7"`` (or a list of those) as networks; ValueError names a bad entry."""
    entries = value.split(",") if isinstance(value, str) else value
    networks = []
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"GONGKAI_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network") from None
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(value: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(value)


def _address(text: str) -> Address | None:
    """An address as proxies write it (``192.0.2.1``, ``192.0.2.1:5678``, ``2001:db8::1``, ``[2001:db8::1]:80``);
    IPv4-mapped IPv6 addresses as IPv4; None for anything else."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request) -> str:
    """The client's IP address, as text; ``REMOTE_ADDR`` unless it is a trusted proxy (see the module)."""
    meta = getattr(request, "META", None) or {}  # axes may ask without a request (authenticate() from code)
    remote = meta.get("REMOTE_ADDR", "") or ""
    current = _address(remote)
    if current is None:
        return remote
    trusted = _trusted(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))
    if not trusted:
        return str(current)
    # Several X-Forwarded-For headers arrive joined by commas, in order: one list either way.
    hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while any(current in network for network in trusted) and hops:
        previous = _address(hops.pop())
        if previous is None:
            break  # a trusted proxy passed on something that is no address: the last address known stands
        current = previous
    return str(current)
