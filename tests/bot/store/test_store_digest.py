"""What a channel's digest gets: new entries of its feeds, filtered, oldest first, each article once, never twice."""

from __future__ import annotations

from datetime import timedelta

from bot.channels import ChannelRef
from bot.store import ArticleRecord, FeedRecord, Store
from summaries.model import Article
from tests.bot.store.store_samples import CRIMEA, FEED, FLEETWOOD, HEPATITIS, MIAMI, OTHER_FEED, UKRAINE, save


def seen(store: Store, feed: FeedRecord, article: Article, *, baseline: bool = False) -> ArticleRecord:
    record = save(store, article)
    store.record_entry(feed.id, entry_key=article.url or "", url=article.url, article_id=record.id, baseline=baseline)
    return record


NEWS = ChannelRef("slack", "C-news")


def pending_titles(store: Store, channel: ChannelRef = NEWS) -> list[str | None]:
    return [article.title for article in store.pending_articles(channel)]


def test_baseline_entries_are_never_pending(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, UKRAINE, baseline=True)
    seen(store, feed, HEPATITIS, baseline=True)
    assert store.pending_articles(NEWS) == []


def test_new_entries_are_pending_oldest_first(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, UKRAINE, baseline=True)
    seen(store, feed, MIAMI)
    seen(store, feed, HEPATITIS)
    assert pending_titles(store) == [MIAMI.title, HEPATITIS.title]


def test_pending_is_per_channel(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    feed = store.add_feed(FEED)
    seen(store, feed, MIAMI)
    assert pending_titles(store, ChannelRef("slack", "C-sport")) == []
    assert pending_titles(store, ChannelRef("discord", "C-news")) == []


def test_entries_seen_before_subscribing_are_not_pending(store: Store) -> None:
    feed = store.add_feed(FEED)
    seen(store, feed, MIAMI)
    store.subscribe(NEWS, FEED)
    seen(store, feed, HEPATITIS)
    assert pending_titles(store) == [HEPATITIS.title]


def test_article_in_two_feeds_is_pending_once(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    store.subscribe(NEWS, OTHER_FEED)
    first, second = store.add_feed(FEED), store.add_feed(OTHER_FEED)
    seen(store, first, UKRAINE)
    seen(store, second, UKRAINE)
    assert pending_titles(store) == [UKRAINE.title]


def test_include_keeps_only_matching_articles(store: Store) -> None:
    store.subscribe(NEWS, FEED, include=["ukraine"])
    feed = store.add_feed(FEED)
    for article in (UKRAINE, HEPATITIS, CRIMEA, FLEETWOOD):
        seen(store, feed, article)
    assert pending_titles(store) == [UKRAINE.title, CRIMEA.title]


def test_exclude_drops_matching_articles_even_when_included(store: Store) -> None:
    store.subscribe(NEWS, FEED, include=["Russia", "police"], exclude=["CRIMEA"])
    feed = store.add_feed(FEED)
    for article in (UKRAINE, MIAMI, CRIMEA, FLEETWOOD):
        seen(store, feed, article)
    assert pending_titles(store) == [UKRAINE.title, MIAMI.title]


def test_keywords_match_whole_words_in_title_or_text(store: Store) -> None:
    store.subscribe(NEWS, FEED, include=["League One", "cop"])
    feed = store.add_feed(FEED)
    for article in (MIAMI, FLEETWOOD):
        seen(store, feed, article)
    # FLEETWOOD's title says "League One"; MIAMI's text says "cops", which is not the word "cop".
    assert pending_titles(store) == [FLEETWOOD.title]


def test_filters_apply_per_subscription(store: Store) -> None:
    store.subscribe(NEWS, FEED, include=["hepatitis"])
    store.subscribe(NEWS, OTHER_FEED)
    first, second = store.add_feed(FEED), store.add_feed(OTHER_FEED)
    seen(store, first, FLEETWOOD)
    seen(store, second, FLEETWOOD)
    seen(store, first, MIAMI)
    assert pending_titles(store) == [FLEETWOOD.title]


def test_claimed_articles_are_no_longer_pending(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    feed = store.add_feed(FEED)
    miami = seen(store, feed, MIAMI)
    seen(store, feed, HEPATITIS)
    assert store.claim_deliveries(NEWS, [miami.id]) == [miami.id]
    assert pending_titles(store) == [HEPATITIS.title]


def test_claim_returns_only_ids_not_claimed_before(store: Store) -> None:
    ids = [save(store, article).id for article in (UKRAINE, HEPATITIS, MIAMI)]
    assert store.claim_deliveries(NEWS, ids[:2]) == ids[:2]
    assert store.claim_deliveries(NEWS, [ids[2], ids[1], ids[0], ids[2]]) == [ids[2]]
    assert store.claim_deliveries(NEWS, ids) == []
    assert store.claim_deliveries(ChannelRef("slack", "C-other"), ids) == ids


def test_claim_skips_unknown_articles(store: Store) -> None:
    article = save(store, UKRAINE)
    assert store.claim_deliveries(NEWS, [9999, article.id]) == [article.id]
    assert store.claim_deliveries(NEWS, []) == []


def test_released_articles_are_pending_again(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    feed = store.add_feed(FEED)
    miami = seen(store, feed, MIAMI)
    store.claim_deliveries(NEWS, [miami.id])
    store.release_deliveries(NEWS, [miami.id])
    assert pending_titles(store) == [MIAMI.title]
    assert store.claim_deliveries(NEWS, [miami.id]) == [miami.id]


def test_unconfirmed_claim_is_pending_again_once_stale(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    miami = seen(store, store.add_feed(FEED), MIAMI)
    assert store.claim_deliveries(NEWS, [miami.id]) == [miami.id]
    assert store.pending_articles(NEWS) == []
    assert store.pending_articles(NEWS, stale_after=timedelta(0)) == [miami]
    assert store.claim_deliveries(NEWS, [miami.id]) == []
    assert store.claim_deliveries(NEWS, [miami.id], stale_after=timedelta(0)) == [miami.id]


def test_confirmed_delivery_is_never_pending_again(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    miami = seen(store, store.add_feed(FEED), MIAMI)
    store.claim_deliveries(NEWS, [miami.id])
    store.confirm_deliveries(NEWS, [miami.id])
    assert store.pending_articles(NEWS, stale_after=timedelta(0)) == []
    assert store.claim_deliveries(NEWS, [miami.id], stale_after=timedelta(0)) == []


def test_release_keeps_a_confirmed_delivery(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    miami = seen(store, store.add_feed(FEED), MIAMI)
    store.claim_deliveries(NEWS, [miami.id])
    store.confirm_deliveries(NEWS, [miami.id])
    store.release_deliveries(NEWS, [miami.id])
    assert pending_titles(store) == []


def test_ledger_is_per_channel_not_per_workspace_spelling(store: Store) -> None:
    store.subscribe(ChannelRef("slack", "C-news", "T01"), FEED)
    miami = seen(store, store.add_feed(FEED), MIAMI)
    assert store.claim_deliveries(NEWS, [miami.id]) == [miami.id]
    assert store.pending_articles(ChannelRef("slack", "C-news", "T01")) == []
