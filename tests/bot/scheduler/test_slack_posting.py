"""The scheduled digest posted through the real Slack front end to the fake Slack of its tests: a header message
and the rest in its thread; a channel Slack refuses is retried, then paused with Slack's reason in plain words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.channels import ChannelRef
from bot.scheduler.digests import DigestScheduler, Outcome
from bot.services import Runtime, list_feeds
from bot.slack_app.main import start
from tests.bot.scheduler.conftest import Clock, settings_for
from tests.bot.scheduler.test_scheduler import setup_feed
from tests.bot.slack_app.conftest import slack_settings
from tests.fakes.slack_api import running_fake_slack

CHANNEL = ChannelRef("slack", "C0DIGEST", "T0TEST")


async def test_a_digest_goes_to_slack_and_a_refusing_channel_is_paused(tmp_path, pages, cnndm_rows):
    async with running_fake_slack() as fake, Runtime(settings_for(f"sqlite:///{tmp_path / 'b.db'}")) as runtime:
        running = await start(runtime, slack_settings(fake))
        try:
            await setup_feed(runtime, pages, cnndm_rows[:10], CHANNEL)
            clock = Clock(datetime(2026, 11, 26, 7, 30, tzinfo=UTC))
            scheduler = DigestScheduler(runtime, clock=clock)
            await scheduler.sync()
            assert await scheduler.sweep() == {CHANNEL: Outcome.POSTED}
            posts = [c for c in fake.calls if c.method == "chat.postMessage" and c.ok]
            assert posts and "10 new stories" in posts[0].body["text"]
            assert all(p.body.get("thread_ts") for p in posts[1:])

            await setup_feed(runtime, pages, cnndm_rows[10:12], CHANNEL)
            fake.fail("chat.postMessage", times=10, status=200, error="channel_not_found")
            start_at = clock.set("2026-11-27", "07:30")
            outcomes = []
            for minutes in (0, 1, 3, 7):
                clock.now = start_at + timedelta(minutes=minutes)
                outcomes += list((await scheduler.sweep()).values())
            assert outcomes == [Outcome.FAILED] * 3 + [Outcome.PAUSED]
            assert "invite me" in (await list_feeds(runtime, CHANNEL)).summary
        finally:
            await running.stop()
