"""A follow-up question, read once: the kind of span that answers it, the words to look for, the thing sought."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from summaries.errors import EmptyQuestion, QuestionTooLong
from summaries.lexicon import LIGHT_VERBS
from summaries.tokens import STOPWORDS, content_words, stem, words

Kind = Literal["quantity", "date", "score", "name", "place", "reason", "other"]

MAX_QUESTION_CHARS = 500
"""Longer than any question a reader types; a pasted article in the question box gets a clear refusal instead."""

_DATE_NOUNS = frozenset({"year", "date", "day", "month", "time"})
"""Nouns after "what"/"which" that ask for a date."""
_HOW_MEASURES = frozenset(
    {"many", "much", "old", "long", "far", "big", "tall", "high", "deep", "wide", "often", "heavy", "fast"}
)
"""After "how", words that ask for a quantity. "How *far*" is not about the word "far" (answers give units), but
"how *old*" is answered with "64-year-old": that one stays a word to look for."""
_AUXILIARIES = frozenset("is was are were does did do has have had will would can could should".split())
"""After "what", a verb asks about a thing or an act ("what did he buy"), not a name ("what team")."""
_REASON_VERBS = frozenset(
    "prompted caused led triggered sparked drove motivated spurred made forced pushed inspired".split()
)
"""After "what", verbs that ask for a cause: "What *prompted* the decision?"."""
_MONEY_NOUNS = frozenset("salary price cost fee fine budget wage wages pay payout bill".split())
"""After "what", nouns that ask for a sum: "What *salary* will she receive?" is "how much"."""
_SHARE_NOUNS = frozenset("share stake percentage proportion".split())
"""After "what"/"which", nouns that ask for a part in per cent: "What *stake* does X hold in Y?"."""
_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?"
_PLACE_NOUNS = frozenset("destination location venue hometown birthplace whereabouts".split())
"""Nouns after "what"/"which" (or "X's ...") that ask for a place: "What was the ship's *destination*?"."""
_NOISE = frozenset({"name", "call", "called", "happen", "happened", "mean", "kind", "type", "article"})
"""Words of the asking, not of the asked: no sentence is evidence for holding them."""
_PREPOSITIONS = r"(?:in|at|on|for|to|from|after|since|of|by|with|off|about|approximately|roughly|around|during|into)"
"""A question may open with one: "*In* what year ...", "*Off* which coast ...", "*About* how many ..."."""

_COUNTED_WORDS = 3
"""The counted noun phrase is short: "how many *monthly visitors*"."""

_WH = re.compile(rf"^\W*(?:{_PREPOSITIONS}\s+)?(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_FOCUS = re.compile(
    rf"""^\W*(?:{_PREPOSITIONS}\s+)?
    (?:(?:which|what)\s+(?!(?:{"|".join(_AUXILIARIES)})\b)
      |(?:what|who)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:names?\s+of\s+(?:the|his|her|their|its|this|that)?\s*)?)
    (?P<phrase>[\w'.-]+(?:\s+[\w'.-]+){{0,3}})""",
    re.IGNORECASE | re.VERBOSE,
)
_WHO_IS = re.compile(r"^(?i:who|what)\s+(?i:is|was|are|were)\s+([A-Z][^?!]*?)[\s?!.]*$")
""""Who is Richard Grenell?": answered by how the article describes him (a capital: a name, not "the cost")."""
_CONTRACTION = re.compile(r"\b(who|what|where|when|which|how)'s\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Question:
    """What the answerer needs to know about a question, worked out once."""

    text: str
    kind: Kind
    asked: frozenset[str]
    """Content-word stems a sentence should share to be evidence."""
    said: frozenset[str]
    """Every word and stem the question uses: a span made only of these tells the reader nothing new."""
    focus: frozenset[str]
    """Stems of the noun asked for: "which *store*" (empty unless a name is asked for)."""
    subject: str | None
    """The name in "Who is X?", answered with how the article describes X."""
    measure: str | None = None
    """For a quantity: the word after "how" ("many", "much", "old", "long"...); for a date: the date noun ("what
    *year*"). It says what a fitting span is: a year answers "what year", a weekday does not."""
    counted: frozenset[str] = frozenset()
    """Stems of the thing counted in "how many *letters* ...": the number must count these, not something else."""
    predicate: frozenset[str] = frozenset()
    """The verb of "Who *founded* ...": the answer's sentence must tell of that act, not of another by someone."""


def read_question(question: str) -> Question:
    """The question, checked and read; raises EmptyQuestion or QuestionTooLong (check before fetching anything)."""
    text = " ".join(question.split())
    if not re.search(r"[^\W_]", text):  # any letter or digit, in any script
        raise EmptyQuestion("Ask a question about the article, e.g. “Who said what?”.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(f"Ask a shorter question: at most {MAX_QUESTION_CHARS} characters.")
    plain = _CONTRACTION.sub(r"\1 is", text.replace("\u2019", "'"))
    kind = question_type(plain)
    subject = _WHO_IS.match(plain)
    return Question(
        text=text,
        kind=kind,
        asked=frozenset(content_words(plain)) - _NOISE - _type_words(plain),
        said=frozenset(words(plain)) | frozenset(content_words(plain)),
        focus=_focus_words(plain) if kind in {"name", "place"} else frozenset(),
        subject=subject.group(1).strip() if subject else None,
        measure=_measure(plain) if kind == "quantity" else _date_unit(plain) if kind == "date" else None,
        counted=_counted_words(plain) if kind == "quantity" else frozenset(),
        predicate=_predicate(plain),
    )


_ASKS_PRICE = re.compile(r"^\W*what\s+(?:did|does|do|will|would)\b.*\b(?:cost|earn)\W*$", re.IGNORECASE)
"""A "what" question ending in "cost" or "earn" asks for a sum: "What did the phone cost?"."""


def _measure(question: str) -> str:
    """The word after "how" ("many", "old"...); a prison sentence is measured like "how long", a stake or share in
    per cent."""
    second = _first_words(question)[1]
    if second in _SHARE_NOUNS:
        return "share"
    if _ASKS_PRICE.search(question):
        return "much"
    if second == "much" and re.search(r"\bhow\s+much\s+(?:longer|more\s+time)\b", question, re.IGNORECASE):
        return "long"  # "For how much longer ...": a duration
    return "long" if second == "sentence" else "much" if second in _MONEY_NOUNS else second


def _date_unit(question: str) -> str | None:
    """The date noun of "In what *year* ..." / "Which *month* ..." / "At what *time* ..."; None for "when" (any date
    answers it)."""
    second = _first_words(question)[1]
    return second if second in _DATE_NOUNS - {"date"} else None


def _predicate(question: str) -> frozenset[str]:
    """Stem of the verb right after "who" ("Who *directed* ..."), or of the word that ends a "when" question, its
    verb or object ("When was the museum *founded*?", "When will the ban *end*?"); none after an auxiliary ("Who is
    ...")."""
    first, second = _first_words(question)
    if first == "when":
        last = re.search(r"\b([a-z]+)\W*$", question)  # "When will the ban *end*?", "When was it *founded*?"
        if last and (_is_past_tense(last.group(1)) or second in _AUXILIARIES):
            return frozenset(content_words(last.group(1))) - _NOISE
        return frozenset()
    if first != "who" or not second or second in _AUXILIARIES or second in STOPWORDS or second in LIGHT_VERBS:
        return frozenset()
    return frozenset(content_words(second)) - _NOISE


def _counted_words(question: str) -> frozenset[str]:
    """Stems of what "how many ..." counts: "How many *letters* were sent" -> {"letter"}; empty when unclear."""
    match = re.search(r"\bhow\s+many\s+(.*)", question, re.IGNORECASE)
    found: list[str] = []
    for position, word in enumerate((match.group(1).split() if match else [])[:_COUNTED_WORDS]):
        bare = word.strip("?,.!").lower()
        if position == 0 and word[:1].isupper():
            continue  # "how many *US* weapons": a name narrows the thing counted down
        if bare in STOPWORDS or bare in _AUXILIARIES or _is_past_tense(bare):
            break
        found.extend(content_words(bare))
    return frozenset(found) - _NOISE


def _first_words(question: str) -> tuple[str, str]:
    match = _WH.match(question)
    return (match.group(1).lower(), (match.group(2) or "").lower()) if match else ("", "")


def question_type(question: str) -> Kind:
    """What kind of span would answer it: a number for "how many", a name for "who", a date for "when"..."""
    first, second = _first_words(question)
    lowered = question.lower()
    if (first == "how" and second in _HOW_MEASURES) or (
        first in {"what", "which"} and (second in _MONEY_NOUNS | _SHARE_NOUNS or _ASKS_PRICE.search(question))
    ):
        return "quantity"
    if re.search(r"\bscore\b", lowered) or ("how did" in lowered and "end" in lowered):
        return "score"
    if first == "when" or (first in {"what", "which"} and second in _DATE_NOUNS):
        return "date"
    if first == "where" or (first in {"what", "which"} and _PLACE_NOUNS & set(words(lowered))):
        return "place"
    if first == "why" or (first == "what" and (second in _REASON_VERBS or re.search(r"\breasons?\b", lowered))):
        return "reason"
    if first in {"what", "which"} and second == "sentence":
        return "quantity"  # "What sentence did he get?": a prison term, a duration
    if first in {"what", "which"} and _is_past_tense(second):
        return "other"  # "What happened ...", "What caused ...": a verb, not a noun naming the thing asked for
    if first in {"who", "whom", "whose"} or (first in {"which", "what"} and second not in _AUXILIARIES):
        return "name"
    if first in {"what", "which"} and "name" in lowered:
        return "name"
    return "other"


def _type_words(question: str) -> frozenset[str]:
    """The word that names the asked type ("what *year*", "how *far*"): it says what to find, not where."""
    first, second = _first_words(question)
    if (first in {"what", "which"} and second in _DATE_NOUNS) or (first == "how" and second in _HOW_MEASURES - {"old"}):
        return frozenset(content_words(second))
    if first in {"what", "which"} and (second in _REASON_VERBS or second == "sentence" or second in _SHARE_NOUNS):
        return frozenset(content_words(second))
    return frozenset()


def _focus_words(question: str) -> frozenset[str]:
    """Stems naming what is asked for: "which *store*", "the name of the *ship*", "who is the *county prosecutor*".

    Without a tagger the phrase ends at a stop word or an "-ed" verb; an irregular verb may ride along.
    """
    match = _FOCUS.match(question)
    if not match:
        return frozenset()
    found: list[str] = []
    for word in match.group("phrase").split():
        lowered = word.strip(".").lower()
        if (_is_past_tense(lowered) or re.fullmatch(_NUMBER, lowered)) and not found:
            continue  # "the *alleged* blackmailer", "the *two* officers": they describe the noun that follows
        if lowered in STOPWORDS or lowered in _AUXILIARIES or _is_past_tense(lowered):
            break
        if not word[:1].isupper():  # "Bergen County prosecutor": the names only narrow it down
            found.append(stem(lowered))
        elif found:
            break  # "the producer Clarkson hit": a name after the noun starts a clause about it
    return frozenset(found) - _NOISE


def _is_past_tense(word: str) -> bool:
    """A regular past tense ("signed") ends the noun phrase; "red", "bed" and "speed" are no verbs."""
    return word.endswith("ed") and len(word) > 4 and not word.endswith("eed")
