"""Following feeds: for a channel's digest (subscriptions with filters, the channel's digest time) or just polled."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.channels import ChannelRef
from bot.replies import FeedLine, FeedsReply, Notice, filter_words
from bot.services.runtime import Runtime
from bot.urls import normalize_url


async def follow(
    runtime: Runtime,
    url: str,
    channel: ChannelRef | None = None,
    *,
    only: Sequence[str] = (),
    excluding: Sequence[str] = (),
    at: str | None = None,
    timezone: str | None = None,
) -> Notice:
    """Without a channel the feed is only polled; with one, its new articles go to the channel's digest.

    A bad time or time zone is refused before anything is stored.
    """
    store = await runtime.store()
    url = normalize_url(url)
    if channel is None:
        feed = await asyncio.to_thread(store.add_feed, url)
        return Notice(f"Following {feed.url}.")
    settings = await asyncio.to_thread(store.update_channel, channel, digest_time=at, timezone=timezone)
    sub = await asyncio.to_thread(store.subscribe, channel, url, include=only, exclude=excluding)
    filters = _filters(sub.include, sub.exclude)
    return Notice(
        f"Subscribed to {sub.feed_url}{filters}: new articles come in this channel's digest at "
        f"{settings.digest_time} ({settings.timezone})."
    )


async def unfollow(runtime: Runtime, url: str, channel: ChannelRef | None = None) -> Notice:
    store = await runtime.store()
    url = normalize_url(url)
    if channel is None:
        removed = await asyncio.to_thread(store.remove_feed, url)
        return Notice(f"Stopped following {url}." if removed else f"{url} was not followed.")
    removed = await asyncio.to_thread(store.unsubscribe, channel, url)
    return Notice(f"Unsubscribed from {url}." if removed else f"This channel was not subscribed to {url}.")


async def list_feeds(runtime: Runtime, channel: ChannelRef | None = None) -> FeedsReply:
    store = await runtime.store()
    if channel is None:
        feeds = await asyncio.to_thread(store.list_feeds)
        return FeedsReply(None, tuple(FeedLine(f.url, f.title) for f in feeds))
    subs = await asyncio.to_thread(store.subscriptions, channel)
    settings = await asyncio.to_thread(store.get_channel, channel)
    pause = await asyncio.to_thread(store.digest_pause, channel)
    lines = tuple(FeedLine(s.feed_url, None, s.include, s.exclude) for s in subs)
    return FeedsReply(
        channel,
        lines,
        settings.digest_time if settings else None,
        settings.timezone if settings else None,
        pause.reason if pause else None,
    )


def _filters(only: Sequence[str], excluding: Sequence[str]) -> str:
    words = filter_words(only, excluding)
    return f" ({words})" if words else ""
