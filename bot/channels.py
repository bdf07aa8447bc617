"""Where replies and digests go: a chat channel on one platform, or the terminal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

PLATFORMS = ("slack", "discord", "console")


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """Where replies and digests go. Identity is (platform, channel_id); workspace is the Slack team id / Discord
    guild id ('' where none)."""

    platform: str
    """"slack", "discord" or "console"."""
    channel_id: str
    workspace: str = ""


CONSOLE = ChannelRef("console", "console")


def parse_channel(spec: str) -> ChannelRef:
    """'console', 'slack:C0123', 'slack:T01/C0123' (workspace/channel), 'discord:1234' or 'discord:GUILD/CHANNEL'.

    Raises InvalidSubscription with a message for the user otherwise.
    """
    platform, _, rest = spec.strip().partition(":")
    if platform == CONSOLE.platform and not rest:
        return CONSOLE
    workspace, _, channel_id = rest.rpartition("/")
    if platform not in PLATFORMS or platform == CONSOLE.platform or not channel_id or "/" in workspace:
        _refuse(spec)
    if "/" in rest and not workspace:
        _refuse(spec)
    return ChannelRef(platform, channel_id, workspace)


def _refuse(spec: str) -> NoReturn:
    # Imported here: the store's package pulls in SQLAlchemy, which a channel spec never needs.
    from bot.store.errors import InvalidSubscription

    raise InvalidSubscription(
        f"{spec!r} is not a channel: use console, slack:CHANNEL_ID, slack:TEAM_ID/CHANNEL_ID, discord:CHANNEL_ID "
        "or discord:GUILD_ID/CHANNEL_ID."
    )
