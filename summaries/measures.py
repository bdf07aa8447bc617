"""Numbers, dates and times of day, and whether one answers the way a question asks ("how old", "what year")."""

from __future__ import annotations

import re
from functools import lru_cache

from summaries.questions import Question
from summaries.tokens import STOPWORDS, stem, words

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundreds?|thousands?|dozens?|millions?)"
)
_UNITS = (
    r"(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|pounds|lbs?|kg|kilos?|tons?|tonnes?"
    r"|years?|months?|weeks?|days?|hours?|minutes?|seconds?|mph|people|times|euros?|dollars?|yen|yuan|rupees?)"
)
"""Units kept with their number: "up to 190 miles", "15 more days"."""
QUANTITY = re.compile(
    rf"""(?:(?:about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|over|under|up\s+to|at\s+least|between)\s+)?
    (?:[£$€]\s?)?(?:(?<![\w-])\d[\d,.]*|\b{_NUMBER_WORDS}\b)(?:\s?(?:%|(?:per\s?cent|million|billion|bn|m|k)\b))?
    (?:(?<!%)\s+(?:and|to|or)\s+(?:[£$€]\s?)?(?:\d[\d,.]*|{_NUMBER_WORDS})(?:\s?(?:million|billion))?)?
    (?:-\w+)?(?:\s+(?:more\s+)?{_UNITS}\b)?""",
    re.IGNORECASE | re.VERBOSE,
)
DATE = re.compile(
    r"""\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)
    (?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|
    July|August|September|October|November|December)(?:\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|
    Saturday|Sunday)|(?:1[89]|20)\d{2}|(?<=\bin\s)1[0-7]\d{2}(?![.,]?\d))\b""",
    re.VERBOSE,
)
CLOCK = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.?|p\.m\.?)|\d{1,2}:\d{2}|\d{4}\s?(?:GMT|BST|UTC|CET|EST|EDT|ET)\b"
    r"|noon|midnight)",
    re.IGNORECASE,
)
"""A time of day: "8am", "10.30 p.m.", "1200 GMT". It answers "what time"; it is never an amount."""
YEAR = re.compile(r"(?:1[89]|20)\d{2}")
"""A bare year is a date, not an amount: "since 2022" does not say how many."""
_EARLIER_YEAR = re.compile(r"1[0-7]\d{2}")
"""A year before 1800 is a date only after "in" ("created in 1596"); elsewhere the number is likelier an amount."""
_COUNT_REACH = 3
_REACH_CHARS = 120
"""Characters after a number read for the words that follow it: a few words, never the rest of a huge sentence."""
"""Words between a number and the noun it counts: "five *small* churches", "1080 (sodium" counts no letters."""
_AGE = re.compile(r"\d+-year-old|\b(?:aged|age)\s+\d+|\d+\s+years?\s+old")
_DURATION = re.compile(rf"\b(?:{_UNITS}|decades?|centuries|century)\b", re.IGNORECASE)
_LENGTH = re.compile(
    r"\b(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|m|feet|foot|ft|inch(?:es)?|cm|centimet(?:re|er)s?|yards?)\b|\d['\u2019]",
    re.IGNORECASE,
)
"""A size or distance: "how tall", "how far" and "how deep" are answered in these, never in years or people."""
_PER_CENT = re.compile(r"%|\bper\s?cent\b|\bpercent\b", re.IGNORECASE)
_WEIGHT = re.compile(r"\b(?:kg|kilos?|kilogram(?:me)?s?|tonnes?|tons?|pounds|lbs?|stone|grams?|ounces?|oz)\b", re.I)
_SPEED = re.compile(r"\b(?:mph|km/h|kph|knots|miles\s+(?:an|per)\s+hour|kilomet(?:re|er)s\s+(?:an|per)\s+hour)", re.I)
_TIME_SPAN = re.compile(
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century)\b", re.I
)
_LENGTH_MEASURES = frozenset({"tall", "high", "far", "deep", "wide"})
_MONTH = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|December")
_MONEY = re.compile(r"[£$€]|\b(?:dollars?|pounds?|euros?|yuan|cents?|pence)\b", re.IGNORECASE)
_MONEY_WORDS = frozenset(
    stem(w) for w in "cost pay paid price worth spend spent earn fee salary fund money offer bid".split()
)


@lru_cache(maxsize=16)
def _stems(text: str) -> frozenset[str]:
    """The stems of a sentence, once per sentence however many numbers it holds."""
    return frozenset(stem(w) for w in words(text))


def _is_age(span: str, text: str, end: int) -> bool:
    """An age: "64-year-old", or a bare number set off by commas after a name ("Marta Ricci, 52,")."""
    if _AGE.search(span + text[end : end + 12]):
        return True
    before = text[max(0, end - len(span) - 30) : end - len(span)]
    return span.isdigit() and text[end : end + 1] == "," and bool(re.search(r"[A-Z][\w'-]+,\s*$", before))


def fits_measure(question: Question, span: str, text: str, end: int) -> bool:
    """Whether a number answers the way the question asks: an age for "how old", a duration for "how long", money
    for "how much ... cost", a count of the very thing for "how many <things>"."""
    if question.measure == "old":
        return bool(_AGE.search(span + text[end : end + 12])) or (
            span.isdigit() and len(span) <= 3 and text[end : end + 1] in (",", ")", "")
        )
    if question.measure == "long":
        return bool(_DURATION.search(span))
    if question.measure == "heavy":
        return bool(_WEIGHT.search(span + text[end : end + 12]))
    if question.measure == "fast":
        return bool(_SPEED.search(span + text[end : end + 16]))
    if _is_age(span, text, end):
        return False  # "Marta Ricci, 52,": an age answers only "how old"
    if question.measure == "much" and _TIME_SPAN.search(span) and not _MONEY.search(span):
        return False  # "six years" says how long, not how much
    if question.measure == "many" and _MONEY.search(span):
        return False  # "$70.1 million" says how much, not how many
    if question.measure == "share":
        return bool(_PER_CENT.search(span))
    if question.measure in _LENGTH_MEASURES:
        return bool(_LENGTH.search(span + text[end : end + 12]))
    if question.measure == "much" and {stem(w) for w in words(question.text)} & _MONEY_WORDS:
        return bool(_MONEY.search(span) or _MONEY.match(text[end : end + _REACH_CHARS].lstrip()))
    if question.counted and _stems(text) & question.counted:
        following = [stem(w) for w in words(span)] + [
            stem(w) for w in words(text[end : end + _REACH_CHARS])[:_COUNT_REACH]
        ]
        return bool(set(following) & question.counted)
    if question.counted:  # the counted noun is not in the sentence: a number that counts another noun is no answer
        if _DURATION.search(span) or DATE.match(text[max(0, end - len(span) - 12) : end + 1].split(",")[-1]):
            return False
        after = words(text[end : end + _REACH_CHARS])[:1]
        return not after or after[0] in STOPWORDS or after[0].endswith("ed")  # "two died", not "seven artists"
    return True


def fits_date(unit: str | None, span: str) -> bool:
    """ "What year" wants a year, "which month" a month and "what time" a time of day: "Monday" says none of them;
    a time of day alone does not say when (which day) either."""
    if unit == "year":
        return bool(YEAR.search(span) or _EARLIER_YEAR.fullmatch(span))
    if unit == "month":
        return bool(_MONTH.search(span))
    if unit == "time":
        return bool(CLOCK.fullmatch(span))
    return not CLOCK.fullmatch(span)
