"""Word-level features shared by the engines: content words with a light stem, so "strikes" meets "strike"."""

from __future__ import annotations

import re
from functools import lru_cache

from summaries.lexicon import NEWS_ACTS, RANK_WORDS

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say told
    tell mr mrs ms one two new also us its it's he's she's that's there's i'm we're they're don't didn't can't won't
    whoever whatever whichever
    """.split()
)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match inflections without a stemming dependency; a rank abbreviation
    stands for its word ("capt" is "captain")."""
    if word in RANK_WORDS:
        return stem(RANK_WORDS[word])
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: len(word) - len(suffix)] + keep
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def content_words(text: str) -> list[str]:
    """Stemmed words that carry meaning: no stop words, possessives folded."""
    out = []
    for word in words(text):
        if word.endswith(("'s", "'")):
            word = word.split("'")[0]
        if word and word not in STOPWORDS:
            out.append(stem(word))
    return out


@lru_cache(maxsize=1)
def _acts() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for group in NEWS_ACTS:
        stems = {stem(word) for word in group}
        for each in stems:
            found.setdefault(each, set()).update(stems)
    return {key: frozenset(value) for key, value in found.items()}


def same_act(word: str) -> frozenset[str]:
    """The stems that tell of the same act as the stem `word` ("won", "victory", "beat"), itself included."""
    return _acts().get(word, frozenset({word}))
