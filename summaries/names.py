"""Who a phrase names: the name lexicon, name phrases ("Ukrainian President Volodymyr Zelenskiy"), and the cast.

Kept apart from attribution because none of it knows about quotes: it tells people from organisations and titles,
splits titles and honorifics off a name, classifies the noun phrase a clause starts with (a name, a pronoun or a
description), and maps short mentions ("Zelenskiy", "Mr Coe") to the full name the article first gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summaries.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    FEMALE_NOUNS,
    HONORIFIC_GENDER,
    MALE_NOUNS,
    NAMING_PARTICIPLES,
    NOT_ADVERBS,
    NOT_AGENT_NOUNS,
    NOT_NAME,
    ORG_WORDS,
    OUTLET_WORDS,
    PARTICLES,
    PAST_VERBS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    RANK_TITLES,
    ROLE_PREPOSITIONS,
    TITLES,
    TITLES_KEPT,
)
from summaries.sentences import sentence_end, sentence_start
from summaries.speech_verbs import SPEECH_VERB
from summaries.tokens import words as lower_words

# ---------------------------------------------------------------- lexicon

_RANK_TOKEN = "|".join(sorted((w.capitalize() for w in RANK_TITLES), key=len, reverse=True))
_TOKEN = (
    rf"(?:(?:{_RANK_TOKEN})\.|[A-Z][a-z]?\.(?:[A-Z]\.)*|@\w+|"
    r"[A-Z][\w\-]*(?:['\u2019](?!s\b)[\w\-]+)*(?:\.(?:com|co\.uk|org|net))?"
    r"|[a-z][\w-]*\.(?:com|co\.uk|org|net))"
)
_PARTICLE = rf"(?:{'|'.join(sorted(PARTICLES))})"
NAME = re.compile(rf"{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN})*")
AUTHOR = "the author"
"""Who "I" and "we" are in an article's own prose: its writer."""
NAMED_OWNER = re.compile(rf"{NAME.pattern}(?:['\u2019]s|(?<=s)['\u2019])\s+[a-z][\w-]*")
"""A relation named by its owner: "Hill's father", "Huskins' father"."""
_NAME_AND_NAME = re.compile(rf"{NAME.pattern} and {NAME.pattern}")
_DETERMINER = re.compile(
    r"^(?:the|a|an|one|some|two|three|his|her|their|its|our|this|that|these|those|"
    r"(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.\u2019'-]*['\u2019]s)\s",
    re.IGNORECASE,
)
_LEADING_NOISE = re.compile(r"^[^\w@]+")
_CONTRACTED_VERB = re.compile(
    rf"^(?:(?:but|and|so)\s+)?(?:{'|'.join(sorted(PRONOUNS))}|that|this|there|here|what|who)['\u2019]s\b", re.IGNORECASE
)
"""A phrase opening "that's", "it's", "there's" is a clause (a pronoun and "is"), never a noun phrase that speaks:
"But that's easier said than done"."""
CLAUSE_BREAK = re.compile(r",|\s--\s|\s?\u2014\s?|\s\u2013\s")
"""A comma or dash: where a subject's appositive starts ("Andrei Klishas, a senior member of ...")."""
_INITIAL = re.compile(r"[A-Z]\.")
_DEMONYM_PLURAL = re.compile(r"[a-z](?:landers|ians|eans|ese)$")
"""The people of a place ("New Zealanders", "Iranians", "the Japanese"): a group, not a person's name."""
_TITLE_OF = re.compile(r"[A-Z][\w-]*[ \t]+of[ \t]+(?:the[ \t]+)?\Z")
_PARTICLE_WORD = re.compile(_PARTICLE)
_NAME_WORDS = 3
"""A run of more capitalised words than this is titles and a name: "CNN National Security Analyst Juliette Kayyem"."""
_AGENT_NOUN = re.compile(r"\d+-year-old|\w{3,}(?:er|or|ist|ess|ian)")
_PREPOSITION_SPLIT = re.compile(rf"\s+(?:{'|'.join(sorted(ROLE_PREPOSITIONS | {'to'}))})\s+")
_MODIFIER = re.compile(r"[\w'\u2019.-]*\w[\w'\u2019.-]*")
_SENTENCE_FINAL_WORD = re.compile(r"[a-z]{2}[.!?]$")
VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)")
"""A past or present participle: a verb, so no part of a name or role phrase."""
_ADVERB = re.compile(r"[a-z]{3,}ly")
_PRESENT_VERB = re.compile(r"[a-z]{2,}[^s']s")
"""A third-person present verb ("hopes", "walks"); also plural nouns, so it only counts right after a name."""


