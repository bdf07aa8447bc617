"""Spans that can answer a typed question, found by pattern: numbers, dates, scores and names."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from summaries.lexicon import PERSON_NOUNS
from summaries.measures import CLOCK, DATE, QUANTITY, YEAR, fits_date, fits_measure
from summaries.questions import Kind, Question
from summaries.speech_verbs import REPORT_VERB
from summaries.tokens import STOPWORDS, stem, words

_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
_CAPITALISED = r"[A-Z][\w'\u2019.&-]*"
_NAME = re.compile(
    rf"(?<![\w\u2019-])(?<!\w')(?:(?:the|The) )?{_CAPITALISED}(?: (?:(?:of|de|van|von|al|for|the) )?{_CAPITALISED})*"
)
"""A run of capitalised words, joined by single spaces and the particles of names ("Bank of England"); not "and",
which joins two names rather than making one. Not after a letter and an apostrophe ("Nyong'o"), after a quote
mark it may start ("'Aldo is ...")."""
_TOKEN = re.compile(r"[\w'\u2019-]+")
_CLAUSE_GAP = re.compile(r"[,;:()]|\s--\s|\u2014")
_FOCUS_REACH = 3
"""Words between a focus noun and the name it introduces: "a drug called Domperidone"."""
_NAMED_REACH = 7
"""Words between a focus noun and a name that naming words introduce: "her dog, a Black Lab named Joy"."""
_POST_OF = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?[A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*){0,3},\s+")
"""Between a post and the name of its holder, the body it serves: "chief executive* of William Hill, *Ralph Topping"."""
_POST_OF_REACH = 7
_APPOSED = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}")
"""Between a name and the noun of an apposition after it: "Martin Weiss*, a* spokesman", "Lee*, the club's* coach"."""
_NAMING = re.compile(r"\b(?:named|called|dubbed|nicknamed|known\s+as)\s+$")


_REASON = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|in\s+response\s+to|as\s+a\s+result\s+of|for\s+fear(?:\s+of)?|in\s+order\s+to"
    r"|so\s+that|(?:prompted|sparked|triggered|caused|driven)\s+by|in\s+protest\s+(?:at|of|against|over)|after|amid)\b"
    r"[^,;:\u2014]*",
    re.IGNORECASE,
)
"""A cause or purpose and its clause: "in response to Russia's deployment of North Korean troops"."""


def _candidates(kind: Kind, text: str) -> list[re.Match[str]]:
    """Every span of `text` of the given question type, in order."""
    if kind == "reason":
        return [m for m in _REASON.finditer(text) if len(m.group().split()) > 2]
    if kind == "quantity":
        dates = sorted([m.span() for m in DATE.finditer(text)] + [m.span() for m in CLOCK.finditer(text)])
        starts = [start for start, _ in dates]
        return [
            m
            for m in QUANTITY.finditer(text)
            if any(c.isalnum() for c in m.group())
            and not YEAR.fullmatch(m.group().strip())
            and not _overlaps(dates, starts, *m.span())
        ]  # "January 20" is a date and "1200 GMT" a time, not twenty or 1,200 of anything
    if kind == "date":
        return sorted([*DATE.finditer(text), *CLOCK.finditer(text)], key=lambda m: m.start())
    if kind == "score":
        return list(_SCORE.finditer(text))
    if kind in {"name", "place"}:
        return names(text)
    return []


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, disjoint, `starts` their starts): two look-ups, so a
    sentence with thousands of numbers and dates stays linear."""
    i = bisect_right(starts, start) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


def names(text: str) -> list[re.Match[str]]:
    """Capitalised runs that can name something: "On Friday" is a date, "But Europe" is "Europe", "He" is nothing."""
    out = []
    for match in _NAME.finditer(text):
        start = match.start()
        after_date = False
        for word in re.finditer(r"\S+", match.group()):
            bare = word.group().lower().replace("\u2019", "'")
            dated = bool(DATE.fullmatch(word.group().rstrip(".,")))
            if not dated and (bare != "the" or not after_date) and (bare == "the" or bare not in STOPWORDS):
                break
            after_date = dated  # "On Wednesday the Rock Hall ...": the date and its "the" are no part of the name
            start = match.start() + word.end() + 1
        name = _NAME.match(text, start, match.end()) if start < match.end() else None
        if not name or DATE.fullmatch(name.group().rstrip(".")):
            continue
        if start > 0 or " " in name.group() or _opens_with_a_name(name, text):
            out.append(name)
    return out


