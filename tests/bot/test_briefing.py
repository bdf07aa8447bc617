"""The briefing cache key: one per article, engine, version and setting; Briefer reads and writes under it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from bot.briefing import Briefer, cache_key
from bot.store import Store
from summaries.engine import OfflineEngine
from summaries.model import Article, Briefing
from tests.bot.store.store_samples import UKRAINE

HASH = "ab" * 32


class NamingEngine(OfflineEngine):
    """An engine whose briefings name the model, as an LLM engine's do."""

    def brief(self, article: Article, *, sentences: int = 4) -> Briefing:
        return dataclasses.replace(super().brief(article, sentences=sentences), engine="llm (gpt-4o-mini)")


class TunedEngine(OfflineEngine):
    version = "2099.01.01"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open("sqlite://") as opened:
        yield opened


def test_key_differs_by_length_version_and_settings() -> None:
    keys = {
        cache_key(OfflineEngine(), HASH, 4),
        cache_key(OfflineEngine(), HASH, 3),
        cache_key(TunedEngine(), HASH, 4),
        cache_key(OfflineEngine(key_quotes=2), HASH, 4),
        cache_key(OfflineEngine(), "cd" * 32, 4),
    }
    assert len(keys) == 5
    assert cache_key(OfflineEngine(), HASH, 4) == cache_key(OfflineEngine(), HASH, 4)
    assert len(cache_key(OfflineEngine(), HASH, 4)) < 120


def test_second_brief_is_cached_even_when_the_briefing_names_another_engine(store: Store) -> None:
    briefer = Briefer(NamingEngine(), store)
    first = briefer.brief(UKRAINE, sentences=2)
    again = briefer.brief(UKRAINE, sentences=2)
    assert (first.cached, again.cached) == (False, True)
    assert again.briefing == first.briefing and again.briefing.engine == "llm (gpt-4o-mini)"


def test_a_new_engine_version_is_not_served_the_old_briefings(store: Store) -> None:
    Briefer(OfflineEngine(), store).brief(UKRAINE, sentences=2)
    assert not Briefer(TunedEngine(), store).brief(UKRAINE, sentences=2).cached


async def test_brief_in_shares_the_cache_with_brief(store: Store) -> None:
    Briefer(OfflineEngine(), store).brief(UKRAINE, sentences=2)
    assert (await Briefer(OfflineEngine(), store).brief_in(None, UKRAINE, sentences=2)).cached
