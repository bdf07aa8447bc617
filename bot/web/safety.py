"""Which hosts a fetch may reach: only the public web by default, so a link in chat cannot probe our own network.

The host is resolved here and every address it resolves to is checked; one private address is enough to refuse,
because the connection could go to any of them.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx

from bot.urls import MAX_URL_CHARS
from bot.web.errors import FetchFailed, FetchRefused

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressRule = Callable[[IPAddress, int], bool]
"""Whether a connection to (address, port) is allowed."""
Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]
"""Turns a host name into the addresses a connection may use; raises OSError when the name does not resolve."""

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
PRIVATE_ADDRESS = "I can't fetch that address: it points to a private network, not the public web."


def is_public(address: IPAddress) -> bool:
    """True only for globally routable unicast; IPv4 embedded in IPv6 (mapped, 6to4) must be public too."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def public_only(address: IPAddress, port: int) -> bool:
    """The default rule: any port, public addresses only."""
    return is_public(address)


def any_address(address: IPAddress, port: int) -> bool:
    """No address check at all: for `FetchLimits(allow_private=True)` (tests, a self-hosted intranet)."""
    return True


def public_or(*endpoints: tuple[str, int]) -> AddressRule:
    """Public addresses plus exactly these (address, port) pairs, so a test can allow one local server and no other."""
    allowed = {(ipaddress.ip_address(address), port) for address, port in endpoints}
    return lambda address, port: (address, port) in allowed or is_public(address)


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Resolve with asyncio's resolver; the order is the system's, which is the order to try connecting in."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """An address rule and the resolver it is applied to; tests swap either to reach a server on 127.0.0.1."""

    permits: AddressRule = field(default=public_only)
    resolve: Resolver = field(default=resolve_host)

    async def vet(self, host: str, port: int) -> list[IPAddress]:
        """The addresses `host` may be reached at; refuses if any of them is not permitted."""
        try:
            addresses: Sequence[IPAddress] = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                addresses = await self.resolve(host, port)
            except (OSError, UnicodeError) as exc:
                raise FetchFailed(f"I couldn't find the site {host}; check the address for typos.") from exc
        if not addresses:
            raise FetchFailed(f"I couldn't find the site {host}; check the address for typos.")
        if not all(self.permits(address, port) for address in addresses):
            logger.info("Refused %s:%s, which resolves to %s", host, port, ", ".join(map(str, addresses)))
            raise FetchRefused(PRIVATE_ADDRESS)
        return list(addresses)


def web_address(url: str | httpx.URL) -> httpx.URL:
    """Parse `url` and refuse anything but an http(s) address with a host name, of at most MAX_URL_CHARS."""
    if len(str(url)) > MAX_URL_CHARS:
        raise FetchRefused(f"That web address is too long (over {MAX_URL_CHARS:,} characters).")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchRefused("That doesn't look like a web address I can open.") from exc
    if not parsed.scheme:
        raise FetchRefused("That doesn't look like a web address; it should start with http:// or https://.")
    if parsed.scheme not in WEB_SCHEMES:
        raise FetchRefused(f"I can only fetch web pages (http or https links), not {parsed.scheme}: addresses.")
    if not parsed.raw_host:
        raise FetchRefused("That web address has no site name in it.")
    return parsed


def host_and_port(url: httpx.URL) -> tuple[str, int]:
    """The ASCII (IDNA) host and the effective port, as the resolver and the connection see them."""
    return url.raw_host.decode("ascii"), url.port or DEFAULT_PORTS[url.scheme]
