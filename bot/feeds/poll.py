"""Polling feeds: fetch (conditional GET) -> parse -> skip what was seen -> fetch and store articles -> brief.

What counts as seen: the entry's GUID (or link) per feed, its title and description together, then the article's
canonical URL, then a hash of its text, so a feed that re-dates, re-GUIDs or re-links an item does not make it new
again. The first poll of a feed records what is there as a baseline (never digested) from the feed alone, without
fetching a page, except the latest `first_poll_latest` entries when that is set.

Bounds: each feed's poll ends after `feed_timeout` seconds (unfinished entries count as failed); an entry that
fails is retried with backoff (RETRY_AFTER doubling), and after MAX_TRIES failures it is skipped for good.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import httpx
from sqlalchemy.exc import SQLAlchemyError

from bot.briefing import Briefer
from bot.feeds.parse import FeedEntry, parse_feed
from bot.fingerprints import content_hash
from bot.sources import extract
from bot.store import FeedRecord, Store
from bot.web import ARTICLE_TYPES, FetchFailed, FetchLimits, FetchRefused, NotAnArticle, fetch
from summaries.article import read_article, require_english
from summaries.errors import BriefbotError, NoArticleFound, UnsupportedLanguage
from summaries.model import Article

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=10)
"""Wait after an entry's first failure; doubled after each further one, up to RETRY_AFTER_MAX."""
RETRY_AFTER_MAX = timedelta(hours=12)
MAX_TRIES = 6
"""Failures after which an entry is skipped for good (about a day of trying)."""


class NoLink(BriefbotError):
    """The entry has only a teaser and no http(s) link to its page (none, or `file:`, `javascript:`...)."""


class Fate(StrEnum):
    """What became of one feed entry; a failed entry gets its problem, as text, instead."""

    NEW = "new"
    SEEN = "seen"
    BASELINE = "baseline"
    SKIPPED = "skipped"
    """Gone for good (404/410), no article in it, or failing too often: recorded, so it is not fetched again."""
    WAITING = "waiting"
    """Failed before and not due for another try yet (backoff)."""


