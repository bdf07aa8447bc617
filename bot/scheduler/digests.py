"""The morning digest: one APScheduler cron job per channel at its local time, posted exactly once a local day.

Exactly once: before posting, the digest claims (channel, local date) in the store, where a unique constraint lets
one claim win across processes. A claim whose process died is taken over after `BRIEFBOT_CLAIM_TIMEOUT`; a failed
post is retried with backoff (`BRIEFBOT_DIGEST_RETRIES` attempts), then the channel's digest is paused with the
reason until a command in the channel resumes it. Every minute the scheduler re-reads the channels (new, changed,
unsubscribed, paused) and sweeps for digests due today within `BRIEFBOT_DIGEST_GRACE` and not yet posted: that
is the catch-up after a restart and the retry loop; older misses fold into the next digest. Feeds are polled every
`BRIEFBOT_POLL_INTERVAL` seconds (with jitter) and right before a digest. Each digest run and each poll has a
request id of its own (`digest-…`, `poll-…`), carried through its work to its posts, as a chat request's is.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.channels import ChannelRef
from bot.logs import start_request
from bot.replies import DigestReply
from bot.scheduler.triggers import DigestTrigger, digest_trigger, fire_time_on
from bot.services import deliver
from bot.services.polling import poll
from bot.services.runtime import NoPoster, Runtime
from bot.settings import Settings
from summaries.errors import BriefbotError

if TYPE_CHECKING:
    from bot.store import ChannelRecord

log = logging.getLogger(__name__)

SYNC_SECONDS = 60
FRESH_POLL = timedelta(seconds=60)
"""A poll finished this recently counts as 'right before' a digest: 500 channels due at once share one poll."""


class Outcome(StrEnum):
    POSTED = "posted"
    EMPTY = "empty"
    """Nothing new: a one-line notice was posted, or nothing (the channel's `quiet_when_empty`)."""
    TAKEN = "taken"
    """Another process (or an earlier run) has the day's claim."""
    MISSED = "missed"
    """Past the grace period: its articles fold into the next digest."""
    FAILED = "failed"
    PAUSED = "paused"
    SKIPPED = "skipped"
    """Not scheduled here: no subscriptions, disabled, paused, or no front end for its platform in this process."""


@dataclass(frozen=True, slots=True)
class _Schedule:
    digest_time: str
    timezone: str
    trigger: DigestTrigger


def job_id(ref: ChannelRef) -> str:
    return f"digest:{ref.platform}:{ref.workspace}:{ref.channel_id}"


def latest_fire(trigger: DigestTrigger, now: datetime) -> datetime:
    """The last fire time at or before `now`: today's when it has passed, else yesterday's."""
    today = now.astimezone(trigger.zone).date()
    fire = fire_time_on(trigger, today)
    return fire if fire <= now else fire_time_on(trigger, today - timedelta(days=1))


class DigestScheduler:
    """Start with `await start()`, stop with `await stop()`; `clock` is for tests that drive time explicitly."""

    def __init__(
        self,
        runtime: Runtime,
        settings: Settings | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.runtime = runtime
        self.settings = settings or runtime.settings
        self.clock = clock or (lambda: datetime.now(UTC))
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._schedules: dict[ChannelRef, _Schedule] = {}
        self._build_slots = asyncio.Semaphore(self.settings.digest_concurrency)
        self._poll_task: asyncio.Task[None] | None = None
        self._polled_at: datetime | None = None
        self._running: dict[ChannelRef, asyncio.Task[Outcome]] = {}

    async def start(self) -> None:
        """Schedules every channel, the poll and the minute sweep, then runs the catch-up in the background."""
        await self.sync()
        self.scheduler.add_job(
            self.poll,
            IntervalTrigger(seconds=self.settings.poll_interval, jitter=self.settings.poll_jitter, timezone=UTC),
            id="poll",
            coalesce=True,
            max_instances=1,
        )
        self.scheduler.add_job(
            self.tick, IntervalTrigger(seconds=SYNC_SECONDS, timezone=UTC), id="sweep", coalesce=True, max_instances=1
        )
        self.scheduler.start()
        self.scheduler.add_job(self.sweep, id="catch-up")  # now, once

    async def drain(self, timeout: float) -> None:
        """Starts no more digests or polls, and lets the digests running finish (up to `timeout` s); `stop()` after."""
        self.scheduler.pause()
        running = list(self._running.values())
        if running:
            await asyncio.wait(running, timeout=timeout)

    async def stop(self) -> None:
        self.scheduler.shutdown(wait=False)
        running = [*self._running.values(), *([self._poll_task] if self._poll_task else [])]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    @property
    def channels(self) -> dict[ChannelRef, str]:
        """Scheduled channels and their next fire time (ISO, local), for logs and tests."""
        return {
            ref: job.next_run_time.astimezone(self._schedules[ref].trigger.zone).isoformat()
            for ref in self._schedules
            if (job := self.scheduler.get_job(job_id(ref))) is not None and job.next_run_time is not None
        }

    async def sync(self) -> None:
        """One cron job per channel with subscriptions and an active digest; jobs follow changes without a restart."""
        store = await self.runtime.store()
        wanted = {record.ref: record for record in await asyncio.to_thread(store.digest_channels)}
        for ref in list(self._schedules):
            if ref not in wanted:
                del self._schedules[ref]
                if self.scheduler.get_job(job_id(ref)):
                    self.scheduler.remove_job(job_id(ref))
        for ref, record in wanted.items():
            known = self._schedules.get(ref)
            if known and (known.digest_time, known.timezone) == (record.digest_time, record.timezone):
                continue
            trigger = digest_trigger(record.digest_time, record.timezone)
            self._schedules[ref] = _Schedule(record.digest_time, record.timezone, trigger)
            if self.scheduler.get_job(job_id(ref)):  # before start, replace_existing would not replace it yet
                self.scheduler.remove_job(job_id(ref))
            self.scheduler.add_job(
                self.run_digest,
                trigger,
                args=[ref],
                id=job_id(ref),
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(self.settings.digest_grace),
            )

    async def tick(self) -> None:
        await self.sync()
        await self.sweep()

    async def sweep(self) -> dict[ChannelRef, Outcome]:
        """Runs every digest due today within the grace period and not yet posted (catch-up, retries)."""
        now = self.clock()
        grace = timedelta(seconds=self.settings.digest_grace)
        store = await self.runtime.store()
        due = []
        for ref, schedule in list(self._schedules.items()):
            fire = latest_fire(schedule.trigger, now)
            if now - fire > grace or ref in self._running:
                continue
            state = await asyncio.to_thread(store.digest_run, ref, fire.date())
            if state is None or state.claimable(now, self._stale_after):
                due.append(ref)
        results = await asyncio.gather(*(self.run_digest(ref) for ref in due))
        return dict(zip(due, results, strict=True))

    async def run_digest(self, ref: ChannelRef) -> Outcome:
        """The channel's digest for its latest fire time; one run per channel at a time in this process."""
        running = self._running.get(ref)
        if running is not None:
            return await asyncio.shield(running)
        task = asyncio.ensure_future(self._run(ref))
        self._running[ref] = task
        task.add_done_callback(lambda _: self._running.pop(ref, None))
        return await asyncio.shield(task)

    async def poll(self) -> None:
        """Polls every feed; a poll already running is joined rather than started twice."""
        if self._poll_task is None or self._poll_task.done():
            self._poll_task = asyncio.ensure_future(self._poll())
        await asyncio.shield(self._poll_task)

    @property
    def _stale_after(self) -> timedelta:
        return timedelta(seconds=self.settings.claim_timeout)

    async def _poll(self) -> None:
        """Runs in a task of its own, so the request id set here is the poll's alone."""
        start_request("poll")
        try:
            outcomes = await poll(self.runtime)
        except Exception:
            log.exception("Polling feeds failed")
            return
        self._polled_at = self.clock()
        for outcome in outcomes:
            if outcome.error:
                log.warning("Feed %s: %s", outcome.feed_url, outcome.error)
        log.info("Poll done: %d feed(s), %d new article(s)", len(outcomes), sum(outcome.new for outcome in outcomes))

    async def _poll_if_stale(self) -> None:
        fresh = self._polled_at is not None and self.clock() - self._polled_at < FRESH_POLL
        if fresh and (self._poll_task is None or self._poll_task.done()):
            return
        await self.poll()

    async def _run(self, ref: ChannelRef) -> Outcome:
        """Runs in a task of its own (`run_digest`), so the request id set here is this digest run's alone."""
        start_request("digest")
        outcome = await self._digest(ref)
        if outcome is not Outcome.SKIPPED:
            log.info("Digest for %s: %s", ref, outcome)
        return outcome

    async def _digest(self, ref: ChannelRef) -> Outcome:
        store = await self.runtime.store()
        channel = await asyncio.to_thread(store.get_channel, ref)
        schedule = self._schedules.get(ref)
        if channel is None or schedule is None:
            return Outcome.SKIPPED
        try:
            poster = self.runtime.poster(ref.platform)
        except NoPoster:
            log.debug("No front end posts to %s here; %s is left to another process", ref.platform, ref)
            return Outcome.SKIPPED
        now = self.clock()
        fire = latest_fire(schedule.trigger, now)
        if now - fire > timedelta(seconds=self.settings.digest_grace):
            return Outcome.MISSED
        day = fire.date()
        async with self._build_slots:  # hundreds due at once: queue here rather than on SQLite's write lock
            claimed = await asyncio.to_thread(store.claim_digest, ref, day, now=now, stale_after=self._stale_after)
        if not claimed:
            return Outcome.TAKEN
        try:
            await self._poll_if_stale()
            outcome = await self._post(ref, channel, day, poster)
        except asyncio.CancelledError:  # stopped (a shutdown): the claim goes back; a killed process's goes stale
            await asyncio.shield(asyncio.to_thread(store.release_digest, ref, day))
            raise
        except Exception as error:
            return await self._failed(ref, day, error)
        await asyncio.to_thread(store.finish_digest, ref, day, now=self.clock())
        return outcome

    async def _post(self, ref: ChannelRef, channel: ChannelRecord, day: date, poster: Callable[..., object]) -> Outcome:
        async def send(digest: DigestReply) -> None:
            await poster(ref, digest)  # type: ignore[misc]

        digest = await deliver(self.runtime, ref, send, day=day, build_slots=self._build_slots)
        if digest.stories or digest.more:
            return Outcome.POSTED
        if not channel.quiet_when_empty:
            await send(DigestReply(ref, (), date=day.isoformat()))
        return Outcome.EMPTY

    async def _failed(self, ref: ChannelRef, day: date, error: Exception) -> Outcome:
        reason = plain_reason(error)
        log.warning("Digest for %s on %s failed: %s", ref, day, reason, exc_info=not isinstance(error, BriefbotError))
        store = await self.runtime.store()
        now = self.clock()
        backoff = timedelta(seconds=self.settings.digest_retry_after)
        attempts = await asyncio.to_thread(store.record_digest_failure, ref, day, reason, now=now, backoff=backoff)
        if attempts >= self.settings.digest_retries:
            await asyncio.to_thread(store.pause_digest, ref, reason, now=now)
            await self.sync()
            return Outcome.PAUSED
        return Outcome.FAILED


def plain_reason(error: Exception) -> str:
    """What a user can read in `feeds`: a front end's own message (PostFailed), else the kind of failure."""
    if isinstance(error, BriefbotError):
        return str(error)
    return f"posting failed with an unexpected error ({type(error).__name__})"
