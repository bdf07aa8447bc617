"""Direct quotations in an article: where they are, who said them, and which few are worth showing first.

Quote marks are ambiguous in scraped news: Daily Mail uses single quotes that double as apostrophes ("don't", "the
players' wives", "'90s"), a paragraph of a long quote reopens with a fresh mark and no closing one, and photo
captions get spliced into the middle of quotes. The scanner below reads marks by what is on either side of them and
keeps every quote verbatim: `Quote.text == article.text[start:end]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summaries.attribution import Speaker, attribute
from summaries.clauses import after_phrase
from summaries.model import Article, Quote, QuoteDigest
from summaries.sentences import sentence_start
from summaries.speech_verbs import SPEECH_VERB
from summaries.tokens import words as tokens

_DOUBLE = '"\u201c\u201d'
_OPENING = '"\u201c' + "'\u2018"
_CLOSING = {"d": '"\u201d', "s": "'\u2019"}
_NOT_A_QUOTE_START = re.compile(r"['\u2019](?:\d\ds\b|(?:em|n|til|cause|tis|twas)\b)", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_NAMING_CUE = re.compile(
    r"\b(?:known\s+as|called|dubbed|named|nicknamed|titled|entitled|so-called|hashtag|movie|film|series|show|book|"
    r"song|album|title|headlined?|slogan|motto|brand(?:ed)?)[,:]?\s*\(?$",
    re.IGNORECASE,
)
_SHORT_TAIL_WORDS = 5
"""An unclosed quote runs on over a line break when its last line ends mid-sentence in a few words ("My name is")."""
_LABEL_WORDS = 3
"""Quoted phrases this short with no speech verb around them are labels or scare quotes, not quotations."""
_TITLE_WORDS = 5
"""Capitalised phrases this short after "the"/"its" are titles ("Intelligence Report"), not quotations."""
_TITLE_SMALL_WORDS = frozenset("of the and a an in on for to with at".split())
_TITLE_DETERMINER = re.compile(r"\b(?:the|its|his|her|their|a|an|our|this)\s*$|['\u2019]s\s*$", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)")
_LOWER_WORD_NEXT = re.compile(r" [a-z]")


@dataclass(frozen=True, slots=True)
class QuoteSite:
    """Where a quote sits: its opening mark, its inner text [start, end), and whether a closing mark ends it."""

    open_at: int
    start: int
    end: int
    close_at: int
    closed: bool


@dataclass(frozen=True, slots=True)
class _Span:
    open_at: int
    end: int
    closed: bool

    @property
    def start(self) -> int:
        return self.open_at + 1


def find_quotes(article: Article, *, key_count: int = 4) -> QuoteDigest:
    """Every direct quotation in `article`, attributed, in article order; the best `key_count` marked `key`.

    Pure and fast (a few ms an article). A quote repeated verbatim (a caption echoing the text) is listed once.
    """
    text = article.text
    scanned = [_site(text, span) for span in _scan(text)]
    sites = [s for i, s in enumerate(scanned) if _is_quotation(text, s, scanned[i - 1] if i else None)]
    sites = _drop_repeats(text, sites)
    speakers = attribute(article, sites, masked=scanned)
    quotes = [
        Quote(text[s.start : s.end], sp.name if sp else None, _role(sp), s.start, s.end)
        for s, sp in zip(sites, speakers, strict=True)
    ]
    return QuoteDigest(_mark_key(quotes, speakers, key_count))


def _role(speaker: Speaker | None) -> str | None:
    """A named person gets the one role the article gives them, the same on each of their quotes."""
    if speaker is None:
        return None
    return speaker.person.role if speaker.person and speaker.person.role else speaker.role


# ---------------------------------------------------------------- reading the marks


def _kind(mark: str) -> str:
    return "d" if mark in _DOUBLE else "s"


def _can_open(text: str, i: int) -> bool:
    """A mark opens a quote when it follows a space or bracket and touches the next word: ' "Today' or '(\u2018she'."""
    if text[i] not in _OPENING or i + 1 >= len(text) or text[i + 1].isspace():
        return False
    previous = text[i - 1] if i else " "
    if previous.isalnum() or previous in ".,;!?":
        return False
    return text[i] != "'" or not _NOT_A_QUOTE_START.match(text, i)  # not '90s or 'em


def _can_close(text: str, i: int, kind: str) -> bool:
    """A mark closes a quote when it touches the word before and not the one after (so not "don't"); CNN spaces a
    double mark off a single one that closes with it ("a moody 'b'?' " Hostin asked)."""
    if text[i] not in _CLOSING[kind] or not i:
        return False
    if text[i - 1].isspace() and not (kind == "d" and i > 1 and text[i - 1] == " " and text[i - 2] in _CLOSING["s"]):
        return False
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _plural_possessive(text: str, i: int, kind: str, limit: int) -> bool:
    """ "the players' wives": an s' before a lower-case word is an apostrophe if the quote closes later anyway."""
    if kind != "s" or text[i - 1] != "s" or not _LOWER_WORD_NEXT.match(text, i + 1):
        return False
    for j in range(i + 1, limit):
        if text[j] in _CLOSING[kind] and _can_close(text, j, kind):
            return True
        if text[j] in _OPENING and _kind(text[j]) == kind and _can_open(text, j):
            return False
    return False


