"""The composition root: one store, HTTP client, process pool and engine per process, handed to every service.

Each is built on first use, so briefing a file never opens the database or imports httpx, and a chat adapter that
never polls never starts a process pool. Use it as `async with Runtime(settings) as runtime:`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import Executor, ProcessPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from bot.channels import ChannelRef
from bot.settings import Settings
from summaries.errors import BriefbotError

if TYPE_CHECKING:
    import httpx

    from bot.briefing import Briefer
    from bot.replies import Reply
    from bot.store import Store
    from bot.web import FetchLimits
    from summaries.async_engine import AsyncEngine
    from summaries.engine import Engine
    from summaries.model import Article, Briefing, QuoteDigest


T = TypeVar("T")


def choose_engine(settings: Settings, name: str | None = None) -> Engine | AsyncEngine:
    """The offline engine unless the LLM engine is asked for (`name`, else BRIEFBOT_ENGINE) and configured.

    Raises LLMNotConfigured (a BriefbotError naming the missing setting) when asked for and not configured.
    """
    from bot.llm_settings import load_llm_settings

    llm = load_llm_settings()
    if (name or llm.engine) == "offline":
        from summaries.engine import OfflineEngine  # the whole core: imported when an engine is first needed

        return OfflineEngine(key_quotes=settings.key_quotes)
    from bot.engines import build_engine  # imports the openai client: only on the LLM path

    return build_engine(settings, llm, engine="llm")


BRIEFED_IN_MEMORY = 4096
"""Briefings a long-running process keeps in memory for digests (a few KB each)."""

ChannelPoster = Callable[[ChannelRef, "Reply"], Awaitable[object]]
"""Posts a reply to a channel unprompted (the morning digest); each chat front end registers one for its platform."""


class NoPoster(BriefbotError):
    """No running front end can post to that channel's platform."""


class PostFailed(BriefbotError):
    """A poster could not post to a channel; the message says why in plain words, for the channel's users.

    Posters raise it for what the platform answered (channel deleted, bot removed, token revoked, server errors);
    the scheduler records it, retries with backoff, then pauses the digest and shows the message in `feeds`.
    """