_ROLE_WORDS = 16
"""An appositive longer than this is a clause about the person, not their role."""


# ---------------------------------------------------------------- words


def _bare(word: str) -> str:
    """ "Mr." -> "mr"."""
    return word.lower().rstrip(".")


def gender_of(text: str) -> str | None:
    found = set(lower_words(text))
    return "f" if found & FEMALE_NOUNS else "m" if found & MALE_NOUNS else None


def is_person_noun(noun: str) -> bool:
    noun = noun.lower().split("-of-")[0]  # "mother-of-two", "father-of-three"
    return noun in PERSON_NOUNS or (bool(_AGENT_NOUN.fullmatch(noun)) and noun not in NOT_AGENT_NOUNS)


def is_people_noun(noun: str) -> bool:
    """A plural noun for people: "people", "readers", "residents"."""
    noun = noun.lower()
    return noun in PEOPLE_NOUNS or (noun.endswith("s") and is_person_noun(noun[:-1]))


def head_noun(descriptor: str) -> str | None:
    """ "a spokesman for the council" -> "spokesman"."""
    words = _PREPOSITION_SPLIT.split(descriptor, maxsplit=1)[0].split()
    return words[-1].lower() if words else None


def possessive(text: str, end: int) -> bool:
    after = text[end : end + 2]
    return after in ("'s", "\u2019s") or (text[end - 1 : end] == "s" and after[:1] in ("'", "\u2019"))


def is_organisation(name: str) -> bool:
    words = name.split()
    return any(w.lower().strip(".") in ORG_WORDS for w in words) or any(w.isupper() and len(w) > 2 for w in words)


def is_outlet(name: str) -> bool:
    """A news outlet or agency ("the Evening Courier", "Tass", "BBC"): it relays what others say."""
    return any(w.lower().strip(".,") in OUTLET_WORDS for w in name.split())


def is_person_name(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and not any(w.lower().strip(".") in ORG_WORDS | NOT_NAME for w in words if w not in PARTICLES)
        and not any(w.isupper() and len(w) > 2 and "." not in w for w in words)
        and words[-1].lower() not in PERSON_NOUNS | TITLES
        and not is_people_noun(words[-1])  # "Republican Senators" are a group, not a person
        and not _DEMONYM_PLURAL.search(words[-1])
        and all(w[:1].isupper() or re.fullmatch(_PARTICLE, w) for w in words)
    )


# ---------------------------------------------------------------- name phrases ("Ukrainian President X")


