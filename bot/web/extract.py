"""From a fetched page to an `Article`: trafilatura finds the main text and metadata, our clean-up does the rest.

Comments are left out (a reader's comment quoted as the article's own words is worse than a paragraph missed).
The extraction policy is the best measured on the shared pages (`python -m bench.extraction`, see FALLBACK_BELOW_WORDS);
the slow date search is off.
A page with more elements than MAX_PAGE_ELEMENTS is refused before parsing: extraction time and memory grow with
them (half a million tiny paragraphs took 78 s and 800 MB), and no article page comes near the bound.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import load_html

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
log = logging.getLogger(__name__)

NO_ARTICLE = "That page has no article text I can read (it may need JavaScript or a subscription)."
MAX_PAGE_ELEMENTS = 40_000
"""Tags in a page (counted as '<'): the largest of 66 real article pages has 10,300."""
OPTIONS: dict[str, object] = {"include_tables": False, "favor_precision": False}
"""trafilatura's options, measured on the shared pages by `python -m bench.extraction`: tables tie (left out: table
cells are not sentences); favor_precision costs recall. Whether the fallback extractors run: FALLBACK_BELOW_WORDS."""
FALLBACK_BELOW_WORDS = 150
"""trafilatura runs alone (`fast`); only when its main text is shorter than this do the fallback extractors
(readability, jusText) run too. Measured on the 64 shared pages (`python -m bench.extraction`): fallbacks on every
page lift F1 from 0.918 to 0.921 for 1.2x the CPU (1.54 s against 1.28 s for the 64 pages, clean-up included); all
of the gain is on pages whose fast text is under 150 words (axios: 70 words fast, 569 with the fallbacks), so falling
back below 150 words keeps F1 0.921 for 1.07x (1.37 s). News stories are longer; a shorter text more likely missed the
body. Extraction is most of a briefing's CPU (1.2 s of 2.1 s for the Discord benchmark's 100 pages).
"""


def extract_article(html: str, *, url: str | None = None, options: dict[str, object] | None = None) -> Article:
    """The page's article, with title, author, date, site name and canonical link when the page gives them.

    `options` (trafilatura's, `fast` included) replaces OPTIONS and the fallback policy: one extraction with exactly
    those (the benchmark compares them). Raises NoArticleFound, also for a page over the element budget, and
    UnsupportedLanguage.
    """
    if html.count("<") > MAX_PAGE_ELEMENTS:
        raise NoArticleFound(f"That page is too big to read (over {MAX_PAGE_ELEMENTS:,} HTML elements).")
    tree = load_html(html)
    if tree is None:
        raise NoArticleFound(NO_ARTICLE)
    metadata = page_metadata(tree, url)
    document = _bare_extraction(tree, url, options or {**OPTIONS, "fast": True})
    if options is None and _words(document) < FALLBACK_BELOW_WORDS:
        if document is not None:
            script_language(document.text or "")  # Japanese, Chinese, Thai: refused as they are, no fallbacks needed
        document = _bare_extraction(tree, url, {**OPTIONS, "fast": False}) or document
    text = (document.text or "").strip() if document is not None else ""
    script_language(text)  # a Japanese page has few space-separated words: say "Japanese", not "no article"
    words = len(text.split())
    if document is None or words < MIN_PAGE_WORDS or (words < 4 * MIN_PAGE_WORDS and _STUB.search(text)):
        raise NoArticleFound(NO_ARTICLE)
    return read_article(
        text,
        title=metadata.title or "",
        url=_canonical(metadata.url, url),
        author=metadata.author,
        published=metadata.date,
        site_name=metadata.sitename,
        image=_absolute_http(metadata.image),
    )


def page_metadata(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's `extract_metadata`, step for step, for the fields an article shows (title, author, date, site,
    canonical link, image): without its category, tag and licence searches, which nothing here reads and which were
    half its time (~2 ms a page; with them, the Discord benchmark's pool spent ~1 s more on 100 pages)."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:
        log.debug("JSON-LD metadata unreadable", exc_info=True)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    # htmldate's extensive search runs dateparser over every date-like string: seconds on some pages, for a date.
    metadata.date = find_date(tree, extensive_search=False, original_date=True, url=metadata.url)
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (site := META_URL.match(metadata.url)):
        metadata.sitename = site[1]
    metadata.clean_and_trim()
    return metadata


def _bare_extraction(tree: HtmlElement, url: str | None, options: dict[str, object]) -> Document | None:
    """trafilatura's main text of the page (it works on a copy of `tree`); None when it found nothing."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        with_metadata=False,  # page_metadata reads what we show
        **options,  # type: ignore[arg-type]
    )
    return document if isinstance(document, Document) else None  # a dict only comes with as_dict=True


def _words(document: Document | None) -> int:
    return len((document.text or "").split()) if document is not None else 0


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
