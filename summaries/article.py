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
_OTHER_FUNCTION_WORDS = {
    "French": "le la les des du un une et est que qui dans pour pas sur au avec il elle sont ont".split(),
    "German": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es".split(),
    "Spanish": "el la los las de que y en un una es por con para del se no lo su al como".split(),
    "Italian": "il di che la le non per una un sono della del con gli nel si alla ha".split(),
    "Portuguese": "o os de que e do da em um uma para com não no na se por mais dos das foi".split(),
    "Dutch": "de het een van en dat is niet op te zijn met voor er aan ook als bij".split(),
}
_SCRIPTS = (
    ("Japanese", re.compile(r"[\u3040-\u30ff]")),
    ("Korean", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("Chinese", re.compile(r"[\u4e00-\u9fff]")),
    ("a Cyrillic-script language", re.compile(r"[\u0400-\u04ff]")),
    ("Arabic", re.compile(r"[\u0600-\u06ff]")),
    ("Hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("Greek", re.compile(r"[\u0370-\u03ff]")),
    ("Hindi or another Devanagari-script language", re.compile(r"[\u0900-\u097f]")),
    ("Thai", re.compile(r"[\u0e00-\u0e7f]")),
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
PROSE_LINE_WORDS = 12
"""A line of at least this many words is prose; shorter ones (list items, table rows, scores) do not decide."""
PROSE_MIN_WORDS = 30
"""With less prose than this, every word decides."""
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
    check_script(raw)  # before clean-up, which takes unspaced lines (Japanese, Chinese) for page furniture
    body = clean_body(raw)
    truncated = len(body) > MAX_ARTICLE_CHARS
    if truncated:
        cut = body.rfind("\n", 0, MAX_ARTICLE_CHARS)  # at a paragraph end, so no sentence is split
        body = body[: cut if cut > 0 else MAX_ARTICLE_CHARS]
    words = _WORD.findall(body)
    if len(words) < MIN_ARTICLE_WORDS:
        raise NoArticleFound("I found no article text here (it is empty or only page furniture).")
    check_english(words, body)
    title = normalize_spaces(title).strip() if title else None
    return Article(
        title=title or None,
        text=body,
        url=_field(url),
        author=_field(author),
        published=_field(published),
        site_name=_field(site_name),
        image=_field(image),
        sentences=split_sentences(body),
        truncated=truncated,
    )


def _field(value: str | None) -> str | None:
    """A metadata value from a page or feed, on one line and without control characters."""
    return normalize_spaces(value).replace("\n", " ").strip() or None if value else None


def check_script(text: str) -> None:
    """Refuse text mostly in a non-Latin script, naming the language (Japanese has no spaces to count words by)."""
    sample = text[:20_000]
    latin = len(_LATIN.findall(sample))
    for language, script in _SCRIPTS:
        if len(script.findall(sample)) > max(latin, 50):
            raise UnsupportedLanguage(_not_english(language))


def check_english(words: list[str], text: str | None = None) -> None:
    """Refuse text that is not English, decided on its prose lines when it has enough of them (a page of lists,
    scores or a menu has few function words in its short lines and is still English)."""
    lines = (_WORD.findall(line) for line in (text or "").split("\n"))
    prose = [word for line in lines if len(line) >= PROSE_LINE_WORDS for word in line]
    sample = [w.lower() for w in (prose if len(prose) >= PROSE_MIN_WORDS else words)[:2000]]
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in sample) / len(sample)
    if share < MIN_ENGLISH_SHARE:
        raise UnsupportedLanguage(_not_english(_latin_language(sample)))


def _latin_language(sample: list[str]) -> str | None:
    """The language whose function words are most common in `sample`, when they are common enough to tell."""
    shares = {lang: sum(w in set(fws) for w in sample) / len(sample) for lang, fws in _OTHER_FUNCTION_WORDS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    return best if shares[best] >= MIN_ENGLISH_SHARE else None


def _not_english(language: str | None) -> str:
    seen = f"looks like {language}" if language else "does not look like English"
    return f"This article {seen}; the offline engine briefs English text only."


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
