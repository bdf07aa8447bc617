"""Polling every followed feed once, with the runtime's shared HTTP client and process pool."""

from __future__ import annotations

from collections.abc import Callable

from bot.feeds.poll import FeedPoller, PollOptions, PollOutcome
from bot.services.digests import DIGEST_SENTENCES
from bot.services.runtime import Runtime


async def poll(runtime: Runtime, on_done: Callable[[PollOutcome], None] | None = None) -> list[PollOutcome]:
    """Every feed once, concurrently; one bad feed is reported in its outcome and stops nothing."""
    settings = runtime.settings
    options = PollOptions(
        concurrency=settings.poll_concurrency,
        first_poll_latest=settings.first_poll_latest,
        sentences=DIGEST_SENTENCES,  # what the digest will show, so it finds the briefings cached
        feed_timeout=settings.poll_timeout,
    )
    store = await runtime.store()
    poller = FeedPoller(
        store,
        await runtime.briefer(),
        limits=runtime.limits,
        client=runtime.client,
        options=options,
        executor=runtime.executor,
    )
    return await poller.poll_all(on_done)


def describe(outcomes: list[PollOutcome]) -> list[str]:
    """One line a feed, and one an entry that failed (it is retried later, with backoff)."""
    lines = []
    for o in outcomes:
        if o.error:
            lines.append(f"{o.feed_url}: {o.error}")
        elif o.not_modified:
            lines.append(f"{o.feed_url}: not modified")
        else:
            text = f"{o.feed_url}: {o.new} new, {o.seen} seen, {o.baseline} baseline"
            text += f", {o.skipped} skipped (gone, no article, or failing too often)" if o.skipped else ""
            text += f", {o.waiting} waiting to be retried" if o.waiting else ""
            lines.append(text + (f", {o.failed} failed (retried later)" if o.failed else ""))
            lines += [f"  {problem}" for problem in o.problems]
        if o.warning:
            lines.append(f"  warning: {o.warning}")
    return lines
