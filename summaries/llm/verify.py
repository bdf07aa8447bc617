"""Checking what the model said against the article, with the offline core's own readings of it.

A model quote is kept only when it occurs verbatim in the article (after folding curly quote marks and whitespace)
inside a quotation the offline scanner found or between quote marks; its text and offsets are then the article's
own, never the model's. A speaker is kept only when the article names them (the offline cast, or the words
verbatim); otherwise the offline attribution of that quote stands. Written sentences (headline, briefing, answer)
are dropped when they quote words the article does not contain or carry a mention (@everyone, <@U123>): a model
has no business pinging anyone. What is dropped is counted in `Checks`, for logs and the benchmark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summaries.attribution import mask
from summaries.model import Answer, Article, Briefing, Quote, QuoteDigest, Sentence
from summaries.names import Cast, build_cast

_FOLD = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"', "\u2018": "'",
     "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u2039": "'", "\u203a": "'"}
)  # fmt: skip
_QUOTE_MARKS = "\"'"
_EDGE = " \t\n,;:\u2026" + _QUOTE_MARKS
_QUOTED = re.compile(r"\"([^\"]+)\"")
_MENTION = re.compile(r"@(?:everyone|here|channel)\b|<[@!#][^>]*>", re.IGNORECASE)
_MIN_EVIDENCE_WORDS = 3


@dataclass
class Checks:
    """What verification dropped or filled in, for one model reply."""

    quotes_offered: int = 0
    quotes_dropped: int = 0
    """Not verbatim in the article, or verbatim but not a quotation there (narrative passed off as speech)."""
    speakers_dropped: int = 0
    roles_dropped: int = 0
    quotes_filled: int = 0
    """Key quotes taken from the offline digest because the model offered fewer."""
    sentences_dropped: int = 0
    answer_replaced: bool = False
    dropped: list[str] = field(default_factory=list)
    """The texts dropped, for the log."""


def fold(text: str) -> tuple[str, list[int]]:
    """`text` with quote marks made straight and whitespace runs made one space, and each character's origin."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text.translate(_FOLD)):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        out.append(char)
        origin.append(i)
    return "".join(out), origin


class ArticleIndex:
    """One article read once for checking: folded text, its cast of people and the offline quote digest."""

    def __init__(self, article: Article, digest: QuoteDigest) -> None:
        self.article = article
        self.digest = digest
        self.folded, self._origin = fold(article.text)
        self._folded_lower = self.folded.lower()
        masked = mask(article.text, [(q.start, q.end) for q in digest.quotes])
        self.cast: Cast = build_cast(masked)

    def place(self, passage: str) -> tuple[int, int] | None:
        """Offsets in `article.text` of `passage` (quote marks and whitespace folded), or None when it is not there."""
        needle = fold(passage.strip(_EDGE).translate(_FOLD))[0].strip(_EDGE)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self._origin[at], self._origin[at + len(needle) - 1] + 1

    def mentions(self, words: str) -> bool:
        """Whether the article contains `words` as whole words, ignoring case, quote marks and spacing."""
        needle = re.escape(fold(words.strip())[0].lower())
        return bool(needle) and re.search(rf"(?<!\w){needle}(?!\w)", self._folded_lower) is not None

    def quotation_at(self, start: int, end: int) -> Quote | None:
        """The offline digest's quote holding [start, end)."""
        return next((q for q in self.digest.quotes if q.start <= start and end <= q.end), None)

    def between_marks(self, start: int, end: int) -> bool:
        before = self.article.text[:start].rstrip().translate(_FOLD)[-1:]
        after = self.article.text[end:].lstrip(" ,.!?;").translate(_FOLD)[:1]
        return before in _QUOTE_MARKS and after in _QUOTE_MARKS and bool(before)

    def sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.article.sentences if s.start <= offset < s.end), None)

    def speaker(self, name: str | None) -> str | None:
        """The name as the article gives it (full name from the cast when known), or None when it is not there."""
        if not name:
            return None
        person = self.cast.lookup(name)
        if person is not None:
            return person.name
        return name if self.mentions(name) else None


