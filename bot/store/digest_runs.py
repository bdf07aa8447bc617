"""The scheduled digest's own ledger: one row per (channel, local date) claimed, and a channel's pause.

The unique (platform, channel_id, local_date) row is what makes a scheduled digest exactly once a local day across
processes: an insert-or-ignore claims it, and only a failed run whose retry is due, or a claim left by a process
that died (older than `stale_after`), can be claimed again, by a conditional update that one caller wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, Integer, String, Text, UniqueConstraint, and_, delete, exists, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from bot.store.database import WriteSessions
from bot.store.queries import dialect_insert, is_channel
from bot.store.records import ChannelRecord
from bot.store.schema import Base, Channel, Feed, FeedEntry, Subscription, UTCDateTime

if TYPE_CHECKING:
    from bot.channels import ChannelRef

CLAIMED, POSTED, FAILED = "claimed", "posted", "failed"


class DigestRunRow(Base):
    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[str] = mapped_column(String(255))
    local_date: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(8))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)


class DigestPauseRow(Base):
    """A channel whose digest stopped after repeated failures to post; the reason is shown to its users."""

    __tablename__ = "digest_pauses"
    __table_args__ = (UniqueConstraint("platform", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[str] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text)
    paused_at: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True, slots=True)
class DigestRun:
    """A channel's digest on one local date: claimed (being posted), posted, or failed (`retry_at` the next try)."""

    local_date: date
    status: str
    attempts: int
    claimed_at: datetime
    retry_at: datetime | None
    error: str | None

    def claimable(self, now: datetime, stale_after: timedelta) -> bool:
        if self.status == FAILED:
            return self.retry_at is None or self.retry_at <= now
        return self.status == CLAIMED and self.claimed_at <= now - stale_after


@dataclass(frozen=True, slots=True)
class DigestPause:
    reason: str
    since: datetime


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """A feed item that carried an article to a channel: the feed (canonical URL), the item's GUID and link."""

    feed: str
    guid: str | None
    link: str | None


