"""Who said a quote: which person its attribution points to.

`summaries.clauses` finds the speaker phrase around a quote and `summaries.names` reads what it names; this module
reads the article in order (quotes and the sentences between them), remembers who spoke and who each sentence is
about, and resolves pronouns and descriptions ("he", "the photographer") to the person they point back to: the
subject of the sentence before, a person of the pronoun's gender, never an addressee, an outlet or a caption.
Everything here reads `masked` text, where quoted words are blanked out.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summaries.clauses import (
    LABEL,
    WRITTEN,
    after_phrase,
    hanging_participle,
    lead_subject,
    strip_openers,
    subject_like,
)
from summaries.lexicon import (
    BODY_NOUNS,
    CONCESSIVES,
    DETERMINERS,
    DOCUMENT_NOUNS,
    NOT_NAME,
    PERSON_NOUNS,
    PRONOUNS,
    TITLES,
    WRITTEN_NOUNS,
)
from summaries.model import Article, Sentence
from summaries.names import (
    AUTHOR,
    NAME,
    NAMED_OWNER,
    Cast,
    Person,
    build_cast,
    gender_of,
    head_noun,
    head_phrase,
    is_organisation,
    is_outlet,
    is_people_noun,
    is_person_name,
    is_person_noun,
    parse_subject,
    possessive,
)
from summaries.sentences import sentence_end
from summaries.speech_verbs import REPORT_VERB
from summaries.tokens import words as lower_words

if TYPE_CHECKING:
    from summaries.quotes import QuoteSite

# ---------------------------------------------------------------- lexicon

_SUBORDINATOR = re.compile(
    rf"^(?:(?:and|but|so)\s+)?(?:as\s+far\s+as|{'|'.join(sorted(CONCESSIVES))})\b", re.IGNORECASE
)
_WRAPPED_WORDS = 6
"""A line this short that stops mid-sentence is a wrap the corpus turned into a line break, not a caption."""
_DESCRIPTION_WORDS = 5
"""Longer "the ..." phrases ("the report released by investigators") are descriptions, not a person's epithet."""
_ADDRESSED = re.compile(
    r"\b(?:told|tells?|telling|asked|asks|asking|interviewed|(?:speaking|spoke|speaks?|talking|talked|wrote)\s+to|"
    r"interview\s+with)\s+(?:[\w.'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)
_EPITHET = re.compile(r"\d+-year-old|[A-Z][a-z]+(?:-[A-Z][a-z]+)*(?:an|ese|ish|i)")
"""Words news uses to vary a named person's name: an age or a nationality ("the Iranian-Polish-American")."""
_RELAYED = re.compile(r"[ \t]*[,;]?[ \t]*according\s+to\b", re.IGNORECASE)
"""A quote followed by "according to": the source named there relays the words when the sentence has a speaker."""
_INVERTED_REPORT = re.compile(rf",\s+(?:said|says|added|adds)\s+((?:{NAME.pattern})(?:,[^,.]*)?)[.!?]?\s*$")
"""Reported speech closed by its speaker: "What happened was awful, said McGuire."."""
_BODY_NAME = re.compile(rf"{NAME.pattern}(?:\s+(?:of|for|on)\s+(?:the\s+)?{NAME.pattern})*")
"""A body's whole name, joined by "of": "the Royal College of Midwives"."""
_INTERVIEW_TURN = re.compile(r"(?:^|\n|[.!?\"\u201d]\s)\s*(Q|A)\s*[:.]\s*$", re.IGNORECASE)
"""A turn of a printed interview: "Q: '...'" / "A: '...'"."""
_ASKED = re.compile(r"\basked\s+(?:[\w.'\u2019-]+\s+){0,3}$")
"""A question put to the person named next: they give the reply that follows."""
_PARTICIPLE_OPENER = re.compile(r"^[A-Z][a-z]+ing\b[^,;:.]*$")
"""A sentence that opens with a participle running up to the quote ("Calling the plan")."""
_OWNER = re.compile(r"\w(?:['\u2019]s|s['\u2019])$")
"""A possessive word: "girl's", "Huskins'"."""
_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
_ENDS_ASKING = re.compile(r"[?!]\W*$")
_MAIN_CLAUSE = re.compile(r"\s*,?\s*(.+)")
"""The clause after a quote that a participial opener hangs on."""
_WORD = re.compile(r"\w+")
_OWNED_WRITING = re.compile(rf"(.+?)['\u2019]s\s+(?:\w+\s+)?{WRITTEN}$", re.IGNORECASE)
"""Words owned by their writer: "the mayor's latest statement"."""
_LINE_END_STOP = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
_POSSESSIVE_S = re.compile(r"['\u2019]s\b")
_PRONOUN_WORD = {pronoun: re.compile(rf"\b{pronoun}\b", re.IGNORECASE) for pronoun in PRONOUNS}
_RELATIVE_NAMED = re.compile(rf"\b(his|her|their)\s+([\w'\u2019-]+),?\s+({NAME.pattern})")
"""A relative and their name: "her father, Michael Hill"."""
_NON_SPACE = re.compile(r"\S+")
_OWNERS = ("his", "her", "their")
_DOCUMENT_SUBJECT = re.compile(
    rf"((?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(DOCUMENT_NOUNS))})"
    rf"(?:\s+(?:by|from|of)\s+(?:the\s+)?{NAME.pattern})?)\s+[a-z]"
)
"""A document as a clause's subject, with its author if named: "A report by the National Audit Office (found)"."""
_PRONOUN_CHAIN = 3
"""How many sentences back a pronoun may look, through sentences that open with the same pronoun."""
_MAIN_CHARACTER_MENTIONS = 3
"""A name given this often is a person of the story even before the article says how."""
_MENTION_GAP = 800
"""How far back (characters) a pronoun or a "the X" description may look for the person it stands for."""


# ---------------------------------------------------------------- speakers


@dataclass(frozen=True, slots=True)
class Speaker:
    """`person` is set when the source is a named individual, None for descriptions ("a US official")."""

    name: str
    role: str | None = None
    person: Person | None = None


def _could_be(speaker: Speaker, gender: str | None) -> bool:
    """Whether "he"/"she" can stand for `speaker`: a named person, or a person description ("One Wolves fan")."""
    if speaker.person:
        return speaker.person.may_be(gender)
    noun = head_noun(speaker.name)
    role = head_noun(speaker.role or "")
    if not (noun and is_person_noun(noun)) and not (role and is_person_noun(role)):  # "One fan", "His sister, Maria"
        return False
    return gender is None or gender_of(f"{speaker.name} {speaker.role or ''}") in (None, gender)  # "Her husband, Peter"


def _owned_by(speaker: Speaker, gender: str | None) -> bool:
    """Whether `speaker` is described as someone's of this gender ("Her colleague, Dr John Bell"): "she" is whoever
    "her" is, not the colleague."""
    owner = (speaker.role or speaker.name).split()[:1]
    return bool(owner) and owner[0].lower() in ("his", "her") and PRONOUNS.get(owner[0].lower()) == gender


def _naming(speaker: Speaker | None) -> Speaker | None:
    """`speaker`, unless it names no one: "5." (a list number), "The", "Read more"."""
    if speaker and any(w.isalpha() and w.lower() not in NOT_NAME for w in _WORD.findall(speaker.name)):
        return speaker
    return None


def _is_caption(sentence: Sentence) -> bool:
    """A caption, also one the corpus closed with its line-join " ." ("Gerrard looks on from the bench .")."""
    return sentence.caption or sentence.text.endswith(" .")


_END = 1 << 62


def _position(mention: tuple[int, Person]) -> int:
    return mention[0]


def _as_speaker(person: Person) -> Speaker:
    return Speaker(person.name, person.role, person)


# ---------------------------------------------------------------- attributing quotes in article order


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with quoted words blanked out, so names and verbs inside quotes are not read as attribution."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


@dataclass(slots=True)
class Attributor:
    """Attributes quotes in article order, remembering who spoke last for "he added" and unattributed follow-ons."""

    text: str
    masked: str
    cast: Cast
    sentence_starts: list[int]
    captions: list[tuple[int, int]] = field(default_factory=list)
    mention_counts: Counter[int] = field(default_factory=Counter)
    """Photo captions spliced into the text: no one named there speaks or is "he" in the prose around them."""
    events: list[tuple[int, Speaker, bool]] = field(default_factory=list)
    """(position, speaker, spoke): sentence subjects and speakers, in text order."""
    proper_nouns: dict[str, bool] = field(default_factory=dict)
    introductions: dict[str, int | None] = field(default_factory=dict)
    narrative: list[Sentence] = field(default_factory=list)
    """Sentences without quotes not read yet, the next one last."""
    """Per role noun, where the article first introduces "a <noun>" (None: never); found once, not per quote."""

    @classmethod
    def for_article(cls, article: Article, sites: list[QuoteSite], quoted: list[QuoteSite]) -> Attributor:
        """`quoted` are every quoted span, also those that are not quotations ('Khvatit!' he said)."""
        masked = mask(article.text, [(s.start, s.end) for s in [*sites, *quoted]])
        attributor = cls(article.text, masked, build_cast(masked, article.text), [s.start for s in article.sentences])
        attributor.captions = [(s.start, s.end) for s in article.sentences if _is_caption(s)]
        attributor.narrative = attributor._narrative_sentences(article, sites)
        return attributor

    def _first_introduction(self, noun: str) -> int | None:
        if noun not in self.introductions:
            pattern = rf"\b(?:an?|one)\s+(?:[\w-]+\s+)?{re.escape(noun)}\b"
            found = re.search(pattern, self.masked, re.IGNORECASE)
            self.introductions[noun] = found.end() if found else None
        return self.introductions[noun]

    def attribute(self, sites: list[QuoteSite]) -> list[Speaker | None]:
        out: list[Speaker | None] = []
        previous_end = 0
        for site in sites:
            self._read_narrative_until(site.open_at)
            speaker = self._attribute_one(site, previous_end)
            out.append(speaker)
            if speaker:
                self._record(site.close_at, speaker)
            previous_end = site.close_at
        return out

    def _attribute_one(self, site: QuoteSite, previous_end: int) -> Speaker | None:
        turn = _INTERVIEW_TURN.search(self.masked, max(0, site.open_at - 8), site.open_at)
        if turn:
            return self._interview_turn(turn.group(1).upper(), site.open_at)
        ends_sentence = bool(_ENDS_SENTENCE.search(self.text, site.start, site.end))
        sentence = self._lead_start(site.open_at)
        lead = self.masked[max(sentence, previous_end) : site.open_at]
        if previous_end > sentence and hanging_participle(lead):
            lead = self.masked[sentence : site.open_at]  # 'X said "...", adding that "...": the whole sentence
        phrase = None
        if site.closed and not _SUBORDINATOR.match(strip_openers(lead)):
            asked = bool(_ENDS_ASKING.search(self.text, site.start, site.end))
            phrase = after_phrase(self.masked, site.close_at, ends_sentence, asked=asked)
            if phrase and _RELAYED.match(self.masked, site.close_at):
                phrase = lead_subject(lead) or phrase  # 'X told police that "...," according to an affidavit'
        at = site.close_at
        if phrase is None:
            phrase = lead_subject(lead)
            at = site.open_at
        if phrase is None and lead.rstrip().endswith(":") and not LABEL.match(lead.strip()):
            phrase = strip_openers(lead.rstrip()[:-1]) or None  # 'the Italian Polydore Vergil recorded that: "...'
            at = site.open_at
        if phrase is None and site.closed and _PARTICIPLE_OPENER.match(lead.strip()):
            main = _MAIN_CLAUSE.match(self.masked[site.close_at : sentence_end(self.masked, site.close_at)])
            phrase, at = (main.group(1), site.close_at) if main else (None, at)  # 'Calling the plan "...," the
            # opposition tabled a motion': the main clause's subject
        speaker = _naming(self._speaker(phrase, at) if phrase else None)
        if speaker is None and phrase and phrase.split()[0].lower() in PRONOUNS:
            gender = PRONOUNS[phrase.split()[0].lower()]
            inherited = self._unattributed(site.open_at)  # "he said" with no "he" found: never a speaker who is a she
            known = inherited.person.gender if inherited and inherited.person else None
            known = known or (gender_of(f"{inherited.name} {inherited.role or ''}") if inherited else None)
            return None if gender and known and known != gender else inherited
        if speaker is None and phrase is None and previous_end <= sentence:
            speaker = self._named_subject(lead, sentence)
        return speaker or self._unattributed(site.open_at) or _naming(self._sentence_subject(site.open_at))

    def _named_subject(self, lead: str, at: int) -> Speaker | None:
        """A person or a document named as the subject of the quote's own sentence, though its verb is no speech verb:
        the words are theirs, not the last speaker's ("Columnist Ross Doyle fears a future in which '...'")."""
        clause = strip_openers(lead)
        parsed = parse_subject(clause) if len(clause.split()) > 2 else None
        document = _DOCUMENT_SUBJECT.match(clause)
        if document:
            return Speaker(document.group(1))  # "A report by the Audit Office found the scheme was '...'"
        if parsed is None or parsed[2] != "name":
            return None
        speaker = self._speaker(clause, at, speaks=False)
        return speaker if speaker and speaker.person else None

    def _interview_turn(self, label: str, at: int) -> Speaker:
        """ "Q:" is the interviewer; "A:" the person interviewed: the last person to speak, else the one the article
        names most."""
        if label == "Q":
            return Speaker("the interviewer")
        for _, speaker, spoke in reversed([e for e in self.events if e[0] <= at]):
            if spoke and speaker.person is not None:
                return speaker
        counts = Counter(id(p) for _, p in self.cast.mentions)
        people = sorted(self.cast.people, key=lambda p: -counts[id(p)])
        return _as_speaker(people[0]) if people else Speaker("the interviewee")

    def _unattributed(self, at: int) -> Speaker | None:
        """A quote with no attribution continues the last speaker, unless the sentence right before it brings in
        another named person as its subject ("Ms Okoro hopes to open a bakery. 'Bread ...'")."""
        previous = self._sentence_start(max(0, self._sentence_start(at) - 1))
        for position, speaker, spoke in reversed(self.events):
            if position > at:
                continue
            if spoke or position < previous:
                break
            if speaker.person is not None and not self._in_caption(position - 1):
                return speaker
        last = self._last(at)
        since = [  # people brought in as subjects since the last quote: "nothing in between names another speaker"
            speaker
            for position, speaker, spoke in self.events
            if not spoke
            and position <= at
            and speaker.person is not None
            and not self._in_caption(position - 1)
            and position > self._last_spoke_at(at)
            and (last is None or speaker.person is not last.person)
        ]
        return since[-1] if since else last

    def _speaker(self, phrase: str, at: int, *, speaks: bool = True) -> Speaker | None:
        """Who `phrase` (a subject) names at `at`; with `speaks`, a new one-word name ("Cookie") joins the cast."""
        parsed = parse_subject(phrase)
        if parsed is None:
            return None
        name, role, kind = parsed
        if kind == "pronoun":
            return self._pronoun(name, at)
        if kind == "names":
            return Speaker(" and ".join(self._full_name(n) for n in name.split(" and ")), role)
        if kind == "descriptor" and name == AUTHOR:
            return Speaker(name)  # "I have five words for you:": the writer, never the last person named
        if kind == "descriptor":
            named = NAME.match(name)
            known = self.cast.lookup(named.group()) if named and not possessive(name, named.end()) else None
            if known and (
                known.gender
                or known.role
                or " " in known.name
                or any(s.person is known for _, s, spoke in self.events if spoke)
            ):
                return _as_speaker(known)  # "Petresky got involved ...": a known name, then a verb the parse missed
            return self._description(name, at)
        # "His assistant, Pennington, hands him ...": a relative or aide named in apposition is a person
        opening = (role or "").split()[:1]
        related = bool(opening) and (opening[0].lower() in _OWNERS or bool(NAMED_OWNER.fullmatch(role or "")))
        person = self.cast.lookup(name) or (self._introduce(name, role) if speaks or related else None)
        if person is None:
            return Speaker(name, role)
        if role and (len((person.role or "").split()) < 2 or role.startswith(person.role or "")):
            person.role = role  # "Teacher" or a role cut by a line break gives way to a fuller one
        person.gender = person.gender or gender_of(role or "")  # "Her husband, actor Brad Pitt"
        return Speaker(person.name, role or person.role, person)

    def _introduce(self, name: str, role: str | None) -> Person | None:
        """A name the article uses as a speaker or subject ("Cookie", "Johnson") joins the cast, unless it looks like
        an organisation ("BabyJabs Ltd", "NASA")."""
        if is_organisation(name) or not name[:1].isupper():
            return None
        if (len(name.split()) > 1 and not is_person_name(name)) or (len(name.split()) == 1 and not self._proper(name)):
            return None
        person = self.cast.add(name)
        person.role, person.gender = role, gender_of(role or "")
        return person

    def _proper(self, word: str) -> bool:
        """A proper noun is capitalised mid-sentence somewhere and never written in lower case ("Doctors" is not)."""
        if word not in self.proper_nouns:
            mid_sentence = re.search(rf"[a-z,;] {re.escape(word)}\b", self.masked)
            lower = re.search(rf"\b{re.escape(word.lower())}\b", self.masked)
            self.proper_nouns[word] = bool(mid_sentence) and not lower
        return self.proper_nouns[word]

    def _full_name(self, name: str) -> str:
        person = self.cast.lookup(name)
        return person.name if person else name

    def _pronoun(self, pronoun: str, at: int) -> Speaker | None:
        """ "he said" resolved (see `_resolve_pronoun`); the person then has the pronoun's gender for later ones."""
        speaker = self._resolve_pronoun(pronoun, at)
        gender = PRONOUNS.get(pronoun)
        if speaker and speaker.person and speaker.person.gender is None and gender:
            speaker.person.gender = gender
        return speaker

    def _resolve_pronoun(self, pronoun: str, at: int) -> Speaker | None:
        """ "he said": the nearest fitting person named earlier in this sentence; else one named in the previous
        sentence (further back only through sentences that open with the same pronoun) whose known gender agrees;
        else the last fitting subject or speaker; else anyone fitting from the previous sentence. An addressee
        ("told Jane Hill") is never a candidate."""
        gender = PRONOUNS.get(pronoun)
        if pronoun == "it":
            return self._body(at) or self._last(at)
        if gender is None:
            return (self._group(at) if pronoun == "they" else None) or self._last(at)
        start = self._prose_sentence_start(at)
        said = [m.start() - start for m in _PRONOUN_WORD[pronoun].finditer(self.masked, start, at)]
        here = self._candidates(start, start + said[-1] if said else at, gender)
        if here:
            return _as_speaker(max(here, key=lambda c: (c[1].gender == gender, c[0]))[1])
        last = self._last(at)
        for _ in range(_PRONOUN_CHAIN):
            window = self._prose_sentence_start(start - 1) if start else 0
            asked = self._asked(window, start, gender)
            if asked:
                return _as_speaker(asked)  # "The prosecutor asked Pugliese if ... 'No,' he said."
            subject = self._subject_of(window, start, gender)
            earlier = [c for c in self._candidates(window, start, gender) if self._established(c[1], gender)]
            spoke_last = last is not None and any(
                last.person is p for p in [*(c[1] for c in earlier), subject and subject.person]
            )
            unknown = subject.person.gender is None if subject and subject.person else not subject
            if unknown and (subject or earlier) and not spoke_last and window:
                # "Ms Adeyemi sings ... Walter Greene died ... 'Singing keeps me young,' she says": one whose gender is
                # known to fit, a sentence further back, beats a name of unknown gender
                before = self._prose_sentence_start(window - 1)
                named = self._candidates(before, window, gender)
                if named and named[0][1].gender == gender and all(c[1].gender is None for c in earlier):
                    return _as_speaker(named[0][1])
            if subject:
                return subject  # the sentence before says who it is about: "he" goes on with its subject
            if earlier:
                return _as_speaker(self._best(earlier, last, gender))
            if not window or self._names_someone(window, start):
                break  # only a sentence that brings in nobody ("In fact, his family ...") lets "he" look further back
            start = window
        for position, speaker, _ in reversed(self.events):
            if position <= at and _could_be(speaker, gender) and not _owned_by(speaker, gender):
                return speaker if at - position < 2 * _MENTION_GAP else None
        return None

    def _group(self, at: int) -> Speaker | None:
        """What "they" stands for: the subject of this sentence or the one before when it names people in the plural
        or an organisation ("The nurses walked out. '...,' they said"), else None."""
        start = self._prose_sentence_start(at)
        for begin, end in ((start, at), (self._prose_sentence_start(start - 1) if start else start, start)):
            clause = strip_openers(self.masked[begin:end]) if end > begin else ""
            parsed = parse_subject(clause) if clause else None
            if parsed is None or parsed[2] not in ("descriptor", "name"):
                continue
            head = head_phrase(clause)
            if any(is_people_noun(w) for w in head.lower().split()):  # "Thousands of protesters", "The nurses"
                return Speaker(head)
            if is_organisation(parsed[0]) and not is_outlet(parsed[0]):  # "Acme Ltd denied it. '...,' they said"
                return Speaker(parsed[0])
        return None

    def _asked(self, start: int, end: int, gender: str) -> Person | None:
        """The person a question was put to in [start, end) ("asked Pugliese if ..."): the next reply is theirs."""
        for position, person in self._mentions(start, end):
            if person.may_be(gender) and _ASKED.search(self.masked, max(start, position - 40), position):
                return person
        return None

    def _subject_of(self, start: int, end: int, gender: str | None) -> Speaker | None:
        """The person (named or described) recorded as the subject or speaker of the sentence [start, end), if
        `gender` fits."""
        first = bisect.bisect_right(self.events, start, key=lambda event: event[0])
        for position, speaker, _ in self.events[first:]:
            if position > end:
                break
            if _owned_by(speaker, gender):
                continue  # "Her doctor told her ...": "she" is whoever "her" is, not the doctor
            if _could_be(speaker, gender) and not self._in_caption(position - 1):
                return speaker
        return None

    def _names_someone(self, start: int, end: int) -> bool:
        return any(not self._in_caption(position) for position, _ in self._mentions(start, end))

    def _body(self, at: int) -> Speaker | None:
        """What "it said" stands for: the subject of this sentence or the one before that is not a person ("the
        coalition is providing '...', it said"), else the last organisation that spoke."""
        start = self._sentence_start(at)
        for begin in (start, self._sentence_start(start - 1) if start else None):
            if begin is None:
                break
            end = at if begin == start else start
            subject = self._speaker(strip_openers(self.masked[begin:end]), begin, speaks=False)
            if subject and subject.person is None and not _could_be(subject, None) and subject.name[:1].isalpha():
                return subject
        for position, speaker, _ in reversed(self.events):
            if position <= at and speaker.person is None and not _could_be(speaker, None):
                return speaker if at - position < _MENTION_GAP else None
        return None

    def _candidates(self, start: int, end: int, gender: str) -> list[tuple[int, Person]]:
        return [
            (position, person)
            for position, person in self._mentions(start, end)
            if person.may_be(gender) and not self._addressee(position) and not self._in_caption(position)
        ]

    def _established(self, person: Person, gender: str) -> bool:
        """A name of unknown gender is a candidate only once the article treats it as a person: with a role, as a
        subject or speaker, or named again and again ("Honda Classic", named once, is not)."""
        if person.gender == gender or person.role or person.titles:
            return True  # "Mayor Dana Ruiz": a title marks a person as surely as a role
        if any(speaker.person is person for _, speaker, _ in self.events):
            return True
        if not self.mention_counts:
            self.mention_counts = Counter(id(p) for _, p in self.cast.mentions)
        return self.mention_counts[id(person)] >= _MAIN_CHARACTER_MENTIONS

    def _best(self, candidates: list[tuple[int, Person]], last: Speaker | None, gender: str) -> Person:
        """The last speaker, else a sentence's first-named person (its subject, usually), else one whose known
        gender agrees, else the first named."""

        def rank(candidate: tuple[int, Person]) -> tuple[bool, bool, bool]:
            position, person = candidate
            first = self._mentions(self._sentence_start(position), position + 1)[0][1] is person
            return (last is not None and last.person is person, first, person.gender == gender)

        return max(candidates, key=rank)[1]

    def _mentions(self, start: int, end: int) -> list[tuple[int, Person]]:
        """The cast's mentions in [start, end): they are kept in text order."""
        mentions = self.cast.mentions
        return mentions[
            bisect.bisect_left(mentions, start, key=_position) : bisect.bisect_left(mentions, end, key=_position)
        ]

    def _in_caption(self, position: int) -> bool:
        index = bisect.bisect_right(self.captions, (position, _END))
        return bool(index) and self.captions[index - 1][0] <= position < self.captions[index - 1][1]

    def _addressee(self, position: int) -> bool:
        """Whether the name at `position` is spoken to ("told reporter Jane Hill", "speaking to Ann Cole")."""
        return bool(_ADDRESSED.search(self.masked[max(0, position - 60) : position]))

    def _description(self, descriptor: str, at: int) -> Speaker:
        """ "the photographer" is the named person described so; "the announcer" after "a train announcer" stays a
        description, as does "a spokesman"; "his latest message" is from whoever "his" is."""
        owned = _OWNED_WRITING.match(descriptor)
        if owned:
            return self._speaker(owned.group(1), at) or Speaker(descriptor)
        words = descriptor.split()
        owner, noun = words[0].lower(), head_noun(descriptor)
        if NAMED_OWNER.fullmatch(descriptor):  # "Hill's father" after "Hill's father, Michael, ..."
            wanted = lower_words(descriptor)
            relatives = (
                s for seen, s, _ in reversed(self.events) if seen <= at and lower_words(s.role or "") == wanted
            )
            return next(relatives, Speaker(descriptor))
        if owner in _OWNERS and noun in WRITTEN_NOUNS:
            return self._pronoun(owner, self._sentence_start(at)) or Speaker(descriptor)
        if owner in _OWNERS and noun and is_person_noun(noun) and len(words) == 2:
            named = [m for m in _RELATIVE_NAMED.finditer(self.masked, 0, at) if m.group(1, 2) == (owner, noun)]
            person = self.cast.lookup(named[-1].group(3)) if named else self.cast.by_role(noun, at)
            return _as_speaker(person) if person else Speaker(descriptor)  # "her father, Michael Hill, said ..."
        if owner == "the" and len(words) == 2 and _EPITHET.fullmatch(words[1]):
            start = self._sentence_start(at)
            subject = self._subject_of(self._sentence_start(start - 1) if start else 0, start, None)
            if subject and subject.person:
                return subject  # "X won. The Norwegian beat Y. '...,' said the 29-year-old": the subject, not Y
            recent = self.cast.last_mention(max(0, at - _MENTION_GAP), at, None)
            return _as_speaker(recent) if recent else Speaker(descriptor)  # "the 22-year-old", "the Iranian-American"
        if owner != "the" or not noun or len(words) > _DESCRIPTION_WORDS:
            return Speaker(descriptor)
        named_body = self._body_named(noun, at) if len(words) == 2 and not is_person_noun(noun) else None
        if named_body:
            return Speaker(named_body)  # "the society" after "the Royal Society of Nurses"
        if len(words) == 2 and noun in BODY_NOUNS:
            body = self._last_body_speaker(at) or self._last_body(at) or self._previous_body(at, named=True)
            # "the organisation" after "the Royal College of
            # Midwives"
            return Speaker(body) if body else Speaker(descriptor)
        person = self.cast.by_title(descriptor, noun, at) if is_person_noun(noun) or noun in TITLES else None
        if person is None and is_person_noun(noun):
            person = self.cast.by_role(noun, at)
            introduced = self._first_introduction(noun)
            listed = noun in PERSON_NOUNS | TITLES or gender_of(noun)  # "the regulator" may be a body, "the artist" not
            related = any(_OWNER.search(w) for w in words[1:-1])  # "the girl's father" is not the girl
            if person is None and listed and not related and (introduced is None or introduced > at):
                person = self._last_described(descriptor, noun, at)
            if person is None and not related and (introduced is None or introduced > at):
                person = self._previous_subject(at, noun)  # "Amir Khan runs the shop. The shopkeeper said ..."
            body = self._previous_body(at) if person is None and not listed and len(words) == 2 else None
            if body:
                return Speaker(body)  # "The Financial Conduct Authority opened an inquiry. The regulator said ..."
        return Speaker(person.name, person.role, person) if person else Speaker(descriptor)

    def _previous_body(self, at: int, *, named: bool = False) -> str | None:
        """The organisation that is the subject of the sentence before the one at `at`, if any; with `named` (the
        description says it is a body: "the group"), any capitalised name there that is no known person."""
        start = self._sentence_start(at)
        if not start:
            return None
        clause = strip_openers(self.masked[self._sentence_start(start - 1) : start])
        parsed = parse_subject(clause)
        if parsed is None or is_outlet(parsed[0]):
            return None
        if is_organisation(parsed[0]):
            return parsed[0]
        whole = _BODY_NAME.match(clause) if named else None  # "Friends of the Earth", not "Friends"
        return whole.group() if whole and self.cast.lookup(whole.group()) is None else None

    def _previous_subject(self, at: int, noun: str) -> Person | None:
        """The named person who is the subject of the sentence before the one at `at` (not its speaker, and holding no
        other office): news varies a name with a description in the next sentence ("Ruth Penn started the petition.
        The campaigner said ...")."""
        start = self._sentence_start(at)
        if not start:
            return None
        before = self._sentence_start(start - 1)
        for position, speaker, spoke in self.events:
            person = speaker.person
            if before <= position <= start and not spoke and person and not self._in_caption(position - 1):
                fits = person.may_be(gender_of(noun)) and not person.titles & TITLES - {noun}
                return person if fits else None
        return None

    def _last_described(self, descriptor: str, noun: str, at: int) -> Person | None:
        """Who "the actor" is when no one has that title: the last person named before the words "the actor" (not a
        film in the aside after them: "The actor, whose films include Red Tide, said"), unless they hold another office
        ("the president" is not "Mayor Tom Baker")."""
        written = self.masked.rfind(descriptor, self._sentence_start(at), at)
        end = written if written >= 0 else at
        gender = gender_of(noun)
        for _, person in reversed(self._mentions(max(0, at - _MENTION_GAP), end)):
            office = bool(person.titles & TITLES - {noun})
            if person.may_be(gender) and not office:
                return person
        return None

    def _last_body_speaker(self, at: int) -> str | None:
        """The named body that spoke last before `at` ("the Boy Scouts of America said ... The group added")."""
        for position, speaker, spoke in reversed(self.events):
            if position > at or not spoke or speaker.person is not None:
                continue
            if at - position > _MENTION_GAP:
                break
            named = [w for w in speaker.name.split() if w[:1].isupper() and w.lower() not in DETERMINERS]
            if named and not is_outlet(speaker.name) and not _could_be(speaker, None):
                return speaker.name
        return None

    def _body_named(self, noun: str, at: int) -> str | None:
        """The body named last before `at` whose name holds `noun` as a word ("the union" -> "the National Union of
        Teachers"), within the mention gap; not an outlet."""
        window = self.masked[max(0, at - _MENTION_GAP) : at]
        for match in reversed(list(_BODY_NAME.finditer(window))):
            words = match.group().split()
            if len(words) > 1 and noun in (w.lower() for w in words) and not is_outlet(match.group()):
                return match.group()
        return None

    def _last_body(self, at: int) -> str | None:
        """The organisation named last before `at` ("the Royal College of Midwives"), within the mention gap."""
        window = self.masked[max(0, at - _MENTION_GAP) : at]
        bodies = [
            m.group() for m in _BODY_NAME.finditer(window) if is_organisation(m.group()) and not is_outlet(m.group())
        ]
        return bodies[-1] if bodies else None

    def _last_spoke_at(self, at: int) -> int:
        return next((position for position, _, spoke in reversed(self.events) if position <= at and spoke), 0)

    def _last(self, at: int) -> Speaker | None:
        """The last source that spoke before `at` (a quote or reported speech)."""
        return next((s for position, s, spoke in reversed(self.events) if position <= at and spoke), None)

    def _sentence_subject(self, at: int) -> Speaker | None:
        start = self._sentence_start(at)
        phrase = strip_openers(self.masked[start:at])
        return self._speaker(phrase, start) if phrase else None

    def _sentence_start(self, at: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, at)
        start = self.sentence_starts[index - 1] if index else 0
        return max(start, self.text.rfind("\n", 0, at) + 1)

    def _prose_sentence_start(self, at: int) -> int:
        """Start of the sentence holding `at`, passing over sentence ends inside quoted words ("tick. I'm off")."""
        start = self._sentence_start(at)
        while start and not self.masked[start : start + 1].strip():
            start = self._sentence_start(start - 1)
        return start

    def _lead_start(self, at: int) -> int:
        """Start of the sentence before a quote; a line the corpus broke mid-sentence ("Deborah\nHargreaves, of the
        High Pay Centre, said:") joins the line before it, unless the quote opens the line."""
        start = self._sentence_start(at)
        if start and self.text[start - 1] == "\n" and self.text[start:at].strip():
            previous = self._sentence_start(start - 1)
            fragment = self.text[previous : start - 1]
            if len(fragment.split()) <= _WRAPPED_WORDS and not _LINE_END_STOP.search(fragment):
                return previous
        return start

    def _record(self, at: int, speaker: Speaker, *, spoke: bool = True) -> None:
        index = len(self.events)
        while index and self.events[index - 1][0] > at:
            index -= 1
        self.events.insert(index, (at, speaker, spoke))

    def _narrative_sentences(self, article: Article, sites: list[QuoteSite]) -> list[Sentence]:
        """The sentences holding no quote, in text order: their subjects and reported speech are read as the
        attribution reaches them, so a "he" among them resolves against the speakers of the quotes before it."""
        opens = [s.open_at for s in sites]  # sites come in text order and do not overlap
        out = []
        for sentence in article.sentences:
            first = bisect_right(opens, sentence.end - 1) - 1  # the last quote opening inside or before it
            if first < 0 or sites[first].close_at <= sentence.start:
                out.append(sentence)
        out.reverse()  # popped from the end, in text order
        return out

    def _read_narrative_until(self, at: int) -> None:
        while self.narrative and self.narrative[-1].end <= at:
            self._record_narrative(self.narrative.pop())

    def _record_narrative(self, sentence: Sentence) -> None:
        """The subject of a sentence without quotes, and its reported speech ("Turney said it was raining")."""
        body = self.masked[sentence.start : sentence.end]
        inverted = None if sentence.caption else _INVERTED_REPORT.search(body)
        reporter = inverted.group(1) if inverted else None if sentence.caption else lead_subject(body, REPORT_VERB)
        if reporter and not subject_like(_POSSESSIVE_S.sub("", reporter)):
            reporter = None  # "But that's easier said than done": no one reports anything
        clause = reporter or strip_openers(body)
        at = sentence.start + _word_offset(body, len(body.split()) - len(clause.split()))
        # "While X is adamant ..., he does": "he" is read where it stands, after X
        speaker = self._speaker(clause, at, speaks=reporter is not None)
        if speaker is None:
            return
        # A described person ("One Wolves fan, who lives in Telford, was ...") counts as a subject only in a
        # sentence that goes on past them: a verbless caption fragment introduces nobody.
        introduces = speaker.person is not None or len(clause.split()) > len(head_phrase(clause).split()) + 1
        if reporter or (introduces and _could_be(speaker, None)):
            self._record(sentence.end, speaker, spoke=reporter is not None)


def _word_offset(text: str, index: int) -> int:
    """Where the word numbered `index` (from 0) starts in `text`; 0 when there are fewer words."""
    if index <= 0:
        return 0
    return next((word.start() for i, word in enumerate(_NON_SPACE.finditer(text)) if i == index), 0)


def attribute(article: Article, sites: list[QuoteSite], *, masked: Sequence[QuoteSite] = ()) -> list[Speaker | None]:
    """The speaker of each quote at `sites` (in article order), None when the article does not say.

    `masked` are other quoted spans (labels, scare quotes) whose words must not be read as attribution either.
    """
    return Attributor.for_article(article, sites, list(masked)).attribute(sites)
