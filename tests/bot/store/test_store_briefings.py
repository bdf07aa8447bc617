"""The briefing cache gives back equal values and ignores a second write of the same key."""

from __future__ import annotations

from bot.fingerprints import content_hash
from bot.store import Store
from summaries.model import Briefing, Quote, QuoteDigest
from tests.bot.store.store_samples import UKRAINE

HASH = content_hash(UKRAINE.text)
BRIEFING = Briefing(
    headline="Biden allows Ukraine to use US arms to strike inside Russia",
    sentences=(
        "President Joe Biden's administration has allowed Ukraine to use US-made weapons to strike deep into Russia.",
        "Ukraine plans to conduct its first long-range attacks in the coming days, the sources said.",
    ),
    engine="extractive",
)
QUOTES = QuoteDigest(
    quotes=(
        Quote(text="could widen the Ukraine-Russia war", speaker=None, role=None, start=150, end=184),
        Quote(text="operational security", speaker="the sources", role="US officials", start=300, end=320, key=True),
    )
)


def test_cached_briefing_round_trips(store: Store) -> None:
    store.cache_briefing(HASH, 4, BRIEFING, QUOTES)
    assert store.cached_briefing(HASH, "extractive", 4) == (BRIEFING, QUOTES)


def test_cache_is_keyed_on_engine_and_length(store: Store) -> None:
    store.cache_briefing(HASH, 4, BRIEFING, QUOTES)
    assert store.cached_briefing(HASH, "llm", 4) is None
    assert store.cached_briefing(HASH, "extractive", 3) is None
    assert store.cached_briefing(content_hash("other text"), "extractive", 4) is None


def test_caching_twice_keeps_the_first(store: Store) -> None:
    store.cache_briefing(HASH, 4, BRIEFING, QUOTES)
    store.cache_briefing(HASH, 4, Briefing(headline="Other", sentences=(), engine="extractive"), QuoteDigest(()))
    assert store.cached_briefing(HASH, "extractive", 4) == (BRIEFING, QUOTES)


def test_empty_digest_round_trips(store: Store) -> None:
    store.cache_briefing(HASH, 2, BRIEFING, QuoteDigest(quotes=()))
    assert store.cached_briefing(HASH, "extractive", 2) == (BRIEFING, QuoteDigest(quotes=()))
