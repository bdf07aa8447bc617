"""Checks a subscription's options before they are stored, so a bad one is refused with a message, not kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.store.errors import InvalidSubscription
from bot.store.filters import clean_keywords

PLATFORMS = ("slack", "discord", "console")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class SubscriptionOptions:
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    timezone: str
    digest_time: str


def check_channel(platform: str, channel_id: str) -> None:
    if platform not in PLATFORMS:
        raise InvalidSubscription(f"Unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}.")
    if not channel_id.strip():
        raise InvalidSubscription("A subscription needs a channel.")


def parse_options(
    *, include: Sequence[str], exclude: Sequence[str], timezone: str, digest_time: str
) -> SubscriptionOptions:
    """Raises InvalidSubscription for an unknown time zone or a time that is not 24-hour H:MM or HH:MM."""
    return SubscriptionOptions(
        include=clean_keywords(include),
        exclude=clean_keywords(exclude),
        timezone=_time_zone(timezone),
        digest_time=_time_of_day(digest_time),
    )


def _time_zone(name: str) -> str:
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'Europe'
        raise InvalidSubscription(
            f"{name!r} is not a time zone I know: use an IANA name such as Europe/London or America/New_York."
        ) from None
    return name


def _time_of_day(value: str) -> str:
    match = _TIME.match(value.strip())
    if not match:
        raise InvalidSubscription(f"{value!r} is not a time of day: use 24-hour HH:MM, such as 08:00 or 17:30.")
    return f"{int(match[1]):02d}:{match[2]}"
