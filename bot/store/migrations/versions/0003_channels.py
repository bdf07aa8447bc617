"""Channels become an entity with the digest settings; the ledger records claim and send; chat memory tables.

- `channels` (unique platform + channel_id) holds the digest time and time zone that each subscription held: a
  channel with several subscriptions takes the earliest digest time (compared as instants today, so zones count),
  with that subscription's time zone. Channels that only appear in the ledger get the defaults.
- `subscriptions` and `deliveries` reference `channels.id` in `channel_id`; deliveries gain `claimed_at` and
  `sent_at` (existing rows were sent: both are their old `delivered_at`).
- `articles.image`; `briefings` re-keyed by one `cache_key` string (old rows are dropped: it is a cache);
  `handled_events` (chat retries) and `channel_articles` (what was briefed where, for follow-up questions).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)
DEFAULT_DIGEST_TIME = "07:30"
DEFAULT_TIMEZONE = "UTC"
DEFAULT_MAX_STORIES = 8

_old_subscriptions = sa.table(
    "subscriptions",
    sa.column("id", sa.Integer()),
    sa.column("platform", sa.String()),
    sa.column("channel_id", sa.String()),
    sa.column("timezone", sa.String()),
    sa.column("digest_time", sa.String()),
    sa.column("created_at", UTC_TIME),
)
_old_deliveries = sa.table(
    "deliveries",
    sa.column("platform", sa.String()),
    sa.column("channel_id", sa.String()),
    sa.column("delivered_at", UTC_TIME),
)
_channels = sa.table(
    "channels",
    sa.column("id", sa.Integer()),
    sa.column("platform", sa.String()),
    sa.column("workspace", sa.String()),
    sa.column("channel_id", sa.String()),
    sa.column("digest_time", sa.String()),
    sa.column("timezone", sa.String()),
    sa.column("digest_enabled", sa.Boolean()),
    sa.column("quiet_when_empty", sa.Boolean()),
    sa.column("max_stories", sa.Integer()),
    sa.column("created_at", UTC_TIME),
)


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("image", sa.Text(), nullable=True))
    _create_channels()
    _carry_channels_over()
    _rekey_subscriptions()
    _rekey_deliveries()
    _recreate_briefings()
    _create_chat_tables()


def downgrade() -> None:
    raise NotImplementedError("Revision 0003 folds subscriptions into channels; restore a backup to go back.")


def _create_channels() -> None:
    op.create_table(
        "channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(255), nullable=False),
        sa.Column("channel_id", sa.String(255), nullable=False),
        sa.Column("digest_time", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("digest_enabled", sa.Boolean(), nullable=False),
        sa.Column("quiet_when_empty", sa.Boolean(), nullable=False),
        sa.Column("max_stories", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channels"),
        sa.UniqueConstraint("platform", "channel_id", name="uq_channels_platform_channel_id"),
    )


def _carry_channels_over() -> None:
    """One channel per (platform, channel_id) in subscriptions or the ledger; subscriptions' earliest time wins."""
    bind = op.get_bind()
    chosen: dict[tuple[str, str], dict[str, object]] = {}
    today = datetime.now(UTC)
    subscriptions = bind.execute(sa.select(_old_subscriptions).order_by(_old_subscriptions.c.id)).all()
    for row in subscriptions:
        key = (row.platform, row.channel_id)
        candidate = {"digest_time": row.digest_time, "timezone": row.timezone, "created_at": row.created_at}
        earlier = chosen.get(key)
        if earlier is None:
            chosen[key] = candidate
            continue
        if _utc_minutes(row.digest_time, row.timezone, today) < _utc_minutes(
            str(earlier["digest_time"]), str(earlier["timezone"]), today
        ):
            chosen[key] = {**candidate, "created_at": earlier["created_at"]}
    ledger = sa.select(
        _old_deliveries.c.platform, _old_deliveries.c.channel_id, sa.func.min(_old_deliveries.c.delivered_at)
    ).group_by(_old_deliveries.c.platform, _old_deliveries.c.channel_id)
    for platform, channel_id, first in bind.execute(ledger):
        chosen.setdefault(
            (platform, channel_id),
            {"digest_time": DEFAULT_DIGEST_TIME, "timezone": DEFAULT_TIMEZONE, "created_at": first},
        )
    if chosen:
        bind.execute(
            _channels.insert(),
            [
                {
                    "platform": platform,
                    "workspace": "",
                    "channel_id": channel_id,
                    "digest_enabled": True,
                    "quiet_when_empty": False,
                    "max_stories": DEFAULT_MAX_STORIES,
                    **settings,
                }
                for (platform, channel_id), settings in chosen.items()
            ],
        )


