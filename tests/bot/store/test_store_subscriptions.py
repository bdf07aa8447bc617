"""Subscriptions: one per channel and feed, tidied filters, the channel and the feed added on demand."""

from __future__ import annotations

import pytest

from bot.channels import ChannelRef
from bot.store import InvalidFeedUrl, InvalidSubscription, Store
from tests.bot.store.store_samples import FEED, OTHER_FEED

NEWS = ChannelRef("slack", "C-news")


def test_subscribe_adds_the_feed_and_the_channel_with_defaults(store: Store) -> None:
    subscription = store.subscribe(NEWS, "https://Example.com/world/feed/?utm_campaign=rss")
    feed = store.get_feed(FEED)
    assert feed is not None
    assert (subscription.feed_id, subscription.feed_url) == (feed.id, FEED)
    assert (subscription.include, subscription.exclude) == ((), ())
    assert subscription.channel == store.get_channel(NEWS)
    assert (subscription.channel.digest_time, subscription.channel.timezone) == ("07:30", "UTC")


def test_filters_are_kept_and_tidied(store: Store) -> None:
    channel = ChannelRef("discord", "1234567890")
    subscription = store.subscribe(
        channel, FEED, include=["Ukraine", " ukraine ", "", "North  Korea"], exclude=["football"]
    )
    assert subscription.include == ("Ukraine", "North Korea")
    assert subscription.exclude == ("football",)
    assert store.subscriptions(channel) == [subscription]


def test_subscribing_again_replaces_the_filters(store: Store) -> None:
    first = store.subscribe(NEWS, FEED, include=["Ukraine"])
    again = store.subscribe(NEWS, FEED, exclude=["football"])
    assert again.id == first.id
    assert (again.include, again.exclude) == ((), ("football",))
    assert store.subscriptions() == [again]


def test_subscription_follows_the_channel_settings(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    store.update_channel(NEWS, digest_time="18:00", timezone="Europe/Kyiv")
    [subscription] = store.subscriptions(NEWS)
    assert (subscription.channel.digest_time, subscription.channel.timezone) == ("18:00", "Europe/Kyiv")


def test_unknown_platform_is_refused(store: Store) -> None:
    with pytest.raises(InvalidSubscription, match="slack, discord, console"):
        store.subscribe(ChannelRef("teams", "C-news"), FEED)
    assert store.list_feeds() == []


def test_empty_channel_is_refused(store: Store) -> None:
    with pytest.raises(InvalidSubscription, match="needs a channel"):
        store.subscribe(ChannelRef("slack", " "), FEED)


def test_bad_feed_address_is_refused(store: Store) -> None:
    with pytest.raises(InvalidFeedUrl):
        store.subscribe(NEWS, "not a url")
    assert store.list_feeds() == []
    assert store.get_channel(NEWS) is None


def test_subscriptions_filter_by_channel(store: Store) -> None:
    news = store.subscribe(NEWS, FEED)
    other = store.subscribe(NEWS, OTHER_FEED)
    sport = store.subscribe(ChannelRef("slack", "C-sport"), OTHER_FEED)
    console = store.subscribe(ChannelRef("console", "terminal"), FEED)
    assert store.subscriptions() == [news, other, sport, console]
    assert store.subscriptions(NEWS) == [news, other]
    assert store.subscriptions(ChannelRef("discord", "C-news")) == []
    assert store.subscriptions(ChannelRef("console", "terminal")) == [console]


def test_channel_identity_ignores_the_workspace(store: Store) -> None:
    first = store.subscribe(ChannelRef("slack", "C-news", "T01"), FEED)
    again = store.subscribe(NEWS, OTHER_FEED)
    assert again.channel.id == first.channel.id
    assert again.channel.workspace == "T01"
    assert len(store.subscriptions(ChannelRef("slack", "C-news", "T99"))) == 2


def test_unsubscribe_removes_only_that_subscription(store: Store) -> None:
    store.subscribe(NEWS, FEED)
    kept = store.subscribe(ChannelRef("slack", "C-sport"), FEED)
    assert store.unsubscribe(NEWS, "https://example.com/world/feed/")
    assert not store.unsubscribe(NEWS, FEED)
    assert not store.unsubscribe(NEWS, "https://unknown.example/feed")
    assert not store.unsubscribe(ChannelRef("slack", "C-unknown"), FEED)
    assert store.subscriptions() == [kept]
    assert store.get_feed(FEED) is not None
    assert store.get_channel(NEWS) is not None
