"""Scheduled work logs as a chat request does: each digest run and each poll has its own request id, carried from
its start through the work to its post."""

from __future__ import annotations

from bot.channels import CONSOLE, ChannelRef
from bot.scheduler.digests import DigestScheduler, Outcome
from tests.bot.scheduler.test_scheduler import setup_feed

SLACK = ChannelRef("slack", "C1", "T1")


async def test_each_digest_run_and_its_poll_have_their_own_request_id_carried_to_the_post(
    runtime, pages, clock, recorder, cnndm_rows, json_logs
):
    store = await runtime.store()
    store.subscribe(SLACK, pages.url("/rss"))
    store.update_channel(SLACK, digest_time="07:30", timezone="UTC")
    await setup_feed(runtime, pages, cnndm_rows[:2], at="07:30")
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "07:31")
    assert await scheduler.sweep() == {CONSOLE: Outcome.POSTED, SLACK: Outcome.POSTED}  # polled first, once

    lines = json_logs()
    posted = dict(zip((ref for ref, _ in recorder.posts), recorder.request_ids, strict=True))
    assert len(set(posted.values())) == 2 and all(i and i.startswith("digest-") for i in posted.values()), posted
    for ref, request in posted.items():
        [done] = [line for line in lines if line["message"] == f"Digest for {ref}: posted"]
        assert done.get("request_id") == request
    [polled] = [line for line in lines if line["message"] == "Poll done: 1 feed(s), 2 new article(s)"]
    assert polled.get("request_id", "").startswith("poll-")
