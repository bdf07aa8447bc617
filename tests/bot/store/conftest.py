"""Stores on real databases: a SQLite file in tmp_path, and a fresh PostgreSQL schema when one is configured."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from bot.store import Store

POSTGRES_ENV = "BRIEFBOT_TEST_POSTGRES_URL"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'briefbot.db'}"


@pytest.fixture(scope="session")
def postgres_base() -> str:
    """The configured server, checked once: set but not answering stops the run with one line, not 100 errors."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    engine = create_engine(base, connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            pass
    except Exception as error:  # any driver error: the reason goes in the one line
        where = make_url(base).render_as_string(hide_password=True)
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        pytest.exit(f"{POSTGRES_ENV} is set, but no PostgreSQL answers at {where}: {reason}", returncode=3)
    finally:
        engine.dispose()
    return base


@pytest.fixture
def postgres_url(postgres_base: str) -> Iterator[str]:
    """A URL whose search_path is a schema made for this test alone, dropped afterwards."""
    base = postgres_base
    schema = f"briefbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs on a SQLite file and, when configured, on PostgreSQL."""
    return request.getfixturevalue({"sqlite": "sqlite_url", "postgresql": "postgres_url"}[request.param])


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    try:
        yield opened
    finally:
        opened.close()
