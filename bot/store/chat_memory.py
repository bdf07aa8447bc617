"""What chat front ends remember: events already handled (platforms retry them) and the article each message
briefed (a question in its thread is about that article)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from bot.channels import ChannelRef
from bot.store.database import WriteSessions
from bot.store.queries import dialect_insert, ensure_channel_row, is_channel
from bot.store.records import ArticleRecord
from bot.store.schema import ArticleRow, Channel, ChannelArticle, HandledEvent, utcnow

EVENT_TTL = timedelta(days=2)
"""How long a handled chat event is remembered; platforms retry within minutes."""
EVENT_PRUNE_EVERY = 256
"""Every this many events, older ones are deleted."""


class ChatMemory:
    """Mixed into `Store`: needs its session factories and its `_channel_ids` cache."""

    _reading: sessionmaker[Session]
    _writing: WriteSessions
    _channel_ids: dict[ChannelRef, int]

    def claim_event(self, platform: str, event_id: str) -> bool:
        """True the first time this event is seen by any process (or since its claim was released), False for a
        platform's retry of it while the claim stands."""
        now = utcnow()
        with self._writing.begin() as session:
            values = {"platform": platform, "event_id": event_id, "handled_at": now}
            statement = dialect_insert(session, HandledEvent).values(values)
            statement = statement.on_conflict_do_nothing(index_elements=["platform", "event_id"])
            inserted = session.execute(statement.returning(HandledEvent.id)).scalar()
            if inserted is not None and inserted % EVENT_PRUNE_EVERY == 0:
                session.execute(delete(HandledEvent).where(HandledEvent.handled_at < now - EVENT_TTL))
            return inserted is not None

    def release_events(self, platform: str, event_ids: Iterable[str]) -> None:
        """Forgets claims whose work ended before posting anything, so the platform's retry is answered.

        Release only what this caller claimed: a released id is claimable again by any process.
        """
        ids = list(event_ids)
        if not ids:
            return
        with self._writing.begin() as session:
            session.execute(
                delete(HandledEvent)
                .where(HandledEvent.platform == platform, HandledEvent.event_id.in_(ids))
                .execution_options(synchronize_session=False)
            )

    def remember_briefing(self, ref: ChannelRef, article_id: int, *, message_id: str | None = None) -> None:
        """Notes that the article was briefed in the channel, as the message (or thread) `message_id` if known."""
        with self._writing.begin() as session:
            self._remember(session, ref, article_id, message_id)

    def _remember(self, session: Session, ref: ChannelRef, article_id: int, message_id: str | None) -> None:
        """`remember_briefing` in `session`: one Core insert, no unit of work for one row."""
        values = {"channel_id": self._channel_id(session, ref), "article_id": article_id, "message_id": message_id}
        session.execute(insert(ChannelArticle).values(values))

    def _channel_id(self, session: Session, ref: ChannelRef) -> int:
        """The channel's row id, ensured once per store: a chat reply then writes one row, not three statements."""
        channel_id = self._channel_ids.get(ref)
        if channel_id is None:
            channel_id = self._channel_ids[ref] = ensure_channel_row(session, ref).id
        return channel_id

    def last_article(self, ref: ChannelRef, *, message_id: str | None = None) -> ArticleRecord | None:
        """The article briefed as `message_id` in the channel; without one, the one briefed there last."""
        query = (
            select(ArticleRow)
            .join(ChannelArticle, ChannelArticle.article_id == ArticleRow.id)
            .join(Channel, Channel.id == ChannelArticle.channel_id)
            .where(is_channel(ref))
            .order_by(ChannelArticle.id.desc())
            .limit(1)
        )
        if message_id is not None:
            query = query.where(ChannelArticle.message_id == message_id)
        with self._reading() as session:
            row = session.scalar(query)
            return row.record() if row else None
