"""Where a quote's attribution sits and what it says: the clause before or after a quote that names its speaker.

News attributes quotes in a few shapes ("...," Name, role, said. / Name said: "..." / "...," he added.); the functions
here find the speaker phrase in them (a name, a pronoun, a description) and leave it to `summaries.attribution` to
resolve. They read `masked` text, where quoted words are blanked out.
"""

from __future__ import annotations

import re

from summaries.lexicon import (
    ARTICLES,
    AUXILIARIES,
    DETERMINERS,
    HONORIFIC_GENDER,
    NOT_NAME,
    OPENING_PREPOSITIONS,
    PAST_VERBS,
    PRONOUNS,
    QUANTIFIERS,
    SENTENCE_ADVERBS,
    WRITTEN_NOUNS,
)
from summaries.names import (
    CLAUSE_BREAK,
    NAME,
    NAMED_OWNER,
    VERB_FORM,
    head_noun,
    is_outlet,
    is_people_noun,
    is_person_noun,
    parse_subject,
)
from summaries.sentences import sentence_end
from summaries.speech_verbs import SPEECH_VERB, VERB_FIRST

_BARE_SUBJECT = re.compile(
    rf"^(?:(?:the|a|an|one|his|her|their)\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+){{0,3}}|he|she|they|it|we|"
    rf"(?:(?:{'|'.join(h.capitalize() for h in HONORIFIC_GENDER)})\.?\s+)?{NAME.pattern}|"
    rf"{NAMED_OWNER.pattern})$"
)
"""A subject with nothing after it: a pronoun, a name, "the/his <noun>", or "<Name>'s <noun>" ("Hill's father")."""
WRITTEN = rf"(?:{'|'.join(sorted(WRITTEN_NOUNS, key=len, reverse=True))})"
_OWNED_WORDS = re.compile(
    rf"(?:^|[\s,;(])((?:(?:the|his|her|their|a|an)\s+)?[\w.\u2019'-]+)['\u2019]s\s+{WRITTEN}[,:]?\s*$", re.IGNORECASE
)
_COORDINATED_SUBJECT = re.compile(
    r"\b(?:and|but|with|when|while|as|after|because|that|which|who)\s+((?:the|a|an|one|his|her|their)\s+[\w'\u2019-]+"
    rf"(?:\s+[\w'\u2019-]+)?|he|she|they|it|we|{NAMED_OWNER.pattern})\s+"
    r"(?:(?:can|could|was|were|is|are|has|have|had|be|been|being|clearly|also|then|later|heard|seen|would|will)\s+)*$"
)
_CAPTION_END = re.compile(r"\)\s+(?=[A-Z])")
"""A bracketed photo credit or caption note run into the next sentence: "(file picture) Dr Okafor said"."""
LABEL = re.compile(r"^[^:\n]{1,40}:\s+(?=(?:\S+\s+){2,})")
_TIME_OPENER = re.compile(
    rf"^(?:so\s+far|last\s+(?:night|week|month|year)|{'|'.join(sorted(SENTENCE_ADVERBS))})\b,?\s*", re.IGNORECASE
)
_PHRASE_OPENER = re.compile(rf"^(?:{'|'.join(sorted(OPENING_PREPOSITIONS))}|[a-z]+ing|[a-z]+ed)\b", re.IGNORECASE)
_FUNCTION_WORDS = NOT_NAME - DETERMINERS - set(PRONOUNS) - QUANTIFIERS - {"another", "several", "both", "each"}
"""Words that cannot start a speaker phrase ("because of ...", "When I ...")."""
_OPENER_WORDS = 14
"""The longest adverbial a sentence may open with before its subject ("Speaking to Sky Sports after the match,")."""
_ATTRIBUTION_WORDS = 25
"""The most words between a quote and the speech verb of its attribution ("...," X, role, ..., said)."""
_SUBJECT_WORDS = 8
"""A subject longer than this before its first comma is a sentence of its own, not "Name, role, said"."""
_PRONOUN_BEFORE = re.compile(r"(?:^|\s)(he|she|they|it)(?:\s+(?:also|later|then|[a-z]+ly))?$", re.IGNORECASE)
_SHARED_SUBJECT = re.compile(r"\b(he|she|they)\s+[a-z]+ed\b[^,;]*\s(?:and|but)$", re.IGNORECASE)
_CLOSING_CLAUSE = re.compile(
    rf"^((?:he|she|they|it|(?:the|a|an)\s+[a-z][\w-]*|{NAME.pattern}))\s+(?:[a-z]+ly\s+|later\s+|then\s+)?"
    rf"(?:[a-z]+(?:ed|s)|{'|'.join(sorted(PAST_VERBS))})\b(?!\s+(?:that|to|the|a|an|his|her|their|its|him|them|it)\b)"
)
"""A quote closed by a subject and any one verb ending the clause ("he countered.", "Obama quipped"): the verb need
not be a known speech verb, since nothing else can follow a quote so."""
_RELATIVE_SUBJECT = re.compile(rf"({NAME.pattern}),\s+who(?:\s+[a-z]+ly|\s+later|\s+also)?$")
"""A name then "who" right before the speech verb: the name is its subject ("Dr Sara Cole, who warned")."""
_RELATIVE_WHO = re.compile(r",?\s+who(?:\s+[a-z]+ly|\s+later|\s+also)?$")
_ANTECEDENT_WORDS = 4
"""The longest noun phrase read back from "who" ("some local people who")."""
_RELATIVE_ASIDE = re.compile(r"^(.+?),\s+(?:who|whose)\b.*,$")
"""A subject, then a relative clause between commas, right before the verb."""
_NAMED_AFTER = re.compile(rf"([^,;:]+,\s*{NAME.pattern}),?\s*$")
"""A source then its name, up to the quote: "the family's lawyer, Dan Cole,"."""
_OWNED_SUBJECT = re.compile(r"[A-Z][\w.]*['\u2019]s(?:\s+[\w-]+){1,3}$")
"""A body or person named by its owner: "China's air force"."""
_CLAUSE_OPENING = re.compile(r",|;|\s--\s|\b(?:but|and|as|when|while|because|after|before)\s+(?=\S)")
"""Where a clause begins: the participle at a sentence's end hangs on the last one ("but Jobs refused, saying")."""
_PASSIVE_REPORT = re.compile(
    rf"^((?:he|she|they|{NAME.pattern}))\s+(?:is|was|has\s+been|had\s+been)\s+(?:alleged|said|reported|quoted|"
    rf"understood|believed|thought)\s+(?:to\s+have|as\s+having|as)\s+(?={SPEECH_VERB.pattern})"
)
"""A speaker, a passive report, then the speech verb: "Paul Grant is alleged to have told": "alleged" is not the
verb of the attribution, the one after it is."""
_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[\w.'\u2019-]+\s+){0,4}[\w.'\u2019-]+)$", re.IGNORECASE)
"""An absolute clause, "with <noun phrase> <participle>": the phrase is the participle's subject, not the sentence's
("The palace denied it, with the king's press secretary saying ...")."""
_TAG_WORDS = 8
_IN_THE_WORDS = re.compile(
    rf"\b[Ii]n\s+(?:the\s+words\s+of\s+([^,:;]+?)|({NAME.pattern}|his|her|their)(?:['\u2019]s?)?\s+(?:own\s+)?words)"
    r"\s*[,:]"
)
"""A source cited by "in the words of": "In the words of Kelly's favourite psalm, ...", "In Kelly's own words:"."""
_NOUN_MARKERS = DETERMINERS | QUANTIFIERS
"""Words before a noun: after them a speech verb's form is its noun ("the new rules", "his claims")."""
_FINITE_ONLY = re.compile(r"said|says|told|tells|wrote|writes")
"""Speech verbs with no noun reading: after "that" they are a relative clause's verb, not a noun ("that said")."""
_RELATIVE_AFTER_COMMA = re.compile(r"\s*(?:who|which|whose)\b")
_SOURCE_END = re.compile(r"[,;:]")
"""Where the source after "according to" ends."""
_REPORTED_OPENER = re.compile(r"^(?:that|how)\s+")
_OWNER_BEFORE_VERB = re.compile(rf"({NAME.pattern})['\u2019]s\s*$")
"""A name in the possessive right before the speech verb: "Obama's (words)"."""
_AFTER_QUOTE = re.compile(r"[ \t]*([,;.!?]?)[ \t]*")
"""The punctuation closing a quote, if any, and the spaces around it."""
_PRONOUN_AFTER_CONJUNCTION = re.compile(r"\b(?:and|but)\s+(?:he|she|they|it|we)\b")
"""The longest clause after a quote ending in "?" or "!" read as its attribution ('"Save it?" his co-host tweeted.')."""


