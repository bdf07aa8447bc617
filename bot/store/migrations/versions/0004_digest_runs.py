"""The scheduled digest's ledger: one row per (channel, local date), and paused channels with the reason.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("channel_id", sa.String(length=255), nullable=False),
        sa.Column("local_date", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", UTC_TIME, nullable=False),
        sa.Column("retry_at", UTC_TIME, nullable=True),
        sa.Column("finished_at", UTC_TIME, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_digest_runs"),
        sa.UniqueConstraint(
            "platform", "channel_id", "local_date", name="uq_digest_runs_platform_channel_id_local_date"
        ),
    )
    op.create_table(
        "digest_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("channel_id", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("paused_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_pauses"),
        sa.UniqueConstraint("platform", "channel_id", name="uq_digest_pauses_platform_channel_id"),
    )


def downgrade() -> None:
    op.drop_table("digest_pauses")
    op.drop_table("digest_runs")
