"""The command-line commands that touch the web or the store: URL briefs, feeds, poll and digest.

Kept apart from `bot.cli` so that briefing a file never imports httpx, trafilatura or SQLAlchemy.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace

from rich.console import Console
from rich.progress import Progress

from bot.briefing import Briefer, BriefResult
from bot.channels import CONSOLE, parse_channel
from bot.digest import DIGEST_SENTENCES, Digest, deliver_digest, preview_digest
from bot.feeds.poll import FeedPoller, PollOptions, PollOutcome
from bot.fingerprints import canonical_url, content_hash
from bot.render import digest_text
from bot.settings import Settings
from bot.sources import fetch_article
from bot.store import Store
from bot.urls import normalize_url
from bot.web import FetchLimits, build_client
from summaries.engine import Engine
from summaries.model import Article

NO_FEEDS = "No feeds yet: add one with `briefbot feeds add URL`."


def fetch_limits(settings: Settings) -> FetchLimits:
    return FetchLimits(
        max_bytes=settings.fetch_max_bytes,
        total_timeout=settings.fetch_timeout,
        allow_private=settings.allow_private_addresses,
    )


def open_store(settings: Settings) -> Store:
    """The configured store, migrated; use it in a `with` block so it is closed."""
    return Store.open(settings.database_url)


def article_from_url(url: str, settings: Settings) -> Article:
    return asyncio.run(fetch_article(url, limits=fetch_limits(settings)))


def brief_url(url: str, briefer: Briefer, *, sentences: int, settings: Settings) -> BriefResult:
    """A URL briefed before is served from the store without fetching it again."""
    url = normalize_url(url)
    store = briefer.store
    known = store.find_article(url=canonical_url(url)) if store else None
    if known is not None:  # briefed (or polled) before: no need to fetch it again
        return briefer.brief(known.article, sentences=sentences, source=url)
    article = article_from_url(url, settings)
    if store is not None:
        # Kept under the link as pasted: after a redirect (http -> https, short links) it is what comes back.
        store.save_article(replace(article, url=url), content_hash=content_hash(article.text))
    return briefer.brief(article, sentences=sentences, source=url)


def feeds_add(
    store: Store,
    url: str,
    channel: str | None,
    *,
    include: list[str],
    exclude: list[str],
    timezone: str | None = None,
    digest_time: str | None = None,
) -> str:
    """With a channel, subscribes it; `timezone` and `digest_time`, when given, change the channel's digest time."""
    if channel is None:
        return f"Following {store.add_feed(normalize_url(url)).url}."
    ref = parse_channel(channel)
    if timezone is not None or digest_time is not None:
        store.update_channel(ref, timezone=timezone, digest_time=digest_time)  # checked before anything is added
    sub = store.subscribe(ref, normalize_url(url), include=include, exclude=exclude)
    return f"{channel} now gets {sub.feed_url} in its digest at {sub.channel.digest_time} {sub.channel.timezone}."


def feeds_remove(store: Store, url: str, channel: str | None) -> str:
    url = normalize_url(url)
    if channel is None:
        return f"Stopped following {url}." if store.remove_feed(url) else f"{url} was not followed."
    removed = store.unsubscribe(parse_channel(channel), url)
    return f"{channel} no longer gets {url}." if removed else f"{channel} was not subscribed to {url}."


def feeds_list(store: Store, channel: str | None) -> str:
    if channel is not None:
        subs = store.subscriptions(parse_channel(channel))
        lines = [f"{s.feed_url}  (digest {s.channel.digest_time} {s.channel.timezone})" for s in subs]
        return "\n".join(lines) or f"{channel} has no subscriptions."
    feeds = store.list_feeds()
    lines = [f"{f.url}  {f.title or ''}".rstrip() for f in feeds]
    return "\n".join(lines) or NO_FEEDS


def poll(store: Store, engine: Engine, settings: Settings) -> list[PollOutcome]:
    """Poll every feed once, with a progress bar on stderr."""
    limits = fetch_limits(settings)
    options = PollOptions(
        concurrency=settings.poll_concurrency,
        first_poll_latest=settings.first_poll_latest,
        sentences=DIGEST_SENTENCES,  # what the digest will show, so it finds the briefings cached
    )

    async def run(executor: Executor) -> list[PollOutcome]:
        async with build_client(limits) as client:
            briefer = Briefer(engine, store)
            poller = FeedPoller(store, briefer, limits=limits, client=client, options=options, executor=executor)
            with Progress(transient=True, console=Console(stderr=True)) as progress:
                task = progress.add_task("Polling feeds", total=len(store.list_feeds()))
                return await poller.poll_all(lambda _: progress.advance(task))

    # forkserver: forking a process whose threads hold locks (SQLite, the event loop) can deadlock the child.
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("forkserver")) as executor:
        return asyncio.run(run(executor))


def describe_poll(outcomes: list[PollOutcome]) -> list[str]:
    lines = []
    for o in outcomes:
        if o.error:
            lines.append(f"{o.feed_url}: {o.error}")
        elif o.not_modified:
            lines.append(f"{o.feed_url}: not modified")
        else:
            text = f"{o.feed_url}: {o.new} new, {o.seen} seen, {o.baseline} baseline"
            text += f", {o.skipped} skipped (gone or no article)" if o.skipped else ""
            lines.append(text + (f", {o.failed} failed (retried next poll)" if o.failed else ""))
            lines += [f"  {problem}" for problem in o.problems]
        if o.warning:
            lines.append(f"  warning: {o.warning}")
    return lines


def digest(store: Store, engine: Engine, channel: str) -> Digest:
    """The console's digest is delivered (never shown twice); another channel's is only previewed."""
    ref = parse_channel(channel)
    briefer = Briefer(engine, store)
    if ref != CONSOLE:
        preview = preview_digest(store, briefer, ref)
        print(digest_text(preview))
        return preview
    delivered = deliver_digest(store, briefer, ref, lambda d: print(digest_text(d)))
    if not delivered.items:
        print(digest_text(delivered))
    return delivered
