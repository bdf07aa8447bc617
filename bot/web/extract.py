"""From a fetched page to an `Article`: trafilatura finds the main text and metadata, our clean-up does the rest.

Comments are left out (a reader's comment quoted as the article's own words is worse than a paragraph missed).
The options are the best measured on the shared pages (`python -m bench.extraction`); the slow date search is off.
A page with more elements than MAX_PAGE_ELEMENTS is refused before parsing: extraction time and memory grow with
them (half a million tiny paragraphs took 78 s and 800 MB), and no article page comes near the bound.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from summaries.article import read_article, script_language
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
MAX_PAGE_ELEMENTS = 40_000
"""Tags in a page (counted as '<'): the largest of 66 real article pages has 10,300."""
OPTIONS: dict[str, object] = {"fast": False, "include_tables": False, "favor_precision": False}
"""trafilatura's options, measured on the shared pages by `python -m bench.extraction`: the fallback extractors lift
F1 from 0.918 (fast) to 0.921; tables tie (left out: table cells are not sentences); favor_precision costs recall."""


def extract_article(html: str, *, url: str | None = None, options: dict[str, object] | None = None) -> Article:
    """The page's article, with title, author, date, site name and canonical link when the page gives them.

    `options` replaces OPTIONS (the benchmark compares them). Raises NoArticleFound, also for a page over the
    element budget.
    """
    if html.count("<") > MAX_PAGE_ELEMENTS:
        raise NoArticleFound(f"That page is too big to read (over {MAX_PAGE_ELEMENTS:,} HTML elements).")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_SEARCH,
        **(OPTIONS if options is None else options),  # type: ignore[arg-type]
    )
    if not isinstance(document, Document):  # None: nothing found (a dict only comes with as_dict=True)
        raise NoArticleFound(NO_ARTICLE)
    text = (document.text or "").strip()
    script_language(text)  # a Japanese page has few space-separated words: say "Japanese", not "no article"
    words = len(text.split())
    if words < MIN_PAGE_WORDS or (words < 4 * MIN_PAGE_WORDS and _STUB.search(text)):
        raise NoArticleFound(NO_ARTICLE)
    return read_article(
        text,
        title=document.title or "",
        url=_canonical(document.url, url),
        author=document.author,
        published=document.date,
        site_name=document.sitename,
        image=_absolute_http(document.image),
    )


def _absolute_http(link: str | None) -> str | None:
    """Only an absolute http(s) link is usable as a thumbnail; anything else (data:, relative, javascript:) is not."""
    return link if link and re.match(r"https?://[^\s/]+", link) else None


def _canonical(link: str | None, fetched: str | None) -> str | None:
    """The page's canonical link when on the site fetched (a page may not send readers elsewhere), else `fetched`."""
    if not fetched or not link or not _absolute_http(link):
        return fetched
    host, fetched_host = (urlsplit(u).hostname or "" for u in (link, fetched))
    host, fetched_host = host.removeprefix("www."), fetched_host.removeprefix("www.")
    same_site = host == fetched_host or host.endswith(f".{fetched_host}") or fetched_host.endswith(f".{host}")
    return link if same_site and urlsplit(link).scheme in ("http", "https") else fetched