@dataclass(frozen=True, slots=True)
class PollOptions:
    concurrency: int = 8
    """Requests in flight at once, across all feeds and their articles."""
    first_poll_latest: int = 0
    """On a feed's first poll, this many newest entries count as new; the rest are the baseline."""
    sentences: int = 4
    feed_timeout: float = 120.0
    """Seconds one feed's poll may take, its entries' fetches included; what is unfinished is retried later."""


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one feed's poll did; `error` when the feed itself failed, `problems` for entries retried next time."""

    feed_url: str
    new: int = 0
    seen: int = 0
    baseline: int = 0
    skipped: int = 0
    failed: int = 0
    waiting: int = 0
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
            entries = _distinct(parsed.entries)  # one item listed 1,000 times is one entry
            latest = self.options.first_poll_latest
            results = await self._entries(feed, [(e, first_poll and rank >= latest) for rank, e in enumerate(entries)])
            problems = tuple(r for r in results if not isinstance(r, Fate))
            # With an entry to retry, keep the old validators: the next poll must get the full feed to retry it.
            retry = problems or Fate.WAITING in results
            etag, last_modified = (feed.etag, feed.last_modified) if retry else (page.etag, page.last_modified)
            await asyncio.to_thread(
                self.store.update_feed_state, feed.id, etag=etag, last_modified=last_modified,
                title=parsed.title, polled_at=now, baseline_done=True,
            )  # fmt: skip
        except BriefbotError as error:
            log.info("Polling %s failed: %s", feed.url, error)  # the outcome says so; one line per problem
            return PollOutcome(feed.url, error=str(error))
        except SQLAlchemyError:
            raise  # the database failing is no one feed's problem: the poll stops and says so once
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
            waiting=results.count(Fate.WAITING),
            warning=parsed.warning,
            problems=problems,
        )

    async def _entries(self, feed: FeedRecord, entries: list[tuple[FeedEntry, bool]]) -> list[Fate | str]:
        """Each entry's fate, within the feed's time bound; an entry still running then is a problem, retried later."""
        tasks = [asyncio.ensure_future(self._entry(feed, entry, baseline=baseline)) for entry, baseline in entries]
        if not tasks:
            return []
        done, pending = await asyncio.wait(tasks, timeout=self.options.feed_timeout)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        results: list[Fate | str] = []
        for task, (entry, _) in zip(tasks, entries, strict=True):
            if task in done:
                results.append(task.result())
                continue
            await self._failed(feed, entry)
            results.append(f"{_name(entry)}: not done within {self.options.feed_timeout:g} seconds")
        return results

    async def _entry(self, feed: FeedRecord, entry: FeedEntry, *, baseline: bool) -> Fate | str:
        """The entry's fate, or the problem that stopped it (the entry is then retried later, with backoff)."""
        story = _story_key(entry)
        if await asyncio.to_thread(self.store.has_entry, feed.id, entry.key) or (
            story and await asyncio.to_thread(self.store.has_entry, feed.id, story)
        ):
            return Fate.SEEN
        if baseline:  # a baseline is never posted: the feed alone records it, no page is fetched
            await self._record(feed, entry, story, None, baseline=True)
            return Fate.BASELINE
        failures, last = await asyncio.to_thread(self.store.entry_failures, feed.id, entry.key)
        if failures and last is not None and datetime.now(UTC) < last + _backoff(failures):
            return Fate.WAITING
        try:
            article = await self._article(entry)
            if not self.briefer.engine.multilingual:  # skipped for good, as before it is kept
                require_english(article)
        except BriefbotError as error:
            if _permanent(error) or failures + 1 >= MAX_TRIES:  # recorded: never new later, never fetched again
                await self._record(feed, entry, story, None, baseline=True)
                return Fate.SKIPPED
            log.info("Entry %s of %s failed, retried later: %s", _name(entry), feed.url, error)
            await self._failed(feed, entry)
            return f"{_name(entry)}: {error}"
        hashed = content_hash(article.text)
        record, _ = await asyncio.to_thread(self.store.save_article, article, content_hash=hashed)
        # New to this feed, even if another feed or a user's brief brought it first; the ledger stops repeats.
        seen = await asyncio.to_thread(self.store.feed_has_article, feed.id, record.id)
        await self._record(feed, entry, story, record.id, baseline=baseline or seen)
        if baseline or seen:
            return Fate.BASELINE if baseline else Fate.SEEN
        try:
            await self._brief_once(hashed, article)
        except BriefbotError as error:  # kept and new all the same: the digest tries its briefing again
            log.info("Briefing entry %s of %s failed, left to the digest: %s", _name(entry), feed.url, error)
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

    async def _record(
        self, feed: FeedRecord, entry: FeedEntry, story: str | None, article_id: int | None, *, baseline: bool
    ) -> None:
        """The entry under its key and, when it has one, its story key (`_story_key`)."""
        await asyncio.to_thread(
            self.store.record_entry, feed.id, entry_key=entry.key, url=entry.url, article_id=article_id,
            baseline=baseline, guid=entry.guid,
        )  # fmt: skip
        if story:  # the same title and description under another GUID and link is the same story re-published
            await asyncio.to_thread(
                self.store.record_entry, feed.id, entry_key=story, url=None, article_id=None, baseline=True
            )

    async def _failed(self, feed: FeedRecord, entry: FeedEntry) -> None:
        await asyncio.to_thread(self.store.record_entry_failure, feed.id, entry.key)

    async def _article(self, entry: FeedEntry) -> Article:
        """The entry's full text from the feed when it has it, else the page its link points to."""
        if entry.is_full_text:
            return await asyncio.to_thread(read_article, entry.text, title=entry.title, url=entry.link)
        if entry.link is None:
            raise NoLink("the entry has only a teaser and no web link to its page.")
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
    return isinstance(error, NoArticleFound | NotAnArticle | UnsupportedLanguage | FetchRefused | NoLink)


def _backoff(failures: int) -> timedelta:
    return min(RETRY_AFTER * 2 ** (failures - 1), RETRY_AFTER_MAX)


def _name(entry: FeedEntry) -> str:
    return entry.link or entry.key


def _distinct(entries: tuple[FeedEntry, ...]) -> list[FeedEntry]:
    """The first of entries sharing a key, or a title and description: counts must be of stories, not of lines."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        keys = {entry.key, _story_key(entry) or entry.key}
        if not keys & seen:
            out.append(entry)
        seen |= keys
    return out


def _story_key(entry: FeedEntry) -> str | None:
    """A key from the title and description together; none when either is missing (too little to tell stories apart)."""
    if not entry.title.strip() or len(entry.text.split()) < 5:
        return None
    return f"story:{content_hash(entry.title + chr(10) + entry.text)}"