class DigestRuns:
    """Mixed into `Store`: needs its `_reading` and `_writing` session factories."""

    _reading: sessionmaker[Session]
    _writing: WriteSessions

    def digest_channels(self) -> list[ChannelRecord]:
        """Channels that get a scheduled digest: following a feed, digest enabled, not paused; oldest first."""
        following = exists().where(Subscription.channel_id == Channel.id)
        paused = exists().where(
            DigestPauseRow.platform == Channel.platform, DigestPauseRow.channel_id == Channel.channel_id
        )
        query = select(Channel).where(following, Channel.digest_enabled.is_(True), ~paused).order_by(Channel.id)
        with self._reading() as session:
            return [row.record() for row in session.scalars(query)]

    def article_sources(self, ref: ChannelRef, article_ids: list[int]) -> dict[int, list[ArticleSource]]:
        """For each article, the items of the channel's feeds that carried it, first seen first."""
        if not article_ids:
            return {}
        query = (
            select(FeedEntry.article_id, Feed.url, FeedEntry.guid, FeedEntry.url)
            .join(Feed, Feed.id == FeedEntry.feed_id)
            .join(Subscription, Subscription.feed_id == FeedEntry.feed_id)
            .join(Channel, Channel.id == Subscription.channel_id)
            .where(is_channel(ref), FeedEntry.article_id.in_(article_ids))
            .order_by(FeedEntry.first_seen_at, FeedEntry.id)
        )
        found: dict[int, list[ArticleSource]] = {}
        with self._reading() as session:
            for article_id, feed, guid, link in session.execute(query):
                if article_id is not None:  # the query asks for known ids; the column is nullable
                    found.setdefault(article_id, []).append(ArticleSource(feed, guid, link))
        return found

    def claim_digest(self, ref: ChannelRef, day: date, *, now: datetime, stale_after: timedelta) -> bool:
        """True for the one caller, across processes, that may post the channel's digest of `day` now."""
        key = _key(ref, day)
        with self._writing.begin() as session:
            values = {**key, "status": CLAIMED, "attempts": 0, "claimed_at": now}
            statement: Any = dialect_insert(session, DigestRunRow).values(values)
            statement = statement.on_conflict_do_nothing(index_elements=["platform", "channel_id", "local_date"])
            if session.execute(statement.returning(DigestRunRow.id)).first() is not None:
                return True
            retake = (
                update(DigestRunRow)
                .where(*_match(key))
                .where(
                    or_(
                        and_(DigestRunRow.status == FAILED, DigestRunRow.retry_at <= now),
                        and_(DigestRunRow.status == CLAIMED, DigestRunRow.claimed_at <= now - stale_after),
                    )
                )
                .values(status=CLAIMED, claimed_at=now)
            )
            result: CursorResult[Any] = session.execute(retake)  # type: ignore[assignment]
            return result.rowcount == 1

    def finish_digest(self, ref: ChannelRef, day: date, *, now: datetime) -> None:
        with self._writing.begin() as session:
            session.execute(
                update(DigestRunRow).where(*_match(_key(ref, day))).values(status=POSTED, finished_at=now, error=None)
            )

    def release_digest(self, ref: ChannelRef, day: date) -> None:
        """Gives back a claim whose run was stopped before it finished (a shutdown), so another process posts it."""
        with self._writing.begin() as session:
            session.execute(delete(DigestRunRow).where(*_match(_key(ref, day)), DigestRunRow.status == CLAIMED))

    def record_digest_failure(
        self, ref: ChannelRef, day: date, reason: str, *, now: datetime, backoff: timedelta
    ) -> int:
        """Marks the claimed run failed, retried after `backoff` doubled per attempt; returns the attempts so far."""
        with self._writing.begin() as session:
            row = session.scalars(select(DigestRunRow).where(*_match(_key(ref, day))).with_for_update()).one()
            row.attempts += 1
            row.status, row.error, row.finished_at = FAILED, reason, now
            row.retry_at = now + backoff * 2 ** (row.attempts - 1)
            return row.attempts

    def digest_run(self, ref: ChannelRef, day: date) -> DigestRun | None:
        with self._reading() as session:
            row = session.scalars(select(DigestRunRow).where(*_match(_key(ref, day)))).first()
        if row is None:
            return None
        return DigestRun(day, row.status, row.attempts, row.claimed_at, row.retry_at, row.error)

    def pause_digest(self, ref: ChannelRef, reason: str, *, now: datetime) -> None:
        values = {"platform": ref.platform, "channel_id": ref.channel_id, "reason": reason, "paused_at": now}
        with self._writing.begin() as session:
            statement: Any = dialect_insert(session, DigestPauseRow).values(values)
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=["platform", "channel_id"], set_={"reason": reason, "paused_at": now}
                )
            )

    def resume_digest(self, ref: ChannelRef) -> bool:
        """True when the channel's digest was paused. Cheap when it was not: front ends call it on every command,
        and a read takes no write lock (a SQLite database has one)."""
        if self.digest_pause(ref) is None:
            return False
        with self._writing.begin() as session:
            return unpause(session, ref)

    def digest_pause(self, ref: ChannelRef) -> DigestPause | None:
        with self._reading() as session:
            row = session.scalars(
                select(DigestPauseRow).where(
                    DigestPauseRow.platform == ref.platform, DigestPauseRow.channel_id == ref.channel_id
                )
            ).first()
            return DigestPause(row.reason, row.paused_at) if row else None


def unpause(session: Session, ref: ChannelRef) -> bool:
    """Lifts the channel's digest pause in `session`; True when there was one."""
    match = DigestPauseRow.platform == ref.platform, DigestPauseRow.channel_id == ref.channel_id
    result: CursorResult[Any] = session.execute(delete(DigestPauseRow).where(*match))  # type: ignore[assignment]
    return result.rowcount > 0


def _key(ref: ChannelRef, day: date) -> dict[str, str]:
    return {"platform": ref.platform, "channel_id": ref.channel_id, "local_date": day.isoformat()}


def _match(key: dict[str, str]) -> list[Any]:
    return [
        DigestRunRow.platform == key["platform"],
        DigestRunRow.channel_id == key["channel_id"],
        DigestRunRow.local_date == key["local_date"],
    ]
