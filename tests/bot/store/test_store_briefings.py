"""The briefing cache gives back equal values under one key and ignores a second write of the same key."""

from __future__ import annotations

from bot.briefing import cache_key
from bot.fingerprints import content_hash
from bot.store import Store
from summaries.engine import OfflineEngine
from summaries.model import Briefing, Quote, QuoteDigest
from tests.bot.store.store_samples import UKRAINE

KEY = cache_key(OfflineEngine(), content_hash(UKRAINE.text), 4)
BRIEFING = Briefing(
    headline="Biden allows Ukraine to use US arms to strike inside Russia",
    sentences=(
        "President Joe Biden's administration has allowed Ukraine to use US-made weapons to strike deep into Russia.",
        "Ukraine plans to conduct its first long-range attacks in the coming days, the sources said.",
    ),
    engine="offline (gpt-4o-mini)",
)
QUOTES = QuoteDigest(
    quotes=(
        Quote(text="could widen the Ukraine-Russia war", speaker=None, role=None, start=150, end=184),
        Quote(text="operational security", speaker="the sources", role="US officials", start=300, end=320, key=True),
    )
)
PARTS = (BRIEFING, QUOTES)


def test_cached_briefing_round_trips_with_the_engine_it_names(store: Store) -> None:
    store.cache_briefing(KEY, BRIEFING, QUOTES)
    assert store.cached_briefing(KEY) == (BRIEFING, QUOTES)


def test_other_keys_miss(store: Store) -> None:
    store.cache_briefing(KEY, BRIEFING, QUOTES)
    assert store.cached_briefing(cache_key(OfflineEngine(), content_hash(UKRAINE.text), 3)) is None
    assert store.cached_briefing(cache_key(OfflineEngine(), content_hash("other text"), 4)) is None


def test_caching_twice_keeps_the_first(store: Store) -> None:
    store.cache_briefing(KEY, BRIEFING, QUOTES)
    store.cache_briefing(KEY, Briefing(headline="Other", sentences=(), engine="offline"), QuoteDigest(()))
    assert store.cached_briefing(KEY) == (BRIEFING, QUOTES)


def test_empty_digest_round_trips(store: Store) -> None:
    store.cache_briefing(KEY, BRIEFING, QuoteDigest(quotes=()))
    assert store.cached_briefing(KEY) == (BRIEFING, QuoteDigest(quotes=()))


def test_saving_a_briefed_article_keeps_both_in_one_write(store: Store) -> None:
    record, kept, cached = store.save_briefed(UKRAINE, content_hash=content_hash(UKRAINE.text), key=KEY, briefed=PARTS)
    assert (kept, cached) == (PARTS, False)
    assert store.find_article(url=UKRAINE.url) == record
    assert store.cached_briefing(KEY) == PARTS


def test_a_briefing_cached_before_wins_over_the_one_just_made(store: Store) -> None:
    """Another process (or an earlier engine run) cached the article's briefing first: every reply shows that one."""
    store.cache_briefing(KEY, BRIEFING, QUOTES)
    other = (Briefing(headline="Other", sentences=(), engine="offline"), QuoteDigest(()))
    record, kept, cached = store.save_briefed(UKRAINE, content_hash=content_hash(UKRAINE.text), key=KEY, briefed=other)
    assert (kept, cached) == (PARTS, True)
    again, _, _ = store.save_briefed(UKRAINE, content_hash=content_hash(UKRAINE.text), key=KEY, briefed=other)
    assert again == record
    assert store.cached_briefing(KEY) == PARTS
