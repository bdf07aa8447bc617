"""Spans that can answer a typed question, found by pattern: numbers, dates, scores and names."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from summaries.questions import WHO_IS, question_type
from summaries.tokens import STOPWORDS, content_words, stem, words

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundreds?|thousands?|dozens?|millions?)"
)
_UNITS = (
    r"(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|pounds|lbs?|kg|kilos?|tons?|tonnes?"
    r"|years?|months?|weeks?|days?|hours?|minutes?|seconds?|mph|people|times)"
)
"""Units kept with their number: "up to 190 miles", "15 more days"."""
_QUANTITY = re.compile(
    rf"""(?:(?:about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|over|under|up\s+to|at\s+least|between)\s+)?
    (?:[£$€]\s?)?(?:(?<![\w-])\d[\d,.]*|\b{_NUMBER_WORDS}\b)(?:\s?(?:%|per\s?cent|million|billion|bn|m|k)\b)?
    (?:\s+(?:and|to|or)\s+(?:[£$€]\s?)?(?:\d[\d,.]*|{_NUMBER_WORDS})(?:\s?(?:million|billion))?)?
    (?:-\w+)?(?:\s+(?:more\s+)?{_UNITS}\b)?""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(
    r"""\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)
    (?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|
    July|August|September|October|November|December)(?:\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|
    Saturday|Sunday)|(?:1[89]|20)\d{2})\b""",
    re.VERBOSE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d{2}")
"""A bare year is a date, not an amount: "since 2022" does not say how many."""
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
_NAME = re.compile(
    r"(?<![\w'\u2019-])(?:(?:the|The)\s+)?[A-Z][\w'\u2019.&-]*(?:\s+(?:of|de|van|von|al|for|and|the)?\s*[A-Z][\w'\u2019.&-]*)*"
)
_TOKEN = re.compile(r"[\w'\u2019-]+")
FOCUS_REACH = 3
"""Words between a focus noun and the name it introduces: "a drug called Domperidone"."""


def candidates(kind: str, text: str) -> list[re.Match[str]]:
    """Every span of `text` of the given question type, in order."""
    if kind == "quantity":
        spans = _QUANTITY.finditer(text)
        return [m for m in spans if any(c.isalnum() for c in m.group()) and not _YEAR.fullmatch(m.group().strip())]
    if kind == "date":
        return list(_DATE.finditer(text))
    if kind == "score":
        return list(_SCORE.finditer(text))
    if kind in {"name", "place"}:
        return names(text)
    return []


def names(text: str) -> list[re.Match[str]]:
    """Capitalised runs that can name something: "On Friday" is a date, "But Europe" is "Europe", "He" is nothing."""
    out = []
    for match in _NAME.finditer(text):
        start = match.start()
        for word in re.finditer(r"\S+", match.group()):
            if word.group().lower() == "the" or word.group().lower() not in STOPWORDS:
                break
            start = match.start() + word.end() + 1
        name = _NAME.match(text, start, match.end()) if start < match.end() else None
        if name and (start > 0 or " " in name.group()) and not _DATE.fullmatch(name.group()):
            out.append(name)
    return out


def new_spans(kind: str, text: str, said: set[str]) -> list[str]:
    """Spans of the asked type that say something the question does not already say."""
    spans = (m.group().strip(" ,.") for m in candidates(kind, text))
    return [span for span in spans if span and not set(words(span)) <= said]


def names_focus(focus: frozenset[str], text: str, said: set[str]) -> bool:
    """A new name at or just after a focus word: "store Aldo", "drug called Domperidone", "Prosecutor John Smith"."""
    tokens = list(_TOKEN.finditer(text))
    at = {i for i, m in enumerate(tokens) if stem(m.group().lower()) in focus}
    if not at:
        return False
    ends = [m.end() for m in tokens]
    for name in names(text):
        if {w for w in words(name.group()) if stem(w) not in focus} <= said:
            continue  # nothing new beyond the focus word itself ("(Companies)")
        first, last = bisect_right(ends, name.start()), bisect_left(ends, name.end())
        if any(f in at for f in range(first - FOCUS_REACH, last + 1)):
            return True
    return False


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


def _nearest(sorted_points: list[int], at: int) -> int:
    """Distance from `at` to the closest of `sorted_points` (0 when there are none): a bisect, not a scan."""
    if not sorted_points:
        return 0
    i = bisect_left(sorted_points, at)
    return min(abs(at - p) for p in sorted_points[max(0, i - 1) : i + 1])


def extract_span(question: str, evidence: str) -> str:
    """The part of `evidence` that answers `question`; the whole sentence when no typed span fits."""
    who_is = WHO_IS.match(question.strip())
    if who_is and (description := describe(who_is.group(1).strip(), evidence)):
        return description
    kind = question_type(question)
    asked = set(words(question)) | set(content_words(question))
    anchors = [m.start() for m in re.finditer(r"[\w']+", evidence) if m.group().lower() in asked]
    best, best_distance = None, math.inf
    for match in candidates(kind, evidence):
        span = match.group().strip(" ,.")
        span_words = set(words(span))
        if not span or (span_words and span_words <= asked):
            continue
        distance = _nearest(anchors, match.start())
        if distance < best_distance:
            best, best_distance = span, distance
    return best or evidence
