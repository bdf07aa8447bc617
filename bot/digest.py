"""A channel's digest of new articles from its feeds: claimed in the delivery ledger, sent, released on failure.

Claiming first makes a digest go out at most once even with several bot processes on one database; releasing
the claim when the send fails means a failed send loses nothing: the articles stay pending for the next digest.
A process killed between claim and send does lose that digest's items: at most once, by design.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.briefing import Briefer
from bot.store import ArticleRecord, Store
from bot.store.errors import InvalidSubscription
from bot.store.options import PLATFORMS
from summaries.model import Briefing

DIGEST_SENTENCES = 2
CONSOLE = "console"


@dataclass(frozen=True, slots=True)
class DigestItem:
    title: str
    url: str | None
    briefing: Briefing


@dataclass(frozen=True, slots=True)
class Digest:
    platform: str
    channel_id: str
    items: tuple[DigestItem, ...]


def parse_channel(spec: str) -> tuple[str, str]:
    """'console', 'slack:C0123' or 'discord:1234' -> (platform, channel id)."""
    platform, _, channel_id = spec.strip().partition(":")
    if platform == CONSOLE and not channel_id:
        return CONSOLE, CONSOLE
    if platform not in PLATFORMS or not channel_id:
        raise InvalidSubscription(f"{spec!r} is not a channel: use console, slack:CHANNEL_ID or discord:CHANNEL_ID.")
    return platform, channel_id


def deliver_digest(
    store: Store,
    briefer: Briefer,
    platform: str,
    channel_id: str,
    send: Callable[[Digest], None],
    *,
    sentences: int = DIGEST_SENTENCES,
) -> Digest:
    """Build, claim and send the channel's digest; an empty digest is not sent. `send` raising releases it."""
    pending = store.pending_articles(platform, channel_id)
    claimed = set(store.claim_deliveries(platform, channel_id, [a.id for a in pending]))
    try:
        items = tuple(
            _item(briefer, record, sentences) for record in pending if record.id in claimed
        )  # a pending article not claimed here is being delivered by another process
        digest = Digest(platform, channel_id, items)
        if items:
            send(digest)
    except BaseException:
        store.release_deliveries(platform, channel_id, list(claimed))
        raise
    return digest


def preview_digest(
    store: Store, briefer: Briefer, platform: str, channel_id: str, *, sentences: int = DIGEST_SENTENCES
) -> Digest:
    """What the channel's next digest would hold, without claiming anything."""
    pending = store.pending_articles(platform, channel_id)
    return Digest(platform, channel_id, tuple(_item(briefer, r, sentences) for r in pending))


def _item(briefer: Briefer, record: ArticleRecord, sentences: int) -> DigestItem:
    result = briefer.brief(record.article, sentences=sentences)
    return DigestItem(record.title or result.briefing.headline, record.url, result.briefing)
