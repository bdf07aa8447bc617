"""When a channel's digest fires: its 'HH:MM' on its own wall clock, once a local day, across daylight saving.

APScheduler 3.11's CronTrigger reads a time that does not exist (02:30 on a spring-forward day) with the offset
before the gap, i.e. 03:30 local, and fires a repeated time (02:30 on a fall-back day) twice. `DigestTrigger`
fires a missing time at the first valid minute after it (03:00) and a repeated one only at its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

MAX_GAP = timedelta(hours=3)
"""Longer than any daylight-saving gap in the tz database (the longest are 2 hours)."""


class DigestTrigger(CronTrigger):
    """Daily at `hour:minute` wall-clock time in `timezone`; fire times are aware datetimes in that zone."""

    def __init__(self, hour: int, minute: int, timezone: ZoneInfo) -> None:
        super().__init__(hour=hour, minute=minute, timezone=timezone)
        self.zone = timezone

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        candidate: datetime | None = super().get_next_fire_time(previous_fire_time, now)
        while candidate is not None and _is_repeat(candidate):
            candidate = super().get_next_fire_time(candidate, candidate)
        if candidate is None or _exists(candidate):
            return candidate
        fire = _first_valid_minute_after(candidate, self.zone)
        if previous_fire_time is not None and fire <= previous_fire_time:
            return self.get_next_fire_time(candidate, candidate)
        return fire


def digest_trigger(digest_time: str, timezone: str) -> DigestTrigger:
    """`digest_time` is 'HH:MM', `timezone` an IANA name (both checked when the channel's settings were stored)."""
    hour, minute = (int(part) for part in digest_time.split(":"))
    return DigestTrigger(hour, minute, ZoneInfo(timezone))


def fire_time_on(trigger: DigestTrigger, day: date) -> datetime:
    """The digest's fire time on `day` (a local date in the trigger's zone)."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=trigger.zone)
    fire = trigger.get_next_fire_time(None, midnight - timedelta(microseconds=1))
    assert fire is not None  # a daily trigger without an end date always has a next time
    return fire


def local_date(moment: datetime, timezone: ZoneInfo) -> date:
    return moment.astimezone(timezone).date()


def _exists(moment: datetime) -> bool:
    """False for a wall-clock time skipped by a spring-forward gap."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _is_repeat(moment: datetime) -> bool:
    """True for the second occurrence of a wall-clock time repeated by a fall-back change."""
    if moment.fold == 0:
        return False
    return moment.replace(fold=0).utcoffset() != moment.utcoffset()


def _first_valid_minute_after(moment: datetime, zone: ZoneInfo) -> datetime:
    wall = moment.replace(tzinfo=None)
    step = wall
    while step - wall < MAX_GAP:
        step += timedelta(minutes=1)
        candidate = step.replace(tzinfo=zone)
        if _exists(candidate):
            return candidate
    raise ValueError(f"no valid time within {MAX_GAP} after {moment}")
