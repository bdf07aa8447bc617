"""What a channel's digest gets: new entries of its feeds, filtered, oldest first, each article once, never twice."""

from __future__ import annotations

from bot.store import ArticleRecord, FeedRecord, Store
from summaries.model import Article
from tests.bot.store.store_samples import CRIMEA, FEED, FLEETWOOD, HEPATITIS, MIAMI, OTHER_FEED, UKRAINE, save


def seen(store: Store, feed: FeedRecord, article: Article, *, baseline: bool = False) -> ArticleRecord:
    record = save(store, article)
    store.record_entry(feed.id, entry_key=article.url or "", url=article.url, article_id=record.id, baseline=baseline)
    return record


def pending_titles(store: Store, platform: str = "slack", channel_id: str = "C-news") -> list[str | None]:
    return [article.title for article in store.pending_articles(platform, channel_id)]


def test_baseline_entries_are_never_pending(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, UKRAINE, baseline=True)
    seen(store, feed, HEPATITIS, baseline=True)
    assert store.pending_articles("slack", "C-news") == []


def test_new_entries_are_pending_oldest_first(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, UKRAINE, baseline=True)
    seen(store, feed, MIAMI)
    seen(store, feed, HEPATITIS)
    assert pending_titles(store) == [MIAMI.title, HEPATITIS.title]


def test_pending_is_per_channel(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, MIAMI)
    assert pending_titles(store, "slack", "C-sport") == []
    assert pending_titles(store, "discord", "C-news") == []


def test_entries_seen_before_subscribing_are_not_pending(store: Store) -> None:
    feed = store.add_feed(FEED)
    seen(store, feed, MIAMI)
    store.subscribe("slack", "C-news", FEED)
    seen(store, feed, HEPATITIS)
    assert pending_titles(store) == [HEPATITIS.title]


def test_article_in_two_feeds_is_pending_once(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    store.subscribe("slack", "C-news", OTHER_FEED)
    first, second = store.add_feed(FEED), store.add_feed(OTHER_FEED)
    seen(store, first, UKRAINE)
    seen(store, second, UKRAINE)
    assert pending_titles(store) == [UKRAINE.title]


def test_include_keeps_only_matching_articles(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED, include=["ukraine"])
    feed = store.add_feed(FEED)
    for article in (UKRAINE, HEPATITIS, CRIMEA, FLEETWOOD):
        seen(store, feed, article)
    assert pending_titles(store) == [UKRAINE.title, CRIMEA.title]


def test_exclude_drops_matching_articles_even_when_included(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED, include=["Russia", "police"], exclude=["CRIMEA"])
    feed = store.add_feed(FEED)
    for article in (UKRAINE, MIAMI, CRIMEA, FLEETWOOD):
        seen(store, feed, article)
    assert pending_titles(store) == [UKRAINE.title, MIAMI.title]


def test_keywords_match_whole_words_in_title_or_text(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED, include=["League One", "cop"])
    feed = store.add_feed(FEED)
    for article in (MIAMI, FLEETWOOD):
        seen(store, feed, article)
    # FLEETWOOD's title says "League One"; MIAMI's text says "cops", which is not the word "cop".
    assert pending_titles(store) == [FLEETWOOD.title]


def test_filters_apply_per_subscription(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED, include=["hepatitis"])
    store.subscribe("slack", "C-news", OTHER_FEED)
    first, second = store.add_feed(FEED), store.add_feed(OTHER_FEED)
    seen(store, first, FLEETWOOD)
    seen(store, second, FLEETWOOD)
    seen(store, first, MIAMI)
    assert pending_titles(store) == [FLEETWOOD.title]


def test_claimed_articles_are_no_longer_pending(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    feed = store.add_feed(FEED)
    miami = seen(store, feed, MIAMI)
    seen(store, feed, HEPATITIS)
    assert store.claim_deliveries("slack", "C-news", [miami.id]) == [miami.id]
    assert pending_titles(store) == [HEPATITIS.title]


def test_claim_returns_only_ids_not_claimed_before(store: Store) -> None:
    ids = [save(store, article).id for article in (UKRAINE, HEPATITIS, MIAMI)]
    assert store.claim_deliveries("slack", "C-news", ids[:2]) == ids[:2]
    assert store.claim_deliveries("slack", "C-news", [ids[2], ids[1], ids[0], ids[2]]) == [ids[2]]
    assert store.claim_deliveries("slack", "C-news", ids) == []
    assert store.claim_deliveries("slack", "C-other", ids) == ids


def test_claim_skips_unknown_articles(store: Store) -> None:
    article = save(store, UKRAINE)
    assert store.claim_deliveries("slack", "C-news", [9999, article.id]) == [article.id]
    assert store.claim_deliveries("slack", "C-news", []) == []


def test_released_articles_are_pending_again(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    feed = store.add_feed(FEED)
    miami = seen(store, feed, MIAMI)
    store.claim_deliveries("slack", "C-news", [miami.id])
    store.release_deliveries("slack", "C-news", [miami.id])
    assert pending_titles(store) == [MIAMI.title]
    assert store.claim_deliveries("slack", "C-news", [miami.id]) == [miami.id]
