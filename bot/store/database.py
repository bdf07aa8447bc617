"""Engines for the store: SQLite files (the default) and PostgreSQL, each set up for several processes at once."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.store.errors import UnsupportedDatabase

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
"""How long a SQLite writer waits for another process's write to finish before giving up."""
PG_CONNECT_TIMEOUT_SECONDS = 10
"""How long to wait for a PostgreSQL server to answer a new connection (override with ?connect_timeout=N)."""
SQLITE_MIN_VERSION = (3, 35)
"""The first SQLite with RETURNING, which insert-or-ignore uses to tell a caller what it inserted."""
WRITE = "briefbot_write"
"""Execution option marking a connection that will write: on SQLite it takes the write lock at BEGIN."""


class WriteSessions:
    """Write transactions: `with writes.begin() as session:`, committed at the end (rolled back on an exception).

    A SQLite database takes one writer at a time. Writers of this process queue on a lock before BEGIN IMMEDIATE,
    so each starts the moment the one before commits; waiting inside SQLite instead, in its busy handler, sleeps in
    steps of up to 100 ms (up to 81 ms measured, with 100 chat requests writing at once). Writers in other processes
    still meet in the busy handler. PostgreSQL locks rows, not the database: no lock there.
    """

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        self._lock = threading.Lock() if engine.dialect.name == "sqlite" else None

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._lock or nullcontext(), self._sessions.begin() as session:
            yield session


def create_store_engine(url: str) -> Engine:
    """An engine for `url`; raises UnsupportedDatabase for anything but SQLite or PostgreSQL.

    In-memory SQLite (`sqlite://`) is one connection shared by all threads: fine for tests, not for concurrent use.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        # Hosting platforms hand out postgres:// URLs; psycopg 3 is the driver the `postgres` extra installs.
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise UnsupportedDatabase(f"The database must be SQLite or PostgreSQL, not {backend!r}.")
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    # A server that accepts connections and never answers must not hang the bot: libpq's own connect timeout.
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_SECONDS}
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: URL) -> Engine:
    if sqlite3.sqlite_version_info < SQLITE_MIN_VERSION:
        raise UnsupportedDatabase(
            f"SQLite {sqlite3.sqlite_version} is too old: the store needs 3.35 or newer (for INSERT ... RETURNING)."
        )
    database = url.database
    options: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}}
    if not database or database == ":memory:":
        # One shared connection, or each thread (asyncio.to_thread) would see its own empty database.
        options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    elif not database.startswith("file:"):
        path = Path(database).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = url.set(database=str(path))
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own implicit BEGIN is deferred and skips DDL; _on_sqlite_begin issues BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    _enable_wal(cursor)
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, an app crash loses none.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _enable_wal(cursor: Any) -> None:
    """Switching a new file to WAL needs a lock that SQLite does not wait for; bots starting together retry."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _on_sqlite_begin(connection: Any) -> None:
    # A deferred transaction that reads then writes fails at once with SQLITE_BUSY when another process wrote in
    # between; BEGIN IMMEDIATE waits for the lock instead (up to the busy timeout).
    writes = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