def written_text_ok(index: ArticleIndex, text: str, checks: Checks) -> bool:
    """A sentence the model wrote may stand: no mention in it, and every quoted passage verbatim in the article."""
    folded = text.translate(_FOLD)
    bad = _MENTION.search(folded) is not None or any(
        len(m.group(1).split()) > 1 and index.place(m.group(1)) is None for m in _QUOTED.finditer(folded)
    )
    if bad:
        checks.sentences_dropped += 1
        checks.dropped.append(text)
    return not bad


def verify_briefing(
    index: ArticleIndex, headline: str, sentences: tuple[str, ...], *, count: int, engine: str, checks: Checks
) -> Briefing | None:
    """The model's briefing less any sentence that fails `written_text_ok`; None when none is left."""
    kept = tuple(s for s in sentences[:count] if written_text_ok(index, s, checks))
    if not kept:
        return None
    title = headline if headline and written_text_ok(index, headline, checks) else index.article.headline
    return Briefing(title, kept, engine)


def verify_quotes(
    index: ArticleIndex, offered: list[tuple[str, str | None, str | None]], *, key_count: int, checks: Checks
) -> QuoteDigest:
    """The offline digest with the model's verified picks as its key quotes, topped up with offline key quotes."""
    by_start = {q.start: q for q in index.digest.quotes}
    picked: list[Quote] = []
    for text, speaker, role in offered:
        checks.quotes_offered += 1
        quote = _verified_quote(index, text, speaker, role, checks)
        if quote is None:
            continue
        if len(picked) >= key_count or any(p.start < quote.end and quote.start < p.end for p in picked):
            continue
        held = index.quotation_at(quote.start, quote.end)
        if held is not None:
            by_start.pop(held.start, None)
        by_start[quote.start] = quote
        picked.append(quote)
    key_starts = {q.start for q in picked}
    for quote in index.digest.key_quotes:
        if len(key_starts) >= key_count:
            break
        if quote.start in by_start and not any(p.start < quote.end and quote.start < p.end for p in picked):
            key_starts.add(quote.start)
            checks.quotes_filled += 1
    ordered = sorted(by_start.values(), key=lambda q: q.start)
    return QuoteDigest(tuple(Quote(q.text, q.speaker, q.role, q.start, q.end, q.start in key_starts) for q in ordered))


def _verified_quote(
    index: ArticleIndex, text: str, speaker: str | None, role: str | None, checks: Checks
) -> Quote | None:
    place = index.place(text)
    held = index.quotation_at(*place) if place else None
    if place is None or (held is None and not index.between_marks(*place)):
        checks.quotes_dropped += 1
        checks.dropped.append(text)
        return None
    start, end = place
    named = index.speaker(speaker)
    if speaker and named is None:
        checks.speakers_dropped += 1
        checks.dropped.append(f"speaker {speaker}")
    kept_role = role if role and index.mentions(role) else None
    if role and kept_role is None:
        checks.roles_dropped += 1
    if named is None and held is not None:
        named, kept_role = held.speaker, held.role
    elif kept_role is None and held is not None and held.speaker == named:
        kept_role = held.role
    return Quote(index.article.text[start:end], named, kept_role, start, end, key=True)


def verify_answer(index: ArticleIndex, question: str, answer: str | None, evidence: str | None) -> Answer | None:
    """The model's answer with its evidence as the article's own sentence, or None when it cannot be grounded."""
    if not answer or not evidence or len(evidence.split()) < _MIN_EVIDENCE_WORDS:
        return None
    if not written_text_ok(index, answer, Checks()):
        return None
    place = index.place(evidence)
    sentence = index.sentence_at(place[0]) if place else None
    if sentence is None:
        return None
    return Answer(question, answer, sentence.text, score=1.0)