def _utc_minutes(digest_time: str, timezone: str, day: datetime) -> int:
    """Minutes after UTC midnight (may be negative or past 1440) at which `digest_time` in `timezone` falls today."""
    hours, minutes = (int(part) for part in digest_time.split(":"))
    try:
        offset = day.astimezone(ZoneInfo(timezone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError, OSError):
        offset = None
    return hours * 60 + minutes - (int(offset.total_seconds()) // 60 if offset else 0)


def _point_at_channels(table: str, unique: str, dropped: list[str]) -> None:
    """Replaces (platform, channel_id text) by channel_id -> channels.id, in steps so SQLite's batch copy follows."""
    with op.batch_alter_table(table) as batch:
        batch.add_column(sa.Column("channel_ref", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE {table} SET channel_ref = (SELECT channels.id FROM channels "
        f"WHERE channels.platform = {table}.platform AND channels.channel_id = {table}.channel_id)"
    )
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(unique, type_="unique")
        for column in dropped:
            batch.drop_column(column)
    with op.batch_alter_table(table) as batch:
        batch.alter_column("channel_ref", new_column_name="channel_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table(table) as batch:  # apart: SQLite's copy would drop a key on a column renamed with it
        batch.create_foreign_key(
            f"fk_{table}_channel_id_channels", "channels", ["channel_id"], ["id"], ondelete="CASCADE"
        )


def _rekey_subscriptions() -> None:
    _point_at_channels(
        "subscriptions",
        "uq_subscriptions_platform_channel_id_feed_id",
        ["platform", "channel_id", "timezone", "digest_time"],
    )
    with op.batch_alter_table("subscriptions") as batch:
        batch.create_unique_constraint("uq_subscriptions_channel_id_feed_id", ["channel_id", "feed_id"])


def _rekey_deliveries() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("claimed_at", UTC_TIME, nullable=True))
        batch.add_column(sa.Column("sent_at", UTC_TIME, nullable=True))
    op.execute("UPDATE deliveries SET claimed_at = delivered_at, sent_at = delivered_at")
    _point_at_channels(
        "deliveries", "uq_deliveries_platform_channel_id_article_id", ["platform", "channel_id", "delivered_at"]
    )
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("claimed_at", existing_type=UTC_TIME, nullable=False)
        batch.create_unique_constraint("uq_deliveries_channel_id_article_id", ["channel_id", "article_id"])


def _recreate_briefings() -> None:
    op.drop_table("briefings")
    op.create_table(
        "briefings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cache_key", sa.Text(), nullable=False),
        sa.Column("engine", sa.Text(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("sentences", sa.JSON(), nullable=False),
        sa.Column("quotes", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_briefings"),
        sa.UniqueConstraint("cache_key", name="uq_briefings_cache_key"),
    )


def _create_chat_tables() -> None:
    op.create_table(
        "handled_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=False),
        sa.Column("handled_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handled_events"),
        sa.UniqueConstraint("platform", "event_id", name="uq_handled_events_platform_event_id"),
    )
    op.create_index("ix_handled_events_handled_at", "handled_events", ["handled_at"])
    op.create_table(
        "channel_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("briefed_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channel_articles"),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channels.id"], name="fk_channel_articles_channel_id_channels", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_channel_articles_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_channel_articles_article_id", "channel_articles", ["article_id"])
    op.create_index("ix_channel_articles_channel_id_message_id", "channel_articles", ["channel_id", "message_id"])
