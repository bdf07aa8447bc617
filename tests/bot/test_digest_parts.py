"""A long digest splits at each platform's limits, at story boundaries, losing and repeating nothing."""

from __future__ import annotations

import pytest

from bot.channels import ChannelRef
from bot.digest_parts import split_digest
from bot.replies import DigestReply, DigestStory, QuoteLine

# The platforms' documented limits, as their renderers use them.
SLACK_BLOCKS_PER_MESSAGE = 50
SLACK_BLOCKS_PER_STORY = 3  # section (title and sentences), context (quote), divider
DISCORD_EMBEDS_PER_MESSAGE = 10
DISCORD_EMBED_TOTAL = 6000
CHANNEL = ChannelRef("slack", "C1", "T1")


def story(n: int, sentences: int = 2, length: int = 200) -> DigestStory:
    text = tuple(("word " * (length // 5)).strip() + f" {n}-{i}." for i in range(sentences))
    quote = QuoteLine("We will rebuild.", "Mayor Ann Lee", None, True, None)
    return DigestStory(f"Story {n}", f"https://news.example.com/{n}", text, quote)


def embed_chars(s: DigestStory) -> int:
    return len(s.title) + sum(len(x) for x in s.sentences) + (len(s.quote.text) + 40 if s.quote else 0)


def flatten(parts):
    return [s for p in parts for s in (*p.stories, *p.more)]


def test_slack_parts_stay_under_fifty_blocks():
    digest = DigestReply(CHANNEL, tuple(story(n) for n in range(40)), tuple(story(n) for n in range(40, 60)))
    parts = split_digest(digest, size=lambda s: SLACK_BLOCKS_PER_STORY, budget=SLACK_BLOCKS_PER_MESSAGE, max_stories=50)
    assert all(len(p.stories) * SLACK_BLOCKS_PER_STORY <= SLACK_BLOCKS_PER_MESSAGE for p in parts)
    assert flatten(parts) == [*digest.stories, *digest.more]


def test_discord_parts_stay_under_ten_embeds_and_6000_characters():
    digest = DigestReply(CHANNEL, tuple(story(n, sentences=3, length=900) for n in range(12)))
    parts = split_digest(digest, size=embed_chars, budget=DISCORD_EMBED_TOTAL, max_stories=DISCORD_EMBEDS_PER_MESSAGE)
    assert len(parts) > 1
    assert all(len(p.stories) <= DISCORD_EMBEDS_PER_MESSAGE for p in parts)
    assert all(sum(embed_chars(s) for s in p.stories) <= DISCORD_EMBED_TOTAL for p in parts)
    assert flatten(parts) == list(digest.stories)


def test_a_story_too_big_alone_gets_a_part_of_its_own():
    digest = DigestReply(CHANNEL, (story(1, length=100), story(2, length=9000), story(3, length=100)))
    parts = split_digest(digest, size=embed_chars, budget=DISCORD_EMBED_TOTAL, max_stories=10)
    assert [[s.title for s in p.stories] for p in parts] == [["Story 1"], ["Story 2"], ["Story 3"]]


def test_a_digest_that_fits_is_one_part():
    digest = DigestReply(CHANNEL, (story(1),), date="2026-11-26")
    assert split_digest(digest, size=embed_chars, budget=DISCORD_EMBED_TOTAL, max_stories=10) == (digest,)


def test_a_part_must_hold_a_story():
    with pytest.raises(ValueError):
        split_digest(DigestReply(CHANNEL, ()), size=len, budget=0, max_stories=1)
