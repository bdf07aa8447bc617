"""Who said a quote: speech verbs, name phrases, and the article's cast of named people.

News attributes quotes in a few shapes ("...," Name, role, said. / Name said: "..." / "...," he added.), so a handful
of patterns plus a record of who spoke last covers most of them without a parser. Names are mapped to the full name
the article first gives ("Grenell" -> "Richard Grenell"); pronouns and descriptions ("the photographer") to the person
they point back to. Everything here reads `masked` text, where quoted words are blanked out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summaries.model import Article

if TYPE_CHECKING:
    from summaries.quotes import QuoteSite

# ---------------------------------------------------------------- lexicon

_VERB_STEMS = (
    r"say|tell|add|explain|write|ask|claim|insist|warn|state|continue|reflect|respond|describe|voice|urge|note|"
    r"argue|conclude|announce|declare|accuse|allege|reveal|confirm|suggest|acknowledge|recall|joke|"
    r"threaten|advertise|quote|call|repl(?:y|ie)|den(?:y|ie)"
)
SPEECH_VERB = re.compile(
    rf"\b(?:(?:{_VERB_STEMS})(?:s|d|ed|ing)?|(?:tweet|post)(?:ed|ing)|admit(?:s|ted|ting)?|rul(?:ed|ing)|said|told|"
    r"wrote|reads?|according\s+to)\b"
)
"""Verbs that introduce a quote. Narrative sentences use the narrower REPORT_VERB: "a drug called X" is no speech."""
REPORT_VERB = re.compile(
    r"\b(?:says?|said|told|tells|added|explain(?:s|ed)|wrote|claim(?:s|ed)|insist(?:s|ed)|warn(?:s|ed)|admitted|"
    r"announced|confirmed|revealed|according\s+to)\b"
)
_INVERTED = re.compile(
    r"^(?:said|says|added|adds|explained|explains|asked|asks|continued|continues|wrote|writes|reads?|recalled|recalls|"
    r"insisted|insists|warned|warns|replied|replies|noted|notes|admitted|admits|argued|argues|tweeted|posted|"
    r"according\s+to)\s+(?=\S)"
)
_TOKEN = (
    r"(?:[A-Z][a-z]?\.(?:[A-Z]\.)*|@\w+|[A-Z][\w'\u2019\-]*\w(?:\.(?:com|co\.uk|org|net))?"
    r"|[a-z][\w-]*\.(?:com|co\.uk|org|net))"
)
_PARTICLE = r"(?:van|von|de|der|den|du|da|di|del|al|bin|ibn|le|la)"
NAME = re.compile(rf"{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN})*")
_NAME_AND_NAME = re.compile(rf"{NAME.pattern} and {NAME.pattern}")
_DETERMINER = re.compile(
    r"^(?:the|a|an|one|some|two|three|his|her|their|its|our|this|that|these|those|[A-Z][\w.\u2019'-]*['\u2019]s)\s",
    re.IGNORECASE,
)
_BARE_SUBJECT = re.compile(
    rf"^(?:(?:the|a|an|one|his|her|their)\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+){{0,3}}|he|she|they|it|we|"
    rf"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?{NAME.pattern})$"
)
_WRITTEN = r"(?:words|statement|message|tweet|letter|comments?|remarks?|post|email|note|claim)"
_OWNED_WORDS = re.compile(
    rf"(?:^|[\s,;(])((?:(?:the|his|her|their|a|an)\s+)?[\w.\u2019'-]+)['\u2019]s\s+{_WRITTEN}[,:]?\s*$", re.IGNORECASE
)
_LEADING_NOISE = re.compile(r"^[^\w@]+")
_CLAUSE_BREAK = re.compile(r",|\s--\s|\s?\u2014\s?|\s\u2013\s")
_COORDINATED_SUBJECT = re.compile(
    r"\b(?:and|but|with|when|while|as|after|because|that|which|who)\s+((?:the|a|an|one|his|her|their)\s+[\w'\u2019-]+"
    r"(?:\s+[\w'\u2019-]+)?|he|she|they|it|we)\s+(?:(?:can|could|was|were|is|are|has|have|had|be|been|being|"
    r"clearly|also|then|later|heard|seen|would|will)\s+)*$"
)
_ABBREVIATION_STOP = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Jr|Sr|[A-Z]))$")
_INITIAL = re.compile(r"[A-Z]\.")
_PARTICLE_WORD = re.compile(_PARTICLE)
_NAME_WORDS = 3
"""A run of more capitalised words than this is titles and a name: "CNN National Security Analyst Juliette Kayyem"."""
_FULL_STOP = re.compile(r"(?<!\.)[.!?](?!\.)(?=\s|$)")
_AGENT_NOUN = re.compile(r"\d+-year-old|\w{3,}(?:er|or|ist|ess|ian)")
_PREPOSITION_SPLIT = re.compile(r"\s+(?:of|for|at|from|to|in|with)\s+")
_MODIFIER = re.compile(r"[\w'\u2019.-]*\w[\w'\u2019.-]*")
_SENTENCE_FINAL_WORD = re.compile(r"[a-z]{2}[.!?]$")
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)")
_ADVERB = re.compile(r"[a-z]{3,}ly")
_NOT_ADVERBS = frozenset("family elderly friendly early only italy july assembly".split())
_LABEL = re.compile(r"^[^:\n]{1,40}:\s+(?=(?:\S+\s+){2,})")
_TIME_OPENER = re.compile(
    r"^(?:yesterday|today|tonight|earlier|later|meanwhile|however|now|then|also|overall|but|and|so\s+far|so|yet|"
    r"last\s+(?:night|week|month|year))\b,?\s*",
    re.IGNORECASE,
)
_PHRASE_OPENER = re.compile(
    r"^(?:in|on|at|after|before|since|until|under|over|during|despite|although|though|while|when|whereas|if|as|"
    r"because|following|given|with|without|for|from|by|ostensibly|[a-z]+ing|[a-z]+ed)\b",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HONORIFIC = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dr": None}
_TITLES_KEPT = _words("prince princess king queen sir dame lord lady pope")
_TITLES = _words(
    """president president-elect vice prime minister senator sen. rep. representative governor gov. secretary
    chancellor judge justice general gen. colonel captain chief director investigator inspector detective sergeant
    officer constable commissioner mayor ambassador professor prof. dr dr. coach manager chairman leader attorney
    sheriff deputy superintendent rev. reverend bishop cardinal teacher passenger"""
)
PERSON_NOUNS = _words(
    """actress actor star singer player photographer teacher manager coach boss captain minister president officer
    mother father wife husband woman man girl boy lawyer attorney entrepreneur millionaire billionaire businessman
    businesswoman spokesman spokeswoman spokesperson official doctor nurse student fan passenger driver pilot
    presenter host writer author journalist reporter correspondent expert scientist researcher professor judge
    investigator detective striker defender midfielder goalkeeper winger keeper dad mum mom son daughter brother
    sister friend neighbour neighbor resident owner founder chef comedian rapper model designer critic activist
    victim witness pensioner grandmother grandfather youngster teenager legend head fellow member"""
)
_FEMALE = _words(
    """actress mother wife woman girl spokeswoman businesswoman mum mom daughter sister grandmother queen princess
    girlfriend widow"""
)
_MALE = _words("father husband man boy spokesman businessman dad son brother grandfather king prince boyfriend widower")
_NOT_NAME = _words(
    """the a an this that these those his her its their our my your but and or so yet however meanwhile also then
    now yesterday today tonight tomorrow last earlier later speaking following according despite although though
    while when where after before since until under over as at in on of for from with without by to if because
    asked overall instead even still just only it he she they we i you there here what who which why how some many
    most one two both all each every several other another such scroll video watch read more photo picture
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december"""
)
_ORG_WORDS = _words(
    """council department school court police agency society station university college service services company
    ltd inc corp party office committee house ministry bureau authority administration association federation union
    commission organisation organization institute foundation trust bank group club united city airlines airport
    hospital church news post times journal herald guardian telegraph mail sun mirror express press network sports
    radio tv board constabulary army navy forces government parliament senate congress assembly kremlin palace
    street road valley ocean sea river island park stadium theater theatre centre center hall festival league cup
    review rules conduct den"""
)
_AUX = _words(
    """is are was were be been being has have had do does did will would can could may might must should shall
    also then later still now previously repeatedly clearly just already never often who which whose that"""
)
_NAMING_PARTICIPLES = _words("titled entitled called named dubbed")
_DETERMINERS = _words("the a an his her their its one this that")
_ROLE_PREPOSITIONS = _words("of from at in for with")
_QUANTIFIERS = _words("new these those such many some no any other recent latest")
WRITTEN_NOUNS = _words("message tweet post letter statement email note claim comments words")
PRONOUNS = {"he": "m", "she": "f", "his": "m", "her": "f", "it": None, "they": None, "we": None, "their": None}
_FUNCTION_WORDS = _NOT_NAME - _DETERMINERS - set(PRONOUNS)
"""Words that cannot start a speaker phrase ("because of ...", "When I ...")."""
_SUBORDINATOR = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:as\s+far\s+as|although|though|while|if|when|because|since|whereas|unless|despite)\b",
    re.IGNORECASE,
)
_WRAPPED_WORDS = 6
"""A line this short that stops mid-sentence is a wrap the corpus turned into a line break, not a caption."""
_ROLE_WORDS = 16
"""An appositive longer than this is a clause about the person, not their role."""
_OPENER_WORDS = 14
"""The longest adverbial a sentence may open with before its subject ("Speaking to Sky Sports after the match,")."""
_ATTRIBUTION_WORDS = 25
"""The most words between a quote and the speech verb of its attribution ("...," X, role, ..., said)."""
_SUBJECT_WORDS = 8
"""A subject longer than this before its first comma is a sentence of its own, not "Name, role, said"."""
_DESCRIPTION_WORDS = 5
"""Longer "the ..." phrases ("the report released by investigators") are descriptions, not a person's epithet."""
_MENTION_GAP = 800
"""How far back (characters) a pronoun or a "the X" description may look for the person it stands for."""