_REPORTS = re.compile(rf"{REPORT_VERB.pattern}|\breport(?:s|ed)\b")
"""Verbs whose subject is the sentence's source: "Kerry said", "the BBC reported"."""
_DEMONYM = re.compile(r"(?:i|ian|ean|an|ese|ish|ic)$")
"""Endings of words naming a people or a place's things ("Israeli radio", "Egyptian cities"): modifiers there."""
_ASKS_SPEAKER = re.compile(
    r"\b(?:say|says|said|tell|tells|told|claim\w*|warn\w*|announc\w*|report\w*|tweet\w*|write|wrote|call\w*)\b",
    re.IGNORECASE,
)
"""Question words that ask for a speaker: only then is the one a sentence quotes an answer."""


def _is_modifier(name: re.Match[str], text: str) -> bool:
    """A single capitalised word before a noun it describes: "the Missouri town", "Israeli radio"."""
    if " " in name.group().removeprefix("the ").removeprefix("The "):
        return False
    following = re.match(r"\s+([a-z][\w-]*)", text[name.end() :])
    if not following or following.group(1) in STOPWORDS:
        return False
    if re.search(r"['\u2019]s$", name.group()):
        return True  # "Peugeot's diesel engines": the owner of the thing, not the thing
    if _is_past_tense_like(following.group(1)):
        return False
    return name.group()[:4].lower() == "the " or bool(_DEMONYM.search(name.group()))


def _is_past_tense_like(word: str) -> bool:
    return word.endswith(("ed", "s")) and len(word) > 3


def _is_source(name: re.Match[str], text: str) -> bool:
    """The sentence's source, not its subject: "according to the BBC", "Kerry said", "the BBC reported"."""
    before, after = text[max(0, name.start() - 16) : name.start()], text[name.end() : name.end() + 14]
    before = re.sub(r"\b(?:the|The)\s+$", "", before)  # "The BBC said": the article opens the source's name
    if re.search(r"(?:according\s+to|told)\s+$", before):  # the outlet only relays
        return True
    if re.search(r"\btold\s+(?:(?:the|a|an|[a-z][\w-]*)\s+){1,3}$", text[max(0, name.start() - 40) : name.start()]):
        return True  # "told local newspaper La Voce": the addressee
    opens_clause = not before.strip() or before.rstrip()[-1] in ",:;\"'\u201c\u201d\u2018\u2019"
    return opens_clause and bool(_REPORTS.match(after.lstrip(" ,")))


def _gives_away(name: str, question: Question) -> bool:
    """A name the question already gives, in part ("Supergirl Helen Slater" for a question about Supergirl)."""
    capitals = {
        w.lower().replace("\u2019", "'").removesuffix("'s")
        for w in re.findall(r"\b[A-Z][\w'\u2019-]*", name)
        if w.lower() not in STOPWORDS
    }
    return bool(capitals & question.said)


def _opens_with_a_name(word: re.Match[str], text: str) -> bool:
    """A single capitalised word opening the text is a name only by its shape ("Stoke-on-Trent") or by what follows
    it ("Zelenskiy said", "Kerry's"): any sentence opens with a capital."""
    after = text[word.end() :]
    return bool(
        re.search(r"\w[-.]\w", word.group()) or re.match(r"['\u2019]s\b", after) or _REPORTS.match(after.lstrip())
    )


def person_names(text: str, question: Question) -> list[str]:
    """Names in `text` that could be the person asked about: not one the question gives, not a source that only
    relays, not a modifier; names of two or more words (a full name) first."""
    found = [
        m.group().strip(" ,.")
        for m in names(text)
        if not (_is_modifier(m, text) or _gives_away(m.group(), question) or _is_source(m, text))
        and not m.group().lower().startswith("the ")
    ]
    return sorted(found, key=lambda name: " " not in name)


