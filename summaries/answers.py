"""Answers to follow-up questions, always grounded in one sentence of the article that is cited as evidence.

The evidence sentence is the one sharing the most rare question words (IDF within the article); the answer is
the span of it that fits the question's type (a number for "how many", a name for "who", a date for "when").
When the question's distinctive words are not in the article the answer is None: saying so beats guessing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from summaries.errors import EmptyQuestion
from summaries.model import Answer, Article, Sentence
from summaries.tokens import STOPWORDS, content_words, stem, words

MIN_COVERAGE = 0.3
"""Share of the question's weighted content words the evidence must contain for the article to answer it."""
UNSEEN_WEIGHT = 1.0
"""Weight of a question word the article never uses: readers ask in their own words, so it counts a little."""
TYPE_LIFT = {"date": 2.5, "quantity": 2.5, "score": 2.5, "name": 1.3, "place": 1.3}
"""A sentence holding a span of the asked type is lifted; more for types few sentences hold (dates, numbers)."""
CAPTION_DAMPING = 0.8
"""Captions restate the text in fewer words; the sentence they restate is the better evidence."""
PHRASE_WEIGHT = 0.5
"""Bonus per word pair shared with the question ("also known"): word order is evidence too."""

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundreds?|thousands?|dozens?|millions?)"
)
_QUANTITY = re.compile(
    rf"""(?:(?:about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|over|under|up\s+to|at\s+least|between)\s+)?
    (?:[£$€]\s?)?(?:\d[\d,.]*|\b{_NUMBER_WORDS}\b)(?:\s?(?:%|per\s?cent|million|billion|bn|m|k)\b)?
    (?:\s+(?:and|to|or)\s+(?:[£$€]\s?)?(?:\d[\d,.]*|{_NUMBER_WORDS})(?:\s?(?:million|billion))?)?
    (?:-\w+)?""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(
    r"""\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)
    (?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|
    July|August|September|October|November|December)(?:\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|
    Saturday|Sunday)|(?:1[89]|20)\d{2})\b""",
    re.VERBOSE,
)
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
_NAME = re.compile(
    r"(?:(?:the|The)\s+)?[A-Z][\w'\u2019.&-]*(?:\s+(?:of|de|van|von|al|for|and|the)?\s*[A-Z][\w'\u2019.&-]*)*"
)
_PROPER_WORD = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*")
_WHO_IS = re.compile(r"^(?:who|what)\s+(?:is|was|are|were)\s+([A-Z][^?]*?)\s*\??$", re.IGNORECASE)
_TYPE_NOUNS = frozenset({"year", "date", "day", "month", "time"})
_QUESTION_NOISE = frozenset({"name", "call", "called", "happen", "happened", "mean", "kind", "type", "article"})
_WH = re.compile(r"^\W*(?:(?:in|at|on|for|to|from|after|since|of|by)\s+)?(\w+)(?:\s+(\w+))?", re.IGNORECASE)


def question_type(question: str) -> str:
    """One of quantity, date, score, name, place, other: what kind of span would answer it."""
    match = _WH.match(question)
    first, second = (match.group(1).lower(), (match.group(2) or "").lower()) if match else ("", "")
    lowered = question.lower()
    if "score" in lowered or ("how did" in lowered and "end" in lowered):
        return "score"
    if first == "how" and second in {"many", "much", "old", "long", "far", "big", "tall", "often"}:
        return "quantity"
    if first == "when" or (first in {"what", "which"} and second in _TYPE_NOUNS):
        return "date"
    if first == "where":
        return "place"
    if first in {"who", "whom", "whose"} or (first in {"which", "what"} and second not in {"is", "was", "does"}):
        return "name"
    if first in {"what", "which"} and "name" in lowered:
        return "name"
    return "other"


def _type_words(question: str) -> set[str]:
    """The word that names the asked type ("what *year*", "which *day*"): it says what to find, not where."""
    match = _WH.match(question)
    if match and match.group(1).lower() in {"what", "which"} and (match.group(2) or "").lower() in _TYPE_NOUNS:
        return set(content_words(match.group(2)))
    return set()


def _idf(article: Article) -> dict[str, float]:
    df: Counter[str] = Counter()
    for sentence in article.sentences:
        df.update(set(content_words(sentence.text)))
    n = len(article.sentences) or 1
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def best_evidence(article: Article, question: str) -> tuple[Sentence | None, float]:
    """The sentence sharing the most weighted question words, with the share of question weight it covers.

    Words the article never uses weigh little ("nickname", "honour"): readers ask in their own words.
    A sentence holding a span of the asked type ("how many" -> a number) gets a small lift.
    """
    idf = _idf(article)
    asked = set(content_words(question)) - _QUESTION_NOISE - _type_words(question)
    total = sum(idf.get(w, UNSEEN_WEIGHT) for w in asked)
    if not total:
        return None, 0.0
    kind = question_type(question)
    phrases = _pairs(words(question))
    said = set(words(question))
    best, best_value, best_weight = None, 0.0, 0.0
    for sentence in article.sentences:
        weight = sum(idf.get(w, UNSEEN_WEIGHT) for w in asked & set(content_words(sentence.text)))
        lift = TYPE_LIFT.get(kind, 1.0) if _new_spans(kind, sentence.text, said) else 1.0
        shared_phrases = len(phrases & _pairs(words(sentence.text)))
        value = (weight + PHRASE_WEIGHT * shared_phrases) * lift * (CAPTION_DAMPING if sentence.caption else 1.0)
        if value > best_value:
            best, best_value, best_weight = sentence, value, weight
    return best, best_weight / total


def _new_spans(kind: str, text: str, said: set[str]) -> list[str]:
    """Spans of the asked type that say something the question does not already say."""
    spans = (m.group().strip(" ,.") for m in _candidates(kind, text))
    return [span for span in spans if span and not set(words(span)) <= said]


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    """Adjacent word pairs with at least one content word: "also known", "had hiv"."""
    stems = [stem(t) for t in tokens]
    return {(a, b) for a, b in pairwise(stems) if a not in STOPWORDS or b not in STOPWORDS}


def _candidates(kind: str, text: str) -> list[re.Match[str]]:
    if kind == "quantity":
        return [m for m in _QUANTITY.finditer(text) if any(c.isalnum() for c in m.group())]
    if kind == "date":
        return list(_DATE.finditer(text))
    if kind == "score":
        return list(_SCORE.finditer(text))
    if kind in {"name", "place"}:
        return [m for m in _NAME.finditer(text) if m.start() > 0 or len(m.group().split()) > 1]
    return []


def describe(subject: str, evidence: str) -> str | None:
    """How `evidence` describes `subject`: "one of Trump's closest advisers, Richard Grenell" or "Grenell, a ..."."""
    at = evidence.lower().find(subject.lower())
    if at < 0:
        return None
    before = evidence[:at].rstrip()
    if before.endswith(","):
        clause = re.split(r"[,;:]\s+|^(?:But|And|So|Yet)\s+", before[:-1])[-1].strip()
        if len(clause.split()) >= 2:
            return clause
    after = evidence[at + len(subject) :]
    if after.startswith(", "):
        clause = re.split(r",|\s(?:said|says|told|who|which)\b", after[2:])[0].strip()
        if len(clause.split()) >= 2:
            return clause
    return None


def extract_span(question: str, evidence: str) -> str:
    """The part of `evidence` that answers `question`; the whole sentence when no typed span fits."""
    who_is = _WHO_IS.match(question.strip())
    if who_is and (description := describe(who_is.group(1).strip(), evidence)):
        return description
    kind = question_type(question)
    asked = set(words(question)) | set(content_words(question))
    anchors = [m.start() for m in re.finditer(r"[\w']+", evidence) if m.group().lower() in asked]
    best, best_distance = None, math.inf
    for match in _candidates(kind, evidence):
        span = match.group().strip(" ,.")
        span_words = set(words(span))
        if not span or (span_words and span_words <= asked):
            continue
        distance = min((abs(match.start() - a) for a in anchors), default=0)
        if distance < best_distance:
            best, best_distance = span, distance
    return best or evidence


def _names_missing(article: Article, question: str) -> bool:
    """A name the question asks about that the article never mentions means the article cannot answer it."""
    asked = {_bare(w) for m in _PROPER_WORD.finditer(question) if m.start() > 0 for w in words(m.group())}
    known = {_bare(w) for w in words(f"{article.title or ''} {article.text}")}
    return not asked <= known


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("'")


def check_question(question: str) -> str:
    """The question, stripped; raises EmptyQuestion when it has no words (check before fetching anything)."""
    question = question.strip()
    if not re.search(r"[^\W_]", question):  # any letter or digit, in any script
        raise EmptyQuestion("Ask a question about the article, e.g. “Who said what?”.")
    return question


def answer(article: Article, question: str) -> Answer:
    """Answer `question` from `article`, or an Answer with `text=None` when the article does not say."""
    question = check_question(question)
    evidence, coverage = best_evidence(article, question)
    if evidence is None or coverage < MIN_COVERAGE or _names_missing(article, question):
        return Answer(question=question, text=None, evidence=None, score=round(coverage, 3))
    return Answer(question, extract_span(question, evidence.text), evidence.text, round(coverage, 3))
