"""From a fetched page to an `Article`: trafilatura finds the main text and metadata, our clean-up does the rest.

Comments are left out (a reader's comment quoted as the article's own words is worse than a paragraph missed), and
the slow fallback extractors and date search are off: measured on the shared pages, they cost time, not quality.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from trafilatura.settings import Document

from summaries.article import read_article
from summaries.errors import NoArticleFound
from summaries.model import Article

MIN_PAGE_WORDS = 40
"""Fewer words than this in a page's main text means a stub (script wall, paywall, error page), not an article."""
_STUB = re.compile(
    r"enable javascript|javascript is (?:disabled|required)|subscribe to (?:continue|read)|"
    r"(?:log|sign) in to (?:continue|read)|already a subscriber|this content is for subscribers",
    re.IGNORECASE,
)
# Junk pages make trafilatura log parse errors; they end as NoArticleFound, so a user sees one clear line instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

DATE_SEARCH = {"extensive_search": False, "original_date": True}
"""htmldate's extensive search runs dateparser over every date-like string: seconds on some pages, for a date."""
NO_ARTICLE = "That page has no article text I can read (it may need JavaScript or a subscription)."


def extract_article(html: str, *, url: str | None = None) -> Article:
    """The page's article, with title, author, date and site name when the page gives them."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        with_metadata=True,
        fast=True,
        include_tables=False,
        date_extraction_params=DATE_SEARCH,
    )
    if not isinstance(document, Document):  # None: nothing found (a dict only comes with as_dict=True)
        raise NoArticleFound(NO_ARTICLE)
    text = (document.text or "").strip()
    words = len(text.split())
    if words < MIN_PAGE_WORDS or (words < 4 * MIN_PAGE_WORDS and _STUB.search(text)):
        raise NoArticleFound(NO_ARTICLE)
    return read_article(
        text,
        title=document.title or "",
        url=url,
        author=document.author,
        published=document.date,
        site_name=document.sitename,
        image=_absolute_http(document.image),
    )


def _absolute_http(link: str | None) -> str | None:
    """Only an absolute http(s) link is usable as a thumbnail; anything else (data:, relative, javascript:) is not."""
    return link if link and re.match(r"https?://[^\s/]+", link) else None