def split_name(text: str, match: re.Match[str]) -> tuple[str, str | None, str | None] | None:
    """The name in `match` as (name, descriptor, gender): titles and honorifics move to the descriptor.

    "Ukrainian President Volodymyr Zelenskiy" -> ("Volodymyr Zelenskiy", "Ukrainian President", None);
    "Wolves fan Mr Downes" -> ("Downes", "Wolves fan", "m").
    """
    words = match.group().split()
    owners = []  # "Ireland's Alistair Cragg": the owner is part of the description
    while words and (words[0].lower() in NOT_NAME or words[0].endswith(("'s", "\u2019s"))):
        word = words.pop(0)
        if word.endswith(("'s", "\u2019s")):
            owners.append(word)
    if not words:
        return None
    titled = TITLES | PERSON_NOUNS | set(HONORIFIC_GENDER) | RANK_TITLES
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.lower() in titled or _bare(w) in titled), default=0)
    gender = HONORIFIC_GENDER.get(_bare(words[cut - 1])) if cut else None
    if cut and words[cut - 1].lower() in TITLES_KEPT:
        cut -= 1
    core = [
        i for i in range(cut, len(words)) if not _INITIAL.fullmatch(words[i]) and not _PARTICLE_WORD.fullmatch(words[i])
    ]
    if len(core) > _NAME_WORDS or (
        len(core) == _NAME_WORDS and _TITLE_OF.search(text, max(0, match.start() - 40), match.start())
    ):
        cut = core[-2]  # "Secretary of State John Kerry": the word after "of" ends the title
    titles = owners + [w for w in words[:cut] if _bare(w) not in HONORIFIC_GENDER]
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
            or bare in NOT_NAME
            or bare in AUXILIARIES
            or SPEECH_VERB.fullmatch(bare)
            or VERB_FORM.fullmatch(word)
        ):
            break
        out.insert(0, word)
    return out


def descriptor_role(descriptor: str | None) -> str | None:
    """A descriptor counts as a role only when it ends in a job or title noun ("Stoke manager", not "modest")."""
    if not descriptor:
        return None
    last = descriptor.split()[-1].lower()
    return descriptor if last in TITLES or _bare(last) in RANK_TITLES or is_person_noun(last) else None


def appositive(text: str, *, predicate: bool = False) -> str | None:
    """The role in ", senior fellow at the Atlantic Council, said" right after a name; ages and clauses skipped.

    With `predicate`, `text` runs on into the rest of the sentence, whose last comma part is not a role.
    """
    if not text.lstrip(" ").startswith(","):
        return None
    parts = text.lstrip(" ")[1:].split(",")
    roles = []
    closing = parts[-1].strip()  # "Dr Omar Aziz, a pathologist.": a role that ends the sentence is no predicate
    ends = predicate and bool(_SENTENCE_FINAL_WORD.search(closing)) and closing.split()[0].lower() in DETERMINERS
    for part in parts[:-1] if predicate and not ends else parts:
        part = " ".join(part.split()).rstrip(".!?")
        if not part or part.isdigit():
            continue
        first = part.split()[0].lower()
        if (
            first in ("who", "which", "whose", "pictured", "and")
            or first in AUXILIARIES
            or first.endswith("ing")
            or SPEECH_VERB.match(part)
            or re.search("[\"\u201c\u201d\u2018]|(?:^|\\s)'", part)
            or len(part.split()) > _ROLE_WORDS
        ):
            break
        if not (first in DETERMINERS | ROLE_PREPOSITIONS or is_person_noun(head_noun(part) or "")):
            break
        roles.append(part)
    return ", ".join(roles) or None


# ---------------------------------------------------------------- the noun phrase a clause starts with


def head_phrase(clause: str) -> str:
    """The noun phrase a clause starts with: cut at the first verb-like word or comma."""
    tokens = clause.split()
    words: list[str] = []
    for i, word in enumerate(tokens):
        bare = word.strip(",;:").lower()
        after_determiner = i > 0 and tokens[i - 1].lower() in DETERMINERS
        adverb = (
            _ADVERB.fullmatch(bare)
            and bare not in NOT_ADVERBS
            and (tokens[i + 1 : i + 2] != [] or (i > 0 and tokens[i - 1][:1].isupper()))
            and word[:1].islower()
        )  # "commentator Ty Keough eagerly (described)"
        named = word[:1].isupper() and (i > 0 or (tokens[1:2] != [] and tokens[1][:1].isupper()))  # "James May"
        verb_like = (
            (bare in AUXILIARIES and not named) or adverb or (word[:1].islower() and SPEECH_VERB.fullmatch(bare))
        )
        if verb_like and not after_determiner:
            break
        if words and words[-1].lower() in PRONOUNS and _ADVERB.fullmatch(bare) and bare not in NOT_ADVERBS:
            break  # "he enthusiastically (responded)"
        verb = _PRESENT_VERB.fullmatch(bare) or bare in PAST_VERBS
        if word[:1].islower() and verb and _names_person(words):
            break  # "Ms Okoro hopes to ...", "Analyst Rui Costa walks through ..."
        participle = word[:1].islower() and bare.endswith("ed") and bare not in NAMING_PARTICIPLES
        if participle and i and not after_determiner and tokens[i + 1 : i + 2] != ["by"]:
            break
        if i == 1 and tokens[0].lower() in ("he", "she", "they", "we", "it") and word[:1].islower():
            break  # "he made light of ...": a pronoun is a whole subject
        words.append(word)
        if word.endswith((",", ";", ":")) or tokens[i + 1 : i + 2] in (["--"], ["\u2014"], ["\u2013"]):
            break
    return " ".join(words).rstrip(",;: ")


