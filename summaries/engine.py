"""The one interface every engine meets, so callers never care which engine (offline, LLM) answered."""

from __future__ import annotations

from typing import Protocol

from summaries.answers import answer
from summaries.article import require_english
from summaries.extractive import DEFAULT_WEIGHTS, BriefingWeights, ExtractiveSummarizer
from summaries.model import MAX_SENTENCES, MIN_SENTENCES, Answer, Article, Briefing, QuoteDigest  # noqa: F401 - the engine's bounds, defined with the model
from summaries.quotes import find_quotes

DEFAULT_SENTENCES = 4


class Engine(Protocol):
    name: str
    version: str
    """Bumped whenever the engine's output changes for the same input, so cached briefings are not served stale."""
    multilingual: bool
    """Whether it reads articles that are not English (`Article.language`); one that does not raises
    UnsupportedLanguage for them, and callers may refuse them before any work (`require_english`)."""

    @property
    def settings_key(self) -> str:
        """Every setting that changes the output (model, key quotes...), as a short stable string for cache keys."""
        ...

    def brief(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> Briefing: ...

    def quotes(self, article: Article) -> QuoteDigest: ...

    def answer(self, article: Article, question: str) -> Answer: ...


class OfflineEngine:
    """Extractive briefing, rule-based quotes and lexical answers: no network, no model, CPU only, English only
    (its sentence ranking, speech verbs and question words are English)."""

    name = "offline"
    version = "2026.11.26.2"
    multilingual = False

    def __init__(self, *, key_quotes: int = 4, weights: BriefingWeights = DEFAULT_WEIGHTS) -> None:
        self._summarizer = ExtractiveSummarizer(weights)
        self._key_quotes = key_quotes
        self._weights = weights

    @property
    def settings_key(self) -> str:
        return f"key_quotes={self._key_quotes};weights={self._weights!r}"

    def brief(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> Briefing:
        require_english(article)
        return self._summarizer.brief(article, sentences=sentences)

    def quotes(self, article: Article) -> QuoteDigest:
        require_english(article)
        return find_quotes(article, key_count=self._key_quotes)

    def answer(self, article: Article, question: str) -> Answer:
        require_english(article)
        return answer(article, question)
