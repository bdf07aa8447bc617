"""A URL briefed twice is served from the cache the second time, with the same briefing, for the whole corpus.

The second brief reads the article back from the store; it only hits the cache when the read-back text (and so its
content hash) is exactly what was stored. All 1,200 corpus articles go through the store round trip with a cheap
lead-sentences engine (the offline engine would take ~15 s); a slice, every article that ends on a credit line
among them, goes the whole way: served as a page on 127.0.0.1, fetched, extracted, briefed by the offline engine.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.briefing import Briefer
from bot.fingerprints import content_hash
from bot.services import FromUrl, Runtime, brief
from bot.settings import Settings
from bot.store import Store
from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.model import Article, Briefing, QuoteDigest
from tests.conftest import SHARED
from tests.fakes.page_server import PageServer

CORPUS = SHARED / "data" / "news-summ"
HTML = [("Content-Type", "text/html; charset=utf-8")]
HTTP_SLICE = 10
"""Articles of each corpus file fetched over HTTP, besides every one that ends on a credit line."""


class LeadEngine(OfflineEngine):
    """The first sentences as the briefing, no quotes: enough to test the cache, fast on 1,200 articles."""

    name = "lead"

    def brief(self, article: Article, *, sentences: int = 4) -> Briefing:
        return Briefing(article.headline, tuple(s.text for s in article.sentences[:sentences]), self.name)

    def quotes(self, article: Article) -> QuoteDigest:
        return QuoteDigest(())


def corpus() -> list[dict[str, str]]:
    if not CORPUS.exists():
        pytest.skip("../shared/data is not beside the repository")
    return [
        json.loads(line)
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'briefbot.db'}") as opened:
        yield opened


def test_every_corpus_article_is_cached_on_its_second_brief() -> None:
    with Store.open("sqlite://") as store:  # in memory: the round trip is the same, the suite stays fast
        misses = briefed_twice(store, corpus())
    assert misses == []


def briefed_twice(store: Store, rows: list[dict[str, str]]) -> list[int]:
    """Rows whose second brief, from the article read back, missed the cache or differed."""
    briefer = Briefer(LeadEngine(), store)
    misses = []
    for number, row in enumerate(rows):
        url = f"https://news.example.com/{row['id']}"
        article = read_article(row["article"], title=row.get("title"), url=url)
        _, is_new = store.save_article(article, content_hash=content_hash(article.text))
        first = briefer.brief(article, sentences=2, source=url)
        # A story in two corpus files is one article, kept under its first URL.
        known = store.find_article(url=url) or store.find_article(content_hash=content_hash(article.text))
        assert known is not None
        again = briefer.brief(known.article, sentences=2, source=url)
        # A story in two corpus files was briefed under its first copy, so its first brief is cached too.
        if not again.cached or again.briefing != first.briefing or first.cached == is_new:
            misses.append(number)
    return misses


def page(row: dict[str, str]) -> bytes:
    title = html.escape(row.get("title") or "News")
    paragraphs = "".join(f"<p>{html.escape(part.strip())}</p>" for part in row["article"].split("\n") if part.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav>Home</nav><article><h1>{title}</h1>{paragraphs}</article><footer>(c) News</footer></body></html>"
    ).encode()


def http_slice(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_source: dict[str, int] = {}
    chosen = []
    for row in rows:
        source = row["source"]
        by_source[source] = by_source.get(source, 0) + 1
        if by_source[source] <= HTTP_SLICE or "reported from" in row["article"][-300:]:
            chosen.append(row)
    return chosen


async def test_a_url_briefed_twice_comes_from_the_cache(pages: PageServer, tmp_path: Path) -> None:
    rows = http_slice(corpus())
    for row in rows:
        pages.serve(f"/{row['id']}", body=page(row), headers=HTML)
    settings = Settings(allow_private_addresses=True, database_url=f"sqlite:///{tmp_path / 'briefbot.db'}")
    misses = []
    async with Runtime(settings) as runtime:
        for row in rows:
            url = pages.url(f"/{row['id']}")
            first = (await brief(runtime, FromUrl(url), sentences=3)).reply
            again = (await brief(runtime, FromUrl(url), sentences=3)).reply
            if first.cached or not again.cached or (again.sentences, again.quotes) != (first.sentences, first.quotes):
                misses.append(row["id"])
    assert len(rows) > 3 * HTTP_SLICE
    assert misses == []
    assert sum(request.path != "/favicon.ico" for request in pages.requests) == len(rows)  # fetched once each
