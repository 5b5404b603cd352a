"""The client's address, for rate limits only: never stored, never logged.

`REMOTE_ADDR` is the client unless the request came from a trusted reverse proxy
(`LINDUNG_TRUSTED_PROXIES`: addresses or CIDR ranges, none by default). Then the client is
the right-most address in `X-Forwarded-For` that is not itself a trusted proxy: each proxy
appends the address it received the request from, so everything left of that entry was
written by the client and may be forged, and is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

from lindung.common import keys

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR ranges; ValueError names the first entry that is neither."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"LINDUNG_TRUSTED_PROXIES: {entry!r} is not an address or "
                             "a CIDR range") from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:5123
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent the request (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote
    forwarded = [hop.strip() for hop in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(forwarded):
        address = _address(hop)
        if not _is_trusted(address, networks):
            return str(address) if address is not None else hop[:64]
    # Every hop is a trusted proxy (or there is no header): the left-most one is the client.
    return forwarded[0] if forwarded else remote


def client_key(request: HttpRequest, *, purpose: str) -> str:
    """A keyed hash of the client address for one purpose (e.g. a rate-limit policy): the
    address itself never leaves the request."""
    return keys.digest("client-address", f"{purpose}:{client_address(request)}", length=32)
