"""Where replies and digests go: a channel on a platform, in a workspace (Slack team, Discord guild)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """Identity is (platform, channel_id); workspace is the Slack team id / Discord guild id ('' where none)."""

    platform: str
    channel_id: str
    workspace: str = ""


CONSOLE = ChannelRef("console", "console")
