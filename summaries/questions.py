"""What a follow-up question asks for: the kind of span that answers it and the words naming the thing sought."""

from __future__ import annotations

import re

from summaries.tokens import STOPWORDS, content_words, stem

TYPE_NOUNS = frozenset({"year", "date", "day", "month", "time"})
"""Nouns after "what"/"which" that ask for a date."""
HOW_MEASURES = frozenset({"many", "much", "old", "long", "far", "big", "tall", "often"})
"""After "how", words that ask for a quantity. "How *far*" is not about the word "far" (answers give units), but
"how *old*" is answered with "64-year-old": that one stays a word to look for."""
AUXILIARIES = frozenset("is was are were does did do has have had will would can could should".split())
"""After "what", a verb asks about a thing or an act ("what did he buy"), not a name ("what team")."""
QUESTION_NOISE = frozenset({"name", "call", "called", "happen", "happened", "mean", "kind", "type", "article"})
"""Words of the asking, not of the asked: no sentence is evidence for holding them."""

_WH = re.compile(r"^\W*(?:(?:in|at|on|for|to|from|after|since|of|by)\s+)?(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_FOCUS = re.compile(
    rf"""^\W*(?:(?:in|at|on|for|from|to|with|of|by)\s+)?
    (?:(?:which|what)\s+(?!(?:{"|".join(AUXILIARIES)})\b)
      |(?:what|who)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:name\s+of\s+(?:the|his|her|their|its|this|that)?\s*)?)
    (?P<phrase>[\w'\u2019-]+(?:\s+[\w'\u2019-]+){{0,3}})""",
    re.IGNORECASE | re.VERBOSE,
)
WHO_IS = re.compile(r"^(?:who|what)\s+(?:is|was|are|were)\s+([A-Z][^?]*?)\s*\??$", re.IGNORECASE)
""""Who is Richard Grenell?": answered by how the article describes him."""


def question_type(question: str) -> str:
    """One of quantity, date, score, name, place, other: what kind of span would answer it."""
    match = _WH.match(question)
    first, second = (match.group(1).lower(), (match.group(2) or "").lower()) if match else ("", "")
    lowered = question.lower()
    if "score" in lowered or ("how did" in lowered and "end" in lowered):
        return "score"
    if first == "how" and second in HOW_MEASURES:
        return "quantity"
    if first == "when" or (first in {"what", "which"} and second in TYPE_NOUNS):
        return "date"
    if first == "where":
        return "place"
    if first in {"who", "whom", "whose"} or (first in {"which", "what"} and second not in AUXILIARIES):
        return "name"
    if first in {"what", "which"} and "name" in lowered:
        return "name"
    return "other"


def type_words(question: str) -> set[str]:
    """The word that names the asked type ("what *year*", "how *far*"): it says what to find, not where."""
    match = _WH.match(question)
    first, second = (match.group(1).lower(), (match.group(2) or "").lower()) if match else ("", "")
    if (first in {"what", "which"} and second in TYPE_NOUNS) or (first == "how" and second in HOW_MEASURES - {"old"}):
        return set(content_words(second))
    return set()


def focus_words(question: str) -> frozenset[str]:
    """Stems naming what is asked for: "which *store*", "the name of the *ship*", "who is the *county prosecutor*".

    Without a tagger the phrase ends at a stop word or an "-ed" verb; an irregular verb may ride along.
    """
    match = _FOCUS.match(question)
    if not match:
        return frozenset()
    found = []
    for word in match.group("phrase").split():
        lowered = word.lower()
        if lowered in STOPWORDS or lowered in AUXILIARIES or lowered.endswith("ed"):
            break
        if not word[:1].isupper():  # "Bergen County prosecutor": the names only narrow it down
            found.append(stem(lowered))
    return frozenset(found) - QUESTION_NOISE
