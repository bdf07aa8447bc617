"""Shared fixtures: the bundled sample article and real articles from ../shared/data."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.cli import SAMPLE_ARTICLE
from bot.logs import JsonFormatter, Redactor
from summaries.article import read_article
from summaries.model import Article
from tests.fakes.page_server import PageServer, running_page_server

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FRENCH_ARTICLE = Path(__file__).parent / "data" / "article-fr.txt"
"""A French news article with « » quotations, written for these tests (the shared data is English only)."""


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text: str) -> Article:
    return read_article(seed_text)


@pytest.fixture(scope="session")
def french_text() -> str:
    return FRENCH_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cnndm_rows() -> list[dict]:
    """Rows 0-49 of the CNN/DailyMail train sample (rows 50-99 are held out)."""
    path = SHARED / "data" / "news-summ" / "cnndm-sample.jsonl"
    if not path.exists():
        pytest.skip("../shared/data is not beside the repository")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:50]


@pytest_asyncio.fixture
async def pages() -> AsyncIterator[PageServer]:
    """A real HTTP server on 127.0.0.1 in the test's event loop (see tests/fakes/page_server.py)."""
    async with running_page_server() as server:
        yield server


@pytest_asyncio.fixture
async def other_pages() -> AsyncIterator[PageServer]:
    """A second local server: a redirect target that must never be reached when private addresses are refused."""
    async with running_page_server() as server:
        yield server


@pytest.fixture
def json_logs() -> Iterator[Callable[[], list[dict]]]:
    """The lines logged from here on, as `briefbot run` writes them (JSON; the request id read as each is written).

    Call it for the lines so far, each parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(Redactor()))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
