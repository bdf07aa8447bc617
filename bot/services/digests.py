"""A channel's digest: brief what is pending, claim it in the delivery ledger, send it, confirm or release.

Briefing comes before the claim, so the claim-to-send window holds only the send itself. Guarantee: each article
reaches a channel **at least once**, and exactly once unless a process dies between claim and confirmation; a
claim never confirmed is offered again after `BRIEFBOT_CLAIM_TIMEOUT` (15 minutes). Several processes on one
database never send the same article together: of several claims on one article, one wins.

Articles that tell one story (several feeds, or a re-publication under a new URL) become one story with all its
sources (see `bot/stories.py`), ranked by importance; each article is summarized once per process however many
channels get it (`Runtime.brief_once`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from bot.channels import ChannelRef
from bot.replies import DigestReply, DigestSource, DigestStory, quote_line
from bot.services.runtime import Runtime
from bot.stories import Candidate, Source, Story, stories
from summaries.errors import BriefbotError

if TYPE_CHECKING:
    from bot.store import ArticleRecord
    from summaries.model import Article

log = logging.getLogger(__name__)

DIGEST_SENTENCES = 2

Send = Callable[[DigestReply], Awaitable[object]]


async def preview(runtime: Runtime, channel: ChannelRef, *, day: date | None = None) -> DigestReply:
    """What the channel's next digest would hold, without claiming anything."""
    store = await runtime.store()
    pending = await asyncio.to_thread(store.pending_articles, channel, stale_after=_stale_after(runtime))
    return await _digest(runtime, channel, await _stories(runtime, channel, pending), pending, day)


async def deliver(
    runtime: Runtime,
    channel: ChannelRef,
    send: Send,
    *,
    day: date | None = None,
    build_slots: asyncio.Semaphore | None = None,
) -> DigestReply:
    """Build, claim and send the channel's digest. An empty digest is returned, not sent.

    `day` is the local date its header shows. `build_slots` bounds how many digests are built at once (the send,
    slow under a platform's rate limit, is outside it). `send` raising (or the task being cancelled) releases the
    claim, so the articles stay pending.
    """
    store = await runtime.store()
    stale_after = _stale_after(runtime)
    async with build_slots or contextlib.nullcontext():
        pending = await asyncio.to_thread(store.pending_articles, channel, stale_after=stale_after)
        chosen = await _stories(runtime, channel, pending)
        # Brief first: the claim window holds only the send.
        digest = await _digest(runtime, channel, chosen, pending, day)
        ids = [article_id for story in chosen for article_id in story.article_ids]
        claimed = set(await asyncio.to_thread(store.claim_deliveries, channel, ids, stale_after=stale_after))
        if not claimed:
            return DigestReply(channel, (), date=_label(day))
        if len(claimed) < len(ids):  # another process is delivering some of them
            chosen = await _stories(runtime, channel, [r for r in pending if r.id in claimed])
            digest = await _digest(runtime, channel, chosen, pending, day)
    try:
        await send(digest)
    except BaseException:
        await asyncio.shield(asyncio.to_thread(store.release_deliveries, channel, list(claimed)))
        raise
    await asyncio.to_thread(store.confirm_deliveries, channel, list(claimed))
    return digest


def _stale_after(runtime: Runtime) -> timedelta:
    return timedelta(seconds=runtime.settings.claim_timeout)


def _label(day: date | None) -> str | None:
    return day.isoformat() if day else None


async def _stories(runtime: Runtime, channel: ChannelRef, pending: Sequence[ArticleRecord]) -> list[Story]:
    """Pending articles merged into stories with every source that carried them, most important first."""
    if not pending:
        return []
    store = await runtime.store()
    found = await asyncio.to_thread(store.article_sources, channel, [r.id for r in pending])
    candidates = [
        Candidate(
            r.id,
            r.content_hash,
            r.text,
            r.fetched_at,
            tuple(Source(s.feed, s.guid, s.link) for s in found.get(r.id, ())) or (Source("", None, r.url),),
        )
        for r in pending
    ]
    return stories(candidates, datetime.now(UTC))


async def _digest(
    runtime: Runtime,
    channel: ChannelRef,
    chosen: Sequence[Story],
    pending: Sequence[ArticleRecord],
    day: date | None,
) -> DigestReply:
    """Stories past the channel's limit are headlines only: a titled one is not briefed. So is a story whose
    briefing fails (an article only the model reads while the model is down): one story never holds up the rest."""
    from bot.store.records import DEFAULT_MAX_STORIES  # the store's own default (the module loads with the store)

    store = await runtime.store()
    settings = await asyncio.to_thread(store.get_channel, channel)
    limit = settings.max_stories if settings else DEFAULT_MAX_STORIES
    records = {r.id: r for r in pending}
    built = []
    for rank, story in enumerate(chosen):
        record = records[story.lead.article_id]
        sources = tuple(DigestSource(s.feed, s.guid, s.link) for s in story.sources if s.feed)
        if rank >= limit and record.title:
            built.append(DigestStory(record.title, record.url, (), None, sources))
            continue
        try:
            briefing, quotes = await runtime.brief_once(
                record.content_hash, _loader(record), sentences=DIGEST_SENTENCES
            )
        except BriefbotError as error:
            log.warning("Digest story %s for %s is a headline only: %s", record.url, channel, error)
            built.append(DigestStory(record.title or record.article.headline, record.url, (), None, sources))
            continue
        key = quotes.key_quotes
        quote = quote_line(key[0], record.url) if key else None
        title = record.title or briefing.headline
        body = tuple(s for s in briefing.sentences if s != title)
        built.append(DigestStory(title, record.url, body, quote, sources))
    return DigestReply(channel, tuple(built[:limit]), tuple(built[limit:]), date=_label(day))


def _loader(record: ArticleRecord) -> Callable[[], Article]:
    """Re-splitting stored text costs CPU: done only when the briefing is in neither memory nor flight."""
    return lambda: record.article
