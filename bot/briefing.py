"""Briefing an article through an engine, with the store as a cache keyed by content hash, engine and length.

A second request for the same article, from any channel or process, is served from the cache, not recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.fingerprints import content_hash
from summaries.engine import Engine
from summaries.model import Article, Briefing, QuoteDigest

if TYPE_CHECKING:  # the store pulls in SQLAlchemy, which plain file briefings never need
    from bot.store import Store


@dataclass(frozen=True, slots=True)
class BriefResult:
    """Everything a briefing reply shows for one article."""

    source: str
    article: Article
    briefing: Briefing
    quotes: QuoteDigest
    cached: bool = False


class Briefer:
    def __init__(self, engine: Engine, store: Store | None = None) -> None:
        self.engine = engine
        self.store = store

    def brief(self, article: Article, *, sentences: int, source: str | None = None) -> BriefResult:
        source = source or article.url or article.headline
        key = content_hash(article.text)
        if self.store is not None:
            hit = self.store.cached_briefing(key, self.engine.name, sentences)
            if hit is not None:
                return BriefResult(source, article, *hit, cached=True)
        briefing = self.engine.brief(article, sentences=sentences)
        quotes = self.engine.quotes(article)
        if self.store is not None:
            self.store.cache_briefing(key, sentences, briefing, quotes)
        return BriefResult(source, article, briefing, quotes)
