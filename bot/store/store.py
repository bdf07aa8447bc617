"""The bot's memory: feeds, articles, cached briefings, channels and subscriptions; the delivery ledger, chat memory
and digest runs are mixed in from their own modules.

Synchronous on purpose (call it through `asyncio.to_thread`); every method is one short transaction, and every
insert that two processes may race on is an insert-or-ignore, so several bots can share one database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import CursorResult, Engine, case, delete, exists, func, insert, or_, select, text
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.channels import ChannelRef
from bot.fingerprints import canonical_url
from bot.store import options
from bot.store.chat_memory import ChatMemory
from bot.store.database import WriteSessions, create_store_engine
from bot.store.digest_runs import DigestRuns, unpause
from bot.store.errors import InvalidFeedUrl, StoreUnavailable, UnknownFeed
from bot.store.filters import clean_keywords
from bot.store.ledger import DeliveryLedger
from bot.store.migrate import upgrade
from bot.store.queries import dialect_insert, ensure_channel_row, is_channel
from bot.store.records import (
    ArticleRecord,
    ChannelRecord,
    FeedRecord,
    SubscriptionRecord,
)
from bot.store.schema import (
    ArticleRow,
    BriefingRow,
    Channel,
    Feed,
    FeedEntry,
    Subscription,
    utcnow,
)
from summaries.model import Article, Briefing, Quote, QuoteDigest


class Store(DeliveryLedger, ChatMemory, DigestRuns):
    """Open with `Store.open(url)`, which upgrades the schema first; close with `close()` or a `with` block."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reading = sessionmaker(engine, expire_on_commit=False)
        self._writing = WriteSessions(engine)
        self._channel_ids: dict[ChannelRef, int] = {}
        """Row ids of channels this store has ensured: rows are never deleted, so an id once seen stays right."""

    @classmethod
    def open(cls, url: str) -> Store:
        """`url` is any SQLAlchemy URL for SQLite or PostgreSQL; `~` in a SQLite path is expanded.

        Raises StoreUnavailable (or UnsupportedDatabase) with a message naming the database, never the password.
        """
        try:
            engine = create_store_engine(url)
        except (ArgumentError, ValueError) as error:
            raise StoreUnavailable(f"The database URL is not one I can read ({error}).") from error
        except OSError as error:  # the SQLite file's folder cannot be made (sqlite:////dev/null/x.db, read-only)
            raise StoreUnavailable(
                f"I can't create the database's folder {error.filename or ''}: {error.strerror or error}."
            ) from error
        try:
            upgrade(engine)
        except (SQLAlchemyError, OSError) as error:
            engine.dispose()
            where = engine.url.render_as_string(hide_password=True)
            raise StoreUnavailable(f"I can't open the database at {where}: {getattr(error, 'orig', error)}") from error
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

    def ping(self) -> None:
        """A round trip to the database (health checks); raises SQLAlchemyError when it does not answer."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # Feeds

    def add_feed(self, url: str) -> FeedRecord:
        """Idempotent: the same feed under another spelling of its URL is the same record."""
        canonical = _feed_url(url)
        with self._writing.begin() as session:
            return _ensure_feed(session, canonical, url.strip()).record()

    def get_feed(self, url: str) -> FeedRecord | None:
        with self._reading() as session:
            row = session.scalar(select(Feed).where(Feed.url == canonical_url(url)))
            return row.record() if row else None

    def list_feeds(self) -> list[FeedRecord]:
        with self._reading() as session:
            return [row.record() for row in session.scalars(select(Feed).order_by(Feed.id))]

    def remove_feed(self, url: str) -> bool:
        """Drops the feed, its subscriptions and its entries; its articles (and their ledger rows) stay."""
        with self._writing.begin() as session:
            feed_id = session.scalar(select(Feed.id).where(Feed.url == canonical_url(url)))
            if feed_id is None:
                return False
            session.execute(delete(Subscription).where(Subscription.feed_id == feed_id))
            session.execute(delete(FeedEntry).where(FeedEntry.feed_id == feed_id))
            session.execute(delete(Feed).where(Feed.id == feed_id))
            return True

    def update_feed_state(
        self,
        feed_id: int,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
        polled_at: datetime,
        baseline_done: bool | None = None,
    ) -> FeedRecord:
        """Records a poll (`polled_at` must be aware). `title` and `baseline_done` change only when given.

        Raises UnknownFeed when the feed was removed meanwhile.
        """
        with self._writing.begin() as session:
            row = session.get(Feed, feed_id)
            if row is None:
                raise UnknownFeed("That feed is no longer followed.")
            row.etag, row.last_modified, row.last_polled_at = etag, last_modified, polled_at
            if title is not None:
                row.title = title
            if baseline_done is not None:
                row.baseline_done = baseline_done
            session.flush()
            return row.record()

    # Articles and feed entries

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> ArticleRecord | None:
        with self._reading() as session:
            row = _find_article(session, canonical_url(url) if url else None, content_hash)
            return row.record() if row else None

    def save_article(self, article: Article, *, content_hash: str) -> tuple[ArticleRecord, bool]:
        """Returns (record, is_new): an article with the same canonical URL or content hash is the one kept."""
        url = canonical_url(article.url) if article.url else None
        try:
            with self._writing.begin() as session:
                return _save_article(session, article, url, content_hash)
        except IntegrityError:  # another process saved it between our look-up and our insert
            found = self.find_article(url=url, content_hash=content_hash)
            if found is None:
                raise
            return found, False

    def save_briefed(
        self, article: Article, *, content_hash: str, key: str, briefed: tuple[Briefing, QuoteDigest]
    ) -> tuple[ArticleRecord, tuple[Briefing, QuoteDigest], bool]:
        """`save_article` and `cache_briefing` in one write (a chat reply's only write before posting): the record,
        the briefing kept under `key` and whether it was cached before (the first one cached wins)."""
        url = canonical_url(article.url) if article.url else None
        try:
            with self._writing.begin() as session:
                record, _ = _save_article(session, article, url, content_hash)
                if _cache_briefing(session, key, *briefed):
                    return record, briefed, False
                row = session.scalar(select(BriefingRow).where(BriefingRow.cache_key == key))
                return record, _briefing_of(row) if row is not None else briefed, True
        except IntegrityError:  # another process saved the article meanwhile: its record, then the cache alone
            record, _ = self.save_article(article, content_hash=content_hash)
        hit = self.cached_briefing(key)
        if hit is not None:
            return record, hit, True
        self.cache_briefing(key, *briefed)
        return record, briefed, False

    def record_entry(
        self,
        feed_id: int,
        *,
        entry_key: str,
        url: str | None,
        article_id: int | None,
        baseline: bool,
        guid: str | None = None,
    ) -> bool:
        """True when the entry is new to this feed. `baseline` entries (first poll) are never digested."""
        values = {
            "feed_id": feed_id,
            "entry_key": entry_key,
            "guid": guid,
            "url": canonical_url(url) if url else None,
            "article_id": article_id,
            "baseline": baseline,
            "first_seen_at": utcnow(),
        }
        with self._writing.begin() as session:
            if session.get(Feed, feed_id) is None:
                raise UnknownFeed("That feed is no longer followed.")
            statement = dialect_insert(session, FeedEntry).values(values)
            statement = statement.on_conflict_do_nothing(index_elements=["feed_id", "entry_key"])
            return session.execute(statement.returning(FeedEntry.id)).first() is not None

    def has_entry(self, feed_id: int, entry_key: str) -> bool:
        with self._reading() as session:
            query = select(exists().where(FeedEntry.feed_id == feed_id, FeedEntry.entry_key == entry_key))
            return bool(session.scalar(query))

    def entry_failures(self, feed_id: int, entry_key: str) -> tuple[int, datetime | None]:
        """How many polls failed to fetch this entry, and when the last did (for backoff)."""
        with self._reading() as session:
            query = select(func.count(), func.max(FeedEntry.first_seen_at)).where(
                FeedEntry.feed_id == feed_id, FeedEntry.entry_key.startswith(_retry_prefix(entry_key), autoescape=True)
            )
            count, last = session.execute(query).one()
            return int(count), last

    def record_entry_failure(self, feed_id: int, entry_key: str) -> None:
        """One more failure of this entry: a marker entry (never digested) next to the ones before it."""
        failures, _ = self.entry_failures(feed_id, entry_key)
        self.record_entry(
            feed_id, entry_key=f"{_retry_prefix(entry_key)}{failures + 1}", url=None, article_id=None, baseline=True
        )

    def feed_has_article(self, feed_id: int, article_id: int) -> bool:
        """Whether the feed listed this article before, under any GUID or date: a re-dated item is not new."""
        with self._reading() as session:
            query = select(exists().where(FeedEntry.feed_id == feed_id, FeedEntry.article_id == article_id))
            return bool(session.scalar(query))

    # Briefing cache

    def cached_briefing(self, key: str) -> tuple[Briefing, QuoteDigest] | None:
        """`key` comes from `bot.briefing.cache_key`, the one place that knows what a briefing depends on."""
        with self._reading() as session:
            row = session.scalar(select(BriefingRow).where(BriefingRow.cache_key == key))
        return _briefing_of(row) if row is not None else None

    def cache_briefing(self, key: str, briefing: Briefing, quotes: QuoteDigest) -> None:
        """The first one cached under `key` wins; a duplicate is ignored."""
        with self._writing.begin() as session:
            _cache_briefing(session, key, briefing, quotes)

    def remember_reply(self, ref: ChannelRef, article_id: int, *, message_id: str | None) -> bool:
        """`remember_briefing` and `resume_digest` in one write, once a briefing is posted in the channel: True when
        its digest was paused (the bot can post there again)."""
        with self._writing.begin() as session:
            self._remember(session, ref, article_id, message_id)
            return unpause(session, ref)

    # Channels

    def ensure_channel(self, ref: ChannelRef) -> ChannelRecord:
        """The channel, created with the default digest settings when new; a non-empty workspace is recorded.

        Raises InvalidSubscription for an unknown platform or an empty channel id.
        """
        with self._writing.begin() as session:
            return ensure_channel_row(session, ref).record()

    def get_channel(self, ref: ChannelRef) -> ChannelRecord | None:
        with self._reading() as session:
            row = session.scalar(select(Channel).where(is_channel(ref)))
            return row.record() if row else None

    def list_channels(self) -> list[ChannelRecord]:
        """Every channel that follows at least one feed, oldest first: the ones that get digests."""
        following = exists().where(Subscription.channel_id == Channel.id)
        with self._reading() as session:
            return [row.record() for row in session.scalars(select(Channel).where(following).order_by(Channel.id))]

    def update_channel(
        self,
        ref: ChannelRef,
        *,
        digest_time: str | None = None,
        timezone: str | None = None,
        digest_enabled: bool | None = None,
        quiet_when_empty: bool | None = None,
        max_stories: int | None = None,
    ) -> ChannelRecord:
        """Changes only what is given; creates the channel when missing.

        Raises InvalidSubscription (time not HH:MM, unknown time zone, max_stories out of range) before writing.
        """
        changes: dict[str, Any] = {}
        if digest_time is not None:
            changes["digest_time"] = options.time_of_day(digest_time)
        if timezone is not None:
            changes["timezone"] = options.time_zone(timezone)
        if digest_enabled is not None:
            changes["digest_enabled"] = digest_enabled
        if quiet_when_empty is not None:
            changes["quiet_when_empty"] = quiet_when_empty
        if max_stories is not None:
            changes["max_stories"] = options.max_stories(max_stories)
        with self._writing.begin() as session:
            row = ensure_channel_row(session, ref)
            for name, value in changes.items():
                setattr(row, name, value)
            session.flush()
            return row.record()

    # Subscriptions

    def subscribe(
        self, ref: ChannelRef, feed_url: str, *, include: Sequence[str] = (), exclude: Sequence[str] = ()
    ) -> SubscriptionRecord:
        """Adds the channel and the feed when new. Subscribing again replaces the filters and keeps the ledger.

        Raises InvalidSubscription (platform, channel) or InvalidFeedUrl with a message for the user.
        """
        options.check_channel(ref)
        canonical = _feed_url(feed_url)
        chosen = {"include_keywords": list(clean_keywords(include)), "exclude_keywords": list(clean_keywords(exclude))}
        with self._writing.begin() as session:
            channel = ensure_channel_row(session, ref)
            feed = _ensure_feed(session, canonical, feed_url.strip())
            values = {"channel_id": channel.id, "feed_id": feed.id, "created_at": utcnow()}
            statement = dialect_insert(session, Subscription).values({**values, **chosen})
            statement = statement.on_conflict_do_update(index_elements=["channel_id", "feed_id"], set_=chosen)
            subscription_id = session.execute(statement.returning(Subscription.id)).scalar_one()
            row = session.get_one(Subscription, subscription_id, populate_existing=True)
            return row.record(channel.record(), feed.url)

    def unsubscribe(self, ref: ChannelRef, feed_url: str) -> bool:
        """False when the channel did not follow that feed. The feed and the channel stay."""
        feed_ids = select(Feed.id).where(Feed.url == canonical_url(feed_url)).scalar_subquery()
        channel_ids = select(Channel.id).where(is_channel(ref)).scalar_subquery()
        with self._writing.begin() as session:
            result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                delete(Subscription).where(Subscription.channel_id == channel_ids, Subscription.feed_id == feed_ids)
            )
            return result.rowcount > 0

    def subscriptions(self, ref: ChannelRef | None = None) -> list[SubscriptionRecord]:
        """Every subscription (or the channel's), in the order they were made."""
        query = (
            select(Subscription, Channel, Feed.url)
            .join(Channel, Channel.id == Subscription.channel_id)
            .join(Feed, Feed.id == Subscription.feed_id)
            .order_by(Subscription.id)
        )
        if ref is not None:
            query = query.where(is_channel(ref))
        with self._reading() as session:
            return [row.record(channel.record(), url) for row, channel, url in session.execute(query)]


def _retry_prefix(entry_key: str) -> str:
    """Failures of an entry are marker rows in feed_entries ("retry:KEY:N"): no schema change for backoff."""
    return f"retry:{entry_key}:"


def _feed_url(url: str) -> str:
    canonical = canonical_url(url)
    parts = urlsplit(canonical)
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        raise InvalidFeedUrl(f"{url!r} has a port that does not exist.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidFeedUrl(f"{url!r} is not a feed address: give the whole URL, starting with https://.")
    return canonical


def _ensure_feed(session: Session, canonical: str, address: str) -> Feed:
    """The feed with this identity; a new one is fetched at `address`, the URL as given."""
    values = {"url": canonical, "fetch_url": address, "baseline_done": False, "created_at": utcnow()}
    statement = dialect_insert(session, Feed).values(values)
    session.execute(statement.on_conflict_do_nothing(index_elements=["url"]))
    return session.scalars(select(Feed).where(Feed.url == canonical)).one()


def _save_article(session: Session, article: Article, url: str | None, content_hash: str) -> tuple[ArticleRecord, bool]:
    row = _find_article(session, url, content_hash)
    if row is not None:
        return row.record(), False
    values: dict[str, Any] = {
        "url": url,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "site_name": article.site_name,
        "image": article.image,
        "text": article.text,
        "content_hash": content_hash,
        "fetched_at": utcnow(),
    }
    # A Core insert: the ORM's unit of work cost more than the statement, on every link a chat posts.
    article_id = session.execute(insert(ArticleRow).values(values).returning(ArticleRow.id)).scalar_one()
    return ArticleRecord(id=article_id, **values), True


def _cache_briefing(session: Session, key: str, briefing: Briefing, quotes: QuoteDigest) -> bool:
    """True when cached now, False when a briefing was under `key` already (it stays)."""
    values = {
        "cache_key": key,
        "engine": briefing.engine,
        "headline": briefing.headline,
        "sentences": list(briefing.sentences),
        "quotes": [asdict(quote) for quote in quotes.quotes],
        "created_at": utcnow(),
    }
    statement = dialect_insert(session, BriefingRow).values(values).on_conflict_do_nothing(index_elements=["cache_key"])
    return session.execute(statement.returning(BriefingRow.id)).first() is not None


def _briefing_of(row: BriefingRow) -> tuple[Briefing, QuoteDigest]:
    briefing = Briefing(headline=row.headline, sentences=tuple(row.sentences), engine=row.engine)
    return briefing, QuoteDigest(quotes=tuple(Quote(**quote) for quote in row.quotes))


def _find_article(session: Session, url: str | None, content_hash: str | None) -> ArticleRow | None:
    """By URL first, then by content hash (one query): the same story re-published under a new URL is still found."""
    matches = [ArticleRow.url == url] if url is not None else []
    matches += [ArticleRow.content_hash == content_hash] if content_hash is not None else []
    if not matches:
        raise ValueError("find an article by url, content_hash or both")
    query = select(ArticleRow).where(or_(*matches)).limit(1)
    if url is not None:
        query = query.order_by(case((ArticleRow.url == url, 0), else_=1))
    return session.scalars(query).first()
