"""Whether a remote image's host is on the public internet, judged by its address.

Names are not enough: `2130706433`, `0x7f000001`, `127.1`, `0177.0.0.1` and `0` are all
this machine to a URL parser, and any host name may resolve to 127.0.0.1 or a router on
the local network. So literal hosts are read the way URL parsers read them, and names are
resolved and every address they resolve to is checked.
"""

from __future__ import annotations

import ipaddress
import re
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# What inet_aton reads as IPv4 (decimal, octal and hex parts, 1 to 4 of them), as browsers
# and Qt do; checked first because inet_aton ignores anything after a space.
_LEGACY_V4 = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\.?$")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as a number stands for, or None for a name."""
    host = host.strip().strip("[]").lower()
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_V4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
        except OSError:
            return ipaddress.IPv4Address(0)  # unreadable number: treat as "nowhere", refused
    return None


def is_public_address(ip: IPAddress) -> bool:
    """Loopback, private, link-local, multicast, unspecified and reserved are refused."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
    return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)


def is_public_host(host: str) -> bool:
    """What can be said without resolving: False for local names and non-public numbers;
    True for other names, whose addresses `resolves_public` must still check."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if not name or name in _LOCAL_NAMES or name.endswith((".localhost", ".local", ".internal")):
        return False
    ip = literal_address(name)
    return True if ip is None else is_public_address(ip)


def resolves_public(host: str, port: int | None = None) -> bool:
    """Resolve `host` (blocking: call off the GUI thread) and require every address to be
    public, so a name pointing at this machine or the local network is refused."""
    if not is_public_host(host):
        return False
    if literal_address(host) is not None:
        return True
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port or 80, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(
        (ip := literal_address(str(a))) is not None and is_public_address(ip) for a in addresses
    )
