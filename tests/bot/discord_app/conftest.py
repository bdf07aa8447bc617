"""The real discord.py client, logged in to a fake Discord on loopback, with a real runtime (SQLite, offline engine)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio

from bot.discord_app.bot import BriefbotClient
from bot.discord_app.main import point_discord_py_at
from bot.services import Runtime
from bot.settings import DiscordSettings
from tests.bot.services.conftest import settings_for
from tests.conftest import SHARED
from tests.fakes.discord_api import FakeDiscord, running_fake_discord

BBC_PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"


@dataclass
class Connected:
    fake: FakeDiscord
    client: BriefbotClient
    runtime: Runtime


@pytest.fixture(autouse=True)
def restore_discord_py_endpoints() -> Any:
    """The endpoints are class attributes: each test points them at its own fake, and puts them back after."""
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
def bbc_page() -> bytes:
    if not BBC_PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    return BBC_PAGE.read_bytes()


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as server:
        yield server


ConnectFactory = Callable[..., Any]


@pytest_asyncio.fixture
async def connect(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[ConnectFactory]:
    """`await connect(**discord_settings)`: a client logged in and READY on the fake; closed at teardown."""
    started: list[tuple[BriefbotClient, asyncio.Task[None], Runtime]] = []

    async def start(**overrides: Any) -> Connected:
        values = {"token": fake.token, "api_url": fake.base_url, "gateway_url": fake.gateway_url, **overrides}
        settings = DiscordSettings(**values)
        point_discord_py_at(settings)
        runtime = Runtime(settings_for(tmp_path))
        client = BriefbotClient(runtime, settings, guild_ready_timeout=0.05)
        task = asyncio.create_task(client.start(fake.token))
        started.append((client, task, runtime))
        await fake.wait_until(lambda: fake.identify is not None or task.done())
        if task.done():
            task.result()  # login failed: raise why
        async with asyncio.timeout(10):
            await client.wait_until_ready()
        return Connected(fake, client, runtime)

    yield start
    for client, task, runtime in started:
        await client.close()
        await asyncio.wait_for(task, 5)
        await runtime.aclose()


@pytest_asyncio.fixture
async def bot(connect: ConnectFactory) -> Connected:
    return await connect()