class Runtime:
    def __init__(
        self,
        settings: Settings,
        engine: Engine | AsyncEngine | None = None,
        *,
        cpu_pool: bool = False,
        engine_name: str | None = None,
    ) -> None:
        """`engine` defaults to the one the settings choose (`engine_name`, else `BRIEFBOT_ENGINE`: offline unless
        llm), built on first use: a command that briefs nothing never imports the core.

        `cpu_pool`: extract and brief in the process pool, as long-running chat processes should (every core works
        and the event loop never waits on the GIL); a one-shot terminal command saves the pool's start instead.
        """
        self.settings = settings
        self.cpu_pool = cpu_pool
        self._engine: Engine | AsyncEngine | None = engine
        self._engine_name = engine_name
        self._store: Store | None = None
        self._client: httpx.AsyncClient | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._store_lock = asyncio.Lock()
        self._posters: dict[str, ChannelPoster] = {}
        self._in_flight: dict[Hashable, asyncio.Future[Any]] = {}
        self._briefed: OrderedDict[tuple[str, int], tuple[Briefing, QuoteDigest]] = OrderedDict()

    @property
    def engine(self) -> Engine | AsyncEngine:
        if self._engine is None:
            self._engine = choose_engine(self.settings, self._engine_name)
        return self._engine

    @engine.setter
    def engine(self, engine: Engine | AsyncEngine) -> None:
        self._engine = engine

    def register_poster(self, platform: str, poster: ChannelPoster) -> None:
        """Front ends register how to post to their platform, so the scheduler posts without importing them."""
        self._posters[platform] = poster

    def poster(self, platform: str) -> ChannelPoster:
        try:
            return self._posters[platform]
        except KeyError:
            raise NoPoster(f"Nothing running here can post to {platform} channels.") from None

    async def coalesce(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """Concurrent calls with equal keys share one run of `work` (a link many people brief at once).

        A caller cancelled while waiting does not cancel the shared run; its result or error reaches every caller.
        """
        running = self._in_flight.get(key)
        if running is None:
            running = asyncio.ensure_future(work())
            self._in_flight[key] = running
            running.add_done_callback(lambda _: self._in_flight.pop(key, None))
        return await asyncio.shield(running)

    @property
    def limits(self) -> FetchLimits:
        from bot.web import FetchLimits

        return FetchLimits(
            max_bytes=self.settings.fetch_max_bytes,
            total_timeout=self.settings.fetch_timeout,
            allow_private=self.settings.allow_private_addresses,
        )

    async def store(self) -> Store:
        """The configured store, opened (and migrated) once, off the event loop."""
        async with self._store_lock:
            if self._store is None:
                from bot.store import Store

                self._store = await asyncio.to_thread(Store.open, self.settings.database_url)
            return self._store

    @property
    def client(self) -> httpx.AsyncClient:
        """One HTTP client for every fetch, so connections are reused; its connections go to vetted addresses only."""
        if self._client is None:
            from bot.web import build_client

            self._client = build_client(self.limits)
        return self._client

    @property
    def executor(self) -> Executor:
        """A process pool for extraction and summarizing in bulk (polls); single requests run in threads."""
        if self._executor is None:
            # forkserver: forking a process whose threads hold locks (SQLite, the event loop) can deadlock the child.
            context = multiprocessing.get_context("forkserver")
            self._executor = ProcessPoolExecutor(
                os.cpu_count() or 1, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
            )
        return self._executor

    @property
    def cpu(self) -> Executor | None:
        """Where CPU-bound work (extraction, summarizing) of single requests runs: the pool, or a worker thread."""
        return self.executor if self.cpu_pool else None

    async def warm_up(self) -> None:
        """Start the pool's workers and load extraction and the core in each, before the first request needs them."""
        if self.cpu_pool:
            loop = asyncio.get_running_loop()
            workers = os.cpu_count() or 1
            await asyncio.gather(*(loop.run_in_executor(self.executor, _load_workers) for _ in range(workers)))

    async def briefer(self) -> Briefer:
        from bot.briefing import Briefer

        return Briefer(self.engine, await self.store())

    async def brief_once(
        self, content_hash: str, article: Callable[[], Article], *, sentences: int
    ) -> tuple[Briefing, QuoteDigest]:
        """The article's briefing, summarized once per process however many callers want it.

        Hundreds of channels due the same minute get the same new articles: the first caller summarizes (or reads
        the store's cache), the others wait for it; later callers get it from memory. `article` builds the article
        (re-splitting stored text costs CPU), called only when neither memory nor a caller in flight has it.
        """
        key = (content_hash, sentences)
        if key in self._briefed:
            self._briefed.move_to_end(key)
            return self._briefed[key]
        return await self.coalesce(("digest-briefing", *key), lambda: self._brief(key, article, sentences))

    async def _brief(
        self, key: tuple[str, int], article: Callable[[], Article], sentences: int
    ) -> tuple[Briefing, QuoteDigest]:
        built = await asyncio.to_thread(article)
        result = await (await self.briefer()).brief_in(self.cpu, built, sentences=sentences)
        if result.fallback:  # the model failed: the next digest asks it again
            return result.briefing, result.quotes
        self._briefed[key] = (result.briefing, result.quotes)
        while len(self._briefed) > BRIEFED_IN_MEMORY:
            self._briefed.popitem(last=False)
        return self._briefed[key]

    @property
    def answerer(self) -> AsyncEngine:
        """The engine to await, whichever kind it is (a sync engine runs in a worker thread)."""
        from summaries.async_engine import as_async

        return as_async(self.engine)

    async def aclose(self) -> None:
        closer = getattr(self._engine, "aclose", None)
        if closer is not None:
            await closer()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
        if self._store is not None:
            self._store.close()
            self._store = None

    async def __aenter__(self) -> Runtime:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()


PARENT_CHECK_SECONDS = 1.0
"""How often a pool worker checks that the process that started it is still there."""


def _exit_with(parent: int) -> None:
    """Run in each pool worker: exit soon after `parent` does, even after `kill -9`, which runs no clean-up."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid was reused by another user's process: ours is gone
                os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _load_workers() -> None:
    """Run in each pool worker: import what extraction and briefing need, so no request pays for it."""
    import bot.sources  # noqa: F401 - trafilatura, lxml
    import summaries.engine  # noqa: F401