# ---------------------------------------------------------------- words


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9'-]+", text.lower())


def gender_of(text: str) -> str | None:
    found = set(words_of(text))
    return "f" if found & _FEMALE else "m" if found & _MALE else None


def is_person_noun(noun: str) -> bool:
    noun = noun.lower()
    return noun in PERSON_NOUNS or bool(_AGENT_NOUN.fullmatch(noun))


def head_noun(descriptor: str) -> str | None:
    """ "a spokesman for the council" -> "spokesman"."""
    words = _PREPOSITION_SPLIT.split(descriptor, maxsplit=1)[0].split()
    return words[-1].lower() if words else None


def possessive(text: str, end: int) -> bool:
    after = text[end : end + 2]
    return after in ("'s", "\u2019s") or (text[end - 1 : end] == "s" and after[:1] in ("'", "\u2019"))


def is_organisation(name: str) -> bool:
    words = name.split()
    return any(w.lower().strip(".") in _ORG_WORDS for w in words) or any(w.isupper() and len(w) > 2 for w in words)


def is_person_name(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and not any(w.lower().strip(".") in _ORG_WORDS | _NOT_NAME for w in words)
        and not any(w.isupper() and len(w) > 2 and "." not in w for w in words)
        and words[-1].lower() not in PERSON_NOUNS | _TITLES
        and all(w[:1].isupper() or re.fullmatch(_PARTICLE, w) for w in words)
    )


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with quoted words blanked out, so names and verbs inside quotes are not read as attribution."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def sentence_end(text: str, start: int) -> int:
    """Index of the end of the sentence running at `start` (full stop kept out), at most the end of the paragraph."""
    newline = text.find("\n", start)
    limit = len(text) if newline < 0 else newline
    for match in _FULL_STOP.finditer(text, start, limit):
        if not _ABBREVIATION_STOP.search(text, max(0, match.start() - 6), match.start()):
            return match.start()
    return limit


