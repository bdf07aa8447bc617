"""What the store hands back: frozen values, detached from any database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from summaries.article import read_article
from summaries.model import Article


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A polled feed. `baseline_done` is False until the first poll has recorded what was already there."""

    id: int
    url: str
    """Canonical: the feed's identity."""
    fetch_url: str
    """What to request: the address as given, since some sites answer only their own spelling."""
    title: str | None
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    baseline_done: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A fetched article; `url` is canonical and may be None for text that came without one."""

    id: int
    url: str | None
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None
    text: str
    content_hash: str
    fetched_at: datetime

    @property
    def article(self) -> Article:
        """The article as the engines take it, split into sentences again (the stored text is already clean)."""
        return read_article(
            self.text,
            title=self.title or "",
            url=self.url,
            author=self.author,
            published=self.published,
            site_name=self.site_name,
        )


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    """One channel following one feed; `digest_time` is 'HH:MM' in `timezone` (an IANA name)."""

    id: int
    platform: str
    channel_id: str
    feed_id: int
    feed_url: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    timezone: str
    digest_time: str
    created_at: datetime
