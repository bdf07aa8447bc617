"""A real runtime for service tests: a SQLite file, the offline engine, loopback pages allowed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.services import Runtime
from bot.settings import Settings


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'briefbot.db'}",
        "allow_private_addresses": True,
        "first_poll_latest": 10,
    }
    return Settings(**{**values, **overrides})  # type: ignore[arg-type]


@pytest_asyncio.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    async with Runtime(settings_for(tmp_path)) as opened:
        yield opened
