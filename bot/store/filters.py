"""Keyword filters a subscription applies to its feed's articles before they reach the digest."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeywordFilter:
    """Matches whole words or phrases, ignoring case: 'AI' matches 'AI rules' but not 'said'.

    An empty `include` admits everything; any `exclude` hit rejects, even when an include matched.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def admits(self, text: str) -> bool:
        if any(_phrase(word).search(text) for word in self.exclude):
            return False
        return not self.include or any(_phrase(word).search(text) for word in self.include)


def clean_keywords(words: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, blank ones dropped, duplicates (ignoring case) dropped, first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for word in words:
        word = " ".join(word.split())
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            kept.append(word)
    return tuple(kept)


def _phrase(word: str) -> re.Pattern[str]:
    words = (re.escape(part) for part in word.split())
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
