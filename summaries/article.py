"""Turning raw text into an `Article`: the one entry point every input path (file, paste, web page) goes through."""

from __future__ import annotations

import re

from summaries.cleanup import clean_body, normalize_spaces, split_title
from summaries.errors import NoArticleFound, UnsupportedLanguage
from summaries.model import Article
from summaries.sentences import split_sentences

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in and is was for on that with as by at from it he she they his her are were has have be "
    "said not but this which who will would been had".split()
)
MIN_ENGLISH_SHARE = 0.08
"""English prose has a quarter or more of its words from the list above; other languages a few percent."""
MIN_ARTICLE_WORDS = 15
MAX_ARTICLE_CHARS = 200_000
"""Text read from one article: several times the longest news feature, and a bound on the engines' time."""


def read_article(
    raw: str,
    *,
    title: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: str | None = None,
    site_name: str | None = None,
    image: str | None = None,
) -> Article:
    """Clean `raw` and split it into sentences. Without `title`, a separate first line is taken as the title.

    Raises NoArticleFound when too little prose is left, UnsupportedLanguage when it is not English.
    """
    if title is None:
        title, raw = split_title(raw)
    body = clean_body(raw)
    truncated = len(body) > MAX_ARTICLE_CHARS
    if truncated:
        cut = body.rfind("\n", 0, MAX_ARTICLE_CHARS)  # at a paragraph end, so no sentence is split
        body = body[: cut if cut > 0 else MAX_ARTICLE_CHARS]
    words = _WORD.findall(body)
    if len(words) < MIN_ARTICLE_WORDS:
        raise NoArticleFound("I found no article text to brief here (it is empty or only page furniture).")
    check_english(words)
    title = normalize_spaces(title).strip() if title else None
    return Article(
        title=title or None,
        text=body,
        url=url,
        author=author,
        published=published,
        site_name=site_name,
        image=image,
        sentences=split_sentences(body),
        truncated=truncated,
    )


def check_english(words: list[str]) -> None:
    sample = [w.lower() for w in words[:2000]]
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in sample) / len(sample)
    if share < MIN_ENGLISH_SHARE:
        raise UnsupportedLanguage(
            "This article does not look like English; the offline engine briefs English text only."
        )


def restore_article(
    text: str,
    *,
    title: str | None,
    url: str | None,
    author: str | None,
    published: str | None,
    site_name: str | None,
    image: str | None,
) -> Article:
    """An article whose `text` was cleaned by `read_article` before (as the store keeps it), split into sentences.

    Not cleaned again and not checked, so the text, and so its content hash, is exactly the one stored.
    """
    return Article(
        title=title,
        text=text,
        url=url,
        author=author,
        published=published,
        site_name=site_name,
        image=image,
        sentences=split_sentences(text),
    )
