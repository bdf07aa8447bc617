"""Code run in other processes (forkserver children): a second bot sharing the database, or the bot restarted."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from bot.channels import CONSOLE, ChannelRef
from bot.replies import DigestReply
from bot.services import Runtime, deliver
from bot.settings import Settings
from bot.store import Store
from tests.bot.store.store_samples import ARTICLES, FEED, save

CLAIM_BATCH = 5
NEWS = ChannelRef("slack", "C-news")
RECLAIM_AFTER = timedelta(minutes=5)


def claim_all(
    url: str, article_ids: list[int], start: Barrier, results: Queue, stale_after: timedelta | None = None
) -> None:
    """Claims every id for one channel, in a shuffled order and small batches, once all workers are ready; with
    `stale_after`, claims that went stale are taken over, as several recovering bots would at once."""
    store = Store.open(url)
    try:
        order = list(article_ids)
        random.shuffle(order)
        start.wait(timeout=60)
        options = {"stale_after": stale_after} if stale_after else {}
        claimed: list[int] = []
        for first in range(0, len(order), CLAIM_BATCH):
            claimed += store.claim_deliveries(NEWS, order[first : first + CLAIM_BATCH], **options)
        results.put(claimed)
    finally:
        store.close()


def reclaim_all(url: str, article_ids: list[int], start: Barrier, results: Queue) -> None:
    claim_all(url, article_ids, start, results, stale_after=RECLAIM_AFTER)


def poll_after_restart(url: str) -> tuple[list[bool], list[int], bool]:
    """What a restarted bot sees: the same feed entries again (are they new?), what is pending, the baseline flag.

    Then it delivers what was pending, as its digest would.
    """
    store = Store.open(url)
    try:
        feed = store.get_feed(FEED)
        assert feed is not None
        again = []
        for index, article in enumerate(ARTICLES[:3]):
            record = save(store, article)
            again.append(
                store.record_entry(
                    feed.id, entry_key=f"guid-{index}", url=article.url, article_id=record.id, baseline=False
                )
            )
        pending = [article.id for article in store.pending_articles(ChannelRef("slack", "C-news"))]
        store.claim_deliveries(ChannelRef("slack", "C-news"), pending)
        return again, pending, feed.baseline_done
    finally:
        store.close()


def open_fresh(url: str, start: Barrier, results: Queue) -> None:
    """Opens (and so migrates) a database that other workers open at the same moment, then adds the same feed."""
    start.wait(timeout=60)
    store = Store.open(url)
    try:
        results.put(store.add_feed(FEED).id)
    finally:
        store.close()


def claim_events(url: str, event_ids: list[str], start: Barrier, results: Queue) -> None:
    """Claims each chat event, as bots receiving the same retried events at once would."""
    store = Store.open(url)
    try:
        order = list(event_ids)
        random.shuffle(order)
        start.wait(timeout=60)
        results.put([event for event in order if store.claim_event("slack", event)])
    finally:
        store.close()


def deliver_and_hang(url: str, progress: Queue) -> None:
    """Delivers the console digest through the services with a send that never ends: the test kills it inside."""

    async def hang(digest: DigestReply) -> None:
        progress.put([story.url for story in digest.stories])
        await asyncio.sleep(600)

    async def run() -> None:
        async with Runtime(Settings(database_url=url)) as runtime:
            await deliver(runtime, CONSOLE, hang)

    asyncio.run(run())
