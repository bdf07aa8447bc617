"""Answers to follow-up questions, always grounded in one sentence of the article that is cited as evidence.

The evidence sentence is found like a search engine finds a passage: rare question words (IDF within the article,
BM25 length norm), lifted when the sentence holds a span of the asked type (a number for "how many", a name for
"who") and more when that name follows the asked-for noun ("which *store*" -> "high street store Aldo"). A share
of the sentence before carries over: news states a fact, then names it ("... a $100,000 donation from Armstrong.
The money was used by the UCI to buy a Sysmex machine"). The answer is the typed span of that sentence nearest the
question's words. When the question's distinctive words are not in the article the answer is None: saying so beats
guessing. A near miss (the topic is in the article, the detail asked for is not) is caught by one calibrated score,
the share of the question's weighted words the evidence sentence itself holds (`MIN_OWN_COVERAGE`, chosen on the dev
sets), and by type checks: the span must be of the asked type and tied to the question (a time of day for "what
time", a sum for "how much money", a name beside the post for "Who is the <post>", a place after a place word).
Readers ask in their own words, so the own coverage counts a surname alone for the full name the question gives, a
noun for the verb of the same act ("victory" for "win") and a word of the same root; a name the article misspells
is still its name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from summaries.model import Answer, Article, Sentence
from summaries.questions import Question, read_question
from summaries.spans import ASKS_WHO, extract_span, focus_name, holds_new_span, person_names
from summaries.tokens import STOPWORDS, content_words, same_act, stem, words

MIN_COVERAGE = 0.3
"""Share of the question's weighted content words the evidence (with the sentence before) must hold."""
MIN_OWN_COVERAGE = 0.4
"""Share of them the evidence sentence itself must hold. A question asking for a detail the article lacks shares
its topic words with the article, but rarely its specific ones with the sentence the answer comes from: below this
the span found there answers something else. Chosen on the dev sets."""
UNSEEN_WEIGHT = 1.0
"""Weight of a question word the article never uses: readers ask in their own words, so it counts a little."""
TYPE_LIFT = {"date": 2.5, "quantity": 2.5, "score": 2.5, "name": 1.6, "place": 1.6, "reason": 2.0}
"""A sentence holding a span of the asked type is lifted; more for types few sentences hold (dates, numbers)."""
FOCUS_LIFT = 2.0
"""Further lift when a new name follows the noun the question asks for: "Foreign Affairs Minister Julie Bishop"."""
CARRY_FORWARD = 0.2
"""Share of the previous sentence's match a sentence inherits: the fact comes first, its name or number next."""
BM25_B = 0.25
"""How much a sentence's length discounts its matches (0 none, 1 fully): a short sentence sharing a word is likelier
about it than a long one, but news sentences vary little in length, so the discount is light."""
BM25_K1 = 1.2
"""The usual BM25 saturation; with one count per word per sentence it only scales the length discount."""
CAPTION_DAMPING = 0.8
"""Captions restate the text in fewer words; the sentence they restate is the better evidence."""
PHRASE_WEIGHT = 0.5
"""Bonus per word pair shared with the question ("also known"): word order is evidence too."""
RUNNER_UP_SHARE = 0.3
"""When the best sentence holds no fitting span, the next best ones are tried down to this share of its value:
the words of a question often sit in one sentence and its answer in another that repeats fewer of them."""
RUNNER_UP_COUNT = 4
"""At most this many sentences are tried, best first; beyond them a match is a guess."""

_PROPER_WORD = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*")


