"""Where an article comes from (a URL, pasted text, a file) and how each becomes an `Article`, cache first."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.inputs import looks_like_html, read_text, size_words
from bot.services.runtime import Runtime
from bot.urls import normalize_url, without_credentials
from summaries.article import read_article, require_english
from summaries.errors import InputTooLarge
from summaries.model import Article

if TYPE_CHECKING:  # the store pulls in SQLAlchemy, which briefing a file never needs
    from bot.store import ArticleRecord


@dataclass(frozen=True, slots=True)
class FromUrl:
    url: str


@dataclass(frozen=True, slots=True)
class FromText:
    text: str
    name: str = "pasted text"


@dataclass(frozen=True, slots=True)
class FromFile:
    """A path, or '-' for standard input (the terminal only)."""

    path: str


Source = FromUrl | FromText | FromFile


@dataclass(frozen=True, slots=True)
class Loaded:
    article: Article
    source: str
    """What the user gave, as they would recognise it: the URL, the file name, "pasted text"."""
    record: ArticleRecord | None = None
    """The stored article, when the source was kept (URLs always; text when a channel may ask about it)."""


async def load(runtime: Runtime, source: Source, *, keep: bool = False) -> Loaded:
    """The article at `source`. A URL seen before comes from the store, without fetching it again.

    Raises the `BriefbotError` family with a message fit to show the user; an article in a language the engine does
    not read is refused here, before it is kept.
    """
    if isinstance(source, FromUrl):
        return await _from_url(runtime, normalize_url(source.url))
    if isinstance(source, FromText):
        if len(source.text.encode()) > runtime.settings.max_input_bytes:
            limit = size_words(runtime.settings.max_input_bytes)
            raise InputTooLarge(f"That text is over the {limit} limit for an article.")
        loop = asyncio.get_running_loop()
        article = await loop.run_in_executor(runtime.cpu, parse_text, source.text)
    else:
        text = await asyncio.to_thread(read_text, source.path, max_bytes=runtime.settings.max_input_bytes)
        article = await asyncio.to_thread(parse_text, text)
    readable(runtime, article)
    record = await _keep(runtime, article) if keep else None
    return Loaded(article, source.name if isinstance(source, FromText) else source.path, record)


def readable(runtime: Runtime, article: Article) -> Article:
    """`article`, unless the runtime's engine cannot read its language (the offline engine reads English only)."""
    if not runtime.engine.multilingual:
        require_english(article)
    return article


def parse_text(text: str) -> Article:
    """A saved web page is extracted like a fetched one; anything else is read as article text."""
    if looks_like_html(text):
        from bot.web.extract import extract_article

        return extract_article(text)
    return read_article(text)


async def _from_url(runtime: Runtime, url: str) -> Loaded:
    from bot.web import vet_address

    # The address rule holds for every URL a user gives, stored or not (a page kept while private addresses were
    # allowed is not served once they are not); refusing first also spares opening the store.
    await vet_address(url, limits=runtime.limits)
    from bot.fingerprints import canonical_url
    from bot.sources import fetch_article

    shown = without_credentials(url)  # fetching may use user:password@; nothing stored or shown has it
    store = await runtime.store()
    known = await asyncio.to_thread(store.find_article, url=canonical_url(shown))
    if known is not None:
        return Loaded(readable(runtime, known.article), shown, known)
    article = await fetch_article(url, limits=runtime.limits, client=runtime.client, executor=runtime.cpu)
    readable(runtime, article)
    # Kept under the link as pasted: after a redirect (http -> https, short links) it is what comes back.
    return Loaded(article, shown, await _keep(runtime, replace(article, url=shown)))


async def _keep(runtime: Runtime, article: Article) -> ArticleRecord:
    from bot.fingerprints import content_hash

    store = await runtime.store()
    record, _ = await asyncio.to_thread(store.save_article, article, content_hash=content_hash(article.text))
    return record