# ---------------------------------------------------------------- name phrases ("Ukrainian President X")


def split_name(text: str, match: re.Match[str]) -> tuple[str, str | None, str | None] | None:
    """The name in `match` as (name, descriptor, gender): titles and honorifics move to the descriptor.

    "Ukrainian President Volodymyr Zelenskiy" -> ("Volodymyr Zelenskiy", "Ukrainian President", None);
    "Wolves fan Mr Downes" -> ("Downes", "Wolves fan", "m").
    """
    words = match.group().split()
    owners = []  # "Ireland's Alistair Cragg": the owner is part of the description
    while words and (words[0].lower() in _NOT_NAME or words[0].endswith(("'s", "\u2019s"))):
        word = words.pop(0)
        if word.endswith(("'s", "\u2019s")):
            owners.append(word)
    if not words:
        return None
    titled = _TITLES | PERSON_NOUNS | set(_HONORIFIC)
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.lower() in titled), default=0)
    gender = _HONORIFIC.get(words[cut - 1].lower()) if cut else None
    if cut and words[cut - 1].lower() in _TITLES_KEPT:
        cut -= 1
    core = [
        i for i in range(cut, len(words)) if not _INITIAL.fullmatch(words[i]) and not _PARTICLE_WORD.fullmatch(words[i])
    ]
    if len(core) > _NAME_WORDS:
        cut = core[-2]
    titles = owners + [w for w in words[:cut] if w.lower() not in _HONORIFIC]
    descriptor = " ".join([*_words_before(text[max(0, match.start() - 120) : match.start()]), *titles]) or None
    return " ".join(words[cut:]), descriptor, gender


