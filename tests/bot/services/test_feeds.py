"""Following feeds for a channel: filters per subscription, one digest time per channel."""

from __future__ import annotations

import pytest

from bot.channels import ChannelRef
from bot.services import follow, list_feeds, unfollow
from bot.store import InvalidSubscription

CHANNEL = ChannelRef("discord", "555", "999")


async def test_follow_list_unfollow(runtime):
    notice = await follow(runtime, "https://news.example.com/rss", CHANNEL, only=["climate"], at="06:45")
    assert "06:45 (UTC)" in notice.text and "only climate" in notice.text
    await follow(runtime, "https://other.example.com/atom", CHANNEL, timezone="Europe/Berlin")
    listing = await list_feeds(runtime, CHANNEL)
    assert [f.url for f in listing.feeds] == ["https://news.example.com/rss", "https://other.example.com/atom"]
    assert (listing.digest_time, listing.timezone) == ("06:45", "Europe/Berlin")  # one schedule per channel
    assert listing.feeds[0].only == ("climate",)
    assert "Unsubscribed" in (await unfollow(runtime, "https://news.example.com/rss", CHANNEL)).text
    assert "was not subscribed" in (await unfollow(runtime, "https://news.example.com/rss", CHANNEL)).text
    assert [f.url for f in (await list_feeds(runtime, CHANNEL)).feeds] == ["https://other.example.com/atom"]


async def test_a_bad_time_zone_stores_nothing(runtime):
    with pytest.raises(InvalidSubscription, match="not a time zone"):
        await follow(runtime, "https://news.example.com/rss", CHANNEL, timezone="Mars/Olympus")
    assert (await list_feeds(runtime, CHANNEL)).feeds == ()


async def test_without_a_channel_the_feed_is_only_followed(runtime):
    assert (await follow(runtime, "www.example.com/rss")).text == "Following https://www.example.com/rss."
    assert [f.url for f in (await list_feeds(runtime)).feeds] == ["https://www.example.com/rss"]
    assert "Stopped following" in (await unfollow(runtime, "https://www.example.com/rss")).text
