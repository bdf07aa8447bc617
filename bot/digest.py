"""A channel's digest of new articles from its feeds: briefed, then claimed in the delivery ledger, sent, confirmed.

Briefing before claiming keeps the claim-to-send window short. A failed send releases the claim, so its articles
stay pending; a process killed between claim and send leaves a claim that is never confirmed, and the articles are
offered again once it is older than the store's CLAIM_TIMEOUT: at least once per article and channel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.briefing import Briefer
from bot.channels import ChannelRef
from bot.store import ArticleRecord, Store
from summaries.model import Briefing

DIGEST_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class DigestItem:
    title: str
    url: str | None
    briefing: Briefing


@dataclass(frozen=True, slots=True)
class Digest:
    channel: ChannelRef
    items: tuple[DigestItem, ...]


def deliver_digest(
    store: Store,
    briefer: Briefer,
    channel: ChannelRef,
    send: Callable[[Digest], None],
    *,
    sentences: int = DIGEST_SENTENCES,
) -> Digest:
    """Build, claim, send and confirm the channel's digest; an empty digest is not sent. `send` raising releases it."""
    pending = store.pending_articles(channel)
    items = {record.id: _item(briefer, record, sentences) for record in pending}
    claimed = store.claim_deliveries(channel, list(items))
    # A pending article not claimed here is being delivered by another process.
    digest = Digest(channel, tuple(items[article_id] for article_id in claimed))
    try:
        if digest.items:
            send(digest)
    except BaseException:
        store.release_deliveries(channel, claimed)
        raise
    store.confirm_deliveries(channel, claimed)
    return digest


def preview_digest(store: Store, briefer: Briefer, channel: ChannelRef, *, sentences: int = DIGEST_SENTENCES) -> Digest:
    """What the channel's next digest would hold, without claiming anything."""
    pending = store.pending_articles(channel)
    return Digest(channel, tuple(_item(briefer, r, sentences) for r in pending))


def _item(briefer: Briefer, record: ArticleRecord, sentences: int) -> DigestItem:
    result = briefer.brief(record.article, sentences=sentences)
    return DigestItem(record.title or result.briefing.headline, record.url, result.briefing)
