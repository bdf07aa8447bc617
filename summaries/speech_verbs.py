"""The verbs that introduce a quote or reported speech ("said", "told", "according to").

A leaf of its own because both name parsing (a name or role phrase stops at a speech verb) and attribution read them.
"""

from __future__ import annotations

import re

_VERB_STEMS = (
    r"say|tell|add|explain|write|ask|claim|insist|warn|state|continue|reflect|respond|describe|voice|urge|note|"
    r"argue|conclude|announce|declare|accuse|allege|reveal|confirm|suggest|acknowledge|recall|joke|"
    r"threaten|advertise|quote|call|repl(?:y|ie)|den(?:y|ie)|chant|shout|yell|express"
)
_INFLECTED = "|".join(
    f"{stem[:-1]}(?:e|es|ed|ing)" if stem.endswith("e") else f"{stem}(?:s|d|ed|ing)?" for stem in _VERB_STEMS.split("|")
)
"""Each stem with its endings; a final "e" drops before "-ing" ("voicing", "stating", "noting")."""
_TURN_TAKING = r"(?:cut(?:s|ting)?|broke|break(?:s|ing)?|(?:chim|butt|jump|pip)(?:e|es|ed|ing|s)?)\s+in"
"""An interviewer's or debater's turn: "the host cut in", "she broke in", "he chimed in"."""
SPEECH_VERB = re.compile(
    rf"\b(?:(?:{_INFLECTED})|(?:tweet|post)(?:ed|ing)|admit(?:s|ted|ting)?|rul(?:ed|ing)|said|told|"
    rf"wrote|reads?|{_TURN_TAKING}|[Aa]ccording\s+to)\b"
)
"""Verbs that introduce a quote. Narrative sentences use the narrower REPORT_VERB: "a drug called X" is no speech."""
REPORT_VERB = re.compile(
    r"\b(?:says?|said|told|tells|added|explain(?:s|ed)|wrote|claim(?:s|ed)|insist(?:s|ed)|warn(?:s|ed)|admitted|"
    r"announced|confirmed|revealed|[Aa]ccording\s+to)\b"
)
_FINITE = "|".join(
    f"{stem[:-1]}(?:e|es|ed)" if stem.endswith("e") else f"{stem}(?:s|d|ed)?" for stem in _VERB_STEMS.split("|")
)
VERB_FIRST = re.compile(
    rf"^(?:(?:{_FINITE})|(?:tweet|post)(?:s|ed)|admit(?:s|ted)|said|wrote|writes|reads?|[Aa]ccording\s+to)\s+(?=\S)"
)
"""A speech verb before its speaker, as in "...," said Johnson / "...," tweets Dandy Killeen: every finite form of
the verbs above, so the two lists cannot drift apart."""
