"""Checks a channel's and a subscription's options before they are stored, so a bad one is refused with a message."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.channels import PLATFORMS, ChannelRef
from bot.store.errors import InvalidSubscription

MAX_STORIES_LIMIT = 50
"""Most stories one digest may hold: a chat message has to stay readable (and within platform limits)."""
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def check_channel(ref: ChannelRef) -> None:
    if ref.platform not in PLATFORMS:
        raise InvalidSubscription(f"Unknown platform {ref.platform!r}: use one of {', '.join(PLATFORMS)}.")
    if not ref.channel_id.strip():
        raise InvalidSubscription("A subscription needs a channel.")


def time_zone(name: str) -> str:
    """The IANA name, trimmed; raises InvalidSubscription for a zone this system does not know."""
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'Europe'
        raise InvalidSubscription(
            f"{name!r} is not a time zone I know: use an IANA name such as Europe/London or America/New_York."
        ) from None
    return name


def time_of_day(value: str) -> str:
    """'HH:MM'; raises InvalidSubscription for anything but 24-hour H:MM or HH:MM."""
    match = _TIME.match(value.strip())
    if not match:
        raise InvalidSubscription(f"{value!r} is not a time of day: use 24-hour HH:MM, such as 08:00 or 17:30.")
    return f"{int(match[1]):02d}:{match[2]}"


def max_stories(value: int) -> int:
    if not 1 <= value <= MAX_STORIES_LIMIT:
        raise InvalidSubscription(f"A digest holds 1 to {MAX_STORIES_LIMIT} stories, not {value}.")
    return value