def holds_new_span(kind: Kind, text: str, said: frozenset[str]) -> bool:
    """Whether `text` has a span of the asked type that says something the question does not already say."""
    spans = (m.group().strip(" ,.") for m in _candidates(kind, text))
    return any(span and not set(words(span)) <= said for span in spans)


_PREPOSITION_GAP = re.compile(r"\b(?:in|at|of|from|for|near|on|to|with|by)\b", re.IGNORECASE)


def focus_name(
    focus: frozenset[str], text: str, said: frozenset[str], *, modifier: bool = False
) -> re.Match[str] | None:
    """A new name at or just after a focus word: "store Aldo", "drug called Domperidone", "Prosecutor John Smith";
    with `modifier`, also a name just before it ("an Indonesian theme"), which answers but is weak evidence."""
    tokens = list(_TOKEN.finditer(text))
    at = {i for i, m in enumerate(tokens) if stem(m.group().lower()) in focus}
    if not at:
        return None
    modifier = modifier and focus <= {stem(m.group().lower()) for m in tokens}  # "Israeli radio" is no station
    ends = [m.end() for m in tokens]
    for name in names(text):
        if {w for w in words(name.group()) if stem(w) not in focus} <= said:
            continue  # nothing new beyond the focus word itself ("(Companies)")
        first, last = bisect_right(ends, name.start()), bisect_left(ends, name.end())
        if _NAMING.search(text[: name.start()]) and at & set(range(first - _NAMED_REACH, first)):
            return name  # "her Service Dog, a Black Lab named Joy": naming words tie a name to its noun across a clause
        for f in sorted(at & set(range(first - _FOCUS_REACH, last + 1 + modifier))):
            gap = text[min(tokens[f].end(), name.end()) : max(tokens[f].start(), name.start())]
            if f < first and _PREPOSITION_GAP.search(gap):
                continue  # "a mayor in northern Italy": the place of the noun, not its name
            if not _CLAUSE_GAP.search(gap) or (gap.strip() == "," and not _REPORTS.match(text[name.end() :].lstrip())):
                return name  # "her attorney, Stan Plappert": an apposition; "a producer, the BBC reported": a source
        for f in sorted(at & set(range(first - _POST_OF_REACH, first))):
            if _POST_OF.fullmatch(text[tokens[f].end() : name.start()]):
                return name  # "the chief executive of William Hill, Ralph Topping": the post, its body, the name
        for f in sorted(at & set(range(last + 2, last + 2 + _FOCUS_REACH + 1))):
            if _APPOSED.fullmatch(text[name.end() : tokens[f].start()]):
                return name  # "Martin Weiss, a spokesman for ...": the noun describes the name before it
    return None


def _without_post(name: str, focus: frozenset[str]) -> str:
    """A name without the capitalised post that opens it: "Prosecutor John Smith" is John Smith."""
    parts = name.split(" ")
    while len(parts) > 2 and stem(parts[0].lower()) in focus and parts[1][:1].isupper():
        parts.pop(0)
    return " ".join(parts)


def describe(subject: str, evidence: str) -> str | None:
    """How `evidence` describes `subject`: "one of Trump's closest advisers, Richard Grenell" or "Grenell, a ..."."""
    found = re.search(re.escape(subject), evidence, re.IGNORECASE)
    if not found:
        return None
    before = evidence[: found.start()].rstrip()
    if before.endswith(","):
        clause = re.split(r"[,;:]\s+|^(?:But|And|So|Yet)\s+", before[:-1])[-1].strip()
        if len(clause.split()) >= 2:
            return clause
    after = evidence[found.end() :]
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


_LOCATIVE = re.compile(
    r"\b(?:in|at|on|near|from|of|off|outside|inside|into|to|across|around|throughout|within|towards?|between)\s+$",
    re.IGNORECASE,
)
"""Words before a place: a name answers "where" only after one of them."""
_PLACE_GAP = 2
"""Describing words allowed between a place word and its place: "at *Cleveland's historic* Public Hall"."""


