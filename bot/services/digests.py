"""A channel's digest: brief what is pending, claim it in the delivery ledger, send it, confirm or release.

Briefing comes before the claim, so the claim-to-send window holds only the send itself. Guarantee: each article
reaches a channel **at least once**, and exactly once unless a process dies between claim and confirmation; a
claim never confirmed is offered again after `BRIEFBOT_CLAIM_TIMEOUT` (15 minutes). Several processes on one
database never send the same article together: of several claims on one article, one wins.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.channels import ChannelRef
from bot.replies import DigestReply, DigestStory, quote_line
from bot.services.runtime import Runtime

if TYPE_CHECKING:
    from bot.store import ArticleRecord

DIGEST_SENTENCES = 2
DEFAULT_MAX_STORIES = 8

Send = Callable[[DigestReply], Awaitable[object]]


async def preview(runtime: Runtime, channel: ChannelRef) -> DigestReply:
    """What the channel's next digest would hold, without claiming anything."""
    store = await runtime.store()
    pending = await asyncio.to_thread(store.pending_articles, channel, stale_after=_stale_after(runtime))
    return await _digest(runtime, channel, pending)


async def deliver(runtime: Runtime, channel: ChannelRef, send: Send) -> DigestReply:
    """Build, claim and send the channel's digest. An empty digest is returned, not sent.

    `send` raising (or the task being cancelled) releases the claim, so the articles stay pending.
    """
    store = await runtime.store()
    stale_after = _stale_after(runtime)
    pending = await asyncio.to_thread(store.pending_articles, channel, stale_after=stale_after)
    digest = await _digest(runtime, channel, pending)  # brief first: the claim window holds only the send
    ids = [record.id for record in pending]
    claimed = set(await asyncio.to_thread(store.claim_deliveries, channel, ids, stale_after=stale_after))
    if not claimed:
        return DigestReply(channel, ())
    if len(claimed) < len(ids):  # another process is delivering some of them
        digest = await _digest(runtime, channel, [r for r in pending if r.id in claimed])
    try:
        await send(digest)
    except BaseException:
        await asyncio.shield(asyncio.to_thread(store.release_deliveries, channel, list(claimed)))
        raise
    await asyncio.to_thread(store.confirm_deliveries, channel, list(claimed))
    return digest


def _stale_after(runtime: Runtime) -> timedelta:
    return timedelta(seconds=runtime.settings.claim_timeout)


async def _digest(runtime: Runtime, channel: ChannelRef, pending: list[ArticleRecord]) -> DigestReply:
    if not pending:  # nothing to brief: the engine (the whole core) is not even imported
        return DigestReply(channel, ())
    store = await runtime.store()
    settings = await asyncio.to_thread(store.get_channel, channel)
    limit = settings.max_stories if settings else DEFAULT_MAX_STORIES
    briefer = await runtime.briefer()
    stories = []
    for record in pending:
        result = await briefer.brief_in(runtime.cpu, record.article, sentences=DIGEST_SENTENCES)
        key = result.quotes.key_quotes
        quote = quote_line(key[0], record.url) if key else None
        title = record.title or result.briefing.headline
        body = tuple(s for s in result.briefing.sentences if s != title)
        stories.append(DigestStory(title, record.url, body, quote))
    return DigestReply(channel, tuple(stories[:limit]), tuple(stories[limit:]))