def _words_before(text: str) -> list[str]:
    """Modifiers right before a name ("wildlife photographer", "Nigerian and Cameroonian pop star"), stopping at
    verbs, function words and the end of the previous sentence."""
    window = text[text.rfind("\n") + 1 :]
    words = window.split()[-6:] if len(window) < 120 else window[-120:].split()[1:][-6:]
    out: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word, bare = words[i], words[i].lower()
        joins_names = bare == "and" and out and out[0][:1].isupper() and i and words[i - 1][:1].isupper()
        if not joins_names and (
            not _MODIFIER.fullmatch(word)
            or _SENTENCE_FINAL_WORD.search(word)
            or bare in _NOT_NAME
            or bare in _AUX
            or SPEECH_VERB.fullmatch(bare)
            or _VERB_FORM.fullmatch(word)
        ):
            break
        out.insert(0, word)
    return out


def descriptor_role(descriptor: str | None) -> str | None:
    """A descriptor counts as a role only when it ends in a job or title noun ("Stoke manager", not "modest")."""
    if not descriptor:
        return None
    last = descriptor.split()[-1].lower()
    return descriptor if last in _TITLES or is_person_noun(last) else None


def appositive(text: str, *, predicate: bool = False) -> str | None:
    """The role in ", senior fellow at the Atlantic Council, said" right after a name; ages and clauses skipped.

    With `predicate`, `text` runs on into the rest of the sentence, whose last comma part is not a role.
    """
    if not text.lstrip(" ").startswith(","):
        return None
    parts = text.lstrip(" ")[1:].split(",")
    roles = []
    for part in parts[:-1] if predicate else parts:
        part = " ".join(part.split())
        if not part or part.isdigit():
            continue
        first = part.split()[0].lower()
        if (
            first in ("who", "which", "whose", "pictured", "and")
            or first in _AUX
            or first.endswith("ing")
            or SPEECH_VERB.match(part)
            or re.search("[\"\u201c\u201d\u2018]|(?:^|\\s)'", part)
            or len(part.split()) > _ROLE_WORDS
        ):
            break
        if not (first in _DETERMINERS | _ROLE_PREPOSITIONS or is_person_noun(head_noun(part) or "")):
            break
        roles.append(part)
    return ", ".join(roles) or None


# ---------------------------------------------------------------- clauses: the subject a sentence starts with


def strip_openers(clause: str) -> str:
    """Drop caption labels and leading adverbials ("Speaking to Sky Sports after the match,") to reach the subject."""
    clause = " ".join(clause.split())
    clause = _LABEL.sub("", clause, count=1)
    for _ in range(4):
        before = clause
        clause = _TIME_OPENER.sub("", clause, count=1)
        if _PHRASE_OPENER.match(clause):
            head, comma, rest = clause.partition(",")
            if comma and len(head.split()) <= _OPENER_WORDS and not re.match(r"\s*(?:who|which|whose)\b", rest):
                clause = rest.strip()
        if clause == before:
            break
    return clause