_HOME_OF = re.compile(r"(?:^|\W)an?\s+$", re.IGNORECASE)


def _home_of(match: re.Match[str], evidence: str, question: Question) -> bool:
    """A name between "a" and a person noun the question gives is where that person is from or based: "Vanessa
    Hicks, *a Virginia Beach photographer*" answers "Where is photographer Vanessa Hicks based?"."""
    after = _TOKEN.match(evidence, match.end() + 1) if evidence[match.end() : match.end() + 1] == " " else None
    return bool(
        after
        and _HOME_OF.search(evidence[: match.start()])
        and after.group().lower() in PERSON_NOUNS
        and stem(after.group().lower()) in question.said
    )


def _after_place_word(before: str) -> bool:
    """Whether `before` ends with a place word, perhaps then an article and a few describing words."""
    tokens = before.split()
    for gap in range(min(_PLACE_GAP, len(tokens)) + 1):
        head = " ".join(tokens[: len(tokens) - gap])
        between = tokens[len(tokens) - gap :]
        if any(
            w.lower() in STOPWORDS - {"the", "a", "an"}
            or w[-1:] in ",;:"
            or (w[:1].isupper() and not re.search(r"['\u2019]s$", w))
            for w in between
        ):
            return False
        if _LOCATIVE.search(head + " "):
            return True
    return False


