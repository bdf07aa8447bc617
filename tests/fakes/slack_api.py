"""A fake Slack on 127.0.0.1 that records every call: the Web API, `response_url`s and a Socket Mode websocket.

Point `BRIEFBOT_SLACK_API_URL` (SlackSettings.api_url) at `api_url` and hand out `response_url(name)` in payloads.
`fail(method, ...)` makes the next calls of a method answer 429 (with Retry-After) or a Slack error code.
Tests wait for calls with `wait_for`, which wakes on each arrival: no sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOTBRIEF"
BOT_ID = "BBOTBRIEF"
TEAM_ID = "T0TEST"


@dataclass(frozen=True, slots=True)
class Call:
    """One request: a Web API method ('chat.postMessage'), or 'response_url' with `path` set."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    """time.perf_counter() when it arrived."""
    path: str = ""
    status: int = 200
    error: str | None = None
    """The Slack error code answered (`{"ok": false}`), if any."""

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass(frozen=True, slots=True)
class Failure:
    status: int = 429
    retry_after: int = 0
    error: str | None = None


@dataclass
class FakeSlack:
    port: int = 0
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    socket_url: str | None = None
    """What apps.connections.open hands out; the built-in websocket unless set."""
    acks: list[dict[str, Any]] = field(default_factory=list)
    delays: dict[str, float] = field(default_factory=dict)
    """Seconds a Web API method takes to answer (recorded on arrival): a slow Slack, to catch work in flight."""
    """Messages the Socket Mode client sent back (acks carry envelope_id)."""
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def fail(self, method: str, times: int = 1, *, status: int = 429, retry_after: int = 0, error: str | None = None):
        """The next `times` calls of `method` ('response_url' for those) fail this way."""
        self.failures.setdefault(method, []).extend([Failure(status, retry_after, error)] * times)

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.ok]

    def posts(self) -> list[Call]:
        """Messages that reached Slack: chat.postMessage, chat.postEphemeral and response_url posts."""
        return [
            c for c in self.calls if c.method in ("chat.postMessage", "chat.postEphemeral", "response_url") and c.ok
        ]

    async def wait_for(self, check: Callable[[FakeSlack], bool], timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: check(self)), timeout)

    async def send_envelope(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for socket in self._sockets:
            await socket.send_json(envelope)

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _failure(self, method: str) -> Failure | None:
        queue = self.failures.get(method)
        return queue.pop(0) if queue else None

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await _body(request)
        failure = self._failure(method)
        status = failure.status if failure else 200
        error = (failure.error or "fatal_error") if failure and failure.status != 429 else None
        await self._record(Call(method, body, dict(request.headers), time.perf_counter(), status=status, error=error))
        if self.delays.get(method):
            await asyncio.sleep(self.delays[method])
        if failure and failure.status == 429:
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(failure.retry_after)}
            )
        if failure:
            return web.json_response({"ok": False, "error": error}, status=status)
        return web.json_response(self._answer(method, body, request))

    def _answer(self, method: str, body: dict[str, Any], request: web.Request) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "briefbot"}
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"ts": ts, "text": body.get("text")},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1800000000.{next(self._ts):06d}"}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url or f"ws://127.0.0.1:{self.port}/socket"}
        return {"ok": True}

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await _body(request)
        failure = self._failure("response_url")
        status = failure.status if failure else 200
        call = Call("response_url", body, dict(request.headers), time.perf_counter(), request.path, status)
        await self._record(call)
        headers = {"Retry-After": str(failure.retry_after)} if failure and failure.status == 429 else None
        return web.Response(status=status, text="ok" if status == 200 else "rate_limited", headers=headers)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    async with self._changed:
                        self.acks.append(json.loads(message.data))
                        self._changed.notify_all()
        finally:
            self._sockets.remove(socket)
        return socket

    async def close_sockets(self) -> None:
        for socket in list(self._sockets):
            await socket.close()


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    return {key: value for key, value in (await request.post()).items() if isinstance(value, str)}


@contextlib.asynccontextmanager
async def running_fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    app = web.Application()
    app.router.add_post("/api/{method}", fake._api)
    app.router.add_post("/response/{name}", fake._response_url)
    app.router.add_get("/socket", fake._socket)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.port = runner.addresses[0][1]
    try:
        yield fake
    finally:
        await fake.close_sockets()
        await runner.cleanup()