def _next_opener(text: str, i: int) -> int | None:
    for j in range(i, len(text)):
        if text[j] in _OPENING and _can_open(text, j):
            return j
    return None


def _scan(text: str) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    while (opened := _next_opener(text, i)) is not None:
        span = _read_quote(text, opened)
        spans.append(span)
        i = span.end + 1 if span.closed else max(span.end, opened + 1)
    return spans


def _read_quote(text: str, opened: int) -> _Span:
    """The quote opened at `opened`: up to its closing mark, a reopening mark (next paragraph of the same quote),
    or the end of the paragraph. Quotes nested inside stay part of it."""
    mark, kind = text[opened], _kind(text[opened])
    j = opened + 1
    paragraph_end = _paragraph_end(text, j)
    while j < len(text):
        char = text[j]
        if char == "\n":
            if not _runs_over_break(text, opened + 1, j):
                return _Span(opened, _trim_caption(text, opened + 1, j), closed=False)
            paragraph_end = _paragraph_end(text, j + 1)
        elif char in _CLOSING[kind] and _can_close(text, j, kind):
            if not _plural_possessive(text, j, kind, paragraph_end):
                return _Span(opened, j, closed=True)
        elif char in _OPENING and _can_open(text, j):
            if _kind(char) == kind and (char == mark or _after_sentence(text, j)):
                return _Span(opened, _trim_caption(text, opened + 1, j), closed=False)
            j = _skip_nested(text, j, paragraph_end)
        j += 1
    return _Span(opened, _trim_caption(text, opened + 1, len(text)), closed=False)


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _after_sentence(text: str, i: int) -> bool:
    """Whether the mark at `i` starts a line or follows a full stop (". 'The announcement ...")."""
    before = text[max(0, i - 6) : i].rstrip(" ")
    return not before or before.endswith("\n") or bool(_TERMINAL.search(before[-3:]))


def _skip_nested(text: str, opened: int, limit: int) -> int:
    """Index of the mark closing a quote nested at `opened`; `opened` itself when it never closes."""
    kind = _kind(text[opened])
    for j in range(opened + 1, limit):
        if text[j] in _CLOSING[kind] and _can_close(text, j, kind) and not _plural_possessive(text, j, kind, limit):
            return j
    return opened


def _runs_over_break(text: str, start: int, newline: int) -> bool:
    """Whether an unclosed quote goes on past a line break: only when the line stopped mid-sentence a few words in
    (the corpus's line wraps) and the next line does not reopen the quote; a long unfinished tail is a caption."""
    following = text[newline + 1 : newline + 2]
    if not following or following in _OPENING:
        return False
    tail = _unfinished_tail(text[start:newline])
    return tail is not None and 0 < len(tail.split()) <= _SHORT_TAIL_WORDS and ":" not in tail


def _unfinished_tail(inner: str) -> str | None:
    """The words after the last full stop of `inner` when they do not end a sentence themselves, else None."""
    inner = inner.rstrip()
    if not inner or _ENDS_SENTENCE.search(inner):
        return None
    stops = list(_SENTENCE_STOP.finditer(inner))
    return inner[stops[-1].end() :] if stops else inner


def _trim_caption(text: str, start: int, end: int) -> int:
    """End of an unclosed quote, with a caption spliced onto its last line ("...at all. Scam: Patricia ...") cut."""
    while end > start and text[end - 1].isspace():
        end -= 1
    inner = text[start:end]
    tail = _unfinished_tail(inner)
    if tail and len(tail) < len(inner.rstrip()):
        end = start + len(inner.rstrip()) - len(tail)
        while end > start and text[end - 1].isspace():
            end -= 1
    return end


