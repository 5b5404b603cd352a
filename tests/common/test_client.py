"""The client address: the forwarding header is believed only from a trusted proxy."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import RequestFactory
from django.test import override_settings

from lindung.common.client import client_address
from lindung.common.client import client_key
from lindung.common.client import parse_networks


def _request(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_the_forwarding_header_is_ignored() -> None:
    request = _request("198.51.100.4", "203.0.113.9")
    assert client_address(request) == "198.51.100.4"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_a_direct_client_cannot_forge_the_header() -> None:
    request = _request("198.51.100.4", "203.0.113.9")
    assert client_address(request) == "198.51.100.4"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
@pytest.mark.parametrize(("forwarded", "expected"), [
    ("203.0.113.9", "203.0.113.9"),
    # The client wrote "1.2.3.4" itself; the proxy appended what it saw.
    ("1.2.3.4, 203.0.113.9", "203.0.113.9"),
    # Two proxies: the right-most untrusted hop is the client.
    ("1.2.3.4, 203.0.113.9, 10.1.2.3", "203.0.113.9"),
    ("203.0.113.9:5123", "203.0.113.9"),
    ("[2001:db8::7]:443", "2001:db8::7"),
    ("::ffff:203.0.113.9", "203.0.113.9"),
    # Only trusted hops: the left-most is the client.
    ("10.9.9.9, 10.1.2.3", "10.9.9.9"),
    ("", "127.0.0.1"),
])
def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(
        forwarded: str, expected: str) -> None:
    assert client_address(_request("127.0.0.1", forwarded)) == expected


def test_keys_differ_per_client_and_purpose_and_never_contain_the_address() -> None:
    one, two = _request("198.51.100.4"), _request("198.51.100.5")
    key = client_key(one, purpose="a")
    assert key != client_key(two, purpose="a")
    assert key != client_key(one, purpose="b")
    assert "198" not in key and len(key) == 32


def test_a_mistyped_proxy_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="nginx"):
        parse_networks(["127.0.0.1", "nginx"])
