"""Where an article comes from: a URL on the web, a file, or pasted text. All roads end in `read_article`."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

import httpx

from bot.inputs import looks_like_html
from bot.urls import normalize_url, without_credentials
from bot.web import ARTICLE_TYPES, HTML_TYPES, FetchLimits, NotAnArticle, Page, fetch
from bot.web.extract import extract_article
from summaries.article import read_article
from summaries.model import Article


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


async def fetch_article(
    url: str, *, limits: FetchLimits, client: httpx.AsyncClient | None = None, executor: Executor | None = None
) -> Article:
    """Fetch and extract (in `executor`) the article at `url`. Raises a BriefbotError with a chat-ready message."""
    page = await fetch(normalize_url(url), limits=limits, client=client, accept=ARTICLE_TYPES)
    return await extract(page, executor)
