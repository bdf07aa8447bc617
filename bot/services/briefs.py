"""Briefing a source: load it (cache first), brief it through the engine (cache first), remember it for questions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.briefing import Briefer, BriefResult
from bot.channels import ChannelRef
from bot.replies import BriefingReply, briefing_reply
from bot.services.runtime import Runtime
from bot.services.sources import Source, load


@dataclass(frozen=True, slots=True)
class Briefed:
    reply: BriefingReply
    article_id: int | None
    """The stored article, so a front end can tie the message it posts to it (`remember_post`)."""


async def brief(
    runtime: Runtime,
    source: Source,
    *,
    sentences: int | None = None,
    channel: ChannelRef | None = None,
    remember: bool = True,
) -> Briefed:
    """The briefing and quote digest of `source`; with `channel`, it becomes the channel's article to ask about.

    `remember=False` leaves that to the caller's `remember_post` once the briefing is posted (one write, not two).
    """
    keep = channel is not None
    count = sentences or runtime.settings.sentences
    # The same link posted by many people at once is fetched and briefed once.
    briefed = await runtime.coalesce(("brief", source, keep, count), lambda: _brief(runtime, source, keep, count))
    if remember and channel is not None and briefed.article_id is not None:
        store = await runtime.store()
        await asyncio.to_thread(store.remember_briefing, channel, briefed.article_id)
    return briefed


async def _brief(runtime: Runtime, source: Source, keep: bool, count: int) -> Briefed:
    loaded = await load(runtime, source, keep=keep, sentences=count)
    result = loaded.briefed
    if result is None:
        briefer = await runtime.briefer() if loaded.record is not None else Briefer(runtime.engine)
        result = await briefer.brief_in(runtime.cpu, loaded.article, sentences=count, source=loaded.source)
    return Briefed(to_reply(result), loaded.record.id if loaded.record else None)


async def remember_post(runtime: Runtime, channel: ChannelRef, article_id: int, message_id: str | None) -> None:
    """Ties the message a front end posted (Slack ts, Discord message id; None: unknown) to its article."""
    store = await runtime.store()
    await asyncio.to_thread(store.remember_briefing, channel, article_id, message_id=message_id)


def to_reply(result: BriefResult) -> BriefingReply:
    article = result.article
    return briefing_reply(
        source=result.source,
        article_url=article.url,
        headline=result.briefing.headline,
        sentences=result.briefing.sentences,
        quotes=result.quotes.quotes,
        engine=result.briefing.engine,
        cached=result.cached,
        site=article.site_name,
        author=article.author,
        published=article.published,
        image=article.image,
        truncated=article.truncated,
    )


async def recall(runtime: Runtime, channel: ChannelRef, message_id: str | None) -> BriefingReply | None:
    """The briefing posted as `message_id` in `channel` (the channel's last without one), every quote included.

    For a chat's "show all quotes" button: served from the store's cache, nothing is fetched again.
    """
    store = await runtime.store()
    record = await asyncio.to_thread(store.last_article, channel, message_id=message_id)
    if record is None:
        return None
    briefer = await runtime.briefer()
    result = await briefer.brief_in(None, record.article, sentences=runtime.settings.sentences, source=record.url)
    return to_reply(result)
