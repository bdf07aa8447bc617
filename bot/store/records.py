"""What the store hands back: frozen values, detached from any database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.channels import ChannelRef
from summaries.article import restore_article
from summaries.model import Article

DEFAULT_DIGEST_TIME = "07:30"
DEFAULT_TIMEZONE = "UTC"
DEFAULT_MAX_STORIES = 8


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
    image: str | None = None

    @property
    def article(self) -> Article:
        """The article as stored, split into sentences again but never cleaned again: same text, same hash."""
        return restore_article(
            self.text,
            title=self.title,
            url=self.url,
            author=self.author,
            published=self.published,
            site_name=self.site_name,
            image=self.image,
        )


@dataclass(frozen=True, slots=True)
class ChannelRecord:
    """A channel and its digest settings: sent at `digest_time` ('HH:MM') in `timezone` (an IANA name)."""

    id: int
    platform: str
    workspace: str
    """Slack team id or Discord guild id; '' where there is none or it is not known yet."""
    channel_id: str
    digest_time: str
    timezone: str
    digest_enabled: bool
    quiet_when_empty: bool
    """True: say nothing when there is nothing new; False: post a short "nothing new" message."""
    max_stories: int
    created_at: datetime

    @property
    def ref(self) -> ChannelRef:
        return ChannelRef(self.platform, self.channel_id, self.workspace)


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    """One channel following one feed, with keyword filters; the digest time is the channel's."""

    id: int
    channel: ChannelRecord
    feed_id: int
    feed_url: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    created_at: datetime
