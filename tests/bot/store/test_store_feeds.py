"""Feeds: one record per canonical URL, poll state kept, removal takes subscriptions and entries but not articles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.channels import ChannelRef
from bot.store import InvalidFeedUrl, Store, UnknownFeed
from tests.bot.store.store_samples import FEED, UKRAINE, save


def test_spellings_of_one_url_are_one_feed(store: Store) -> None:
    first = store.add_feed("https://Example.com/feed/?utm_source=x")
    again = store.add_feed("https://example.com/feed")
    assert first == again
    assert first.url == "https://example.com/feed"
    assert store.list_feeds() == [first]


def test_new_feed_has_no_baseline_and_aware_times(store: Store) -> None:
    feed = store.add_feed(FEED)
    assert not feed.baseline_done
    assert feed.last_polled_at is None
    assert feed.created_at.tzinfo is not None


def test_get_feed_canonicalizes_and_misses_unknown(store: Store) -> None:
    feed = store.add_feed(FEED)
    assert store.get_feed(FEED + "/#top") == feed
    assert store.get_feed("https://example.com/other") is None


def test_update_feed_state_records_the_poll(store: Store) -> None:
    feed = store.add_feed(FEED)
    polled = datetime(2024, 11, 17, 21, 30, tzinfo=UTC)
    updated = store.update_feed_state(
        feed.id, etag='W/"abc"', last_modified="Sun, 17 Nov 2024 21:30:00 GMT", polled_at=polled, baseline_done=True
    )
    assert (updated.etag, updated.last_polled_at, updated.baseline_done) == ('W/"abc"', polled, True)
    assert store.get_feed(FEED) == updated


def test_update_feed_state_keeps_title_and_baseline_unless_given(store: Store) -> None:
    feed = store.add_feed(FEED)
    polled = datetime(2024, 11, 17, tzinfo=UTC)
    store.update_feed_state(
        feed.id, etag=None, last_modified=None, title="World news", polled_at=polled, baseline_done=True
    )
    updated = store.update_feed_state(feed.id, etag=None, last_modified=None, polled_at=polled)
    assert (updated.title, updated.baseline_done) == ("World news", True)


def test_update_of_unknown_feed_is_refused(store: Store) -> None:
    with pytest.raises(UnknownFeed):
        store.update_feed_state(999, etag=None, last_modified=None, polled_at=datetime.now(UTC))


def test_remove_feed_drops_subscriptions_and_entries_but_keeps_articles(store: Store) -> None:
    store.subscribe(ChannelRef("slack", "C-news"), FEED)
    feed = store.add_feed(FEED)
    article = save(store, UKRAINE)
    store.record_entry(feed.id, entry_key="guid-1", url=UKRAINE.url, article_id=article.id, baseline=False)

    assert store.remove_feed("https://EXAMPLE.com/world/feed/")

    assert store.list_feeds() == []
    assert store.subscriptions() == []
    assert not store.has_entry(feed.id, "guid-1")
    assert store.find_article(url=UKRAINE.url) == article


def test_removing_an_unknown_feed_says_so(store: Store) -> None:
    assert not store.remove_feed(FEED)


@pytest.mark.parametrize("url", ["example.com/feed", "ftp://example.com/feed", "feed"])
def test_feed_address_must_be_http(store: Store, url: str) -> None:
    with pytest.raises(InvalidFeedUrl, match="https://"):
        store.add_feed(url)