def _idf(bags: list[list[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each content word, from the sentences' word bags."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    n = len(bags) or 1
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def ranked_evidence(article: Article, question: Question) -> list[tuple[Sentence, float, float]]:
    """The sentences worth trying as evidence, best first, with their coverage (with the sentence before) and own
    coverage: the best and the runners-up close enough to it (`RUNNER_UP_SHARE`), at most `RUNNER_UP_COUNT`."""
    scored = _evidence_scores(article, question)
    order = sorted((i for i, (value, _, _) in enumerate(scored) if value > 0), key=lambda i: (-scored[i][0], i))
    if not order:
        return []
    floor = RUNNER_UP_SHARE * scored[order[0]][0]
    kept = [i for i in order[:RUNNER_UP_COUNT] if scored[i][0] >= floor]
    return [(article.sentences[i], scored[i][1], scored[i][2]) for i in kept]


def _evidence_scores(article: Article, question: Question) -> list[tuple[float, float, float]]:
    """(value, coverage, own coverage) for each sentence; empty when the question has no words to look for."""
    bags = [content_words(s.text) for s in article.sentences]
    idf = _idf(bags)
    total = math.fsum(idf.get(w, UNSEEN_WEIGHT) for w in question.asked)
    if not total:
        return []
    phrases = _pairs(words(question.text))
    shared = [question.asked.intersection(bag) for bag in bags]
    mean_length = sum(map(len, bags)) / (len(bags) or 1) or 1.0
    bases, lifts = [], []
    for sentence, bag, matched in zip(article.sentences, bags, shared, strict=True):
        norm = (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * len(bag) / mean_length))
        weight = math.fsum(idf.get(w, UNSEEN_WEIGHT) for w in matched) * norm
        base = weight + PHRASE_WEIGHT * len(phrases & _pairs(words(sentence.text)))
        bases.append(base * (CAPTION_DAMPING if sentence.caption else 1.0))
        lift = 1.0
        if holds_new_span(question.kind, sentence.text, question.said):
            lift = TYPE_LIFT.get(question.kind, 1.0)  # a focus name is a new name: only then look for one
            if question.focus and focus_name(question.focus, sentence.text, question.said):
                lift *= FOCUS_LIFT
        lifts.append(lift)
    named = _named_words(question)
    scored = []
    for i, (base, lift) in enumerate(zip(bases, lifts, strict=True)):
        before, context = (bases[i - 1], shared[i - 1]) if i else (0.0, frozenset())
        coverage = math.fsum(idf.get(w, UNSEEN_WEIGHT) for w in shared[i] | context) / total
        held = shared[i] | _same_roots(question.asked - shared[i], bags[i])
        held |= _whole_names(question, shared[i], article.sentences[i].text)
        if _REFERS_TO_NAMED.search(article.sentences[i].text):
            held |= named & context  # "she took ...": the name is in the sentence before
        own = math.fsum(idf.get(w, UNSEEN_WEIGHT) for w in held) / total
        scored.append(((base + CARRY_FORWARD * before) * lift, coverage, own))
    return scored


def _named_words(question: Question) -> frozenset[str]:
    """The stems of the names a question gives ("Where was *Mata* arrested?"): who or what it is about, not the act."""
    proper = " ".join(m.group() for m in _PROPER_WORD.finditer(question.text) if m.start() > 0)
    return question.asked.intersection(content_words(proper))


_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][a-z][\w'\u2019-]*)+")
"""Two or more capitalised words in a row: "Magic Johnson", "Norman Lee"."""


def _whole_names(question: Question, found: frozenset[str], text: str) -> frozenset[str]:
    """The words of a full name the question gives ("Norman Lee") when the sentence names that person by the surname
    alone ("Lee, 47, of Weymouth"): news names a person in full once, then by surname. Not "Angela Lee": another
    first name before it is another person."""
    out: set[str] = set()
    for match in _FULL_NAME.finditer(question.text):
        *given, last = match.group().split()
        stems = [w for w in content_words(match.group()) if w in question.asked]
        if not stems or stems[-1] not in found or stems[-1] != (content_words(last) or [""])[0]:
            continue
        before = re.findall(rf"(\S+)\s+{re.escape(last)}\b", text)
        if all(not w[:1].isupper() or w in given for w in before):
            out.update(stems)
    return frozenset(out)


ROOT_PREFIX = 5
"""Letters two words of five or more must share to count as one root in the own coverage: "paralyzed",
"paralysis"."""
_REFERS_TO_NAMED = re.compile(r"\b(?:he|she|his|her|him|they|their|them|its)\b", re.IGNORECASE)
"""A pronoun that stands for someone or something named in the sentence before."""


def _same_roots(missing: frozenset[str], bag: list[str]) -> set[str]:
    """The missing question words that a word of the sentence shares a root with, or tells of the same act with
    ("win", "victory")."""
    roots = {w[:ROOT_PREFIX] for w in bag if len(w) >= ROOT_PREFIX}
    present = set(bag)
    return {
        w
        for w in missing
        if (len(w) >= ROOT_PREFIX and w[:ROOT_PREFIX] in roots) or not same_act(w).isdisjoint(present)
    }


def _holds_all(wanted: frozenset[str], bag: list[str]) -> bool:
    return wanted <= set(bag) | _same_roots(wanted, bag)


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    """Adjacent word pairs with at least one content word: "also known", "had hiv"."""
    stems = [stem(t) for t in tokens]
    return {(a, b) for a, b in pairwise(stems) if a not in STOPWORDS or b not in STOPWORDS}


def _names_missing(article: Article, question: str) -> bool:
    """A name the question asks about that the article never mentions means the article cannot answer it."""
    asked = {_bare(w) for m in _PROPER_WORD.finditer(question) if m.start() > 0 for w in words(m.group())}
    known = {_bare(w) for w in words(f"{article.title or ''} {article.text}")}
    return any(w not in known and not _misspelt(w, known) for w in asked)


NAME_PREFIX = 6
"""Letters a long name must share with the article's spelling to be the same name misspelt ("DaimlerChrylser")."""


def _misspelt(word: str, known: set[str]) -> bool:
    """Whether the article spells the question's name `word` with two letters swapped or a letter more or less."""
    if len(word) <= NAME_PREFIX:
        return False
    return any(
        other[:NAME_PREFIX] == word[:NAME_PREFIX]
        and abs(len(other) - len(word)) <= 1
        and (sorted(other) == sorted(word) or len(set(other) ^ set(word)) <= 1)
        for other in known
    )


_REFERS_BACK = re.compile(r"^\W*(?:He|She|They|The\s+[a-z][\w-]*)\b(?!\s+(?:of|in|at|for|on)\b)")
"""A subject that names no one but points to someone named before: "He", "The chairman" (not "The end of ...")."""
_INTRODUCES = r"\b(?:an?|another)\s+(?:[\w-]+\s+){{0,2}}{noun}\b"
"""An indefinite description ("an anti-Morsy politician") that a following sentence goes on to name."""
NAMING_REACH = 2
"""Sentences after an indefinite description in which its name may come."""


def borrowed_name(article: Article, question: Question, evidence: Sentence) -> tuple[str, str] | None:
    """For "who" questions: the name a neighbouring sentence gives to the evidence's "he", "the chairman" or "an
    anti-Morsy politician", with evidence spanning both sentences (one stretch of the article)."""
    if question.kind != "name" or question.subject:
        return None
    i, found = evidence.index, []
    if ASKS_WHO.match(question.text) and _REFERS_BACK.match(evidence.text) and i:
        found = [article.sentences[i - 1]]  # "Who ...?": the answer is the subject, which "he" stands for
    elif any(re.search(_INTRODUCES.format(noun=re.escape(w)), evidence.text, re.IGNORECASE) for w in question.focus):
        found = list(article.sentences[i + 1 : i + 1 + NAMING_REACH])
        act = question.asked - question.focus - _named_words(question)  # "the jogger Crosby hit": *hit*, not Crosby
        found = [s for s in found if _tells_of(act, set(content_words(s.text)))]
    for other in found:
        for name in person_names(other.text, question):
            start, end = min(other.start, evidence.start), max(other.end, evidence.end)
            return name, article.text[start:end]
    return None


def _context_words(article: Article, evidence: Sentence) -> set[str]:
    """Content-word stems of the sentence and the one before it, which often holds the act it names."""
    before = article.sentences[evidence.index - 1].text if evidence.index else ""
    return set(content_words(f"{before} {evidence.text}"))


PREDICATE_PREFIX = 4
"""Letters a word must share with the question's verb to tell of the same act: "founded" and "founder"."""


def _tells_of(predicate: frozenset[str], context: set[str]) -> bool:
    prefixes = {w[:PREDICATE_PREFIX] for act in predicate for w in same_act(act)}
    return any(w[:PREDICATE_PREFIX] in prefixes for w in context)


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("'")


_ASKS_ROLE = re.compile(r"^\W*who\s+(?:is|was|are|were)\s+(?:the\s+|[A-Z][\w.&-]*['\u2019]s\s+)", re.I)
"""Questions for the holder of a post: "Who is the chief executive of ...", "Who is India's home minister?"."""


_ASKS_HOLDER_NOW = re.compile(r"^\W*who\s+(?:is|are)\s+", re.I)
_PAST_POST = re.compile(r"\b(?:former|then|ex|past|previous|onetime)\b|\bat\s+the\s+time\b", re.I)
_HELD_BEFORE = (
    r"\b(?:former|then|ex|past|previous|onetime)[\s-]+(?:[\w-]+\s+){{0,2}}{noun}\b|\b{noun}\s+at\s+the\s+time\b"
)
"""A post held before: "former director", "then-chairman", "director at the time"."""


def _held_before(question: Question, evidence: str) -> bool:
    """For "Who *is* the <post>?": the sentence names the post only as held in the past."""
    if not _ASKS_HOLDER_NOW.match(question.text) or not question.focus or _PAST_POST.search(question.text):
        return False  # "Who is the former chairman?" asks for that very holder
    tokens = {m.group() for m in re.finditer(r"[\w-]+", evidence) if stem(m.group().lower()) in question.focus}
    return any(re.search(_HELD_BEFORE.format(noun=re.escape(t)), evidence, re.I) for t in tokens)


_OPENING_NAME = re.compile(r"^\W*([A-Z][\w\u2019'-]+)")


def _about_another(article: Article, question: Question, evidence: Sentence) -> bool:
    """A number, date or place question about X, and a sentence whose subject is another name the article often
    uses, with X neither in it nor in the sentence before."""
    named = _named_words(question)
    opening = _OPENING_NAME.match(evidence.text)
    if question.kind not in {"quantity", "date", "place"} or not named or not opening:
        return False
    subject = content_words(opening.group(1))
    before = article.sentences[evidence.index - 1].text if evidence.index else ""
    if not subject or subject[0] in question.said or named & set(content_words(f"{before} {evidence.text}")):
        return False
    mentions = sum(1 for s in article.sentences if subject[0] in content_words(s.text))
    return mentions >= 2 and not re.match(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", opening.group(1))


def answer(article: Article, question: str) -> Answer:
    """Answer `question` from `article`, or an Answer with `text=None` when the article does not say.

    Raises EmptyQuestion or QuestionTooLong; callers that fetch should call `read_question` first.
    """
    asked = read_question(question)
    ranked = ranked_evidence(article, asked)
    best_coverage = ranked[0][1] if ranked else 0.0
    if not ranked or _names_missing(article, asked.text):
        return Answer(question=asked.text, text=None, evidence=None, score=round(best_coverage, 3))
    for evidence, coverage, own in ranked:
        if coverage < max(MIN_COVERAGE, best_coverage):
            continue  # a runner-up must hold as much of the question as the best: fewer words, weaker ties
        if own < MIN_OWN_COVERAGE:
            continue  # the question's words are around it, not in it: a span there answers something else
        if _about_another(article, asked, evidence):
            continue  # "When was Norlund founded?" - "Voltex, founded in 2016, ...": another firm's date
        if _ASKS_ROLE.match(asked.text) and not _holds_all(asked.focus, content_words(evidence.text)):
            continue  # "Who is the tournament director?": only a sentence naming that post can say who holds it
        if _held_before(asked, evidence.text):
            continue  # "Who is the director?" - "X, the director at the time, ...": who held it then
        if asked.predicate and not _tells_of(asked.predicate, _context_words(article, evidence)):
            continue  # "Who founded it?": a sentence where someone did something else does not say
        span = extract_span(asked, evidence.text)
        if span is not None:
            return Answer(asked.text, span, evidence.text, round(coverage, 3))
        if borrowed := borrowed_name(article, asked, evidence):
            return Answer(asked.text, borrowed[0], borrowed[1], round(coverage, 3))
    return Answer(question=asked.text, text=None, evidence=None, score=round(best_coverage, 3))