def strip_openers(clause: str) -> str:
    """Drop caption labels and leading adverbials ("Speaking to Sky Sports after the match,") to reach the subject."""
    clause = " ".join(clause.split())
    clause = LABEL.sub("", clause, count=1)
    for _ in range(4):
        before = clause
        clause = _TIME_OPENER.sub("", clause, count=1)
        if _PHRASE_OPENER.match(clause):
            head, comma, rest = clause.partition(",")
            if comma and len(head.split()) <= _OPENER_WORDS and not _RELATIVE_AFTER_COMMA.match(rest):
                clause = rest.strip()
        if clause == before:
            break
    return clause


def last_speech_verb(text: str, verbs: re.Pattern[str] = SPEECH_VERB) -> re.Match[str] | None:
    """The last speech verb in `text`; a noun reading ("the new rules", "his claims") does not count."""
    found = None
    for match in verbs.finditer(text):
        previous = text[: match.start()].rsplit(None, 1)[-1:]
        relative = previous == ["that"] and _FINITE_ONLY.fullmatch(match.group())  # "banners that said"
        if not previous or previous[0].lower() not in _NOUN_MARKERS or relative:
            found = match
    return found


def lead_subject(lead: str, verbs: re.Pattern[str] = SPEECH_VERB) -> str | None:
    """The subject of the last speech verb in `lead` (the sentence up to a quote), or None without such a verb."""
    words = _OWNED_WORDS.search(lead)
    if words:
        return words.group(1)
    cited = _IN_THE_WORDS.search(lead)
    if cited and not last_speech_verb(lead[cited.end() :], verbs):
        return cited.group(1) or cited.group(2)  # "In the words of the Apostle Paul, ...", "In Kelly's own words:"
    captions = [m.end() for m in _CAPTION_END.finditer(lead)]
    if captions:
        lead = lead[captions[-1] :]  # "(file picture of a seal) Dr Ruth Okafor said:": the caption is a break
    verb = last_speech_verb(lead, verbs)
    if verb is None:
        return None
    if verb.group().lower().startswith("according"):
        source = _SOURCE_END.split(lead[verb.end() :], maxsplit=1)[0].strip().rstrip(".!?")
        named = _NAMED_AFTER.match(lead[verb.end() :].strip())
        if named and not is_outlet(source):
            return named.group(1)  # 'According to the family's lawyer, Dan Cole, "...': the source and their name
        return None if is_outlet(source) else source or None
    before = " ".join(lead[: verb.start()].split())
    absolute = _WITH_SUBJECT.search(before) if verb.group().endswith("ing") else None
    if absolute and not any(w.lower() in _FUNCTION_WORDS for w in absolute.group(1).split()):
        return absolute.group(1)
    relative = _RELATIVE_SUBJECT.search(before)
    if relative:
        return relative.group(1)  # "... from Bishop Jack Moyer, who wrote that ...": the relative's antecedent
    antecedent = _relative_antecedent(before)
    if antecedent:
        return antecedent  # "letters from readers who described the plan as ..."
    aside = _RELATIVE_ASIDE.match(before)
    if aside and not last_speech_verb(aside.group(1), verbs):
        return strip_openers(
            aside.group(1)
        )  # "The actor, whose films include Big Sky and Red Tide, said": the aside is no subject
    reported = last_speech_verb(before, verbs)
    if reported and not reported.group().lower().startswith("according"):
        # "Williams said her mother said, ...": the speaker of the last verb is the one named after the first
        tail = _REPORTED_OPENER.sub("", before[reported.end() :].strip())
        tail_words = tail.lower().split()
        if (
            tail
            and _BARE_SUBJECT.match(tail)
            and tail_words[0] not in _FUNCTION_WORDS
            and not any(w in AUXILIARIES or w.endswith("n't") for w in tail_words)
        ):
            return tail
    pronoun = _PRONOUN_BEFORE.search(before)
    if pronoun:
        return pronoun.group(1)  # "a response she called ...": a pronoun right before the verb is its subject
    clause = before.rsplit(",", 1)[-1]
    shared = _SHARED_SUBJECT.search(clause)
    if shared and not last_speech_verb(clause[: shared.start()], verbs):
        return shared.group(1)  # "she called it 'overwhelming' and said": the verbs share the pronoun
    if verb.group().endswith("ing") and before.endswith(","):
        # "..., Mr Baker said, adding:" / "Nina Hart plays ..., saying": the clause the participle hangs on
        clause = _CLAUSE_OPENING.split(before[:-1])[-1].strip()  # "but Jobs refused, saying", "as he talked, saying"
        parsed = parse_subject(clause) if clause != before[:-1] else None
        if parsed and parsed[2] in ("name", "pronoun"):
            return clause
        return lead_subject(before[:-1], verbs) or strip_openers(before[:-1]) or None
    owner = _OWNER_BEFORE_VERB.search(before)
    if owner:
        return owner.group(1)
    parts = CLAUSE_BREAK.split(before)
    if len(parts) > 1:
        last = parts[-1].strip()
        if _BARE_SUBJECT.match(last) and last.split()[0].lower() not in _FUNCTION_WORDS:
            return last
    coordinated = _COORDINATED_SUBJECT.search(before + " ")
    if coordinated:
        return coordinated.group(1)
    return strip_openers(before) or None