def head_phrase(clause: str) -> str:
    """The noun phrase a clause starts with: cut at the first verb-like word or comma."""
    tokens = clause.split()
    words: list[str] = []
    for i, word in enumerate(tokens):
        bare = word.strip(",;:").lower()
        after_determiner = i > 0 and tokens[i - 1].lower() in _DETERMINERS
        adverb = (
            _ADVERB.fullmatch(bare) and bare not in _NOT_ADVERBS and tokens[i + 1 : i + 2] != [] and word[:1].islower()
        )
        verb_like = bare in _AUX or adverb or (word[:1].islower() and SPEECH_VERB.fullmatch(bare))
        if verb_like and not after_determiner:
            break
        participle = bare.endswith("ed") and bare not in _NAMING_PARTICIPLES
        if participle and i and not after_determiner and tokens[i + 1 : i + 2] != ["by"]:
            break
        words.append(word)
        if word.endswith((",", ";", ":")) or tokens[i + 1 : i + 2] in (["--"], ["\u2014"], ["\u2013"]):
            break
    return " ".join(words).rstrip(",;: ")


def _name_in_head(head: str) -> tuple[str, str | None, str | None, str] | None:
    """The name a head phrase ends with (or that a prepositional phrase follows: "Richard Harrington of the ...")."""
    for match in NAME.finditer(head):
        after = head[match.end() :]
        if possessive(head, match.end()):
            continue
        if not after or re.match(r"\s+(?:of|at|from|for|in|with)\b", after):
            parsed = split_name(head, match)
            if parsed and parsed[0]:
                return (*parsed, after.strip())
    return None


def parse_subject(phrase: str) -> tuple[str, str | None, str] | None:
    """(name, role, kind) for the noun phrase `phrase` starts with; kind is name, names, pronoun or descriptor.

    "His wife, Cookie, ..." and "modest Mr Coe" are names; "a spokesman for the council" and "The ASA" are
    descriptors (kept as the article words them).
    """
    phrase = _LEADING_NOISE.sub("", " ".join(phrase.split()))
    segments = [s.strip() for s in _CLAUSE_BREAK.split(phrase.strip(" ,"))]
    head = head_phrase(segments[0])
    if not head:
        return None
    if head.lower() in PRONOUNS:
        return head.lower(), None, "pronoun"
    if head in ("I", "We"):
        return "the author", None, "descriptor"  # the first person of the article body is its writer
    if _NAME_AND_NAME.fullmatch(head):
        return head, None, "names"
    determined = bool(_DETERMINER.match(head + " "))
    if (
        determined
        and len(segments) > 1
        and NAME.fullmatch(segments[1])
        and segments[1].split()[0].lower() not in _NOT_NAME
    ):
        return segments[1], head, "name"  # "His wife, Cookie, ..."
    found = _name_in_head(head)
    if found is None or (found[3] and (determined or head[:1].islower())):
        return head, None, "descriptor"
    name, descriptor, _gender, after = found
    if determined and not (is_person_name(name) or descriptor_role(descriptor)):
        return head, None, "descriptor"  # "The ASA", "the U.N. Security Council"
    rest = ", " + ", ".join(segments[1:]) if len(segments) > 1 and head == segments[0] else ""
    return name, descriptor_role(descriptor) or appositive(rest) or (after or None), "name"


# ---------------------------------------------------------------- where an attribution sits


def last_speech_verb(text: str, verbs: re.Pattern[str] = SPEECH_VERB) -> re.Match[str] | None:
    """The last speech verb in `text`; a noun reading ("the new rules", "his claims") does not count."""
    found = None
    for match in verbs.finditer(text):
        previous = text[: match.start()].split()[-1:]
        if not previous or previous[0].lower() not in _DETERMINERS | _QUANTIFIERS:
            found = match
    return found


