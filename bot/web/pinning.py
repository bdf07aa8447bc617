"""Connect only to an address that was just vetted, closing the DNS-rebinding gap.

Checking a host name and then letting the HTTP library resolve it again leaves a window in which a hostile DNS
server can answer "public" to the check and "127.0.0.1" to the connection. This network backend does the
resolving itself, vets the answer with the `HostPolicy`, and hands httpcore a socket to one of those addresses.
TLS still verifies the certificate against the host name, because httpcore passes the name, not the address.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Iterable

import httpcore
import httpx

from bot.web.safety import HostPolicy

SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
POOL_LIMITS = httpx.Limits()


class VettedNetwork(httpcore.AsyncNetworkBackend):
    """An httpcore backend whose every TCP connection goes to an address the policy permits."""

    def __init__(self, policy: HostPolicy) -> None:
        self._policy = policy
        self._network = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._policy.vet(host, port)
        for address in addresses[:-1]:
            try:
                return await self._network.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue  # the next address may answer; the last one's failure is the one reported
        return await self._network.connect_tcp(
            str(addresses[-1]), port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("Unix sockets are not web addresses.")

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


class VettedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with the connection pool rebuilt on `VettedNetwork`.

    httpx offers no public hook for the network backend, so this replaces the `_pool` it builds; the guard test
    `test_connection_goes_to_the_vetted_address` fails if a future httpx stops using it.
    """

    def __init__(self, policy: HostPolicy) -> None:
        super().__init__(verify=_ssl_context(), trust_env=False, limits=POOL_LIMITS)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=POOL_LIMITS.max_connections,
            max_keepalive_connections=POOL_LIMITS.max_keepalive_connections,
            keepalive_expiry=POOL_LIMITS.keepalive_expiry,
            network_backend=VettedNetwork(policy),
        )


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """Loading the CA bundle takes tens of milliseconds; one context serves every client."""
    return httpx.create_ssl_context(trust_env=False)
