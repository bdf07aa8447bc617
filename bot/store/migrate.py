"""Runs the packaged Alembic migrations in code: no alembic.ini is needed where the bot is installed.

Alembic is imported only when the schema is behind: a database at HEAD_REVISION opens with one query, so a short
command (`feeds list`, an empty digest) does not spend a third of a second importing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect, text
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


def upgrade(engine: Engine, *, through_migrations: bool = False) -> None:
    """Bring the schema to head in one transaction; safe when several processes open a new database together.

    A database with no tables yet is built from the models and stamped at head (Alembic's recipe for a new database:
    a fifth of the time of replaying every migration); `through_migrations` replays them instead, which the tests
    use to show both ways give the same schema.
    """
    if _at_head(engine):
        return
    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        if through_migrations or inspect(connection).get_table_names():
            from alembic import command

            command.upgrade(alembic_config(connection), "head")
        else:
            _create_at_head(connection)


def _create_at_head(connection: Connection) -> None:
    import bot.store.digest_runs  # noqa: F401 - its tables belong to the models' metadata
    from bot.store.schema import Base

    Base.metadata.create_all(connection)
    version = Table(  # as Alembic makes it
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    version.create(connection)
    connection.execute(version.insert().values(version_num=HEAD_REVISION))


def _at_head(engine: Engine) -> bool:
    """Whether the schema is already at HEAD_REVISION (one read; no table yet, or any doubt, means no).

    A database that cannot be reached raises here: trying again to migrate would double the wait on a dead server.
    """
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        except SQLAlchemyError:
            return False