def _names_person(words: list[str]) -> bool:
    """Whether `words` end in a person's name: two capitalised words, or an honorific and a surname."""
    tail = [w for w in words[-3:] if w[:1].isupper()]
    if len(tail) >= 2 and _bare(tail[-2]) in HONORIFIC_GENDER:
        return True
    return len(tail) >= 2 and is_person_name(" ".join(tail[-2:]))


def _name_in_head(head: str) -> tuple[str, str | None, str | None, str] | None:
    """The name a head phrase ends with (or that a prepositional phrase follows: "Richard Harrington of the ...")."""
    for match in NAME.finditer(head):
        after = head[match.end() :]
        if possessive(head, match.end()):
            continue
        if not after or re.match(r"\s+(?:of|at|from|for|in|with)\b", after):
            parsed = split_name(head, match)
            if parsed and parsed[0] and _bare(parsed[0].split()[-1]) not in TITLES:
                return (*parsed, after.strip())
    return None


def _is_role_phrase(head: str) -> bool:
    """ "Counsel for the family" / "Lawyer to the inquiry": a person noun and what it serves, before the name."""
    first, _, rest = head.partition(" ")
    return is_person_noun(first) and rest.split()[:1] in (["for"], ["to"], ["of"])


def parse_subject(phrase: str) -> tuple[str, str | None, str] | None:
    """(name, role, kind) for the noun phrase `phrase` starts with; kind is name, names, pronoun or descriptor.

    "His wife, Cookie, ..." and "modest Mr Coe" are names; "a spokesman for the council" and "The ASA" are
    descriptors (kept as the article words them).
    """
    phrase = _LEADING_NOISE.sub("", " ".join(phrase.split()))
    segments = [s.strip() for s in CLAUSE_BREAK.split(phrase.strip(" ,"))]
    head = head_phrase(segments[0])
    if not head or _CONTRACTED_VERB.match(head):
        return None
    if head.lower() in PRONOUNS:
        return head.lower(), None, "pronoun"
    if head in ("I", "We"):
        return AUTHOR, None, "descriptor"  # the first person of the article body is its writer
    if _NAME_AND_NAME.fullmatch(head):
        return head, None, "names"
    determined = bool(_DETERMINER.match(head + " "))
    if (
        (determined or _is_role_phrase(segments[0]))
        and len(segments) > 1
        and NAME.fullmatch(segments[1])
        and segments[1].split()[0].lower() not in NOT_NAME
    ):
        return segments[1], head, "name"  # "His wife, Cookie, ..."
    found = _name_in_head(head)
    titled = (
        found is not None and bool(descriptor_role(found[1])) and is_person_name(found[0])
    )  # "current CEO Tim Cook in"
    if found is None or (found[3] and (determined or head[:1].islower()) and not titled):
        return head, None, "descriptor"
    name, descriptor, _gender, after = found
    if determined and not (is_person_name(name) or descriptor_role(descriptor)):
        return head, None, "descriptor"  # "The ASA", "the U.N. Security Council"
    rest = ", " + ", ".join(segments[1:]) if len(segments) > 1 and head == segments[0] else ""
    return name, descriptor_role(descriptor) or appositive(rest) or (after or None), "name"