def _relative_antecedent(before: str) -> str | None:
    """The people a relative clause right before the speech verb is about ("letters from readers who wrote"): the
    noun phrase before "who", back to the preposition, verb or comma that starts it, when its head names people."""
    who = _RELATIVE_WHO.search(before)
    if who is None:
        return None
    phrase: list[str] = []
    for word in reversed(before[: who.start()].split()[-_ANTECEDENT_WORDS:]):
        bare = word.lower()
        if word[-1:] in ",;:" or (bare in _FUNCTION_WORDS | AUXILIARIES) or (phrase and VERB_FORM.fullmatch(bare)):
            break
        phrase.insert(0, word)
        if bare in DETERMINERS:
            break
    if not phrase or not (is_person_noun(phrase[-1]) or is_people_noun(phrase[-1])):
        return None
    return " ".join(phrase)


def hanging_participle(lead: str) -> bool:
    """Whether `lead` is only ", adding that ..." (a participle with no subject of its own before it)."""
    verb = last_speech_verb(lead)
    if verb is None or not verb.group().endswith("ing"):
        return False
    return lead[: verb.start()].rstrip().endswith(",") and not last_speech_verb(lead[: verb.start()])


def after_phrase(text: str, close_at: int, ends_sentence: bool, *, asked: bool = False) -> str | None:
    """The speaker phrase in an attribution right after a quote ("...," said Johnson / "...," he added), if any.

    With `asked` (the quote ends in "?" or "!"), a short clause after it is still its attribution: '"Why?" Smith asked.'
    """
    match = _AFTER_QUOTE.match(text, close_at)
    punct, start = (match.group(1), match.end()) if match else ("", close_at)
    body = text[start : sentence_end(text, start)]
    new_sentence = (punct in (".", "!", "?") or ends_sentence) and body[:1].isupper()
    if new_sentence and asked and not punct and len(body.split()) <= _TAG_WORDS:
        verb = SPEECH_VERB.search(body)
        new_sentence = not (verb and verb.start()) and not _CLOSING_CLAUSE.fullmatch(body.rstrip())
    if not body or body[0] in "\"'\u201c\u2018(" or new_sentence:
        return None
    inverted = VERB_FIRST.match(body)
    if inverted:
        relayed = inverted.group().lower().startswith("according") and is_outlet(body[inverted.end() :])
        return None if relayed else body[inverted.end() :]
    passive = _PASSIVE_REPORT.match(body)
    if passive:
        return passive.group(1)  # '"...," Paul Grant is alleged to have told the informant'
    verb = SPEECH_VERB.search(body)
    closing = _CLOSING_CLAUSE.match(body)
    if closing and (not verb or verb.start() >= closing.end()) and body[closing.end() :].lstrip()[:1] in ",.;":
        return closing.group(1)  # '"...," Obama later countered.': what follows a quote this way is its speaker
    if not verb or not verb.start() or len(body[: verb.start()].split()) > _ATTRIBUTION_WORDS:
        return None
    if verb.group().lower().startswith("according"):
        source = _SOURCE_END.split(body[verb.end() :], maxsplit=1)[0].strip()
        return None if is_outlet(source) else source or None
    phrase = body[: verb.start()]
    inverted_late = _inverted_after_comma(body, phrase, verb.start())
    if inverted_late:
        return inverted_late
    parts = CLAUSE_BREAK.split(phrase.rstrip())
    broken, last = len(parts) > 1, parts[-1].strip()
    first = phrase.split()[0]
    named = _BARE_SUBJECT.match(last) or _OWNED_SUBJECT.match(last)
    if broken and named and _not_a_speaker(phrase, first):
        return last  # '"real anger" among residents, he said': the words after the quote are not its speaker
    if subject_like(phrase):
        return phrase
    return last if broken and _BARE_SUBJECT.match(last) else None


