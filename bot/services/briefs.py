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
    runtime: Runtime, source: Source, *, sentences: int | None = None, channel: ChannelRef | None = None
) -> Briefed:
    """The briefing and quote digest of `source`; with `channel`, it becomes the channel's article to ask about."""
    keep = channel is not None
    loaded = await load(runtime, source, keep=keep)
    count = sentences or runtime.settings.sentences
    briefer = await runtime.briefer() if loaded.record is not None else Briefer(runtime.engine)
    result = await briefer.brief_in(runtime.cpu, loaded.article, sentences=count, source=loaded.source)
    article_id = loaded.record.id if loaded.record else None
    if channel is not None and article_id is not None:
        store = await runtime.store()
        await asyncio.to_thread(store.remember_briefing, channel, article_id)
    return Briefed(to_reply(result), article_id)


async def remember_post(runtime: Runtime, channel: ChannelRef, article_id: int, message_id: str) -> None:
    """Ties the message a front end posted (Slack ts, Discord message id) to its article, for questions in reply."""
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
