"""One command grammar for every front end: the text after `/briefing`, after a mention, or the CLI's arguments.

    <url>                                   brief a web page
    <pasted text>                           brief article text
    ask [<url>] <question>                  answer about the channel's last article (or the page at <url>)
    subscribe <feed-url> [at HH:MM] [tz Area/City] [only word...] [except word...]
    unsubscribe <feed-url>
    feeds                                   the channel's subscriptions and digest time
    digest [now]                            the channel's digest (now: deliver it at once)
    help

Parsing never raises: text that fits no command is a `Usage` carrying what was wrong, which front ends show with
the usage. A bare question (one line ending in "?") is an `Ask` about the last article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.urls import looks_like_url, normalize_url

MAX_QUESTION_WORDS = 60
"""A one-line "?"-ended text longer than this is an article pasted in, not a question."""


@dataclass(frozen=True, slots=True)
class BriefUrl:
    url: str


@dataclass(frozen=True, slots=True)
class BriefText:
    text: str


@dataclass(frozen=True, slots=True)
class Ask:
    question: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Subscribe:
    feed_url: str
    at: str | None = None
    timezone: str | None = None
    only: tuple[str, ...] = ()
    excluding: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    feed_url: str


@dataclass(frozen=True, slots=True)
class ListFeeds:
    pass


@dataclass(frozen=True, slots=True)
class DigestNow:
    pass


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class Usage:
    """Text that fits no command; `problem` says why, in plain words."""

    problem: str


Command = BriefUrl | BriefText | Ask | Subscribe | Unsubscribe | ListFeeds | DigestNow | Help | Usage

_TIME = re.compile(r"^\d{1,2}:\d{2}$")


def parse_command(text: str) -> Command:
    """The typed command in `text`; never raises."""
    text = text.strip()
    if not text:
        return Help()
    head, _, rest = text.partition(" ")
    verb = head.lower()
    rest = rest.strip()
    if verb in ("help", "usage", "?"):
        return Help()
    if verb == "ask":
        return _ask(rest)
    if verb in ("subscribe", "follow"):
        return _subscribe(rest)
    if verb in ("unsubscribe", "unfollow"):
        url = _single_url(rest)
        return Unsubscribe(url) if url else Usage("Say which feed to unsubscribe from: unsubscribe <feed-url>.")
    if verb in ("feeds", "subscriptions") and not rest:
        return ListFeeds()
    if verb == "digest" and rest.lower() in ("", "now"):
        return DigestNow()
    url = _single_url(text)
    if url:
        return BriefUrl(url)
    if _is_question(text):
        return Ask(text)
    return BriefText(text)


def _ask(rest: str) -> Command:
    first, _, question = rest.partition(" ")
    url = _single_url(first)
    if url is None:
        question = rest
    question = question.strip()
    if not question:
        return Usage("Ask a question after `ask`, such as: ask Who said what?")
    return Ask(question, url)


def _subscribe(rest: str) -> Command:
    words = rest.split()
    url = _single_url(words[0]) if words else None
    if url is None:
        return Usage("Say which feed to subscribe to: subscribe <feed-url> [at HH:MM] [tz Area/City].")
    at = timezone = None
    only: list[str] = []
    excluding: list[str] = []
    bucket: list[str] | None = None
    index = 1
    while index < len(words):
        word = words[index]
        key = word.lower()
        if key in ("at", "tz") and index + 1 < len(words):
            value = words[index + 1]
            if key == "at" and not _TIME.match(value):
                return Usage(f"{value!r} is not a time of day: use 24-hour HH:MM, such as 07:30.")
            at, timezone = (value, timezone) if key == "at" else (at, value)
            bucket, index = None, index + 2
            continue
        if key == "only":
            bucket = only
        elif key == "except":
            bucket = excluding
        elif bucket is not None:
            bucket.append(word)
        else:
            return Usage(f"I don't understand {word!r} here: subscribe <feed-url> [at HH:MM] [tz Area/City].")
        index += 1
    return Subscribe(url, at, timezone, tuple(only), tuple(excluding))


def _single_url(text: str) -> str | None:
    """`text` when it is one link and nothing else (chat clients wrap links in <...>)."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return None
    unwrapped = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    unwrapped = unwrapped.split("|", 1)[0]  # Slack's <url|label>
    return normalize_url(unwrapped) if looks_like_url(unwrapped) else None


def _is_question(text: str) -> bool:
    return "\n" not in text and text.endswith("?") and len(text.split()) <= MAX_QUESTION_WORDS
