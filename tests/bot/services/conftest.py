"""A real runtime for service tests: a SQLite file, the offline engine, loopback pages allowed; `llm_env` points
the settings at an LLM server instead (the fake OpenAI server on loopback)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
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


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Choose the LLM engine, on the server at the URL given, through the environment as a deployment would."""

    def configure(base_url: str) -> None:
        monkeypatch.setenv("BRIEFBOT_ENGINE", "llm")
        monkeypatch.setenv("BRIEFBOT_LLM_MODEL", "local-model")
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)

    return configure
