"""The delivery ledger: which articles each channel was sent, claimed before a send and confirmed after it.

A claim never confirmed is offered again after `CLAIM_TIMEOUT` (its sender died between claim and send), so an
article reaches a channel at least once; two processes claiming one article get it once between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.channels import ChannelRef
from bot.store.database import WriteSessions
from bot.store.filters import KeywordFilter
from bot.store.queries import dialect_insert, ensure_channel_row, is_channel
from bot.store.records import ArticleRecord
from bot.store.schema import ArticleRow, Channel, Delivery, FeedEntry, Subscription, utcnow

CLAIM_TIMEOUT = timedelta(minutes=15)
"""A claim this old and never confirmed sent is offered again: its sender died between claim and send."""


class DeliveryLedger:
    """Mixed into `Store`: needs its `_reading` and `_writing` session factories."""

    _reading: sessionmaker[Session]
    _writing: WriteSessions

    def pending_articles(self, ref: ChannelRef, *, stale_after: timedelta = CLAIM_TIMEOUT) -> list[ArticleRecord]:
        """Articles new to the channel's feeds since it subscribed, past its filters, oldest first, each once.

        Pending means never claimed for the channel, or claimed more than `stale_after` ago and never confirmed
        sent (the sender died). Baseline entries and entries seen before the subscription are skipped, so
        following a feed never floods a channel with its back catalogue.
        """
        settled = exists().where(
            Delivery.channel_id == Channel.id,
            Delivery.article_id == ArticleRow.id,
            or_(Delivery.sent_at.is_not(None), Delivery.claimed_at >= utcnow() - stale_after),
        )
        query = (
            select(ArticleRow, Subscription.include_keywords, Subscription.exclude_keywords)
            .join(FeedEntry, FeedEntry.article_id == ArticleRow.id)
            .join(Subscription, Subscription.feed_id == FeedEntry.feed_id)
            .join(Channel, Channel.id == Subscription.channel_id)
            .where(
                is_channel(ref),
                FeedEntry.baseline.is_(False),
                FeedEntry.first_seen_at >= Subscription.created_at,
                ~settled,
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

    def claim_deliveries(
        self, ref: ChannelRef, article_ids: Iterable[int], *, stale_after: timedelta = CLAIM_TIMEOUT
    ) -> list[int]:
        """Claims articles for the channel; returns only the ids this call claimed, in the order given.

        An id is claimed when no one claimed it before, or when its claim is older than `stale_after` and was
        never confirmed. Safe across processes: of several callers claiming one id, exactly one gets it.
        Unknown ids are skipped. Confirm what was sent with `confirm_deliveries`, release what was not.
        """
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            return []
        with self._writing.begin() as session:
            channel_id = ensure_channel_row(session, ref).id
            known = sorted(set(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(wanted)))))
            if not known:
                return []
            now = utcnow()
            # Sorted, so two PostgreSQL transactions claiming overlapping ids lock rows in one order: no deadlock.
            rows = [{"channel_id": channel_id, "article_id": article_id, "claimed_at": now} for article_id in known]
            statement = dialect_insert(session, Delivery).values(rows)
            statement = statement.on_conflict_do_nothing(index_elements=["channel_id", "article_id"])
            claimed = set(session.scalars(statement.returning(Delivery.article_id)))
            claimed |= _reclaim_stale(session, channel_id, [i for i in known if i not in claimed], now - stale_after)
        return [article_id for article_id in wanted if article_id in claimed]

    def confirm_deliveries(self, ref: ChannelRef, article_ids: Iterable[int]) -> None:
        """Records that the claimed articles were sent: they are never offered to the channel again."""
        ids = list(article_ids)
        if not ids:
            return
        with self._writing.begin() as session:
            session.execute(
                update(Delivery)
                .where(_ledger_rows(ref, ids), Delivery.sent_at.is_(None))
                .values(sent_at=utcnow())
                .execution_options(synchronize_session=False)
            )

    def release_deliveries(self, ref: ChannelRef, article_ids: Iterable[int]) -> None:
        """Undoes a claim whose send failed, so the articles are pending again. A confirmed send stays."""
        ids = list(article_ids)
        if not ids:
            return
        with self._writing.begin() as session:
            session.execute(
                delete(Delivery)
                .where(_ledger_rows(ref, ids), Delivery.sent_at.is_(None))
                .execution_options(synchronize_session=False)
            )


def _ledger_rows(ref: ChannelRef, article_ids: list[int]) -> ColumnElement[bool]:
    channel_ids = select(Channel.id).where(is_channel(ref)).scalar_subquery()
    return and_(Delivery.channel_id == channel_ids, Delivery.article_id.in_(article_ids))


def _reclaim_stale(session: Session, channel_id: int, article_ids: list[int], cutoff: datetime) -> set[int]:
    """Takes over claims older than `cutoff` and never confirmed, one guarded UPDATE per row, in id order.

    The guard is re-checked after any lock wait (PostgreSQL) or under the write lock (SQLite), so of several
    processes re-claiming one row exactly one sees its UPDATE match.
    """
    if not article_ids:
        return set()
    stale = session.scalars(
        select(Delivery.article_id)
        .where(
            Delivery.channel_id == channel_id,
            Delivery.article_id.in_(article_ids),
            Delivery.sent_at.is_(None),
            Delivery.claimed_at < cutoff,
        )
        .order_by(Delivery.article_id)
    ).all()
    reclaimed: set[int] = set()
    now = utcnow()
    for article_id in stale:
        result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(Delivery)
            .where(
                Delivery.channel_id == channel_id,
                Delivery.article_id == article_id,
                Delivery.sent_at.is_(None),
                Delivery.claimed_at < cutoff,
            )
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            reclaimed.add(article_id)
    return reclaimed