# ---------------------------------------------------------------- the cast of people


@dataclass(slots=True)
class Person:
    """Someone the article names; `role` and `gender` ("m", "f") are the first the article gives, None if unknown."""

    name: str
    role: str | None = None
    gender: str | None = None
    first_at: int = 0
    titles: set[str] = field(default_factory=set)
    """Lower-case words of every title or description the article puts before the name ("health", "secretary")."""

    def may_be(self, gender: str | None) -> bool:
        """Whether a pronoun of `gender` (None: any) may stand for this person; an unknown gender fits either."""
        return gender is None or self.gender in (None, gender)


@dataclass(slots=True)
class Cast:
    """The people an article names, so short mentions ("Mr Coe", "Zelenskiy") map back to full names."""

    people: list[Person] = field(default_factory=list)
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    _found: dict[str, Person | None] = field(default_factory=dict)
    _by_first: dict[str, list[Person]] = field(default_factory=dict)
    _by_last: dict[str, list[Person]] = field(default_factory=dict)

    def add(self, name: str) -> Person:
        person = Person(name)
        self.people.append(person)
        words = name.lower().split()
        self._by_first.setdefault(words[0], []).append(person)
        self._by_last.setdefault(words[-1], []).append(person)
        self._found.clear()
        return person

    def lookup(self, name: str) -> Person | None:
        if name not in self._found:
            self._found[name] = self._match(name)
        return self._found[name]

    def _match(self, name: str) -> Person | None:
        """The first person whose full name is `name`, ends with it, or (one word) starts with it."""
        words = name.lower().split()
        if not words:
            return None
        partial = len(words) == 1 or re.fullmatch(_PARTICLE, words[0])  # "Zelenskiy", "Van Gaal"
        for person in self._by_last.get(words[-1], ()):
            full = person.name.lower().split()
            if full == words or (partial and len(words) < len(full) and full[-len(words) :] == words):
                return person
        if len(words) == 1:  # a first name alone: "Maryellen"
            return next(iter(self._by_first.get(words[0], ())), None)
        return None

    def by_title(self, description: str, noun: str, before: int) -> Person | None:
        """The person first given the title `description` ends in ("the Health Secretary" -> "Health Secretary
        Anna Brook"): most words shared with it, then the first named."""
        wanted = set(lower_words(description)) - {"the"}
        best, found = 0, None
        for person in self.people:  # in the order the article first names them
            if person.first_at < before and noun in person.titles and len(wanted & person.titles) > best:
                best, found = len(wanted & person.titles), person
        return found

    def by_role(self, noun: str, before: int) -> Person | None:
        hits = [p for at, p in self.mentions if at < before and p.role and noun in lower_words(p.role)]
        return hits[-1] if hits else None

    def last_mention(self, start: int, end: int, gender: str | None) -> Person | None:
        hits = [p for at, p in self.mentions if start <= at < end and p.may_be(gender)]
        return hits[-1] if hits else None


