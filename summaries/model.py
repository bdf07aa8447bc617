"""The core's values: what engines take and give back. Frozen, so they can be cached and shared freely."""

from __future__ import annotations

from dataclasses import dataclass, field

ENGLISH = "English"
MIN_SENTENCES, MAX_SENTENCES = 1, 10
"""How many sentences a briefing may have (every engine and front end checks against these)."""
"""`Article.language` of English text, the one language the offline engine reads."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article; `start`/`end` are offsets into `Article.text`."""

    text: str
    start: int
    end: int
    index: int
    paragraph: int
    caption: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned news article. `text` is the body only: page furniture and by-lines are already gone."""

    title: str | None
    text: str
    url: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    image: str | None = None
    """The page's lead image (og:image), an absolute http(s) URL, for thumbnails."""
    sentences: tuple[Sentence, ...] = field(default=(), compare=False, repr=False)
    truncated: bool = False
    """Only the first `summaries.article.MAX_ARTICLE_CHARS` characters were kept."""
    language: str | None = field(default=ENGLISH, compare=False)
    """Read from the text: ENGLISH, another language's English name ("French"), or None for text that is not
    English in a language not recognised. Only an engine that is `multilingual` briefs what is not ENGLISH."""

    @property
    def headline(self) -> str:
        """The title, or the first sentence when the article came without one."""
        if self.title:
            return self.title
        return self.sentences[0].text if self.sentences else ""


@dataclass(frozen=True, slots=True)
class Briefing:
    headline: str
    sentences: tuple[str, ...]
    engine: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, verbatim from `Article.text[start:end]`."""

    text: str
    speaker: str | None
    role: str | None
    start: int
    end: int
    key: bool = False


@dataclass(frozen=True, slots=True)
class QuoteDigest:
    """Every quotation in article order; the `key` ones are the few worth showing first."""

    quotes: tuple[Quote, ...]

    @property
    def key_quotes(self) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.key)


@dataclass(frozen=True, slots=True)
class Answer:
    """`text` is None when the article does not answer the question; `evidence` is the sentence it came from."""

    question: str
    text: str | None
    evidence: str | None
    score: float = 0.0

    @property
    def found(self) -> bool:
        return self.text is not None
