"""SQL pieces that more than one store module builds: the dialect's INSERT, the channel filter, the channel row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from bot.channels import ChannelRef
from bot.store import options
from bot.store.records import DEFAULT_DIGEST_TIME, DEFAULT_MAX_STORIES, DEFAULT_TIMEZONE
from bot.store.schema import Channel, utcnow


def dialect_insert(session: Session, model: type[Any]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT; the engine is checked to be one of these two on open."""
    # Imported here: the PostgreSQL dialect module costs a SQLite user's every command 20-60 ms at start.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)


def is_channel(ref: ChannelRef) -> ColumnElement[bool]:
    """The channel's identity is (platform, channel_id); the workspace is only recorded."""
    return and_(Channel.platform == ref.platform, Channel.channel_id == ref.channel_id)


def ensure_channel_row(session: Session, ref: ChannelRef) -> Channel:
    """The channel's row, inserted with the defaults when new; records `ref.workspace` when it is given."""
    options.check_channel(ref)
    values = {
        "platform": ref.platform,
        "workspace": ref.workspace,
        "channel_id": ref.channel_id,
        "digest_time": DEFAULT_DIGEST_TIME,
        "timezone": DEFAULT_TIMEZONE,
        "digest_enabled": True,
        "quiet_when_empty": False,
        "max_stories": DEFAULT_MAX_STORIES,
        "created_at": utcnow(),
    }
    statement = dialect_insert(session, Channel).values(values)
    session.execute(statement.on_conflict_do_nothing(index_elements=["platform", "channel_id"]))
    row = session.scalars(select(Channel).where(is_channel(ref))).one()
    if ref.workspace and row.workspace != ref.workspace:
        row.workspace = ref.workspace
        session.flush()
    return row
