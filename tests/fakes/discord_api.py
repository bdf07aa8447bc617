"""A fake Discord on 127.0.0.1: the REST API (records every request) and the gateway websocket, in one aiohttp app.

The gateway speaks the real protocol as discord.py expects it: HELLO, then READY (and a GUILD_CREATE a guild)
after IDENTIFY, heartbeat ACKs, then whatever dispatches the test sends with `dispatch`. REST answers what the
client needs to log in, register app commands, send and edit messages and answer interactions; anything else
is a 404 in Discord's error shape. Point discord.py at it with `base_url` and `gateway_url`.

Payload builders (`message`, `interaction`, ...) produce gateway-shaped events: snowflakes as strings, `author.bot`
absent for humans, and fields the docs don't list, as Discord sends them.
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

TOKEN = "fake-bot-token"
BOT_ID = "1100000000000000001"
APPLICATION_ID = "1100000000000000002"
GUILD_ID = "1200000000000000001"
CHANNEL_ID = "1300000000000000001"
HUMAN_ID = "1400000000000000001"
OTHER_BOT_ID = "1400000000000000009"
TIMESTAMP = "2026-11-25T08:00:00.000000+00:00"


@dataclass(frozen=True, slots=True)
class Call:
    """One REST request as it arrived: method, path after the API base, query, JSON body (None when empty)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    at: float = 0.0
    """`time.perf_counter()` when the request had arrived in full."""


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A user object; `bot` is only present for bots, as Discord sends it."""
    data: dict[str, Any] = {
        "id": user_id,
        "username": name,
        "global_name": None,
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
        "avatar_decoration_data": None,  # not in the docs' user object, sent anyway
        "clan": None,
    }
    if bot:
        data["bot"] = True
    return data


BOT_USER = user(BOT_ID, "briefbot", bot=True)
HUMAN = user(HUMAN_ID, "ada")


@dataclass
class FakeDiscord:
    token: str = TOKEN
    guild_channels: list[dict[str, Any]] = field(
        default_factory=lambda: [{"id": CHANNEL_ID, "type": 0, "name": "news", "position": 0, "guild_id": GUILD_ID}]
    )
    threads: list[dict[str, Any]] = field(default_factory=list)
    rest_delay: float = 0.0
    calls: list[Call] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    """Every message object the REST API answered with (posted, edited, followed up), in order."""
    identify: dict[str, Any] | None = None
    port: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1500000000000000001))
    _socket: web.WebSocketResponse | None = None
    _sequence: int = 0
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def snowflake(self) -> str:
        return str(next(self._ids))

    # --- driving the gateway -------------------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Sends a dispatch (op 0) to the connected client."""
        await self.wait_until(lambda: self._socket is not None and self.identify is not None)
        assert self._socket is not None
        self._sequence += 1
        await self._socket.send_str(json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data}))

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(condition)

    async def wait_for_calls(self, method: str, path_start: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The first `count` REST calls with that method whose path starts with `path_start`, once they arrived."""
        await self.wait_until(lambda: len(self.find(method, path_start)) >= count, timeout)
        return self.find(method, path_start)[:count]

    def find(self, method: str, path_start: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(path_start)]

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- gateway -------------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                await socket.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif payload["op"] == 2:
                self.identify = payload["d"]
                await self._ready(payload["d"])
                await self._notify()
        if self._socket is socket:
            self._socket = None
        return socket

    async def _ready(self, identify: dict[str, Any]) -> None:
        assert self._socket is not None
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": GUILD_ID, "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "shard": identify.get("shard", [0, 1]),
            "application": {"id": APPLICATION_ID, "flags": 0},
            "user_settings": {},
            "geo_ordered_rtc_regions": ["rotterdam"],  # undocumented, sent anyway
        }
        self._sequence = 1
        await self._socket.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": ready}))
        self._sequence += 1
        await self._socket.send_str(json.dumps({"op": 0, "t": "GUILD_CREATE", "s": self._sequence, "d": self.guild()}))

    def guild(self) -> dict[str, Any]:
        return {
            "id": GUILD_ID,
            "name": "Newsroom",
            "icon": None,
            "owner_id": HUMAN_ID,
            "unavailable": False,
            "member_count": 2,
            "large": False,
            "roles": [{"id": GUILD_ID, "name": "@everyone", "permissions": "68608", "position": 0, "color": 0}],
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": self.guild_channels,
            "threads": self.threads,
            "members": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "premium_tier": 0,
            "joined_at": TIMESTAMP,
        }

    # --- REST ----------------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        body = json.loads(raw) if raw and request.content_type == "application/json" else None
        path = request.path.removeprefix("/api/v10")
        call = Call(request.method, path, dict(request.query), body, dict(request.headers), time.perf_counter())
        self.calls.append(call)
        await self._notify()
        if self.rest_delay:
            await asyncio.sleep(self.rest_delay)
        webhook = path.startswith(("/webhooks/", "/interactions/"))
        if not webhook and request.headers.get("Authorization") != f"Bot {self.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return self._answer(request.method, path, body, dict(request.query))

    def _answer(self, method: str, path: str, body: Any, query: dict[str, str]) -> web.StreamResponse:
        parts = path.strip("/").split("/")
        match method, parts:
            case "GET", ["users", "@me"]:
                return _json(BOT_USER)
            case "GET", ["oauth2", "applications", "@me"]:
                return _json(
                    {
                        "id": APPLICATION_ID,
                        "name": "briefbot",
                        "icon": None,
                        "description": "",
                        "bot_public": True,
                        "bot_require_code_grant": False,
                        "verify_key": "0" * 64,
                        "owner": HUMAN,
                        "team": None,
                        "flags": 0,
                        "summary": "",
                    }
                )
            case "GET", ["gateway", "bot"]:
                limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
                return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})
            case "GET", ["gateway"]:
                return _json({"url": self.gateway_url})
            case "PUT", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]:
                guild = parts[3] if len(parts) == 5 else None
                return _json([self._command(c, guild) for c in body or []])
            case "POST", ["channels", channel_id, "typing"]:
                return web.Response(status=204)
            case "POST", ["channels", channel_id, "messages"]:
                return _json(self.sent_message(channel_id, body))
            case "POST", ["interactions", interaction_id, _, "callback"]:
                kind = body["type"]
                resource: dict[str, Any] = {"type": kind}
                if kind == 4:
                    resource["message"] = self.sent_message(CHANNEL_ID, body.get("data") or {})
                answer = {"interaction": {"id": interaction_id, "type": 2}, "resource": resource}
                return _json(answer)
            case "PATCH", ["webhooks", _, _, "messages", "@original"]:
                return _json(self.sent_message(CHANNEL_ID, body, author=BOT_USER))
            case "DELETE", ["webhooks", _, _, "messages", "@original"]:
                return web.Response(status=204)
            case "POST", ["webhooks", _, _]:
                if query.get("wait") in ("true", "1"):
                    return _json(self.sent_message(CHANNEL_ID, body))
                return web.Response(status=204)
        return _json({"message": "Unknown route", "code": 0}, status=404)

    def _command(self, data: dict[str, Any], guild: str | None) -> dict[str, Any]:
        return {
            **data,
            "id": self.snowflake(),
            "application_id": APPLICATION_ID,
            "guild_id": guild,
            "version": self.snowflake(),
            "default_member_permissions": None,
        }

    def sent_message(self, channel_id: str, body: dict[str, Any], *, author: dict[str, Any] = BOT_USER) -> dict:
        posted = message(
            self.snowflake(),
            body.get("content") or "",
            author=author,
            channel_id=channel_id,
            guild_id=None,
            embeds=body.get("embeds") or [],
            message_reference=body.get("message_reference"),
        )
        self.sent.append(posted)
        return posted

    # --- lifecycle -----------------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(Exception):
                await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()


def _json(data: Any, status: int = 200) -> web.Response:
    """JSON exactly as Discord labels it: discord.py parses a body only when Content-Type is `application/json`."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


@contextlib.asynccontextmanager
async def running_fake_discord(**options: Any) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord(**options)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


# --- gateway payloads ----------------------------------------------------------------------------------------


def message(
    message_id: str,
    content: str,
    *,
    author: dict[str, Any] = HUMAN,
    channel_id: str = CHANNEL_ID,
    guild_id: str | None = GUILD_ID,
    mentions: list[dict[str, Any]] = (),  # type: ignore[assignment]
    mention_everyone: bool = False,
    kind: int = 0,
    embeds: list[dict[str, Any]] = (),  # type: ignore[assignment]
    message_reference: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A MESSAGE_CREATE payload. In a guild it carries `guild_id` and `member`; in a DM, neither."""
    data: dict[str, Any] = {
        "id": message_id,
        "type": kind,
        "channel_id": channel_id,
        "author": author,
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": mention_everyone,
        "mentions": list(mentions),
        "mention_roles": [],
        "attachments": [],
        "embeds": list(embeds),
        "pinned": False,
        "flags": 0,
        "components": [],
        "nonce": None,
        "channel_type": 0,  # undocumented, sent anyway
    }
    if guild_id is not None:
        data["guild_id"] = guild_id
        data["member"] = {"roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0}
    if message_reference is not None:
        data["message_reference"] = message_reference
        data["type"] = 19 if kind == 0 else kind
    data.update(extra)
    return data


def interaction(
    interaction_id: str,
    options: list[dict[str, Any]],
    *,
    channel: dict[str, Any] | None = None,
    guild_id: str | None = GUILD_ID,
    token: str = "interaction-token",
) -> dict[str, Any]:
    """An INTERACTION_CREATE for `/briefing`: `member.user` in a guild, `user` in a DM."""
    channel = channel or {"id": CHANNEL_ID, "type": 0, "name": "news", "guild_id": GUILD_ID}
    data: dict[str, Any] = {
        "id": interaction_id,
        "application_id": APPLICATION_ID,
        "type": 2,
        "token": token,
        "version": 1,
        "channel_id": channel["id"],
        "channel": channel,
        "data": {"id": "1600000000000000001", "name": "briefing", "type": 1, "options": options},
        "locale": "en-GB",
        "app_permissions": "562949953421311",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID} if guild_id else {"1": HUMAN_ID},
        "context": 0 if guild_id else 1,
        "attachment_size_limit": 10485760,  # undocumented, sent anyway
    }
    if guild_id is not None:
        data["guild_id"] = guild_id
        data["guild_locale"] = "en-US"
        data["guild"] = {"id": guild_id, "locale": "en-US", "features": []}
        data["member"] = {
            "user": HUMAN,
            "roles": [],
            "joined_at": TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": "562949953421311",
        }
    else:
        data["user"] = HUMAN
    return data


def subcommand(name: str, **values: str) -> list[dict[str, Any]]:
    """The options of `/briefing <name> key:value...` (string options)."""
    return [{"type": 1, "name": name, "options": [{"type": 3, "name": k, "value": v} for k, v in values.items()]}]


def thread(thread_id: str, *, parent_id: str = CHANNEL_ID, name: str = "Questions") -> dict[str, Any]:
    """A public thread (type 11) as THREAD_CREATE and interactions carry it; one started from a message has its id."""
    return {
        "id": thread_id,
        "type": 11,
        "guild_id": GUILD_ID,
        "parent_id": parent_id,
        "owner_id": HUMAN_ID,
        "name": name,
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": TIMESTAMP,
            "locked": False,
        },
        "newly_created": True,
    }