_AT_PLACE = re.compile(r"\b(?:in|near|outside|inside|across|throughout)\s+$", re.IGNORECASE)
"""Words before a place and never before a person."""
ASKS_WHO = re.compile(r"^\W*who\b", re.IGNORECASE)
_NEEDS_NAME = re.compile(r"^\W*(?:\w+\s+)?(?:who|whom|which)\b|.*\bnames?\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r".*\bnames?\b", re.IGNORECASE)
_ASKS_HOLDER = re.compile(r"^\W*who\s+(?:is|was|are|were)\s+the\s+", re.IGNORECASE)
"""Questions only a name answers ("Who ...", "Which hospital ...", "What is the name of ..."); "What condition ..."
may be answered in plain words."""


def _quoted(text: str, at: int) -> bool:
    """Whether `at` is inside a double-quoted passage: words someone says name no one who acted in the story."""
    if text.count('"', 0, at) % 2 == 1 and '"' in text[at:]:
        return True  # a sentence that opens inside a quote ('... the steps," Kerry said') has no mark after
    return text.count("\u201c", 0, at) > text.count("\u201d", 0, at)


def extract_span(question: Question, evidence: str) -> str | None:
    """The part of `evidence` that answers `question`, or None when the sentence holds no span of the asked type
    tied to the question; an untyped question ("what", "why") gets the whole sentence.

    "Who is X?" gets how the sentence describes X; a name after the noun asked for wins, and when that noun is in the
    sentence with no new name beside it the article does not say; otherwise the typed span nearest the question's
    words.
    """
    if question.subject and (description := describe(question.subject, evidence)):
        return description
    if question.focus and (named := focus_name(question.focus, evidence, question.said, modifier=True)):
        return _without_post(named.group().strip(" ,."), question.focus)
    if question.kind == "other":
        return phrase(question, evidence)
    if question.focus and (_ASKS_NAME.match(question.text) or _ASKS_HOLDER.match(question.text)):
        return None  # "the name of the producer", "Who is the prosecutor?": only a name beside that noun answers
    anchors = [m.start() for m in _TOKEN.finditer(evidence) if m.group().lower() in question.said]
    best, best_distance = None, math.inf
    for match in _candidates(question.kind, evidence):
        span = match.group().strip(" ,.")
        if not span or set(words(span)) <= question.said:
            continue
        if question.kind in {"name", "place"} and (
            _is_modifier(match, evidence)
            or (
                ASKS_WHO.match(question.text)
                and not _ASKS_SPEAKER.search(question.text)
                and _quoted(evidence, match.start())
            )
            or _gives_away(span, question)
            or (_is_source(match, evidence) and not _ASKS_SPEAKER.search(question.text))
        ):
            continue
        if question.kind == "place" and not (
            _after_place_word(evidence[: match.start()]) or _home_of(match, evidence, question)
        ):
            continue  # "Where ...": a place is where something is, "in Ocala", "at the National Theatre"
        if ASKS_WHO.match(question.text) and _AT_PLACE.search(evidence[: match.start()]):
            continue  # "Who ...": "in Santa Ynez" names a place, not someone
        if question.kind == "quantity" and not fits_measure(
            question, span, evidence, match.start() + len(match.group().rstrip(" ,."))
        ):
            continue
        if question.kind == "date" and not fits_date(question.measure, span):
            continue
        if question.measure == "old":
            span = re.sub(r"-years?(?:-old)?$", "", span)  # "The 64-year-old": the age is 64
        distance = _nearest(anchors, match.start())
        if distance < best_distance:
            best, best_distance = span, distance
    if best is None and question.kind == "name" and not _NEEDS_NAME.match(question.text):
        return phrase(question, evidence)  # "What range ...", "What condition ...": plain words may answer
    return best


_RUN_BREAK = frozenset("and but who which that while when whose where because although though if".split())
"""Words that start a new clause: an answer phrase stops before them."""
_LINKS = frozenset("is was are were be been being called named known dubbed as to of by for with from on in at".split())
"""Words that tie an answer to the question's words ("suffers *from* X", "*called* X"): not part of the answer."""
_NAMING_WORDS = frozenset("called named dubbed nicknamed known".split())
_PHRASE_WORDS = 8
"""Longest answer phrase, in words: longer than that it is a clause, not an answer."""
_CLAUSE_MARK = re.compile(r"[,;:()\u2014\"\u201c\u201d]|\s-\s|\s--\s")


def phrase(question: Question, evidence: str) -> str | None:
    """The words of `evidence` that answer an untyped question: the run of words the question does not use that
    follows its own words most closely in one clause ("suffers from a deadly condition called *hydrocephalus*");
    None when every word of the sentence is the question's."""
    tokens = list(_TOKEN.finditer(evidence))
    said = [
        t.group().lower() not in STOPWORDS
        and (t.group().lower() in question.said or stem(t.group().lower()) in question.said)
        for t in tokens
    ]
    runs: list[list[int]] = []
    for i, token in enumerate(tokens):
        gap = evidence[tokens[i - 1].end() : token.start()] if i else ""
        lowered = token.group().lower()
        if said[i]:
            continue
        if not runs or runs[-1][-1] != i - 1 or _CLAUSE_MARK.search(gap) or lowered in _RUN_BREAK:
            runs.append([])
        runs[-1].append(i)
    best, best_key = None, (math.inf, 0)
    for run in runs:
        kept = _trim(run, tokens)
        if not kept:
            continue
        before = [j for j in range(run[0]) if said[j]]
        clause_gap = before and _CLAUSE_MARK.search(evidence[tokens[before[-1]].end() : tokens[run[0]].start()])
        distance = run[0] - before[-1] if before and not clause_gap else 100 + run[0]
        named = tokens[run[0]].group().lower() in _NAMING_WORDS  # "a condition *called* hydrocephalus"
        key = (distance - named, -len(kept))
        if key < best_key:
            best, best_key = kept, key
    if best is None:
        return None
    return evidence[tokens[best[0]].start() : tokens[best[-1]].end()]


def _trim(run: list[int], tokens: list[re.Match[str]]) -> list[int]:
    """The run without its linking words at either end, cut to `_PHRASE_WORDS`; empty without a content word."""
    run = list(run)
    while run and (tokens[run[0]].group().lower() in _LINKS or tokens[run[0]].group().lower() in STOPWORDS):
        run.pop(0)
    run = run[:_PHRASE_WORDS]
    while run and tokens[run[-1]].group().lower() in STOPWORDS | _LINKS:
        run.pop()
    return run
