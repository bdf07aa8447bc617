"""The composition root: one store, HTTP client, process pool and engine per process, handed to every service.

Each is built on first use, so briefing a file never opens the database or imports httpx, and a chat adapter that
never polls never starts a process pool. Use it as `async with Runtime(settings) as runtime:`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING

from bot.briefing import Briefer, BriefResult
from bot.channels import ChannelRef
from bot.fingerprints import content_hash
from bot.settings import Settings
from summaries.engine import Engine, OfflineEngine
from summaries.errors import BriefbotError

if TYPE_CHECKING:
    import httpx

    from bot.replies import Reply
    from bot.store import Store
    from bot.web import FetchLimits
    from summaries.model import Article


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
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine: Engine = engine or OfflineEngine(key_quotes=settings.key_quotes)
        self._store: Store | None = None
        self._client: httpx.AsyncClient | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._store_lock = asyncio.Lock()
        self._posters: dict[str, ChannelPoster] = {}
        self._briefing: dict[tuple[str, int], asyncio.Future[BriefResult]] = {}

    def register_poster(self, platform: str, poster: ChannelPoster) -> None:
        """Front ends register how to post to their platform, so the scheduler posts without importing them."""
        self._posters[platform] = poster

    def poster(self, platform: str) -> ChannelPoster:
        try:
            return self._posters[platform]
        except KeyError:
            raise NoPoster(f"Nothing running here can post to {platform} channels.") from None

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
            self._executor = ProcessPoolExecutor(os.cpu_count() or 1, mp_context=context)
        return self._executor

    async def briefer(self) -> Briefer:
        return Briefer(self.engine, await self.store())

    async def brief_once(self, article: Article, *, sentences: int) -> BriefResult:
        """A cached briefing, where callers asking for one article at once share one summarization.

        Hundreds of channels due the same minute get the same new articles: the first caller summarizes (and
        caches), the others wait for it instead of racing the cache.
        """
        key = (content_hash(article.text), sentences)
        running = self._briefing.get(key)
        if running is not None:
            return await asyncio.shield(running)
        task = asyncio.ensure_future(self._brief(article, sentences))
        self._briefing[key] = task
        task.add_done_callback(lambda _: self._briefing.pop(key, None))
        return await asyncio.shield(task)

    async def _brief(self, article: Article, sentences: int) -> BriefResult:
        return await (await self.briefer()).brief_in(None, article, sentences=sentences)

    async def aclose(self) -> None:
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
