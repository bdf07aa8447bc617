"""Polling feeds: fetch (conditional GET) -> parse -> skip what was seen -> fetch and store articles -> brief.

What counts as seen: the entry's GUID (or link) per feed, then the article's canonical URL, then a hash of its
text, so a feed that re-dates or re-GUIDs an item does not make it new again. The first poll of a feed records
what is there as a baseline (never digested), except the latest `first_poll_latest` entries when that is set.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

import httpx

from bot.briefing import Briefer
from bot.feeds.parse import FeedEntry, parse_feed
from bot.fingerprints import content_hash
from bot.sources import extract
from bot.store import FeedRecord, Store
from bot.web import ARTICLE_TYPES, FetchFailed, FetchLimits, FetchRefused, NotAnArticle, fetch
from summaries.article import read_article
from summaries.errors import BriefbotError, NoArticleFound, UnsupportedLanguage
from summaries.model import Article

log = logging.getLogger(__name__)


class Fate(StrEnum):
    """What became of one feed entry; a failed entry gets its problem, as text, instead."""

    NEW = "new"
    SEEN = "seen"
    BASELINE = "baseline"
    SKIPPED = "skipped"
    """Gone for good (404/410) or no article in it: recorded, so it is not fetched on every poll."""


@dataclass(frozen=True, slots=True)
class PollOptions:
    concurrency: int = 8
    """Requests in flight at once, across all feeds and their articles."""
    first_poll_latest: int = 0
    """On a feed's first poll, this many newest entries count as new; the rest are the baseline."""
    sentences: int = 4


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one feed's poll did; `error` when the feed itself failed, `problems` for entries retried next time."""

    feed_url: str
    new: int = 0
    seen: int = 0
    baseline: int = 0
    skipped: int = 0
    failed: int = 0
    not_modified: bool = False
    warning: str | None = None
    error: str | None = None
    problems: tuple[str, ...] = field(default=())


