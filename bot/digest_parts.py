"""Splitting a digest that does not fit one chat message into parts that each do, story boundaries kept.

Platform-neutral: a renderer says how big a story is in its own units (characters of an embed, Block Kit blocks)
and passes its platform's limits, which live next to it. Slack posts the header, then each part in its thread;
Discord sends each part as one message of embeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.replies import DigestReply, DigestStory


def split_digest(
    digest: DigestReply, *, size: Callable[[DigestStory], int], budget: int, max_stories: int
) -> tuple[DigestReply, ...]:
    """Consecutive parts in the digest's order, each holding at most `max_stories` stories whose sizes sum to at
    most `budget`; a story bigger than `budget` on its own gets a part to itself (the renderer trims it).
    The headline-only stories (`more`) are packed the same way, after the full ones. No story is lost or repeated.
    """
    if max_stories < 1 or budget < 1:
        raise ValueError("a part must hold at least one story")
    full = _pack(digest.stories, size, budget, max_stories)
    more = _pack(digest.more, size, budget, max_stories)
    parts = [replace(digest, stories=group, more=()) for group in full]
    parts += [replace(digest, stories=(), more=group) for group in more]
    return tuple(parts) or (digest,)


def _pack(
    stories: tuple[DigestStory, ...], size: Callable[[DigestStory], int], budget: int, max_stories: int
) -> list[tuple[DigestStory, ...]]:
    groups: list[tuple[DigestStory, ...]] = []
    current: list[DigestStory] = []
    used = 0
    for story in stories:
        cost = size(story)
        if current and (used + cost > budget or len(current) == max_stories):
            groups.append(tuple(current))
            current, used = [], 0
        current.append(story)
        used += cost
    if current:
        groups.append(tuple(current))
    return groups
