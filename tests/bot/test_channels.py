"""Channel specs as the CLI takes them: console, platform:CHANNEL or platform:WORKSPACE/CHANNEL."""

from __future__ import annotations

import pytest

from bot.channels import CONSOLE, ChannelRef, parse_channel
from bot.store import InvalidSubscription


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("console", CONSOLE),
        (" slack:C0123 ", ChannelRef("slack", "C0123")),
        ("slack:T01/C0123", ChannelRef("slack", "C0123", "T01")),
        ("discord:42", ChannelRef("discord", "42")),
        ("discord:7/42", ChannelRef("discord", "42", "7")),
    ],
)
def test_channel_specs(spec: str, expected: ChannelRef) -> None:
    assert parse_channel(spec) == expected


@pytest.mark.parametrize(
    "spec", ["slack:", "teams:abc", "", "discord", "slack:/C1", "slack:T1/", "slack:a/b/c", "console:x"]
)
def test_bad_channel_specs_are_refused(spec: str) -> None:
    with pytest.raises(InvalidSubscription, match="is not a channel"):
        parse_channel(spec)
