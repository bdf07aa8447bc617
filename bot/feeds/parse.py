"""Feed documents (RSS 0.9x/1.0/2.0, Atom) to plain entries; broken feeds that still parse are used, with a warning."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import unescape

import feedparser

from bot.fingerprints import canonical_url
from summaries.errors import BriefbotError

log = logging.getLogger(__name__)
FULL_TEXT_WORDS = 150
"""An entry body with fewer words than this is a teaser: the article is fetched from the entry's link."""
_DECODED_XML = "application/xml; charset=utf-8"
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u00a0]+")


class FeedMalformed(BriefbotError):
    """The document is not a feed that can be read at all."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str
    """The GUID when the feed gives one, else the canonical link: what "seen before" is checked on."""
    guid: str | None
    url: str | None
    """Canonical: the entry's identity. Fetch `link`, as the feed gives it: some sites need their own spelling."""
    link: str | None
    title: str
    published: str | None
    text: str

    @property
    def is_full_text(self) -> bool:
        return len(self.text.split()) >= FULL_TEXT_WORDS


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    warning: str | None = None


def html_to_text(html: str) -> str:
    """Entry HTML to paragraphs of text, one per line; enough for content:encoded and summaries."""
    text = unescape(_TAG.sub("", _BLOCK.sub("\n", html)))
    return "\n".join(line for line in (_SPACE.sub(" ", raw).strip() for raw in text.split("\n")) if line)


def _entry(raw: feedparser.FeedParserDict) -> FeedEntry | None:
    link = raw.get("link") if str(raw.get("link", "")).startswith(("http://", "https://")) else None
    url = canonical_url(link) if link else None
    guid = (raw.get("id") or "").strip() or None
    key = guid or url
    if not key:
        return None
    bodies = [c.get("value", "") for c in raw.get("content", [])] + [raw.get("summary", "")]
    text = max((html_to_text(b) for b in bodies), key=len, default="")
    return FeedEntry(
        key=key,
        guid=guid,
        url=url,
        link=link,
        title=html_to_text(raw.get("title", "")) or (url or key),
        published=raw.get("published") or raw.get("updated"),
        text=text,
    )


def parse_feed(document: str, *, url: str) -> ParsedFeed:
    """Entries of `document` in feed order. Raises FeedMalformed when nothing feed-like can be read."""
    # The base resolves relative links; the type says the text is already decoded (feedparser asks for one).
    parsed = feedparser.parse(document, response_headers={"content-location": url, "content-type": _DECODED_XML})
    entries = tuple(e for e in (_entry(raw) for raw in parsed.entries) if e is not None)
    version = parsed.get("version", "")
    if not entries and (parsed.bozo or not version):
        raise FeedMalformed(f"{url} is not a feed I can read (no RSS or Atom items found).")
    warning = None
    if parsed.bozo:
        warning = f"{url}: the feed is malformed ({parsed.get('bozo_exception', 'unknown error')}); read what parsed."
        log.warning(warning)
    title = html_to_text(parsed.feed.get("title", "")) or None
    return ParsedFeed(title=title, entries=entries, warning=warning)
