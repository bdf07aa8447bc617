"""A digest's stories: articles that tell one story merged (across feeds, or re-published under a new URL), ranked.

Two articles are one story when most of the shorter one's word 4-grams are in the other: a syndicated copy, an
edited re-publication or a longer rewrite. Importance puts stories carried by more feeds first, then recent ones,
then those that say more. Pure functions: no store, no engine.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

SHINGLE = 4
SAMPLE = 4
"""Keep one 4-gram hash in SAMPLE (by value, so both copies keep the same ones): a quarter of the work, same answer."""
SAME_STORY = 0.5
"""Share of the shorter article's sampled 4-grams the other must hold for the two to be one story."""
RECENCY_HALF_LIFE_HOURS = 12.0
FULL_ARTICLE_WORDS = 600
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a channel got an article: the feed, the item's GUID there and its link."""

    feed: str
    guid: str | None
    link: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One pending article: its id, its text's hash, text, when it was first seen, and the sources that carried it."""

    article_id: int
    content_hash: str
    text: str
    seen_at: datetime
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that tell one story; `lead` is the one shown (the longest), `members` all of them, lead first."""

    lead: Candidate
    members: tuple[Candidate, ...]
    score: float

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(m.article_id for m in self.members)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys(s for m in self.members for s in m.sources))

    @property
    def feeds(self) -> int:
        return len({s.feed for s in self.sources})


def stories(candidates: Sequence[Candidate], now: datetime) -> list[Story]:
    """The candidates grouped into stories, most important first."""
    groups = _group(candidates)
    built = []
    for members in groups:
        lead = max(members, key=lambda c: (len(c.text), -c.article_id))
        ordered = (lead, *(m for m in members if m is not lead))
        built.append(Story(lead, ordered, 0.0))
    scored = [Story(s.lead, s.members, importance(s, now)) for s in built]
    return sorted(scored, key=lambda s: (-s.score, min(m.seen_at for m in s.members), s.lead.article_id))


def importance(story: Story, now: datetime) -> float:
    """Feeds carrying it (dominant: a second feed outweighs any recency), recency (12 h half-life), substance."""
    age_hours = max(0.0, (now - max(m.seen_at for m in story.members)).total_seconds() / 3600)
    recency = math.exp(-age_hours * math.log(2) / RECENCY_HALF_LIFE_HOURS)
    words = _word_count(story.lead.content_hash, story.lead.text)
    substance = min(1.0, words / FULL_ARTICLE_WORDS) * 0.5
    return 2.0 * (story.feeds - 1) + recency + substance


def _group(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """Union-find over pairs that share enough sampled 4-grams, found through an inverted index (no n² compare)."""
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_shingles(c.content_hash, c.text) for c in candidates]
    by_hash: dict[str, int] = {}
    index: dict[int, list[int]] = defaultdict(list)
    for i, candidate in enumerate(candidates):
        if candidate.content_hash in by_hash:
            parent[root(i)] = root(by_hash[candidate.content_hash])
        by_hash.setdefault(candidate.content_hash, i)
        shared: dict[int, int] = defaultdict(int)
        for gram in grams[i]:
            for j in index[gram]:
                shared[j] += 1
            index[gram].append(i)
        for j, count in shared.items():
            smaller = min(len(grams[i]), len(grams[j]))
            if smaller and count / smaller >= SAME_STORY:
                parent[root(i)] = root(j)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for i, candidate in enumerate(candidates):
        groups[root(i)].append(candidate)
    return list(groups.values())


@lru_cache(maxsize=4096)
def _word_count(content_hash: str, text: str) -> int:
    return len(_WORD.findall(text))


@lru_cache(maxsize=4096)
def _shingles(content_hash: str, text: str) -> frozenset[int]:
    """Keyed on the hash too, so the cache finds the same article for every channel that gets it."""
    words = _WORD.findall(text.lower())
    hashes = (zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(max(1, len(words) - SHINGLE + 1)))
    return frozenset(h for h in hashes if h % SAMPLE == 0)
