"""A real HTTP/1.1 server on 127.0.0.1 running in the test's own event loop, so a test controls every byte it sends.

Each route is a coroutine that writes the whole response itself: that is how a test streams 50 MB, lies in
Content-Length, trickles one byte at a time or never answers at all.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[SeenRequest, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class PageServer:
    """Routes by path; unknown paths get 404. `requests` records what arrived, in order."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    port: int = 0
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @staticmethod
    def head(status: int, headers: Iterable[tuple[str, str]] = ()) -> bytes:
        """The status line and headers of a response that closes its connection when done."""
        lines = [f"HTTP/1.1 {status} Test", "Connection: close", *(f"{name}: {value}" for name, value in headers)]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def handle(self, path: str, handler: Handler) -> None:
        """Answer `path` with a handler that writes the whole response itself."""
        self.routes[path] = handler

    def serve(self, path: str, status: int = 200, headers: Iterable[tuple[str, str]] = (), body: bytes = b"") -> None:
        """Answer `path` with a complete response and an honest Content-Length."""
        response = self.head(status, [*headers, ("Content-Length", str(len(body)))]) + body

        async def handler(request: SeenRequest, writer: asyncio.StreamWriter) -> None:
            writer.write(response)
            await writer.drain()

        self.routes[path] = handler

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.serve(path, status, [("Location", location)])

    def hold(self, path: str) -> asyncio.Event:
        """`path` never answers (until the server closes): work fetching it stays in flight. The event is set when
        a request for it arrives."""
        arrived = asyncio.Event()

        async def never_answer(request: SeenRequest, writer: asyncio.StreamWriter) -> None:
            arrived.set()
            await asyncio.Event().wait()

        self.routes[path] = never_answer
        return arrived

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            request = await _read_request(reader)
            self.requests.append(request)
            handler = self.routes.get(request.path)
            if handler is None:
                writer.write(self.head(404, [("Content-Length", "0")]))
            else:
                await handler(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client hung up, which is what several tests are about
        except asyncio.CancelledError:
            pass  # stopped at teardown; a cancelled connection task makes asyncio's stream callback log an error
        finally:
            writer.close()
            self._tasks.discard(task)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await task


async def _read_request(reader: asyncio.StreamReader) -> SeenRequest:
    raw = await reader.readuntil(b"\r\n\r\n")
    request_line, *header_lines = raw.decode("latin-1").split("\r\n")
    method, path, _ = request_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return SeenRequest(method, path, headers)


async def start_page_server() -> tuple[PageServer, asyncio.Server]:
    page_server = PageServer()
    server = await asyncio.start_server(page_server._serve, "127.0.0.1", 0)
    page_server.port = server.sockets[0].getsockname()[1]
    return page_server, server


@contextlib.asynccontextmanager
async def running_page_server() -> AsyncIterator[PageServer]:
    page_server, server = await start_page_server()
    try:
        yield page_server
    finally:
        server.close()
        await page_server.close()
        await server.wait_closed()