def _inverted_after_comma(body: str, phrase: str, verb_at: int) -> str | None:
    """'"... when he gets back" to North Korea, said John Delury': a quote's clause runs on, then ", said <name>"."""
    later = VERB_FIRST.match(body[verb_at:]) if phrase.rstrip().endswith(",") else None
    if later is None or subject_like(phrase):
        return None
    rest = body[verb_at + later.end() :]
    return rest if rest[:1].isupper() or rest.split()[:1] in (["the"], ["a"], ["an"]) else None


def _not_a_speaker(phrase: str, first: str) -> bool:
    """Whether the words running on from a partial quote up to a comma end its clause rather than name its speaker:
    lower case ("among residents,") or things, not people ('"chase away" Myanmar military planes, China's ...')."""
    if first[:1].islower():
        return first not in ARTICLES
    run_on = CLAUSE_BREAK.split(phrase)[0].strip()
    lower = bool(run_on) and run_on.split()[-1][:1].islower()
    return lower and not is_person_noun(head_noun(run_on) or "") and not NAME.fullmatch(run_on)


def subject_like(phrase: str) -> bool:
    """ "Alex Plitsas, senior fellow at ...," or "the report" can be a subject; "in posts on the site", "because of
    ..." and "cost of being associated with ... is also" cannot. Clauses between commas may hold verbs."""
    first = phrase.split()[0].lower()
    if (
        first in _FUNCTION_WORDS
        or first in AUXILIARIES
        or (VERB_FORM.fullmatch(first) and phrase.lstrip()[:1].islower())
    ):
        return False
    parts = phrase.split(",")
    if len(parts[0].split()) > _SUBJECT_WORDS:
        return False
    outside = f"{parts[0]} {parts[-1]}" if len(parts) > 1 else phrase
    if any(w in AUXILIARIES - {"also", "then", "later", "still", "now"} for w in outside.split()):  # not "James May"
        return False
    return not _PRONOUN_AFTER_CONJUNCTION.search(phrase)
