"""Turning raw text into an `Article`: the one entry point every input path (file, paste, web page) goes through.

The language is read here and kept on the article, not enforced: which languages are briefed is the engine's to
say (`multilingual`), so the offline engine refuses what is not English and the LLM engine briefs it. Only text
written without spaces between words (Japanese, Chinese, Thai) is refused here, as clean-up and sentence splitting
cannot read it whatever the engine.
"""

from __future__ import annotations

import re

from summaries.cleanup import clean_body, normalize_spaces, split_title
from summaries.errors import NoArticleFound, UnsupportedLanguage
from summaries.model import ENGLISH, Article
from summaries.sentences import split_sentences

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in and is was for on that with as by at from it he she they his her are were has have be "
    "said not but this which who will would been had".split()
)
MIN_ENGLISH_SHARE = 0.08
"""English prose has a quarter or more of its words from the list above; other languages a few percent."""
_OTHER_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "French": frozenset("le la les des du un une et est que qui dans pour pas sur au avec il elle sont ont".split()),
    "German": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es".split()),
    "Spanish": frozenset("el la los las de que y en un una es por con para del se no lo su al como".split()),
    "Italian": frozenset("il di che la le non per una un sono della del con gli nel si alla ha".split()),
    "Portuguese": frozenset("o os de que e do da em um uma para com não no na se por mais dos das foi".split()),
    "Dutch": frozenset("de het een van en dat is niet op te zijn met voor er aan ook als bij".split()),
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
_UNSPACED = frozenset({"Japanese", "Chinese", "Thai"})
"""Scripts written without spaces between words: clean-up would take every line for page furniture."""
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
PROSE_LINE_WORDS = 12
"""A line of at least this many words is prose; shorter ones (list items, table rows, scores) do not decide."""
PROSE_MIN_WORDS = 30
"""With less prose than this, every word decides."""
SAMPLE_WORDS = 2000
"""Words the language is read from: the first of the prose."""
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
    """Clean `raw` and split it into sentences, reading its language. Without `title`, a separate first line is taken
    as the title.

    Raises NoArticleFound when too little prose is left, UnsupportedLanguage when it is written without spaces
    between words. Text in other languages is read; `require_english` refuses it for engines that read only English.
    """
    if title is None:
        title, raw = split_title(raw)
    script = script_language(raw)  # before clean-up, which takes unspaced lines (Japanese, Chinese) for furniture
    body = clean_body(raw)
    truncated = len(body) > MAX_ARTICLE_CHARS
    if truncated:
        cut = body.rfind("\n", 0, MAX_ARTICLE_CHARS)  # at a paragraph end, so no sentence is split
        body = body[: cut if cut > 0 else MAX_ARTICLE_CHARS]
    words = _WORD.findall(body)
    if len(words) < MIN_ARTICLE_WORDS:
        raise NoArticleFound("I found no article text here (it is empty or only page furniture).")
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
        language=script or prose_language(body, words),
    )


def _field(value: str | None) -> str | None:
    """A metadata value from a page or feed, on one line and without control characters."""
    return normalize_spaces(value).replace("\n", " ").strip() or None if value else None


def script_language(text: str) -> str | None:
    """The language of the non-Latin script most of `text` is in ("Greek", "Arabic"...), else None.

    Raises UnsupportedLanguage for a script written without spaces between words (Japanese, Chinese, Thai), naming
    the language: no engine gets such text, since clean-up and sentence splitting cannot read it.
    """
    language = _script(text)
    if language in _UNSPACED:
        raise UnsupportedLanguage(
            f"This article looks like {language}; briefbot cannot read text written without spaces between words "
            "(and the offline engine briefs English text only)."
        )
    return language


def _script(text: str) -> str | None:
    sample = text[:20_000]
    if len(sample.encode("ascii", "ignore")) >= len(sample) - 50:  # no script can pass 50 letters: skip counting
        return None
    latin = len(_LATIN.findall(sample))
    return next((lang for lang, script in _SCRIPTS if len(script.findall(sample)) > max(latin, 50)), None)


def prose_language(text: str, words: list[str] | None = None) -> str | None:
    """ENGLISH, or the language named by its function words when not English (None: not recognised), decided on
    the prose lines when there are enough of them (a page of lists, scores or a menu has few function words in its
    short lines and is still English); else on all `words` of `text` (found again when not given)."""
    prose: list[str] = []
    for line in text.split("\n"):
        found = _WORD.findall(line)
        if len(found) >= PROSE_LINE_WORDS:
            prose += found
            if len(prose) >= SAMPLE_WORDS:
                break
    if len(prose) < PROSE_MIN_WORDS:
        prose = _WORD.findall(text) if words is None else words
    sample = [w.lower() for w in prose[:SAMPLE_WORDS]]
    if not sample:
        return ENGLISH
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in sample) / len(sample)
    return ENGLISH if share >= MIN_ENGLISH_SHARE else _latin_language(sample)


def require_english(article: Article) -> None:
    """Raises UnsupportedLanguage, naming the language seen, when `article` is not English (for the offline engine
    and any other that is not `multilingual`)."""
    if article.language != ENGLISH:
        raise UnsupportedLanguage(not_english(article.language))


def _latin_language(sample: list[str]) -> str | None:
    """The language whose function words are most common in `sample`, when they are common enough to tell."""
    shares = {lang: sum(w in fws for w in sample) / len(sample) for lang, fws in _OTHER_FUNCTION_WORDS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    return best if shares[best] >= MIN_ENGLISH_SHARE else None


def not_english(language: str | None) -> str:
    """The offline engine's refusal of an article in `language` (None: not recognised), fit for a chat user."""
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

    Not cleaned again, so the text, and so its content hash, is exactly the one stored; its language is read again
    (an article an LLM engine kept stays refused by the offline engine).
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
        language=_stored_language(text),
    )


def _stored_language(text: str) -> str | None:
    return _script(text) or prose_language(text)
