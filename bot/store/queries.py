"""SQL pieces that more than one store module builds: the dialect's INSERT and the channel filter."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from bot.channels import ChannelRef
from bot.store.schema import Channel


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
