"""Opening a store migrates it to head, on SQLite files and PostgreSQL, and the models match the migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.exc import IntegrityError

from bot.settings import Settings
from bot.store import Store, UnsupportedDatabase
from bot.store.database import PG_CONNECT_TIMEOUT_SECONDS, create_store_engine
from bot.store.migrate import HEAD_REVISION, alembic_config, current_revision, head_revision, upgrade
from bot.store.schema import Base

TABLES = {
    "alembic_version",
    "articles",
    "briefings",
    "channel_articles",
    "channels",
    "deliveries",
    "digest_pauses",
    "digest_runs",
    "feed_entries",
    "feeds",
    "handled_events",
    "subscriptions",
}


def test_open_migrates_to_head(database_url: str) -> None:
    Store.open(database_url).close()
    engine = create_engine(database_url)
    try:
        assert current_revision(engine) == head_revision() == HEAD_REVISION == "0004"
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()


def test_opening_again_keeps_data(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.add_feed("https://example.com/feed")
    with Store.open(database_url) as store:
        assert [feed.url for feed in store.list_feeds()] == ["https://example.com/feed"]


def test_models_match_migrations(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        upgrade(engine, through_migrations=True)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()


def test_a_new_database_built_from_the_models_is_the_one_the_migrations_build(tmp_path: Path) -> None:
    """New databases skip replaying the migrations: no table, column, index or key may differ (column order may)."""
    schemas = []
    for through_migrations in (True, False):
        engine = create_store_engine(f"sqlite:///{tmp_path / f'{through_migrations}.db'}")
        try:
            upgrade(engine, through_migrations=through_migrations)
            assert current_revision(engine) == HEAD_REVISION
            found = inspect(engine)
            schemas.append(
                {
                    table: (
                        sorted((c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)),
                        found.get_pk_constraint(table)["constrained_columns"],
                        sorted((i["name"], tuple(i["column_names"]), i["unique"]) for i in found.get_indexes(table)),
                        sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
                        sorted(
                            (tuple(f["constrained_columns"]), f["referred_table"], f["options"].get("ondelete"))
                            for f in found.get_foreign_keys(table)
                        ),
                    )
                    for table in found.get_table_names()
                }
            )
        finally:
            engine.dispose()
    assert set(schemas[0]) == TABLES
    assert schemas[0] == schemas[1]


def test_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    Store.open(f"sqlite:///{tmp_path / 'briefbot.db'}").close()
    with contextlib.closing(sqlite3.connect(tmp_path / "briefbot.db")) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_foreign_keys_are_enforced(store: Store) -> None:
    feed = store.add_feed("https://example.com/feed")
    with pytest.raises(IntegrityError):
        store.record_entry(feed.id, entry_key="guid", url=None, article_id=12345, baseline=False)


def test_in_memory_database_is_one_database_for_all_threads() -> None:
    with Store.open("sqlite://") as store:
        store.add_feed("https://example.com/feed")
        with ThreadPoolExecutor(max_workers=1) as pool:
            assert [feed.url for feed in pool.submit(store.list_feeds).result()] == ["https://example.com/feed"]


def test_sqlite_path_with_tilde_is_expanded_and_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    Store.open("sqlite:///~/.local/share/briefbot/briefbot.db").close()
    assert (tmp_path / ".local" / "share" / "briefbot" / "briefbot.db").is_file()


def test_default_url_follows_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = Settings().database_url
    assert url == f"sqlite:///{tmp_path}/data/briefbot/briefbot.db"
    Store.open(url).close()
    assert (tmp_path / "data" / "briefbot" / "briefbot.db").is_file()


def test_default_url_without_xdg_is_under_local_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings().database_url == f"sqlite:///{tmp_path}/.local/share/briefbot/briefbot.db"


def test_plain_postgres_url_uses_psycopg(postgres_url: str) -> None:
    plain = make_url(postgres_url).set(drivername="postgres").render_as_string(hide_password=False)
    with Store.open(plain) as store:
        assert store.add_feed("https://example.com/feed").url == "https://example.com/feed"


def test_other_databases_are_refused() -> None:
    with pytest.raises(UnsupportedDatabase, match="SQLite or PostgreSQL"):
        Store.open("mysql://user@localhost/briefbot")


def test_a_database_at_revision_0001_is_upgraded_with_its_feeds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            connection.execute(
                text("INSERT INTO feeds (url, baseline_done, created_at) VALUES (:u, 1, CURRENT_TIMESTAMP)"),
                {"u": "https://example.com/feed"},
            )
    finally:
        engine.dispose()
    with Store.open(url) as store:
        [feed] = store.list_feeds()
    assert (feed.url, feed.fetch_url, feed.baseline_done) == ("https://example.com/feed",) * 2 + (True,)


def test_postgres_connections_wait_the_default_timeout_unless_the_url_says(postgres_url: str) -> None:
    """The default is libpq's own connect timeout, seen on a real connection's parameters."""
    pytest.importorskip("psycopg")
    own = make_url(postgres_url).update_query_dict({"connect_timeout": "3"})
    for url, expected in ((postgres_url, PG_CONNECT_TIMEOUT_SECONDS), (own.render_as_string(hide_password=False), 3)):
        engine = create_store_engine(url)
        try:
            with engine.connect() as connection:
                dsn = connection.connection.dbapi_connection.info.dsn  # type: ignore[union-attr]
        finally:
            engine.dispose()
        assert f"connect_timeout={expected}" in dsn.split()
