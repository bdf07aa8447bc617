"""Clean-up of scraped or corpus text before anything reads it: by-lines, datelines, page furniture, odd spaces.

The output keeps one paragraph per line; nothing is rewritten inside a sentence, so quotes stay verbatim.
"""

from __future__ import annotations

import re

from summaries.tokens import STOPWORDS

_SPACES = re.compile(r"[^\S\n]+")
"""Every space but the line break (tabs, nbsp, form feeds, line separators): one plain space each run."""
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls but tab, newline and carriage return, and the bidi overrides and isolates (U+202E ...):
in a terminal they retitle the window or clear the screen; in a name they reverse what a reader sees."""

# Daily Mail openings: "By . Jill Reilly . and Ap . PUBLISHED: . 08:06 EST, 5 November 2012 . | . UPDATED: ..."
_BYLINE = re.compile(
    r"""^\s*(?:By\s+\.?\s*[^.]{1,80}?\s+\.\s+(?:and\s+\.?\s*[^.]{1,60}?\s+\.\s+)*)?
    (?:(?:PUBLISHED|UPDATED|Last\s+updated\s+at)\s*:?\s*\.?\s*[^|]{0,40}?\d{4}\s*\.\s*\|?\s*\.?\s*)*""",
    re.VERBOSE,
)
# CNN and wire datelines: "WASHINGTON (CNN)  -- ", "(CNN)Share", "LONDON (Reuters) - ".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.,'\u2019 -]{0,60}?\s*)?\((?:CNN|AP|Reuters|AFP)[^)]{0,20}\)\s*(?:--|\u2014|\u2013|-)?\s*"
)
_CREDIT = re.compile(r"\s*(?:CNN's|CNN)\s[^.]{0,160}?\s(?:contributed to|reported)\s(?:this|from)[^.]{0,40}\.\s*$")
# The corpus joins lines with " . ": before lower case it was a line wrap, otherwise a paragraph break.
_UNFINISHED = (
    "and the of to a an in for with by on at from as that or but his her their its is was are were be been has have "
    "had my our your this these those who which than into about after before over under between said told says "
    "named called"
).split()
"""Words no sentence or caption ends on: a " . " after one of them was a line wrap."""
_WRAP = re.compile(rf"(?:\b(?P<word>{'|'.join(_UNFINISHED)})|(?P<comma>,))\s+\.\s+|\s+\.\s+(?=[a-z(])")
_BREAK = re.compile(r"\s+\.(?:\s+\.)*\s+(?=\S)")
_NAME_PART = re.compile(r"^(?:[A-Z][\w'\u2019&-]*|of|the|and|for|de|van|von|al)$")
"""A word that can stand in an organisation's or a person's name: capitalised, or a particle."""
_NAME_FRAGMENT_WORDS = 6
"""Longest name fragment rejoined: "Richard Harrington of the Marine" (5); longer runs are headings."""
_FURNITURE = re.compile(
    r"""^(?:more\s+from\b|related\b|read\s+more\b|see\s+also\b|advertisement\b|share\s+(?:this|on)\b|follow\s+us\b|
    sign\s+up\b|subscribe\b|click\s+here\b|scroll\s+down\b|e-?mail\s+to\s+a\s+friend|watch\b|blogs?$|file$|
    getty\s+images|(?:photo|image|video)\s*(?:credit)?\s*:|copyright\b|\u00a9)""",
    re.IGNORECASE | re.VERBOSE,
)
_ENDS_SENTENCE = re.compile(r"""[.!?:;"'\u201d\u2019)]$""")


def _unwrap(match: re.Match[str]) -> str:
    return (match.group("word") or match.group("comma") or "") + " "


def strip_controls(text: str) -> str:
    """`text` without control characters (newline, tab and carriage return stay) or bidirectional overrides."""
    return _CONTROLS.sub("", text)


def normalize_spaces(text: str) -> str:
    """Non-breaking and other odd spaces become plain ones; line breaks are kept, trailing blanks dropped.

    Control characters and bidi overrides are removed: no text reaches the core with them."""
    text = _INVISIBLE.sub("", strip_controls(text.replace("\r\n", "\n").replace("\r", "\n")))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def is_furniture(line: str) -> bool:
    """Navigation, share buttons and section labels: short lines that do not read as prose."""
    words = len(line.split())
    if _FURNITURE.match(line) and words <= 12:
        return True
    return words < 5 and not _ENDS_SENTENCE.search(line)


def _rejoin_names(parts: list[str]) -> list[str]:
    """A break inside a name ("Richard Harrington of the Marine . Conservation Society said") was a line wrap.

    Only when the next part goes on with a name word, not an opener ("The", "He"), and neither is page furniture.
    """
    out: list[str] = []
    for part in parts:
        first = part.split(maxsplit=1)[0] if part.strip() else ""
        if (
            out
            and first[:1].isupper()
            and first.lower() not in STOPWORDS
            and _is_name_fragment(out[-1])
            and not is_furniture(part)
        ):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _is_name_fragment(part: str) -> bool:
    """A short run of name words with a particle in it ("of the Marine"), ending on a capital: half a name."""
    tokens = part.split()
    return (
        1 < len(tokens) <= _NAME_FRAGMENT_WORDS
        and tokens[-1][:1].isupper()
        and all(_NAME_PART.match(token) for token in tokens)
        and any(token.islower() for token in tokens)
    )


def clean_body(text: str) -> str:
    """The article body with one paragraph per line and no page furniture."""
    paragraphs: list[str] = []
    for line in normalize_spaces(text).split("\n"):
        if not paragraphs:
            line = _DATELINE.sub("", _BYLINE.sub("", line, count=1), count=1)
        for part in _rejoin_names(_BREAK.split(_WRAP.sub(_unwrap, line))):
            part = part.strip()
            if part and not is_furniture(part):
                paragraphs.append(part)
    if paragraphs:
        paragraphs[-1] = _strip_credits(paragraphs[-1])
    return "\n".join(p for p in paragraphs if p)


def _strip_credits(paragraph: str) -> str:
    """Every closing credit ("CNN's X reported from Y."), not just the last, so cleaning clean text changes
    nothing; a paragraph of credits only keeps its first."""
    while (stripped := _CREDIT.sub("", paragraph)) and stripped != paragraph:
        paragraph = stripped
    return paragraph


def split_title(text: str) -> tuple[str | None, str]:
    """A first line that does not end like a sentence and stands apart from the body is the title."""
    lines = normalize_spaces(text).strip().split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:])
    if len(lines) > 1 and first and len(first) <= 200 and not first.endswith((".", ",", ";")):
        return first, rest
    return None, "\n".join(lines)