class FeedPoller:
    """Polls every feed in the store concurrently, with one bound on requests in flight."""

    def __init__(
        self,
        store: Store,
        briefer: Briefer,
        *,
        limits: FetchLimits,
        client: httpx.AsyncClient | None = None,
        options: PollOptions = PollOptions(),
        executor: Executor | None = None,
    ) -> None:
        """`executor` runs extraction and summarizing; a process pool puts every core to work."""
        self.executor = executor
        self.store = store
        self.briefer = briefer
        self.limits = limits
        self.client = client
        self.options = options
        self._slots = asyncio.Semaphore(options.concurrency)
        self._briefing: dict[str, asyncio.Future[object]] = {}

    async def poll_all(self, on_done: Callable[[PollOutcome], None] | None = None) -> list[PollOutcome]:
        """Every feed once, concurrently; `on_done` is called as each finishes (a progress bar)."""
        feeds = await asyncio.to_thread(self.store.list_feeds)

        async def one(feed: FeedRecord) -> PollOutcome:
            outcome = await self.poll(feed)
            if on_done:
                on_done(outcome)
            return outcome

        return list(await asyncio.gather(*(one(feed) for feed in feeds)))

    async def poll(self, feed: FeedRecord) -> PollOutcome:
        """Poll one feed; a failure is reported in the outcome, never raised, so one bad feed stops nothing."""
        try:
            async with self._slots:
                page = await fetch(
                    feed.fetch_url,
                    limits=self.limits,
                    client=self.client,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    accept=ARTICLE_TYPES,  # servers label feeds text/html or text/plain too
                )
            now = datetime.now(UTC)
            if page.not_modified:
                await asyncio.to_thread(
                    self.store.update_feed_state, feed.id, etag=page.etag, last_modified=page.last_modified,
                    polled_at=now,
                )  # fmt: skip
                return PollOutcome(feed.url, not_modified=True)
            parsed = await asyncio.to_thread(parse_feed, page.text, url=page.url)
            first_poll = not feed.baseline_done
            results = await asyncio.gather(
                *(
                    self._entry(feed, entry, baseline=first_poll and rank >= self.options.first_poll_latest)
                    for rank, entry in enumerate(parsed.entries)
                )
            )
            problems = tuple(r for r in results if not isinstance(r, Fate))
            # With a failed entry, keep the old validators: the next poll must get the full feed to retry it.
            etag, last_modified = (feed.etag, feed.last_modified) if problems else (page.etag, page.last_modified)
            await asyncio.to_thread(
                self.store.update_feed_state, feed.id, etag=etag, last_modified=last_modified,
                title=parsed.title, polled_at=now, baseline_done=True,
            )  # fmt: skip
        except BriefbotError as error:
            log.warning("Polling %s failed: %s", feed.url, error)
            return PollOutcome(feed.url, error=str(error))
        except Exception:
            log.exception("Polling %s failed unexpectedly", feed.url)
            return PollOutcome(feed.url, error="an unexpected error; the log has the details.")
        return PollOutcome(
            feed.url,
            new=results.count(Fate.NEW),
            seen=results.count(Fate.SEEN),
            baseline=results.count(Fate.BASELINE),
            skipped=results.count(Fate.SKIPPED),
            failed=len(problems),
            warning=parsed.warning,
            problems=problems,
        )

    async def _entry(self, feed: FeedRecord, entry: FeedEntry, *, baseline: bool) -> Fate | str:
        """The entry's fate, or the problem that stopped it (the entry is then retried next poll)."""
        if await asyncio.to_thread(self.store.has_entry, feed.id, entry.key):
            return Fate.SEEN
        try:
            article = await self._article(entry)
        except BriefbotError as error:
            if baseline or _permanent(error):  # recorded all the same: never new later, never fetched again
                await self._record(feed, entry, None, baseline=True)
                return Fate.BASELINE if baseline else Fate.SKIPPED
            log.info("Entry %s of %s failed, retried next poll: %s", entry.link or entry.key, feed.url, error)
            return f"{entry.link or entry.key}: {error}"
        record, _ = await asyncio.to_thread(self.store.save_article, article, content_hash=content_hash(article.text))
        # New to this feed, even if another feed or a user's brief brought it first; the ledger stops repeats.
        seen = await asyncio.to_thread(self.store.feed_has_article, feed.id, record.id)
        await self._record(feed, entry, record.id, baseline=baseline or seen)
        if baseline or seen:
            return Fate.BASELINE if baseline else Fate.SEEN
        await self._brief_once(content_hash(article.text), article)
        return Fate.NEW

    async def _brief_once(self, key: str, article: Article) -> None:
        """Two feeds carrying one new story in the same poll share one summarization."""
        running = self._briefing.get(key)
        if running is None:
            task: asyncio.Future[object] = asyncio.ensure_future(
                self.briefer.brief_in(self.executor, article, sentences=self.options.sentences)
            )
            self._briefing[key] = task
            task.add_done_callback(lambda _: self._briefing.pop(key, None))
            running = task
        await asyncio.shield(running)

    async def _record(self, feed: FeedRecord, entry: FeedEntry, article_id: int | None, *, baseline: bool) -> None:
        await asyncio.to_thread(
            self.store.record_entry, feed.id, entry_key=entry.key, url=entry.url, article_id=article_id,
            baseline=baseline, guid=entry.guid,
        )  # fmt: skip

    async def _article(self, entry: FeedEntry) -> Article:
        """The entry's full text from the feed when it has it, else the page its link points to."""
        if entry.is_full_text:
            return await asyncio.to_thread(read_article, entry.text, title=entry.title, url=entry.link)
        if entry.link is None:
            raise BriefbotError("the entry has no link and only a teaser.")
        known = await asyncio.to_thread(self.store.find_article, url=entry.link)
        if known is not None:
            return known.article
        async with self._slots:
            page = await fetch(entry.link, limits=self.limits, client=self.client, accept=ARTICLE_TYPES)
        return await extract(page, self.executor)  # outside the slot: a slot bounds requests, not CPU work


def _permanent(error: BriefbotError) -> bool:
    """Failures that another try will not mend; timeouts, 5xx and refused connections are worth retrying."""
    if isinstance(error, FetchFailed):
        return error.status in (404, 410)
    return isinstance(error, NoArticleFound | NotAnArticle | UnsupportedLanguage | FetchRefused)
