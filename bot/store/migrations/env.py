"""Alembic environment: runs on the connection `bot.store.migrate` hands over, inside its transaction."""

from __future__ import annotations

from alembic import context

from bot.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through bot.store.migrate, which supplies the connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
