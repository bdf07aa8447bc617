"""Subscriptions: validated options, one per channel and feed, the feed added on demand."""

from __future__ import annotations

import pytest

from bot.store import InvalidFeedUrl, InvalidSubscription, Store
from tests.bot.store.store_samples import FEED, OTHER_FEED


def test_subscribe_adds_the_feed_with_defaults(store: Store) -> None:
    subscription = store.subscribe("slack", "C-news", "https://Example.com/world/feed/?utm_campaign=rss")
    feed = store.get_feed(FEED)
    assert feed is not None
    assert (subscription.feed_id, subscription.feed_url) == (feed.id, FEED)
    assert (subscription.timezone, subscription.digest_time) == ("UTC", "08:00")
    assert (subscription.include, subscription.exclude) == ((), ())


def test_options_are_kept_and_tidied(store: Store) -> None:
    subscription = store.subscribe(
        "discord",
        "1234567890",
        FEED,
        include=["Ukraine", " ukraine ", "", "North  Korea"],
        exclude=["football"],
        timezone="Europe/Kyiv",
        digest_time="7:30",
    )
    assert subscription.include == ("Ukraine", "North Korea")
    assert subscription.exclude == ("football",)
    assert (subscription.timezone, subscription.digest_time) == ("Europe/Kyiv", "07:30")
    assert store.subscriptions("discord", "1234567890") == [subscription]


def test_subscribing_again_replaces_the_options(store: Store) -> None:
    first = store.subscribe("slack", "C-news", FEED, include=["Ukraine"])
    again = store.subscribe("slack", "C-news", FEED, digest_time="18:00")
    assert again.id == first.id
    assert (again.include, again.digest_time) == ((), "18:00")
    assert store.subscriptions() == [again]


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "utc", "Europe", "", "../etc/passwd"])
def test_unknown_time_zone_is_refused(store: Store, timezone: str) -> None:
    with pytest.raises(InvalidSubscription, match="IANA"):
        store.subscribe("slack", "C-news", FEED, timezone=timezone)
    assert store.subscriptions() == []


@pytest.mark.parametrize("digest_time", ["25:00", "08:60", "8am", "0800", "", "08:00:00"])
def test_bad_digest_time_is_refused(store: Store, digest_time: str) -> None:
    with pytest.raises(InvalidSubscription, match="HH:MM"):
        store.subscribe("slack", "C-news", FEED, digest_time=digest_time)


def test_unknown_platform_is_refused(store: Store) -> None:
    with pytest.raises(InvalidSubscription, match="slack, discord, console"):
        store.subscribe("teams", "C-news", FEED)


def test_bad_feed_address_is_refused(store: Store) -> None:
    with pytest.raises(InvalidFeedUrl):
        store.subscribe("slack", "C-news", "not a url")
    assert store.list_feeds() == []


def test_subscriptions_filter_by_platform_and_channel(store: Store) -> None:
    news = store.subscribe("slack", "C-news", FEED)
    other = store.subscribe("slack", "C-news", OTHER_FEED)
    sport = store.subscribe("slack", "C-sport", OTHER_FEED)
    console = store.subscribe("console", "terminal", FEED)
    assert store.subscriptions() == [news, other, sport, console]
    assert store.subscriptions("slack") == [news, other, sport]
    assert store.subscriptions("slack", "C-news") == [news, other]
    assert store.subscriptions(channel_id="terminal") == [console]


def test_unsubscribe_removes_only_that_subscription(store: Store) -> None:
    store.subscribe("slack", "C-news", FEED)
    kept = store.subscribe("slack", "C-sport", FEED)
    assert store.unsubscribe("slack", "C-news", "https://example.com/world/feed/")
    assert not store.unsubscribe("slack", "C-news", FEED)
    assert not store.unsubscribe("slack", "C-news", "https://unknown.example/feed")
    assert store.subscriptions() == [kept]
    assert store.get_feed(FEED) is not None
