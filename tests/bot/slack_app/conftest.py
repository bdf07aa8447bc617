"""The real Slack app on 127.0.0.1 (any free port) against a fake Slack recording calls; requests signed like Slack."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from slack_sdk.signature import SignatureVerifier

from bot.services import Runtime
from bot.settings import Settings, SlackSettings
from bot.slack_app.main import Running, start
from tests.bot.store.conftest import database_url, postgres_base, postgres_url, sqlite_url  # noqa: F401 (fixtures)
from tests.conftest import SHARED
from tests.fakes.slack_api import TEAM_ID, FakeSlack, running_fake_slack

SECRET = "test-signing-secret"
PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"


def slack_settings(fake: FakeSlack, **overrides: Any) -> SlackSettings:
    values = {
        "bot_token": "xoxb-test",
        "signing_secret": SECRET,
        "api_url": fake.api_url,
        "host": "127.0.0.1",
        "port": 0,
        **overrides,
    }
    return SlackSettings(**values)


def settings_for(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'briefbot.db'}", allow_private_addresses=True)  # type: ignore[call-arg]


def signed(body: str, *, secret: str = SECRET, timestamp: int | None = None, **headers: str) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, **headers}


def mrkdwn(body: dict) -> str:
    """The fallback and every mrkdwn text of a message: what Slack parses for mentions and links."""
    found = [body.get("text", "")]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body.get("blocks", []))
    return "\n".join(found)


@dataclass
class SlackClient:
    """Posts to the running app what Slack would: form-encoded commands and interactivity, JSON events."""

    url: str
    session: aiohttp.ClientSession
    fake: FakeSlack

    async def post(self, body: str, content_type: str, **sign: Any) -> tuple[int, str, float]:
        headers = {"Content-Type": content_type, **signed(body, **sign)}
        async with self.session.post(self.url, data=body.encode(), headers=headers) as response:
            return response.status, await response.text(), time.perf_counter()

    async def command(self, text: str, *, channel: str = "C1", user: str = "U1", name: str = "r1", **sign: Any):
        body = urllib.parse.urlencode(
            {
                "token": "legacy",
                "team_id": TEAM_ID,
                "team_domain": "test",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": "someone",
                "command": "/briefing",
                "text": text,
                "api_app_id": "A1",
                "is_enterprise_install": "false",
                "response_url": self.fake.response_url(name),
                "trigger_id": "1.2.3",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded", **sign)

    async def event(self, event: dict[str, Any], *, event_id: str = "Ev1", retry: int | None = None, **sign: Any):
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": TEAM_ID,
                "api_app_id": "A1",
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOTBRIEF", "is_bot": True}],
            }
        )
        if retry is not None:
            sign = {**sign, "X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(body, "application/json", **sign)

    async def interaction(self, payload: dict[str, Any]):
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")


@pytest.fixture(scope="session")
def page_bytes() -> bytes:
    if not PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    return PAGE.read_bytes()


@pytest_asyncio.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with running_fake_slack() as fake:
        yield fake


@pytest_asyncio.fixture
async def running(tmp_path: Path, fake_slack: FakeSlack) -> AsyncIterator[Running]:
    async with Runtime(settings_for(tmp_path)) as runtime:
        app = await start(runtime, slack_settings(fake_slack))
        try:
            yield app
        finally:
            await app.stop()


@pytest_asyncio.fixture
async def slack(running: Running, fake_slack: FakeSlack) -> AsyncIterator[SlackClient]:
    async with aiohttp.ClientSession() as session:
        yield SlackClient(f"http://127.0.0.1:{running.port}/slack/events", session, fake_slack)
