"""The fake OpenAI-compatible server, and LLM engines pointed at it through the real `openai.AsyncOpenAI` client.

Every test here runs twice, reading replies whole and streamed (`LLMConfig.stream`), unless its module overrides
the `stream` fixture: what the engine checks and how it falls back must not depend on how the reply travels.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio
from openai import AsyncOpenAI

from summaries.llm import LLMConfig, LLMEngine
from tests.fakes.openai_server import FakeOpenAI, running_fake_openai

MakeEngine = Callable[..., LLMEngine]


@pytest_asyncio.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with running_fake_openai() as server:
        yield server


@pytest.fixture(params=[True, False], ids=["streamed", "whole"])
def stream(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest_asyncio.fixture
async def make_engine(fake_openai: FakeOpenAI, stream: bool) -> AsyncIterator[MakeEngine]:
    """LLMEngines on the fake server, closed after the test; keyword arguments override `LLMConfig` fields."""
    made: list[LLMEngine] = []

    def make(**overrides: Any) -> LLMEngine:
        budget = overrides.pop("budget", None)
        defaults = {"model": "fake-model", "total_timeout": 5.0, "request_timeout": 5.0, "stream": stream}
        config = LLMConfig(**{**defaults, **overrides})
        client = AsyncOpenAI(api_key="test", base_url=fake_openai.base_url, max_retries=0)
        made.append(LLMEngine(client, config, budget=budget))
        return made[-1]

    yield make
    for engine in made:
        await engine.aclose()
