"""Channels: created on demand with the default digest settings, changed field by field, checked before stored."""

from __future__ import annotations

import pytest

from bot.channels import ChannelRef
from bot.store import InvalidSubscription, Store
from tests.bot.store.store_samples import FEED, OTHER_FEED

NEWS = ChannelRef("slack", "C-news", "T01")


def test_new_channel_has_the_default_settings(store: Store) -> None:
    channel = store.ensure_channel(NEWS)
    assert (channel.platform, channel.workspace, channel.channel_id) == ("slack", "T01", "C-news")
    assert (channel.digest_time, channel.timezone, channel.digest_enabled) == ("07:30", "UTC", True)
    assert (channel.quiet_when_empty, channel.max_stories) == (False, 8)
    assert channel.ref == NEWS
    assert channel.created_at.tzinfo is not None


def test_ensure_is_idempotent(store: Store) -> None:
    assert store.ensure_channel(NEWS) == store.ensure_channel(NEWS) == store.get_channel(NEWS)


def test_unknown_channel_is_none(store: Store) -> None:
    assert store.get_channel(NEWS) is None


def test_update_changes_only_what_is_given(store: Store) -> None:
    store.update_channel(NEWS, digest_time="6:05", timezone="America/New_York")
    channel = store.update_channel(NEWS, digest_enabled=False, quiet_when_empty=True, max_stories=3)
    assert (channel.digest_time, channel.timezone) == ("06:05", "America/New_York")
    assert (channel.digest_enabled, channel.quiet_when_empty, channel.max_stories) == (False, True, 3)
    assert store.get_channel(NEWS) == channel


def test_update_records_a_workspace_learned_later(store: Store) -> None:
    store.ensure_channel(ChannelRef("slack", "C-news"))
    assert store.update_channel(NEWS).workspace == "T01"
    assert store.update_channel(ChannelRef("slack", "C-news")).workspace == "T01"


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "utc", "Europe", "", "../etc/passwd"])
def test_unknown_time_zone_is_refused(store: Store, timezone: str) -> None:
    with pytest.raises(InvalidSubscription, match="IANA"):
        store.update_channel(NEWS, timezone=timezone)
    assert store.get_channel(NEWS) is None


@pytest.mark.parametrize("digest_time", ["25:00", "08:60", "8am", "0800", "", "08:00:00"])
def test_bad_digest_time_is_refused(store: Store, digest_time: str) -> None:
    with pytest.raises(InvalidSubscription, match="HH:MM"):
        store.update_channel(NEWS, digest_time=digest_time)


@pytest.mark.parametrize("count", [0, -1, 51])
def test_max_stories_out_of_range_is_refused(store: Store, count: int) -> None:
    with pytest.raises(InvalidSubscription, match="stories"):
        store.update_channel(NEWS, max_stories=count)


def test_list_channels_gives_those_that_follow_a_feed(store: Store) -> None:
    store.ensure_channel(ChannelRef("slack", "C-idle"))
    sport = store.subscribe(ChannelRef("discord", "42"), OTHER_FEED).channel
    news = store.subscribe(NEWS, FEED).channel
    store.subscribe(NEWS, OTHER_FEED)
    assert store.list_channels() == [sport, news]
    store.unsubscribe(ChannelRef("discord", "42"), OTHER_FEED)
    assert store.list_channels() == [news]
