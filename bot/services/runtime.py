"""The composition root: one store, HTTP client, process pool and engine per process, handed to every service.

Each is built on first use, so briefing a file never opens the database or imports httpx, and a chat adapter that
never polls never starts a process pool. Use it as `async with Runtime(settings) as runtime:`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
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
    from bot.llm_settings import EngineName
    from bot.replies import Reply
    from bot.store import Store
    from bot.web import FetchLimits
    from summaries.async_engine import AsyncEngine
    from summaries.engine import Engine
    from summaries.model import Article, Briefing, QuoteDigest


T = TypeVar("T")


def choose_engine(settings: Settings, name: EngineName | None = None) -> Engine | AsyncEngine:
    """The offline engine unless the LLM engine is asked for (`name`, else BRIEFBOT_ENGINE) and configured.

    Raises LLMNotConfigured (a BriefbotError naming the missing setting) when asked for and not configured.
    """
    from bot.engines import build_engine
    from bot.llm_settings import load_llm_settings

    return build_engine(settings, load_llm_settings(), engine=name)


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
        engine_name: EngineName | None = None,
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
        self._warm = False
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
        """The configured store, opened (and migrated) once, off the event loop (importing SQLAlchemy too)."""
        async with self._store_lock:
            if self._store is None:
                self._store = await asyncio.to_thread(_open_store, self.settings.database_url)
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
            # The server imports them once and every worker forks from it with them loaded (no ~0.7 s each).
            context.set_forkserver_preload(list(WORKER_MODULES))
            self._executor = ProcessPoolExecutor(
                os.cpu_count() or 1, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
            )
        return self._executor

    @property
    def cpu(self) -> Executor | None:
        """Where CPU-bound work (extraction, summarizing) of single requests runs: the pool, or a worker thread."""
        return self.executor if self.cpu_pool else None

    async def warm_up(self) -> None:
        """Before the first request, and off the event loop, build what it would otherwise build on the loop: the
        engine (importing the core takes ~0.5 s), the HTTP client (its TLS context ~40 ms) and the pool's workers
        (starting one blocks until it answers), each loaded with extraction and the core (without a pool, extraction
        is imported here). Then freeze start-up's
        objects out of the collector's full passes (walking them held the loop ~100 ms). Later calls do nothing.
        """
        if self._warm:
            return
        self._warm = True
        if self._engine is None:
            with contextlib.suppress(BriefbotError):  # a misconfigured engine is the first request's error, as ever
                engine = await asyncio.to_thread(choose_engine, self.settings, self._engine_name)
                self._engine = self._engine or engine
        if self._client is None:
            from bot.web import build_client

            client = await asyncio.to_thread(build_client, self.limits)
            if self._client is None:
                self._client = client
            else:
                await client.aclose()
        if self.cpu_pool:
            await asyncio.to_thread(_start_workers, self.executor, os.cpu_count() or 1)
        else:  # extraction runs in this process's threads: import it now, not under the first request (~1 s)
            await asyncio.to_thread(_import_extraction)
        # Start-up's objects (modules, the engine, a chat library's caches) last as long as the process.
        await asyncio.to_thread(gc.collect)
        gc.freeze()

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


def _open_store(url: str) -> Store:
    from bot.store import Store  # SQLAlchemy and Alembic: ~0.5 s of imports

    return Store.open(url)


PARENT_CHECK_SECONDS = 1.0
"""How often a pool worker checks that the process that started it is still there."""


WORKER_NICENESS = 10
"""Pool workers run at a lower CPU priority than the event loop's process: when both want a core, the loop (chat
heartbeats, acknowledgements, replies ready to send) gets it at once and extraction waits a few milliseconds, instead
of the loop waiting behind extraction. Idle cores still go to the workers."""


WORKER_MODULES = ("bot.sources", "summaries.engine")
"""What pool workers run: extraction (trafilatura, lxml) and the core."""


def _start_worker(parent: int) -> None:
    """Run in each pool worker as it starts: exit with `parent`, yield the CPU to the event loop (WORKER_NICENESS),
    and import what extraction and briefing need, so no request pays for it (a worker restarted after a crash too)."""
    _exit_with(parent)
    os.nice(WORKER_NICENESS)
    for module in WORKER_MODULES:  # already there when the forkserver preloaded them
        importlib.import_module(module)


def _import_extraction() -> None:
    import bot.sources  # noqa: F401 - trafilatura, lxml


def _exit_with(parent: int) -> None:
    """Exit soon after `parent` does, even after `kill -9`, which runs no clean-up."""

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


def _start_workers(executor: Executor, workers: int) -> None:
    """Start the pool's `workers` (each submission starts one) and wait until they answer; call it in a thread."""
    for started in [executor.submit(os.getpid) for _ in range(workers)]:
        started.result()