def lead_subject(lead: str, verbs: re.Pattern[str] = SPEECH_VERB) -> str | None:
    """The subject of the last speech verb in `lead` (the sentence up to a quote), or None without such a verb."""
    words = _OWNED_WORDS.search(lead)
    if words:
        return words.group(1)
    verb = last_speech_verb(lead, verbs)
    if verb is None:
        return None
    if verb.group().startswith("according"):
        return re.split(r"[,;:]", lead[verb.end() :], maxsplit=1)[0].strip().rstrip(".!?") or None
    before = " ".join(lead[: verb.start()].split())
    owner = re.search(rf"({NAME.pattern})['\u2019]s\s*$", before)
    if owner:
        return owner.group(1)
    if _CLAUSE_BREAK.search(before):
        last = _CLAUSE_BREAK.split(before)[-1].strip()
        if _BARE_SUBJECT.match(last) and last.split()[0].lower() not in _FUNCTION_WORDS:
            return last
    coordinated = _COORDINATED_SUBJECT.search(before + " ")
    if coordinated:
        return coordinated.group(1)
    return strip_openers(before) or None


def after_phrase(text: str, close_at: int, ends_sentence: bool) -> str | None:
    """The speaker phrase in an attribution right after a quote ("...," said Johnson / "...," he added), if any."""
    match = re.match(r"[ \t]*([,;.!?]?)[ \t]*", text[close_at:])
    punct, start = (match.group(1), close_at + match.end()) if match else ("", close_at)
    body = text[start : sentence_end(text, start)]
    new_sentence = (punct in (".", "!", "?") or ends_sentence) and body[:1].isupper()
    if not body or body[0] in "\"'\u201c\u2018(" or new_sentence:
        return None
    inverted = _INVERTED.match(body)
    if inverted:
        return body[inverted.end() :]
    verb = SPEECH_VERB.search(body)
    if not verb or not verb.start() or len(body[: verb.start()].split()) > _ATTRIBUTION_WORDS:
        return None
    phrase = body[: verb.start()]
    if _subject_like(phrase):
        return phrase
    last = _CLAUSE_BREAK.split(phrase.rstrip())[-1].strip()
    return last if _CLAUSE_BREAK.search(phrase) and _BARE_SUBJECT.match(last) else None


def _subject_like(phrase: str) -> bool:
    """ "Alex Plitsas, senior fellow at ...," or "the report" can be a subject; "in posts on the site", "because of
    ..." and "cost of being associated with ... is also" cannot. Clauses between commas may hold verbs."""
    first = phrase.split()[0].lower()
    if first in _FUNCTION_WORDS or first in _AUX or _VERB_FORM.fullmatch(first):
        return False
    parts = phrase.split(",")
    if len(parts[0].split()) > _SUBJECT_WORDS:
        return False
    outside = f"{parts[0]} {parts[-1]}" if len(parts) > 1 else phrase
    if any(w in _AUX - {"also", "then", "later", "still", "now"} for w in outside.lower().split()):
        return False
    return not re.search(r"\b(?:and|but)\s+(?:he|she|they|it|we)\b", phrase)


# ---------------------------------------------------------------- the cast of people


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """`person` is set when the source is a named individual, None for descriptions ("a US official")."""

    name: str
    role: str | None = None
    person: Person | None = None


@dataclass(slots=True)
class Cast:
    """The people an article names, so short mentions ("Mr Coe", "Zelenskiy") map back to full names."""

    people: list[Person] = field(default_factory=list)
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    _found: dict[str, Person | None] = field(default_factory=dict)

    def add(self, name: str) -> Person:
        person = Person(name)
        self.people.append(person)
        self._found.clear()
        return person

    def lookup(self, name: str) -> Person | None:
        if name not in self._found:
            self._found[name] = self._match(name)
        return self._found[name]

    def _match(self, name: str) -> Person | None:
        words = name.lower().split()
        partial = len(words) == 1 or re.fullmatch(_PARTICLE, words[0])  # "Zelenskiy", "Van Gaal"
        for person in self.people:
            full = person.name.lower().split()
            if full == words or (partial and len(words) < len(full) and full[-len(words) :] == words):
                return person
        if len(words) == 1:  # a first name alone: "Maryellen"
            return next((p for p in self.people if p.name.lower().split()[0] == words[0]), None)
        return None

    def by_role(self, noun: str, before: int) -> Person | None:
        hits = [p for at, p in self.mentions if at < before and p.role and noun in words_of(p.role)]
        return hits[-1] if hits else None

    def last_mention(self, start: int, end: int, gender: str | None) -> Person | None:
        hits = [p for at, p in self.mentions if start <= at < end and _compatible(p, gender)]
        return hits[-1] if hits else None


