"""Remote image hosts are judged by address: every spelling of this machine or the local
network is refused, and so is a name that resolves to one."""

from __future__ import annotations

import socket

import pytest

from curator_app.core.preview.addresses import is_public_host, literal_address, resolves_public

LOCAL = [
    "127.0.0.1", "2130706433", "0x7f000001", "127.1", "0", "0177.0.0.1", "0x7f.1", "127.0.0.1.",
    "localhost", "LOCALHOST.", "a.localhost", "[::1]", "::", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
    "10.0.0.1", "0xa000001", "192.168.1.1", "172.16.0.1", "169.254.169.254", "2852039166",
    "[fe80::1]", "[fd00::1]", "224.0.0.1", "239.255.255.250", "[ff02::1]", "0.0.0.0", "255.255.255.255",
    "100.64.0.1",
]


@pytest.mark.parametrize("host", LOCAL)
def test_local_spellings_are_refused(host: str) -> None:
    assert not is_public_host(host)
    assert not resolves_public(host)


@pytest.mark.parametrize("host", ["93.184.216.34", "[2606:2800:220:1:248:1893:25c8:1946]", "1.1.1.1"])
def test_public_addresses_pass(host: str) -> None:
    assert is_public_host(host) and resolves_public(host)


def test_legacy_forms_read_like_url_parsers() -> None:
    assert str(literal_address("2130706433")) == "127.0.0.1"
    assert str(literal_address("0177.0.0.1")) == "127.0.0.1"
    assert str(literal_address("0x7f000001")) == "127.0.0.1"
    assert literal_address("example.org") is None
    assert literal_address("1e100.net") is None


def test_a_name_resolving_to_loopback_is_refused() -> None:
    name = socket.gethostname()
    try:
        addresses = {i[4][0] for i in socket.getaddrinfo(name, 80, proto=socket.IPPROTO_TCP)}
    except OSError:
        pytest.skip("this machine's name does not resolve")
    if not all(a.startswith("127.") or a == "::1" for a in addresses):
        pytest.skip(f"{name} does not resolve to loopback here")
    assert is_public_host(name)  # a name says nothing by itself...
    assert not resolves_public(name)  # ...its addresses do


def test_unresolvable_name_is_refused() -> None:
    assert not resolves_public("no-such-host.invalid")
