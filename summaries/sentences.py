"""Sentence splitting tuned for news prose: abbreviations, initials, quotes that close after the full stop."""

from __future__ import annotations

import re

from summaries.lexicon import ABBREVIATIONS
from summaries.model import Sentence

# A full stop, question or exclamation mark, optional closing quotes/brackets, space, then something that can
# start a sentence. The candidate is rejected afterwards when the word before the stop is an abbreviation.
_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])""")
_CAPTION = re.compile(r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}\s*:\s+\S")
_TERMINAL = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_FULL_STOP = re.compile(r"(?<!\.)[.!?](?!\.)(?=\s|$)")
_LONGEST_WORD = 64
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
"""One initial or a run of them before the stop: "John F. Kennedy", "George H.W. Bush"."""


def is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at `stop` ends an abbreviation or an initial rather than a sentence."""
    if text[stop] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, stop - _LONGEST_WORD), stop)  # a window: whole-text scans are O(n²)
    if not match:
        return False
    word = match.group(1)
    if _INITIALS.fullmatch(word):
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def sentence_end(text: str, start: int) -> int:
    """Index of the end of the sentence running at `start` (full stop kept out), at most the end of the paragraph.

    The stop after an honorific, title or initial ("Mr.", "Sen.", "J.") does not end a sentence.
    """
    newline = text.find("\n", start)
    limit = len(text) if newline < 0 else newline
    for match in _FULL_STOP.finditer(text, start, limit):
        if not is_abbreviation(text, match.start()):
            return match.start()
    return limit


def sentence_start(text: str, at: int) -> int:
    """Index where the sentence running at `at` starts: after the last full stop before it in its paragraph (the
    same stops as `sentence_end`), spaces skipped. Reads backwards from `at`, so it costs what the sentence costs."""
    paragraph = text.rfind("\n", 0, at) + 1
    end, start = at, paragraph
    while end > paragraph:
        stop = max(text.rfind(". ", paragraph, end), text.rfind("! ", paragraph, end), text.rfind("? ", paragraph, end))
        if stop < 0:
            break
        if text[stop - 1 : stop] != "." and not is_abbreviation(text, stop):
            start = stop + 1
            break
        end = stop
    while start < at and text[start].isspace():
        start += 1
    return start


def is_caption(text: str) -> bool:
    """Photo captions spliced into the text read "Scam: Patricia Glancy conned ..."; they are not prose."""
    if not _TERMINAL.search(text):  # a caption has no full stop of its own
        return True
    return bool(_CAPTION.match(text)) and not text.rstrip().endswith(("?", '"'))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split `text` (paragraphs separated by newlines) into sentences with offsets into `text`."""
    out: list[Sentence] = []
    for paragraph, para in enumerate(_PARAGRAPH.finditer(text)):
        start = para.start()
        for match in _BOUNDARY.finditer(text, para.start(), para.end()):
            if is_abbreviation(text, match.start()):
                continue
            _append(out, text, start, match.end(), paragraph)
            start = match.end()
        _append(out, text, start, para.end(), paragraph)
    return tuple(out)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        body = text[start:end]
        out.append(Sentence(body, start, end, len(out), paragraph, is_caption(body)))
