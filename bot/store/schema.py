"""The tables, as SQLAlchemy models. Migrations own the DDL; these models must match `migrations/versions`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.store.records import (
    DEFAULT_DIGEST_TIME,
    DEFAULT_MAX_STORIES,
    DEFAULT_TIMEZONE,
    ArticleRecord,
    ChannelRecord,
    FeedRecord,
    SubscriptionRecord,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every engine: SQLite keeps no offset, so naive values read back are UTC by contract."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Feed(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    fetch_url: Mapped[str | None] = mapped_column(Text)
    """The address as the user gave it; None for feeds added before revision 0002 (fetch `url`)."""
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    baseline_done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def record(self) -> FeedRecord:
        return FeedRecord(
            id=self.id,
            url=self.url,
            fetch_url=self.fetch_url or self.url,
            title=self.title,
            etag=self.etag,
            last_modified=self.last_modified,
            last_polled_at=self.last_polled_at,
            baseline_done=self.baseline_done,
            created_at=self.created_at,
        )


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    image: Mapped[str | None] = mapped_column(Text)

    def record(self) -> ArticleRecord:
        return ArticleRecord(
            id=self.id,
            url=self.url,
            title=self.title,
            author=self.author,
            published=self.published,
            site_name=self.site_name,
            text=self.text,
            content_hash=self.content_hash,
            fetched_at=self.fetched_at,
            image=self.image,
        )


class FeedEntry(Base):
    """An item seen in a feed; `entry_key` is its GUID, or its canonical URL when it has none."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed_id", "entry_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(Text)
    guid: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)


class BriefingRow(Base):
    """A cached briefing and quote digest under `bot.briefing.cache_key` (article, engine, version, settings)."""

    __tablename__ = "briefings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cache_key: Mapped[str] = mapped_column(Text, unique=True)
    engine: Mapped[str] = mapped_column(Text)
    """`Briefing.engine` as the engine gave it (it may name a model), not the cache key's engine name."""
    headline: Mapped[str] = mapped_column(Text)
    sentences: Mapped[list[str]] = mapped_column(JSON)
    quotes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Channel(Base):
    """A chat channel (or the terminal) and its digest settings; (platform, channel_id) is its identity."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("platform", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(String(255), default="")
    channel_id: Mapped[str] = mapped_column(String(255))
    digest_time: Mapped[str] = mapped_column(String(5), default=DEFAULT_DIGEST_TIME)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    quiet_when_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    max_stories: Mapped[int] = mapped_column(Integer, default=DEFAULT_MAX_STORIES)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def record(self) -> ChannelRecord:
        return ChannelRecord(
            id=self.id,
            platform=self.platform,
            workspace=self.workspace,
            channel_id=self.channel_id,
            digest_time=self.digest_time,
            timezone=self.timezone,
            digest_enabled=self.digest_enabled,
            quiet_when_empty=self.quiet_when_empty,
            max_stories=self.max_stories,
            created_at=self.created_at,
        )


class Subscription(Base):
    """`channel_id` is `channels.id` (the chat's own channel id is `Channel.channel_id`)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("channel_id", "feed_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    include_keywords: Mapped[list[str]] = mapped_column(JSON)
    exclude_keywords: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def record(self, channel: ChannelRecord, feed_url: str) -> SubscriptionRecord:
        return SubscriptionRecord(
            id=self.id,
            channel=channel,
            feed_id=self.feed_id,
            feed_url=feed_url,
            include=tuple(self.include_keywords),
            exclude=tuple(self.exclude_keywords),
            created_at=self.created_at,
        )


class Delivery(Base):
    """The ledger: a row claims the article for the channel; `sent_at` set means the send was confirmed.

    A claim never confirmed and older than the store's CLAIM_TIMEOUT is offered again (the sender crashed).
    """

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("channel_id", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HandledEvent(Base):
    """A chat event already handled: platforms retry deliveries, and a retry must not be answered twice."""

    __tablename__ = "handled_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(255))
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ChannelArticle(Base):
    """An article briefed in a channel, and the message it was posted as, for follow-up questions."""

    __tablename__ = "channel_articles"
    __table_args__ = (Index("ix_channel_articles_channel_id_message_id", "channel_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[str | None] = mapped_column(String(255))
    briefed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