def _site(text: str, span: _Span) -> QuoteSite:
    """The quote's inner text without edge spaces or a trailing comma ("...," he said)."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSite(span.open_at, start, end, span.end + 1 if span.closed else end, span.closed)


# ---------------------------------------------------------------- which marks are quotations


def _is_quotation(text: str, site: QuoteSite, previous: QuoteSite | None) -> bool:
    """Not scare quotes ('devastated'), names and labels ("The Milk Man"), titles ("Top Gun") or caption labels."""
    words = tokens(text[site.start : site.end])
    if len(words) < 2:
        return False
    lead = text[max(text.rfind("\n", 0, site.open_at) + 1, previous.close_at if previous else 0) : site.open_at]
    if _NAMING_CUE.search(lead.rstrip()):
        return False
    if site.closed and text[site.close_at : site.close_at + 1] == ":" and not lead.strip():
        return False
    if _is_title(text[site.start : site.end], lead):
        return False
    reopened = previous is not None and not previous.closed and not lead.strip()  # the next paragraph of a quote
    if len(words) <= _LABEL_WORDS and not reopened:
        ends_sentence = bool(re.search(r"[.!?]$", text[site.start : site.end]))
        spoken = after_phrase(text, site.close_at, ends_sentence) if site.closed else None
        part = _sentence_part(lead)
        part = part[:1].lower() + part[1:]  # 'Calling the plan "reckless and unworkable," ...': the opening verb too
        return bool(spoken or SPEECH_VERB.search(part))
    return True


def _is_title(inner: str, lead: str) -> bool:
    """A short run of capitalised words after "the"/"its"/"a" names a report, show or product: the "Intelligence
    Report". ("could lead to "World War Three"" has no determiner, and stays a quote.)"""
    words = inner.strip(" ,.").split()
    capitalised = all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
    return 0 < len(words) <= _TITLE_WORDS and capitalised and bool(_TITLE_DETERMINER.search(lead))


def _sentence_part(lead: str) -> str:
    return lead[sentence_start(lead, len(lead)) :]


def _drop_repeats(text: str, sites: list[QuoteSite]) -> list[QuoteSite]:
    """A quote whose words all appear, in order, in an earlier one is a repeat (captions restate quotes)."""
    kept: list[QuoteSite] = []
    seen: list[str] = []
    for site in sites:
        words = " " + " ".join(tokens(text[site.start : site.end])) + " "
        if not any(words in earlier for earlier in seen):
            kept.append(site)
            seen.append(words)
    return kept


# ---------------------------------------------------------------- key quotes


KEY_MIN_WORDS = 5


def _key_score(quote: Quote, speaker: Speaker | None) -> float:
    """Substantive full sentences from named people first; fragments and anonymous sources last."""
    words = len(tokens(quote.text))
    score = min(words, 30) / 10 - (1.5 if words < 5 else 0) - (1.0 if words > 70 else 0)
    score += 0.5 if quote.text[:1].isupper() else 0
    score += 2.0 if speaker and speaker.person else 0.5 if speaker else 0
    return score


def _mark_key(quotes: list[Quote], speakers: list[Speaker | None], key_count: int) -> tuple[Quote, ...]:
    """Pick `key_count` quotes greedily, each pick of a speaker already picked costing 2 points (spread voices).

    A fragment ("flattening the curve") is never key: with few substantive quotes, fewer are marked.
    """
    scores = [_key_score(q, s) for q, s in zip(quotes, speakers, strict=True)]
    eligible = [i for i, q in enumerate(quotes) if len(tokens(q.text)) >= KEY_MIN_WORDS]
    chosen: set[int] = set()
    picks_by_speaker: dict[str | None, int] = {}
    for _ in range(min(key_count, len(eligible))):
        best = max(
            (i for i in eligible if i not in chosen),
            key=lambda i: scores[i] - 2.0 * picks_by_speaker.get(quotes[i].speaker, 0),
        )
        chosen.add(best)
        picks_by_speaker[quotes[best].speaker] = picks_by_speaker.get(quotes[best].speaker, 0) + 1
    return tuple(Quote(q.text, q.speaker, q.role, q.start, q.end, key=i in chosen) for i, q in enumerate(quotes))