def _compatible(person: Person | None, gender: str | None) -> bool:
    return person is not None and (gender is None or person.gender in (None, gender))


def _could_be(speaker: Speaker, gender: str | None) -> bool:
    """Whether "he"/"she" can stand for `speaker`: a named person, or a person description ("One Wolves fan")."""
    if speaker.person:
        return _compatible(speaker.person, gender)
    noun = head_noun(speaker.name)
    if not noun or not is_person_noun(noun):
        return False
    return gender is None or gender_of(speaker.name) in (None, gender)


def build_cast(masked: str) -> Cast:
    """Every person named outside quotes, with the first role and gender the article gives them."""
    cast = Cast()
    for match in NAME.finditer(masked):
        parsed = None if possessive(masked, match.end()) else split_name(masked, match)
        if not parsed or not parsed[0]:
            continue
        name, descriptor, gender = parsed
        person = cast.lookup(name)
        if person is None:
            introduced = gender or descriptor_role(descriptor)  # "Mr Coe", "pop star Dencia"
            if not is_person_name(name) and not (introduced and name[:1].isupper() and name.lower() not in _NOT_NAME):
                continue
            person = cast.add(name)
        role = descriptor_role(descriptor)
        if not role and masked.startswith(",", match.end()):
            role = appositive(masked[match.end() : sentence_end(masked, match.end()) + 1], predicate=True)
        person.role = person.role or role
        person.gender = person.gender or gender or gender_of(person.role or "")
        cast.mentions.append((match.start(), person))
    return cast


# ---------------------------------------------------------------- attributing quotes in article order