def build_cast(masked: str, text: str | None = None) -> Cast:
    """Every person named outside quotes (also in possessives: "Ms Ruiz's view"), with the first role the article
    gives them, and a gender from an honorific, a gendered noun or, failing those, the article's own pronouns.

    `text` is the article with its quotes: an honorific there ("we have not heard from Miss Huskins") gives a gender.
    """
    cast = Cast()
    for match in NAME.finditer(masked):
        parsed = split_name(masked, match)
        if not parsed or not parsed[0]:
            continue
        name, descriptor, gender = parsed
        person = cast.lookup(name)
        if person is None:
            introduced = gender or descriptor_role(descriptor)  # "Mr Coe", "pop star Dencia"
            if not is_person_name(name) and not (introduced and name[:1].isupper() and name.lower() not in NOT_NAME):
                continue
            if _bare(name.split()[-1]) in TITLES:
                continue  # "Assistant Commissioner": a title, the name follows
            person = cast.add(name)
            person.first_at = match.start()
        person.titles.update(w for w in lower_words(descriptor or "") if w not in HONORIFIC_GENDER)
        if len(name.split()) > 2 and name == person.name:
            person.titles.add(name.split()[0].lower())  # "Harbourmaster Ian Moss": an unlisted title
        if possessive(masked, match.end()):
            person.gender = person.gender or gender
            cast.mentions.append((match.start(), person))
            continue
        role = descriptor_role(descriptor)
        if not role and masked.startswith(",", match.end()):
            role = appositive(masked[match.end() : sentence_end(masked, match.end()) + 1], predicate=True)
        person.role = person.role or role
        person.titles.update(lower_words(role or ""))
        relation = _RELATION_BEFORE.search(masked, max(0, match.start() - 60), match.start())
        person.gender = (
            person.gender or gender or gender_of(person.role or "") or gender_of(relation[1] if relation else "")
        )
        cast.mentions.append((match.start(), person))
    if text is not None:
        for honorific in _HONORIFIC_NAME.finditer(text):
            person = cast.lookup(honorific.group(2))
            if person is not None and person.gender is None:
                person.gender = HONORIFIC_GENDER[honorific.group(1).lower()]
    _learn_genders(cast, masked)
    return cast


_RELATION_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+([a-z]+),\s+(?:[\w'\u2019-]+\s+){0,3}\Z")
"""A relation in apposition right before a name: "Her husband, Oscar-winning actor (Brad Pitt)"."""
_HONORIFIC_NAME = re.compile(
    rf"\b({'|'.join(h.capitalize() for h, g in HONORIFIC_GENDER.items() if g)})\.?[ \t]+([A-Z][\w'\u2019-]+)"
)
_PRONOUN_GENDER = re.compile(r"\b(?:(he|his|him|himself)|(she|her|hers|herself))\b", re.IGNORECASE)
_SAID_AFTER = re.compile(rf"(?:\s+\w+ly)?\s+{SPEECH_VERB.pattern}")
_GENDER_WINDOW = 300
_SUBJECT_WORDS = 8
_SUBJECT_CHARS = 200
"""How far after a mention (characters, and never past the next person named) its pronouns are read."""


def _learn_genders(cast: Cast, masked: str) -> None:
    """A person with no honorific or gendered role takes the gender of the pronouns that follow their mentions
    before anyone else is named ("Jordan Vale runs the bank. She ..."), when those pronouns agree two to one."""
    votes: dict[int, list[int]] = {}
    for k, (at, person) in enumerate(cast.mentions):
        named = NAME.match(masked, at)
        if named and possessive(masked, named.end()):
            continue  # "Huskins' father said he ...": the pronoun is the father's
        sentence = sentence_start(masked, at)
        opening = masked[max(sentence, at - _SUBJECT_CHARS) : at]  # bounded: a huge sentence is read once, not per name
        if person.gender or at - sentence > _SUBJECT_CHARS or len(opening.split()) > _SUBJECT_WORDS:
            continue  # only a sentence's subject ("Jordan Vale runs ...", "Secretary of State John Kerry") counts
        end = cast.mentions[k + 1][0] if k + 1 < len(cast.mentions) else len(masked)
        tally = votes.setdefault(id(person), [0, 0])
        for found in _PRONOUN_GENDER.finditer(masked, at, min(end, at + _GENDER_WINDOW)):
            if not _SAID_AFTER.match(masked, found.end()):  # "he said" is what attribution resolves, not evidence
                tally[0 if found.group(1) else 1] += 1
    for person in cast.people:
        male, female = votes.get(id(person), (0, 0))
        if person.gender is None and max(male, female) >= 2 * min(male, female) + 1:
            person.gender = "m" if male > female else "f"
