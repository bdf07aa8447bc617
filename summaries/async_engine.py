"""The awaitable twin of `summaries.engine.Engine`, so one services layer can `await` any engine.

`Engine` is synchronous because the offline engine is CPU-bound; the LLM engine waits on the network, so its
`brief`/`quotes`/`answer` are coroutines with the same arguments and return types. A caller holding either asks
`as_async(engine)` for an `AsyncEngine`: an async engine is returned as it is, a sync one is wrapped so its calls run
in a worker thread (`asyncio.to_thread`) and never block the event loop.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Protocol, runtime_checkable

from summaries.engine import DEFAULT_SENTENCES, Engine
from summaries.model import Answer, Article, Briefing, QuoteDigest


@runtime_checkable
class AsyncEngine(Protocol):
    name: str
    version: str
    """Bumped whenever the output changes for the same input, so cached briefings are not served stale."""
    multilingual: bool
    """Whether it reads articles that are not English; see `summaries.engine.Engine.multilingual`."""

    @property
    def settings_key(self) -> str:
        """Every setting that changes the output (model, prompt version...), as a short stable string for cache keys."""
        ...

    async def brief(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> Briefing: ...

    async def quotes(self, article: Article) -> QuoteDigest: ...

    async def answer(self, article: Article, question: str) -> Answer: ...


class ThreadedEngine:
    """A synchronous `Engine` seen as an `AsyncEngine`: each call runs in a worker thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = engine.name
        self.version = engine.version
        self.multilingual = engine.multilingual

    @property
    def settings_key(self) -> str:
        return self.engine.settings_key

    async def brief(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> Briefing:
        return await asyncio.to_thread(self.engine.brief, article, sentences=sentences)

    async def quotes(self, article: Article) -> QuoteDigest:
        return await asyncio.to_thread(self.engine.quotes, article)

    async def answer(self, article: Article, question: str) -> Answer:
        return await asyncio.to_thread(self.engine.answer, article, question)


def is_async_engine(engine: Engine | AsyncEngine) -> bool:
    return inspect.iscoroutinefunction(engine.brief)


def as_async(engine: Engine | AsyncEngine) -> AsyncEngine:
    """`engine` itself when its methods are coroutines, else a `ThreadedEngine` around it."""
    if is_async_engine(engine):
        return engine  # type: ignore[return-value]
    return ThreadedEngine(engine)  # type: ignore[arg-type]