@dataclass(slots=True)
class Attributor:
    """Attributes quotes in article order, remembering who spoke last for "he added" and unattributed follow-ons."""

    text: str
    masked: str
    cast: Cast
    sentence_starts: list[int]
    events: list[tuple[int, Speaker, bool]] = field(default_factory=list)
    """(position, speaker, spoke): sentence subjects and speakers, in text order."""

    @classmethod
    def for_article(cls, article: Article, sites: list[QuoteSite], masked: list[QuoteSite]) -> Attributor:
        """`masked` are every quoted span, also those that are not quotations ('Khvatit!' he said)."""
        masked = mask(article.text, [(s.start, s.end) for s in [*sites, *masked]])
        attributor = cls(article.text, masked, build_cast(masked), [s.start for s in article.sentences])
        attributor.events = attributor._narrative_events(article, sites)
        return attributor

    def attribute(self, sites: list[QuoteSite]) -> list[Speaker | None]:
        out: list[Speaker | None] = []
        previous_end = 0
        for site in sites:
            speaker = self._attribute_one(site, previous_end)
            out.append(speaker)
            if speaker:
                self._record(site.close_at, speaker)
            previous_end = site.close_at
        return out

    def _attribute_one(self, site: QuoteSite, previous_end: int) -> Speaker | None:
        ends_sentence = bool(re.search(r"[.!?]\W*$", self.text[site.start : site.end]))
        lead = self.masked[max(self._lead_start(site.open_at), previous_end) : site.open_at]
        phrase = None
        if site.closed and not _SUBORDINATOR.match(strip_openers(lead)):
            phrase = after_phrase(self.masked, site.close_at, ends_sentence)
        at = site.close_at
        if phrase is None:
            phrase = lead_subject(lead)
            at = site.open_at
        speaker = self._speaker(phrase, at) if phrase else None
        return speaker or self._last(site.open_at) or self._sentence_subject(site.open_at)

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
        if kind == "descriptor":
            return self._description(name, at)
        person = self.cast.lookup(name) or (self._introduce(name, role) if speaks else None)
        if person is None:
            return Speaker(name, role)
        if role and (len((person.role or "").split()) < 2 or role.startswith(person.role or "")):
            person.role = role  # "Teacher" or a role cut by a line break gives way to a fuller one
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
        mid_sentence = re.search(rf"[a-z,;] {re.escape(word)}\b", self.masked)
        return bool(mid_sentence) and not re.search(rf"\b{re.escape(word.lower())}\b", self.masked)

    def _full_name(self, name: str) -> str:
        person = self.cast.lookup(name)
        return person.name if person else name

    def _pronoun(self, pronoun: str, at: int) -> Speaker | None:
        """ "he said": a person named earlier in the same sentence, else whoever was last the subject or speaker."""
        gender = PRONOUNS.get(pronoun)
        if gender is None:
            return self._last(at)
        person = self.cast.last_mention(self._sentence_start(at), at, gender)
        if person:
            return Speaker(person.name, person.role, person)
        for position, speaker, _ in reversed(self.events):
            if position <= at and _could_be(speaker, gender):
                return speaker if at - position < 2 * _MENTION_GAP else None
        return None

    def _description(self, descriptor: str, at: int) -> Speaker:
        """ "the photographer" is the named person described so; "the announcer" after "a train announcer" stays a
        description, as does "a spokesman"; "his latest message" is from whoever "his" is."""
        owned = re.match(rf"(.+?)['\u2019]s\s+(?:\w+\s+)?{_WRITTEN}$", descriptor, re.IGNORECASE)
        if owned:
            return self._speaker(owned.group(1), at) or Speaker(descriptor)
        words = descriptor.split()
        owner, noun = words[0].lower(), head_noun(descriptor)
        if owner in ("his", "her", "their") and noun in WRITTEN_NOUNS:
            return self._pronoun(owner, self._sentence_start(at)) or Speaker(descriptor)
        if owner != "the" or not noun or not is_person_noun(noun) or len(words) > _DESCRIPTION_WORDS:
            return Speaker(descriptor)
        person = self.cast.by_role(noun, at)
        introduced = re.search(rf"\b(?:an?|one)\s+(?:[\w-]+\s+)?{re.escape(noun)}\b", self.masked[:at], re.IGNORECASE)
        if person is None and not introduced:
            person = self.cast.last_mention(max(0, at - _MENTION_GAP), at, gender_of(noun))
        return Speaker(person.name, person.role, person) if person else Speaker(descriptor)

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

    def _lead_start(self, at: int) -> int:
        """Start of the sentence before a quote; a line the corpus broke mid-sentence ("of the Marine\nConservation
        Society said:") joins the line before it, unless the quote opens the line."""
        start = self._sentence_start(at)
        if start and self.text[start - 1] == "\n" and self.text[start:at].strip():
            previous = self._sentence_start(start - 1)
            fragment = self.text[previous : start - 1]
            if len(fragment.split()) <= _WRAPPED_WORDS and not re.search(r"[.!?:;\"'\u201d\u2019)]$", fragment):
                return previous
        return start

    def _record(self, at: int, speaker: Speaker, *, spoke: bool = True) -> None:
        index = len(self.events)
        while index and self.events[index - 1][0] > at:
            index -= 1
        self.events.insert(index, (at, speaker, spoke))

    def _narrative_events(self, article: Article, sites: list[QuoteSite]) -> list[tuple[int, Speaker, bool]]:
        """Subjects of sentences without quotes, and their reported speech ("Turney said it was raining")."""
        for sentence in article.sentences:
            if any(s.open_at < sentence.end and s.close_at > sentence.start for s in sites):
                continue
            body = self.masked[sentence.start : sentence.end]
            reporter = None if sentence.caption else lead_subject(body, REPORT_VERB)
            clause = reporter or strip_openers(body)
            speaker = self._speaker(clause, sentence.start, speaks=reporter is not None)
            if speaker is None:
                continue
            # A described person ("One Wolves fan, who lives in Telford, was ...") counts as a subject only in a
            # sentence that goes on past them: a verbless caption fragment introduces nobody.
            introduces = speaker.person is not None or len(clause.split()) > len(head_phrase(clause).split()) + 1
            if reporter or (introduces and _could_be(speaker, None)):
                self._record(sentence.end, speaker, spoke=reporter is not None)
        return self.events


def attribute(article: Article, sites: list[QuoteSite], *, masked: list[QuoteSite] = ()) -> list[Speaker | None]:
    """The speaker of each quote at `sites` (in article order), None when the article does not say.

    `masked` are other quoted spans (labels, scare quotes) whose words must not be read as attribution either.
    """
    return Attributor.for_article(article, sites, list(masked)).attribute(sites)
