"""Several processes (or threads) on one database: a restarted bot, and bots claiming the same deliveries at once."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, update

from bot.channels import CONSOLE, ChannelRef
from bot.services.runtime import WORKER_MODULES
from bot.store import Store
from bot.store.schema import Delivery
from tests.bot.store.store_samples import ARTICLES, FEED, UKRAINE, save
from tests.bot.store.store_workers import (
    NEWS,
    RECLAIM_AFTER,
    claim_all,
    claim_events,
    deliver_and_hang,
    open_fresh,
    poll_after_restart,
    reclaim_all,
)

WORKERS = 4
ARTICLE_COUNT = 50
PROCESSES = multiprocessing.get_context("forkserver")
"""New processes with their own interpreter state and connections, forked from a server that imported the store once:
spawning each one paid ~0.5 s of imports (a third of the suite's CPU)."""
multiprocessing.set_forkserver_preload([*WORKER_MODULES, "tests.bot.store.store_workers"])  # one server for all
WAIT_SECONDS = 120


def test_restart_in_a_new_process_keeps_ledger_and_baseline(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        store.subscribe(ChannelRef("slack", "C-news"), FEED)
        feed = store.add_feed(FEED)
        baseline, delivered, fresh = (save(store, article) for article in ARTICLES[:3])
        store.record_entry(feed.id, entry_key="guid-0", url=None, article_id=baseline.id, baseline=True)
        store.update_feed_state(feed.id, etag=None, last_modified=None, polled_at=datetime.now(UTC), baseline_done=True)
        store.record_entry(feed.id, entry_key="guid-1", url=None, article_id=delivered.id, baseline=False)
        store.claim_deliveries(ChannelRef("slack", "C-news"), [delivered.id])
        store.record_entry(feed.id, entry_key="guid-2", url=None, article_id=fresh.id, baseline=False)

    with ProcessPoolExecutor(max_workers=1, mp_context=PROCESSES) as pool:
        again, pending, baseline_done = pool.submit(poll_after_restart, sqlite_url).result(timeout=WAIT_SECONDS)

    assert again == [False, False, False]
    assert pending == [fresh.id]
    assert baseline_done
    with Store.open(sqlite_url) as store:
        assert store.pending_articles(ChannelRef("slack", "C-news")) == []


def run_together(target: Callable[..., None], *args: object) -> list[Any]:
    """Starts WORKERS new processes that wait at one barrier, and returns what each put on the queue."""
    start = PROCESSES.Barrier(WORKERS)
    results = PROCESSES.Queue()
    workers = [PROCESSES.Process(target=target, args=(*args, start, results), daemon=True) for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    try:
        collected = [results.get(timeout=WAIT_SECONDS) for _ in workers]
    finally:
        for worker in workers:
            worker.join(timeout=WAIT_SECONDS)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    return collected


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_bots_starting_together_on_a_new_database_all_open_it(backend: str, request: pytest.FixtureRequest) -> None:
    feed_ids = run_together(open_fresh, request.getfixturevalue(backend))
    assert len(set(feed_ids)) == 1


def articles_to_claim(url: str) -> list[int]:
    """Fifty distinct articles: the same real story under fifty addresses and hashes."""
    with Store.open(url) as store:
        return [
            store.save_article(
                dataclasses.replace(UKRAINE, url=f"{UKRAINE.url}&page={number}"), content_hash=f"{number:064x}"
            )[0].id
            for number in range(ARTICLE_COUNT)
        ]


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_concurrent_claims_give_each_article_to_one_process(backend: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(backend)
    ids = articles_to_claim(url)
    claimed = run_together(claim_all, url, ids)
    assert len(set(ids)) == ARTICLE_COUNT
    assert sorted(article_id for part in claimed for article_id in part) == sorted(ids)


def test_concurrent_claims_from_threads_give_each_article_to_one_thread(database_url: str) -> None:
    """The bot calls the store through asyncio.to_thread, so one Store is shared by many threads."""
    ids = articles_to_claim(database_url)
    with Store.open(database_url) as store, ThreadPoolExecutor(max_workers=WORKERS) as pool:
        batches = [ids[first : first + 5] for first in range(0, ARTICLE_COUNT, 5)] * WORKERS
        claimed = [
            article_id
            for part in pool.map(lambda batch: store.claim_deliveries(ChannelRef("slack", "C-news"), batch), batches)
            for article_id in part
        ]
    assert sorted(claimed) == sorted(ids)


def age_claims(url: str, by: timedelta) -> None:
    """Moves every claim back in time, as if its sender had died that long ago (no sleeping in tests)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(update(Delivery).values(claimed_at=datetime.now(UTC) - by))
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_a_stale_claim_is_taken_over_by_exactly_one_process(backend: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(backend)
    ids = articles_to_claim(url)
    with Store.open(url) as store:
        assert store.claim_deliveries(NEWS, ids) == ids
    age_claims(url, RECLAIM_AFTER * 2)
    claimed = run_together(reclaim_all, url, ids)
    assert sorted(article_id for part in claimed for article_id in part) == sorted(ids)


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_each_chat_event_is_handled_by_one_process(backend: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(backend)
    Store.open(url).close()
    events = [f"Ev{number:04d}" for number in range(ARTICLE_COUNT)]
    handled = run_together(claim_events, url, events)
    assert sorted(event for part in handled for event in part) == events


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_article_of_a_process_killed_between_claim_and_send_is_offered_again(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue(backend)
    with Store.open(url) as store:
        store.subscribe(CONSOLE, FEED)
        feed = store.add_feed(FEED)
        article = save(store, UKRAINE)
        store.record_entry(feed.id, entry_key="guid-1", url=None, article_id=article.id, baseline=False)

    progress = PROCESSES.Queue()
    bot = PROCESSES.Process(target=deliver_and_hang, args=(url, progress), daemon=True)
    bot.start()
    try:
        assert progress.get(timeout=WAIT_SECONDS) == [article.url]  # claimed, and now inside send
    finally:
        os.kill(bot.pid, signal.SIGKILL)  # type: ignore[arg-type]
        bot.join(timeout=WAIT_SECONDS)
    assert bot.exitcode == -signal.SIGKILL

    with Store.open(url) as store:
        assert store.pending_articles(CONSOLE) == []  # within CLAIM_TIMEOUT the claim still holds
        assert store.claim_deliveries(CONSOLE, [article.id]) == []
        tiny = timedelta(microseconds=1)
        assert store.pending_articles(CONSOLE, stale_after=tiny) == [article]
        assert store.claim_deliveries(CONSOLE, [article.id], stale_after=tiny) == [article.id]
        store.confirm_deliveries(CONSOLE, [article.id])
        assert store.pending_articles(CONSOLE, stale_after=tiny) == []


def test_threads_of_one_process_take_turns_to_write_without_sqlite_busy_waits(tmp_path, monkeypatch):
    """With SQLite told not to wait at all, eight threads claiming events at once still never find it locked."""
    from bot.store import database

    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0)
    with Store.open(f"sqlite:///{tmp_path / 'bot.db'}") as store, ThreadPoolExecutor(8) as pool:
        claimed = list(pool.map(lambda n: store.claim_event("discord", f"m{n}"), range(400)))
    assert all(claimed)
