"""Fakes for `briefbot run` in a child process: Slack, Discord, a loopback feed, a channel whose digest is due."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest_asyncio

from bot.channels import ChannelRef
from bot.services import Runtime
from bot.services.polling import poll
from bot.settings import Settings
from tests.bot.slack_app.conftest import page_bytes  # noqa: F401 (fixture)
from tests.bot.store.conftest import database_url, postgres_base, postgres_url, sqlite_url  # noqa: F401 (fixtures)
from tests.fakes.discord_api import FakeDiscord, running_fake_discord
from tests.fakes.feeds import news_items, rss2
from tests.fakes.page_server import PageServer
from tests.fakes.slack_api import TEAM_ID, FakeSlack, running_fake_slack

DIGEST_CHANNEL = ChannelRef("slack", "CDIGEST", TEAM_ID)
SLACK_TOKEN = "xoxb-1111111111-2222222222-runtestSECRETtoken"
SIGNING_SECRET = "runtest-signing-secret-5f1e"
DISCORD_TOKEN = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWsSECRET"
RSS = [("Content-Type", "application/rss+xml; charset=utf-8")]


async def due_digest(url: str, pages: PageServer, rows: list[dict], channel: ChannelRef = DIGEST_CHANNEL) -> list[str]:
    """`channel` follows a feed with three new articles (briefed here), its digest due two minutes ago (UTC).
    The article URLs."""
    settings = Settings(database_url=url, allow_private_addresses=True)  # type: ignore[call-arg]
    async with Runtime(settings) as runtime:
        store = await runtime.store()
        store.subscribe(channel, pages.url("/rss"))
        due = (datetime.now(UTC) - timedelta(minutes=2)).strftime("%H:%M")
        store.update_channel(channel, digest_time=due, timezone="UTC")
        pages.serve("/rss", body=rss2(news_items(rows[:1])).encode(), headers=RSS)
        await poll(runtime)
        new = news_items(rows[:4])
        pages.serve("/rss", body=rss2(new).encode(), headers=RSS)
        await poll(runtime)
    return [item.link for item in new[1:]]


def env_for(url: str, slack: FakeSlack, discord: FakeDiscord | None = None, **extra: str) -> dict[str, str]:
    env = {
        "DATABASE_URL": url,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "BRIEFBOT_SLACK_API_URL": slack.api_url,
        "BRIEFBOT_HOST": "127.0.0.1",
        "PORT": "0",
        "BRIEFBOT_LOG_FORMAT": "json",
        "BRIEFBOT_ALLOW_PRIVATE_ADDRESSES": "true",
        "BRIEFBOT_POLL_INTERVAL": "3600",
        **extra,
    }
    if discord is not None:
        env |= {
            "DISCORD_TOKEN": discord.token,
            "BRIEFBOT_DISCORD_API_URL": discord.base_url,
            "BRIEFBOT_DISCORD_GATEWAY_URL": discord.gateway_url,
        }
    return env


@pytest_asyncio.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with running_fake_slack() as fake:
        yield fake


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord(token=DISCORD_TOKEN) as fake:
        yield fake
