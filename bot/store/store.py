"""The bot's memory: feeds, articles, cached briefings, subscriptions and the delivery ledger.

Synchronous on purpose (call it through `asyncio.to_thread`); every method is one short transaction, and every
insert that two processes may race on is an insert-or-ignore, so several bots can share one database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import CursorResult, Engine, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.fingerprints import canonical_url
from bot.store.database import WRITE, create_store_engine
from bot.store.errors import InvalidFeedUrl, StoreUnavailable, UnknownFeed
from bot.store.filters import KeywordFilter
from bot.store.migrate import upgrade
from bot.store.options import check_channel, parse_options
from bot.store.records import ArticleRecord, FeedRecord, SubscriptionRecord
from bot.store.schema import ArticleRow, BriefingRow, Delivery, Feed, FeedEntry, Subscription, utcnow
from summaries.model import Article, Briefing, Quote, QuoteDigest


class Store:
    """Open with `Store.open(url)`, which upgrades the schema first; close with `close()` or a `with` block."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reading = sessionmaker(engine, expire_on_commit=False)
        self._writing = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Store:
        """`url` is any SQLAlchemy URL for SQLite or PostgreSQL; `~` in a SQLite path is expanded.

        Raises StoreUnavailable (or UnsupportedDatabase) with a message naming the database, never the password.
        """
        try:
            engine = create_store_engine(url)
        except (ArgumentError, ValueError) as error:
            raise StoreUnavailable(f"The database URL is not one I can read ({error}).") from error
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
                row = _find_article(session, url, content_hash)
                if row is not None:
                    return row.record(), False
                row = ArticleRow(
                    url=url,
                    title=article.title,
                    author=article.author,
                    published=article.published,
                    site_name=article.site_name,
                    text=article.text,
                    content_hash=content_hash,
                    fetched_at=utcnow(),
                )
                session.add(row)
                session.flush()
                return row.record(), True
        except IntegrityError:
            # Another process saved the same article between our look-up and our insert.
            found = self.find_article(url=url, content_hash=content_hash)
            if found is None:
                raise
            return found, False

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
            statement = _insert(session, FeedEntry).values(values)
            statement = statement.on_conflict_do_nothing(index_elements=["feed_id", "entry_key"])
            return session.execute(statement.returning(FeedEntry.id)).first() is not None

    def has_entry(self, feed_id: int, entry_key: str) -> bool:
        with self._reading() as session:
            query = select(exists().where(FeedEntry.feed_id == feed_id, FeedEntry.entry_key == entry_key))
            return bool(session.scalar(query))

    def feed_has_article(self, feed_id: int, article_id: int) -> bool:
        """Whether the feed listed this article before, under any GUID or date: a re-dated item is not new."""
        with self._reading() as session:
            query = select(exists().where(FeedEntry.feed_id == feed_id, FeedEntry.article_id == article_id))
            return bool(session.scalar(query))

    # Briefing cache

    def cached_briefing(self, content_hash: str, engine: str, sentences: int) -> tuple[Briefing, QuoteDigest] | None:
        """`sentences` is the length asked for when the briefing was cached."""
        with self._reading() as session:
            row = session.scalar(
                select(BriefingRow).where(
                    BriefingRow.content_hash == content_hash,
                    BriefingRow.engine == engine,
                    BriefingRow.sentence_count == sentences,
                )
            )
        if row is None:
            return None
        briefing = Briefing(headline=row.headline, sentences=tuple(row.sentences), engine=row.engine)
        return briefing, QuoteDigest(quotes=tuple(Quote(**quote) for quote in row.quotes))

    def cache_briefing(self, content_hash: str, sentences: int, briefing: Briefing, quotes: QuoteDigest) -> None:
        """Keyed on (content_hash, briefing.engine, sentences); the first one cached wins, a duplicate is ignored."""
        values = {
            "content_hash": content_hash,
            "engine": briefing.engine,
            "sentence_count": sentences,
            "headline": briefing.headline,
            "sentences": list(briefing.sentences),
            "quotes": [asdict(quote) for quote in quotes.quotes],
            "created_at": utcnow(),
        }
        with self._writing.begin() as session:
            statement = _insert(session, BriefingRow).values(values)
            session.execute(
                statement.on_conflict_do_nothing(index_elements=["content_hash", "engine", "sentence_count"])
            )

    # Subscriptions

    def subscribe(
        self,
        platform: str,
        channel_id: str,
        feed_url: str,
        *,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        timezone: str = "UTC",
        digest_time: str = "08:00",
    ) -> SubscriptionRecord:
        """Adds the feed when new. Subscribing again replaces the options and keeps what was delivered.

        Raises InvalidSubscription (platform, time zone, time) or InvalidFeedUrl with a message for the user.
        """
        check_channel(platform, channel_id)
        options = parse_options(include=include, exclude=exclude, timezone=timezone, digest_time=digest_time)
        canonical = _feed_url(feed_url)
        chosen = {
            "include_keywords": list(options.include),
            "exclude_keywords": list(options.exclude),
            "timezone": options.timezone,
            "digest_time": options.digest_time,
        }
        with self._writing.begin() as session:
            feed = _ensure_feed(session, canonical, feed_url.strip())
            values = {"platform": platform, "channel_id": channel_id, "feed_id": feed.id, "created_at": utcnow()}
            statement = _insert(session, Subscription).values({**values, **chosen})
            statement = statement.on_conflict_do_update(
                index_elements=["platform", "channel_id", "feed_id"], set_=chosen
            )
            subscription_id = session.execute(statement.returning(Subscription.id)).scalar_one()
            row = session.get_one(Subscription, subscription_id, populate_existing=True)
            return row.record(feed.url)

    def unsubscribe(self, platform: str, channel_id: str, feed_url: str) -> bool:
        """False when the channel did not follow that feed. The feed itself stays."""
        feed_ids = select(Feed.id).where(Feed.url == canonical_url(feed_url)).scalar_subquery()
        with self._writing.begin() as session:
            result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                delete(Subscription).where(
                    Subscription.platform == platform,
                    Subscription.channel_id == channel_id,
                    Subscription.feed_id == feed_ids,
                )
            )
            return result.rowcount > 0

    def subscriptions(self, platform: str | None = None, channel_id: str | None = None) -> list[SubscriptionRecord]:
        query = select(Subscription, Feed.url).join(Feed, Feed.id == Subscription.feed_id).order_by(Subscription.id)
        if platform is not None:
            query = query.where(Subscription.platform == platform)
        if channel_id is not None:
            query = query.where(Subscription.channel_id == channel_id)
        with self._reading() as session:
            return [row.record(url) for row, url in session.execute(query)]

    # Digest and delivery ledger

    def pending_articles(self, platform: str, channel_id: str) -> list[ArticleRecord]:
        """Articles new to the channel's feeds since it subscribed, undelivered, past its filters; oldest first.

        Baseline entries and entries seen before the subscription are skipped, so following a feed never
        floods a channel with its back catalogue. An article in two followed feeds comes once.
        """
        delivered = exists().where(
            Delivery.platform == platform, Delivery.channel_id == channel_id, Delivery.article_id == ArticleRow.id
        )
        query = (
            select(ArticleRow, Subscription.include_keywords, Subscription.exclude_keywords)
            .join(FeedEntry, FeedEntry.article_id == ArticleRow.id)
            .join(Subscription, Subscription.feed_id == FeedEntry.feed_id)
            .where(
                Subscription.platform == platform,
                Subscription.channel_id == channel_id,
                FeedEntry.baseline.is_(False),
                FeedEntry.first_seen_at >= Subscription.created_at,
                ~delivered,
            )
            .order_by(FeedEntry.first_seen_at, FeedEntry.id)
        )
        with self._reading() as session:
            rows = session.execute(query).all()
        pending: dict[int, ArticleRecord] = {}
        for article, include, exclude in rows:
            if article.id in pending:
                continue
            if KeywordFilter(tuple(include), tuple(exclude)).admits(f"{article.title or ''}\n{article.text}"):
                pending[article.id] = article.record()
        return list(pending.values())

    def claim_deliveries(self, platform: str, channel_id: str, article_ids: Iterable[int]) -> list[int]:
        """Marks articles as delivered to the channel; returns only the ids this call claimed, in the order given.

        Safe across processes: of several callers claiming one id, exactly one gets it. Unknown ids are skipped.
        """
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            return []
        with self._writing.begin() as session:
            known = set(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(wanted))))
            now = utcnow()
            # Sorted, so two PostgreSQL transactions claiming overlapping ids lock rows in one order: no deadlock.
            rows = [
                {"platform": platform, "channel_id": channel_id, "article_id": article_id, "delivered_at": now}
                for article_id in sorted(known)
            ]
            if not rows:
                return []
            statement = _insert(session, Delivery).values(rows)
            statement = statement.on_conflict_do_nothing(index_elements=["platform", "channel_id", "article_id"])
            claimed = set(session.scalars(statement.returning(Delivery.article_id)))
        return [article_id for article_id in wanted if article_id in claimed]

    def release_deliveries(self, platform: str, channel_id: str, article_ids: Iterable[int]) -> None:
        """Undoes a claim whose send failed, so the articles are pending again. Release only what you claimed."""
        ids = list(article_ids)
        if not ids:
            return
        with self._writing.begin() as session:
            session.execute(
                delete(Delivery).where(
                    Delivery.platform == platform, Delivery.channel_id == channel_id, Delivery.article_id.in_(ids)
                )
            )


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
    statement = _insert(session, Feed).values(values)
    session.execute(statement.on_conflict_do_nothing(index_elements=["url"]))
    return session.scalars(select(Feed).where(Feed.url == canonical)).one()


def _find_article(session: Session, url: str | None, content_hash: str | None) -> ArticleRow | None:
    """By URL first, then by content hash: the same story re-published under a new URL is still found."""
    if url is None and content_hash is None:
        raise ValueError("find an article by url, content_hash or both")
    row = None
    if url is not None:
        row = session.scalars(select(ArticleRow).where(ArticleRow.url == url)).first()
    if row is None and content_hash is not None:
        row = session.scalars(select(ArticleRow).where(ArticleRow.content_hash == content_hash)).first()
    return row


def _insert(session: Session, model: type[Any]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT; the engine is checked to be one of these two on open."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)
