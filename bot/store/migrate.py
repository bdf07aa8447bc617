"""Runs the packaged Alembic migrations in code: no alembic.ini is needed where the bot is installed.

Alembic is imported only when the schema is behind: a database at HEAD_REVISION opens with one query, so a short
command (`feeds list`, an empty digest) does not spend a third of a second importing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from bot.store.database import WRITE

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0004"
"""The newest migration in migrations/versions; a test checks it is Alembic's head, so a new migration updates it."""
PG_MIGRATION_LOCK = 0x62726966
"""Advisory lock key ('brif') that serializes bots upgrading one PostgreSQL database at the same moment."""


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head in one transaction; safe when several processes open a new database together."""
    if _at_head(engine):
        return
    from alembic import command

    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), "head")


def _at_head(engine: Engine) -> bool:
    """Whether the schema is already at HEAD_REVISION (one read; no table yet, or any doubt, means no)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
    except SQLAlchemyError:
        return False
