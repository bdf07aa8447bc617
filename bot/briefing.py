"""Briefing an article through an engine, with the store as a cache keyed by `cache_key`.

A second request for the same article, from any channel or process, is served from the cache, not recomputed.
"""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.fingerprints import content_hash
from summaries.model import Article, Briefing, QuoteDigest

if TYPE_CHECKING:  # the engines import the whole core (quotes, names): only a briefing needs it, not `feeds list`
    from summaries.async_engine import AsyncEngine
    from summaries.engine import Engine
if TYPE_CHECKING:  # the store pulls in SQLAlchemy, which plain file briefings never need
    from bot.store import Store


@dataclass(frozen=True, slots=True)
class BriefResult:
    """Everything a briefing reply shows for one article."""

    source: str
    article: Article
    briefing: Briefing
    quotes: QuoteDigest
    cached: bool = False
    fallback: bool = False
    """Made offline because the configured model failed: kept nowhere, so the next request tries the model again."""


def cache_key(engine: Engine | AsyncEngine, content_hash: str, sentences: int) -> str:
    """The one place a cached briefing's key is built: the article, the engine, its version and every setting.

    Bumping `engine.version` or changing a setting (model, key quotes) misses the old entries instead of serving them.
    """
    settings = hashlib.sha256(f"{engine.settings_key}\0sentences={sentences}".encode()).hexdigest()[:16]
    return f"{content_hash}:{engine.name}:{engine.version}:{settings}"


def compute(engine: Engine, article: Article, sentences: int) -> tuple[Briefing, QuoteDigest]:
    """The engine's work for one article; a module-level function so a process pool can run it."""
    return engine.brief(article, sentences=sentences), engine.quotes(article)


class Briefer:
    """Briefs articles through one engine, with the store (when given) as a cache shared by every process."""

    def __init__(self, engine: Engine | AsyncEngine, store: Store | None = None) -> None:
        self.engine = engine
        self.store = store

    def brief(self, article: Article, *, sentences: int, source: str | None = None) -> BriefResult:
        """Synchronous callers only, with a synchronous engine; async code uses `brief_in`."""
        from summaries.async_engine import is_async_engine

        if is_async_engine(self.engine):
            raise TypeError("an async engine is briefed with `await brief_in(...)`")
        key = cache_key(self.engine, content_hash(article.text), sentences)
        hit = self.cached(key)
        if hit is not None:
            return _result(source, article, hit, cached=True)
        return self.remember(key, article, compute(self.engine, article, sentences), source)  # type: ignore[arg-type]

    async def brief_in(
        self, executor: Executor | None, article: Article, *, sentences: int, source: str | None = None
    ) -> BriefResult:
        """`brief` for async callers: store calls in threads, the engine in `executor` (e.g. a process pool)."""
        key = cache_key(self.engine, content_hash(article.text), sentences)
        hit = await asyncio.to_thread(self.cached, key)
        if hit is not None:
            return _result(source, article, hit, cached=True)
        engine = self.engine
        from summaries.async_engine import is_async_engine

        if is_async_engine(engine):  # waits on a server: awaited here, never in a worker
            llm: AsyncEngine = engine  # type: ignore[assignment]
            computed = (await llm.brief(article, sentences=sentences), await llm.quotes(article))
            if not _made_by_model(computed[0]):  # an offline fallback: not cached as the model's work
                return _result(source, article, computed, cached=False, fallback=True)
        else:
            loop = asyncio.get_running_loop()
            offline: Engine = engine  # type: ignore[assignment]
            computed = await loop.run_in_executor(executor, compute, offline, article, sentences)
        return await asyncio.to_thread(self.remember, key, article, computed, source)

    def cached(self, key: str) -> tuple[Briefing, QuoteDigest] | None:
        """`key` is a `cache_key`."""
        return self.store.cached_briefing(key) if self.store is not None else None

    def remember(
        self, key: str, article: Article, computed: tuple[Briefing, QuoteDigest], source: str | None
    ) -> BriefResult:
        if self.store is not None:
            self.store.cache_briefing(key, *computed)
        return _result(source, article, computed, cached=False)


def _made_by_model(briefing: Briefing) -> bool:
    from summaries.llm import made_by_model

    return made_by_model(briefing)


def _result(
    source: str | None, article: Article, parts: tuple[Briefing, QuoteDigest], *, cached: bool, fallback: bool = False
) -> BriefResult:
    return BriefResult(source or article.url or article.headline, article, *parts, cached=cached, fallback=fallback)
