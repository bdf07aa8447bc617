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
    from bot.briefing import BriefResult
    from bot.sources import ReadPage
    from bot.store import ArticleRecord, Store
    from summaries.async_engine import AsyncEngine
    from summaries.engine import Engine


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
    briefed: BriefResult | None = None
    """The briefing, when it was made with the article (a page fetched for a briefing, by a local engine)."""


async def load(runtime: Runtime, source: Source, *, keep: bool = False, sentences: int | None = None) -> Loaded:
    """The article at `source`. A URL seen before comes from the store, without fetching it again.

    With `sentences`, a page fetched is also briefed (and its quotes found) by the worker that extracts it, when the
    engine is a local one: `Loaded.briefed`. Raises the `BriefbotError` family with a message fit to show the user; an
    article in a language the engine does not read is refused here, before it is kept.
    """
    if isinstance(source, FromUrl):
        return await _from_url(runtime, normalize_url(source.url), sentences)
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


async def _from_url(runtime: Runtime, url: str, sentences: int | None) -> Loaded:
    from bot.web import vet_address

    # The address rule holds for every URL a user gives, stored or not (a page kept while private addresses were
    # allowed is not served once they are not); refusing first also spares opening the store.
    await vet_address(url, limits=runtime.limits)
    from bot.fingerprints import canonical_url
    from bot.sources import fetch_page

    shown = without_credentials(url)  # fetching may use user:password@; nothing stored or shown has it
    store = await runtime.store()
    known = await asyncio.to_thread(_stored, store, canonical_url(shown))
    if known is not None:
        return Loaded(readable(runtime, known[1]), shown, known[0])
    engine = _local_engine(runtime) if sentences else None
    read = await fetch_page(
        url, limits=runtime.limits, client=runtime.client, executor=runtime.cpu, engine=engine, sentences=sentences or 0
    )
    readable(runtime, read.article)
    # Kept under the link as pasted: after a redirect (http -> https, short links) it is what comes back.
    kept = replace(read.article, url=shown)
    record, briefed = await asyncio.to_thread(_keep_read, store, runtime.engine, kept, read, sentences or 0, shown)
    return Loaded(read.article, shown, record, briefed)


def _stored(store: Store, url: str) -> tuple[ArticleRecord, Article] | None:
    """The article stored under `url`, split into sentences here, in the thread that reads it, not on the loop."""
    record = store.find_article(url=url)
    return (record, record.article) if record is not None else None


def _keep_read(
    store: Store, engine: Engine | AsyncEngine, kept: Article, read: ReadPage, sentences: int, source: str
) -> tuple[ArticleRecord, BriefResult | None]:
    """One write off the loop: the article saved and, when the worker briefed it, the briefing settled with the cache
    (a briefing cached before wins)."""
    from bot.briefing import BriefResult, cache_key

    if read.briefed is None:
        record, _ = store.save_article(kept, content_hash=read.content_hash)
        return record, None
    key = cache_key(engine, read.content_hash, sentences)
    record, parts, cached = store.save_briefed(kept, content_hash=read.content_hash, key=key, briefed=read.briefed)
    return record, BriefResult(source, read.article, *parts, cached=cached)


def _local_engine(runtime: Runtime) -> Engine | None:
    """The engine when it can run beside extraction in a worker; an LLM engine (async) is awaited instead."""
    from summaries.async_engine import is_async_engine

    engine = runtime.engine
    return None if is_async_engine(engine) else engine  # type: ignore[return-value]


async def _keep(runtime: Runtime, article: Article) -> ArticleRecord:
    from bot.fingerprints import content_hash

    store = await runtime.store()
    record, _ = await asyncio.to_thread(store.save_article, article, content_hash=content_hash(article.text))
    return record
