"""What briefbot says, independent of any platform: terminal, Slack and Discord renderers each draw these values.

Every user-facing sentence is built here (or in the `BriefbotError` messages the services raise), so the wording
is the same everywhere and a renderer only decides layout and the platform's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.channels import ChannelRef
from bot.links import text_fragment_url
from summaries.model import Answer, Quote

NOT_IN_ARTICLE = "The article does not say."
NOTHING_NEW = "Nothing new since the last digest."
DIGEST_PAUSED = (
    "The digest is paused because posting it here failed: {reason}. It starts again after the next command that "
    "works in this channel."
)


@dataclass(frozen=True, slots=True)
class QuoteLine:
    text: str
    speaker: str | None
    role: str | None
    key: bool
    link: str | None
    """The quote's place in its page (a text fragment), for articles that came from a URL."""

    @property
    def attribution(self) -> str:
        who = self.speaker or "unattributed"
        return f"{who}, {self.role}" if self.role else who


@dataclass(frozen=True, slots=True)
class BriefingReply:
    source: str
    title: str
    url: str | None
    sentences: tuple[str, ...]
    quotes: tuple[QuoteLine, ...]
    engine: str
    cached: bool = False
    site: str | None = None
    author: str | None = None
    published: str | None = None
    image: str | None = None
    truncated: bool = False

    @property
    def bullets(self) -> tuple[str, ...]:
        """The sentences less the one already shown as the headline (an untitled article's first)."""
        return tuple(s for s in self.sentences if s != self.title)

    @property
    def key_quotes(self) -> tuple[QuoteLine, ...]:
        return tuple(q for q in self.quotes if q.key)

    @property
    def context(self) -> str:
        """Site, author and date on one line, as far as the page gave them."""
        return " · ".join(part for part in (self.site, self.author and f"by {self.author}", self.published) if part)


@dataclass(frozen=True, slots=True)
class AnswerReply:
    question: str
    answer: str | None
    evidence: str | None
    evidence_link: str | None = None
    article_title: str | None = None
    article_url: str | None = None

    @property
    def found(self) -> bool:
        return self.answer is not None


@dataclass(frozen=True, slots=True)
class FeedLine:
    url: str
    title: str | None = None
    only: tuple[str, ...] = ()
    excluding: tuple[str, ...] = ()

    @property
    def filters(self) -> str:
        return filter_words(self.only, self.excluding)


def filter_words(only: Sequence[str], excluding: Sequence[str]) -> str:
    """A subscription's keyword filters as every renderer words them: "only a, b; except c" ("" for none)."""
    parts = ([f"only {', '.join(only)}"] if only else []) + ([f"except {', '.join(excluding)}"] if excluding else [])
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class FeedsReply:
    """A channel's subscriptions and digest schedule, or (channel None) every feed followed."""

    channel: ChannelRef | None
    feeds: tuple[FeedLine, ...]
    digest_time: str | None = None
    timezone: str | None = None
    paused: str | None = None
    """Why the channel's digest stopped (repeated failures to post), in plain words; None when it runs."""

    @property
    def summary(self) -> str:
        if not self.feeds:
            return "This channel has no subscriptions yet." if self.channel else "No feeds are followed yet."
        if self.channel is None:
            return f"Following {_count(len(self.feeds), 'feed')}."
        text = f"{_count(len(self.feeds), 'feed')}; the digest comes at {self.digest_time} ({self.timezone})."
        if self.paused:
            text += f" {DIGEST_PAUSED.format(reason=self.paused.rstrip('.'))}"
        return text


@dataclass(frozen=True, slots=True)
class DigestSource:
    feed: str
    guid: str | None
    link: str | None


@dataclass(frozen=True, slots=True)
class DigestStory:
    title: str
    url: str | None
    sentences: tuple[str, ...]
    quote: QuoteLine | None = None
    sources: tuple[DigestSource, ...] = ()


@dataclass(frozen=True, slots=True)
class DigestReply:
    channel: ChannelRef
    stories: tuple[DigestStory, ...]
    more: tuple[DigestStory, ...] = ()
    """Stories past the channel's limit: shown as headline links only."""
    date: str | None = None

    @property
    def header(self) -> str:
        total = len(self.stories) + len(self.more)
        if not total:
            return NOTHING_NEW
        when = f" for {self.date}" if self.date else ""
        return f"Your digest{when}: {_count(total, 'new story', 'new stories')}"


@dataclass(frozen=True, slots=True)
class Notice:
    """A confirmation in one sentence: subscribed, unsubscribed, polled."""

    text: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HelpReply:
    pass


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """Shown only to the person who asked (ephemeral where the platform can); `usage` adds the short usage."""

    message: str
    usage: bool = False


Reply = BriefingReply | AnswerReply | FeedsReply | DigestReply | Notice | HelpReply | ErrorReply

USAGE = (
    ("<url>", "brief a web page"),
    ("<pasted article text>", "brief text"),
    ("ask [<url>] <question>", "answer from the last article briefed here (or the page at <url>)"),
    ("subscribe <feed-url> [at HH:MM] [tz Area/City] [only words] [except words]", "add a feed to the digest"),
    ("unsubscribe <feed-url>", "remove a feed from the digest"),
    ("feeds", "this channel's feeds and digest time"),
    ("digest now", "send this channel's digest now"),
    ("help", "this text"),
)


def usage_lines(prefix: str) -> tuple[str, ...]:
    """The grammar as the platform spells it: `prefix` is '/briefing', '@briefbot' or 'briefbot'."""
    return tuple(f"{prefix} {form}  —  {what}" for form, what in USAGE)


def briefing_reply(
    *,
    source: str,
    article_url: str | None,
    headline: str,
    sentences: tuple[str, ...],
    quotes: tuple[Quote, ...],
    engine: str,
    cached: bool,
    site: str | None = None,
    author: str | None = None,
    published: str | None = None,
    image: str | None = None,
    truncated: bool = False,
) -> BriefingReply:
    return BriefingReply(
        source=source,
        title=headline,
        url=article_url,
        sentences=sentences,
        quotes=tuple(quote_line(q, article_url) for q in quotes),
        engine=engine,
        cached=cached,
        site=site,
        author=author,
        published=published,
        image=image,
        truncated=truncated,
    )


def quote_line(quote: Quote, article_url: str | None) -> QuoteLine:
    link = text_fragment_url(article_url, quote.text) if article_url else None
    return QuoteLine(quote.text, quote.speaker, quote.role, quote.key, link)


def answer_reply(answer: Answer, *, article_url: str | None = None, article_title: str | None = None) -> AnswerReply:
    link = text_fragment_url(article_url, answer.evidence) if article_url and answer.evidence else None
    return AnswerReply(answer.question, answer.text, answer.evidence, link, article_title, article_url)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
