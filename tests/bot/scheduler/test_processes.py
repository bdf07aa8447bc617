"""Schedulers in separate processes on one database (a SQLite file, and PostgreSQL when configured): each
channel's digest is posted once; a process killed between the claim and the post is taken over after the timeout."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.channels import ChannelRef
from bot.scheduler.digests import DigestScheduler, Outcome
from bot.services import Runtime
from bot.services.polling import poll
from tests.bot.scheduler.conftest import Clock, Recorder, settings_for
from tests.fakes.feeds import news_items, rss2

ROOT = Path(__file__).resolve().parents[3]
RSS = [("Content-Type", "application/rss+xml; charset=utf-8")]
NOW = datetime(2026, 11, 26, 7, 31, tzinfo=UTC)
CHANNELS = [ChannelRef("slack", f"C{n:03}", "T1") for n in range(12)]


async def prepared(url, pages, rows, channels):
    """Channels subscribed at 07:30 UTC to a feed with a baseline of two items and three new ones, polled and
    briefed here, so the workers' own polls find nothing to summarize and start no process pool."""
    async with Runtime(settings_for(url)) as runtime:
        store = await runtime.store()
        for ref in channels:
            store.subscribe(ref, pages.url("/rss"))
            store.update_channel(ref, digest_time="07:30", timezone="UTC")
        pages.serve("/rss", body=rss2(news_items(rows[:2])).encode(), headers=RSS)
        await poll(runtime)
        pages.serve("/rss", body=rss2(news_items(rows[:5])).encode(), headers=RSS)
        await poll(runtime)


async def worker(url, out, now, *extra, start_new_session=False):
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bot.scheduler.scheduler_worker", url, str(out), now.isoformat(), *extra,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, start_new_session=start_new_session,
    )  # fmt: skip


async def test_two_schedulers_racing_post_each_channels_digest_once(database_url, pages, tmp_path, cnndm_rows):
    await prepared(database_url, pages, cnndm_rows, CHANNELS)
    out = tmp_path / "posted.jsonl"
    racers = [await worker(database_url, out, NOW) for _ in range(2)]
    reports = [json.loads((await racer.communicate())[0].decode().strip().splitlines()[-1]) for racer in racers]
    posts = [json.loads(line) for line in out.read_text().splitlines()]
    assert Counter(p["channel"] for p in posts) == Counter({ref.channel_id: 1 for ref in CHANNELS})
    assert all(len(p["urls"]) == 3 for p in posts)
    outcomes = Counter(o for report in reports for o in report.values())
    assert outcomes[Outcome.POSTED] == len(CHANNELS)


async def test_a_process_killed_between_claim_and_post_is_taken_over_after_the_timeout(
    sqlite_url, pages, tmp_path, cnndm_rows
):
    [ref] = CHANNELS[:1]
    await prepared(sqlite_url, pages, cnndm_rows, [ref])
    # Its own session, so the kill takes its process pool too (they share its stdout: the pipe would stay open).
    doomed = await worker(sqlite_url, tmp_path / "never.jsonl", NOW, "hang", start_new_session=True)
    try:
        assert (await doomed.stdout.readline()).strip() == b"posting"  # claimed the day and the articles
    finally:
        os.killpg(doomed.pid, signal.SIGKILL)
        await doomed.wait()
    recorder, clock = Recorder(), Clock(NOW + timedelta(seconds=30))
    async with Runtime(settings_for(sqlite_url, claim_timeout=1.0)) as runtime:
        runtime.register_poster("slack", recorder)
        scheduler = DigestScheduler(runtime, clock=clock)
        await scheduler.sync()
        clock.now = NOW + timedelta(seconds=0.5)
        assert await scheduler.run_digest(ref) == Outcome.TAKEN  # the claim may still be posting
        await asyncio.sleep(1.2)  # the delivery ledger's claim timeout runs on the database's clock
        clock.now = NOW + timedelta(seconds=30)
        assert await scheduler.sweep() == {ref: Outcome.POSTED}
        assert len(recorder.urls()) == 3
        assert await scheduler.sweep() == {}  # posted: nothing more today
