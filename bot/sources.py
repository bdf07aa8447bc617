"""Where an article comes from: a URL on the web, a file, or pasted text. All roads end in `read_article`."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from bot.briefing import compute
from bot.fingerprints import content_hash
from bot.inputs import looks_like_html
from bot.urls import normalize_url, without_credentials
from bot.web import ARTICLE_TYPES, HTML_TYPES, FetchLimits, NotAnArticle, Page, fetch
from bot.web.extract import extract_article
from summaries.article import read_article
from summaries.model import Article, Briefing, QuoteDigest

if TYPE_CHECKING:
    from summaries.engine import Engine


@dataclass(frozen=True, slots=True)
class ReadPage:
    """A page read in a worker: the article, its content hash and, when an engine came along, its briefing and
    quotes, so the article is not sent back to a worker to be briefed, nor hashed again on the event loop."""

    article: Article
    content_hash: str
    briefed: tuple[Briefing, QuoteDigest] | None = None


def article_from_page(page: Page) -> Article:
    """CPU-bound (trafilatura): call it in a worker thread from async code.

    HTML is sniffed: a page served as text/plain that is HTML is extracted, not briefed tags and all.
    """
    url = without_credentials(page.url)
    if page.content_type in HTML_TYPES or not page.content_type or looks_like_html(page.text):
        return extract_article(page.text, url=url)
    if page.content_type == "text/plain":
        return read_article(page.text, url=url)
    raise NotAnArticle("That link is a news feed, not an article: follow it with `feeds add` instead.")


async def extract(page: Page, executor: Executor | None = None) -> Article:
    """`article_from_page` off the event loop, in `executor` (default: a thread)."""
    return await asyncio.get_running_loop().run_in_executor(executor, article_from_page, page)


def read_page(page: Page, engine: Engine | None = None, sentences: int = 0) -> ReadPage:
    """CPU-bound: `article_from_page`, its content hash and, with a (synchronous) `engine`, its briefing of
    `sentences` and its quotes, in one call: a process pool's worker does a link's whole CPU work in one trip."""
    article = article_from_page(page)
    briefed = compute(engine, article, sentences) if engine is not None else None
    return ReadPage(article, content_hash(article.text), briefed)


async def fetch_page(
    url: str,
    *,
    limits: FetchLimits,
    client: httpx.AsyncClient | None = None,
    executor: Executor | None = None,
    engine: Engine | None = None,
    sentences: int = 0,
) -> ReadPage:
    """Fetch the page at `url` and `read_page` it in `executor` (default: a thread), briefed when `engine` is given.

    Raises a BriefbotError with a chat-ready message.
    """
    page = await fetch(normalize_url(url), limits=limits, client=client, accept=ARTICLE_TYPES)
    return await asyncio.get_running_loop().run_in_executor(executor, read_page, page, engine, sentences)


async def fetch_article(
    url: str, *, limits: FetchLimits, client: httpx.AsyncClient | None = None, executor: Executor | None = None
) -> Article:
    """Fetch and extract (in `executor`) the article at `url`. Raises a BriefbotError with a chat-ready message."""
    return (await fetch_page(url, limits=limits, client=client, executor=executor)).article
