"""Fire times computed from the triggers, never waited for: several zones, both daylight-saving changes."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler.triggers import digest_trigger, fire_time_on

UTC = ZoneInfo("UTC")


def fire_times(digest_time, zone, start, count):
    trigger = digest_trigger(digest_time, zone)
    times, previous, now = [], None, start
    for _ in range(count):
        previous = now = trigger.get_next_fire_time(previous, now)
        times.append(previous)
    return times


def wall(times):
    return [t.strftime("%Y-%m-%d %H:%M %z") for t in times]


def test_a_berlin_digest_keeps_0730_local_across_spring_forward():
    start = datetime(2026, 3, 28, 8, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wall(fire_times("07:30", "Europe/Berlin", start, 3)) == [
        "2026-03-29 07:30 +0200",
        "2026-03-30 07:30 +0200",
        "2026-03-31 07:30 +0200",
    ]


def test_a_berlin_digest_keeps_0730_local_across_fall_back():
    start = datetime(2026, 10, 24, 8, tzinfo=ZoneInfo("Europe/Berlin"))
    times = fire_times("07:30", "Europe/Berlin", start, 2)
    assert wall(times) == ["2026-10-25 07:30 +0100", "2026-10-26 07:30 +0100"]
    before = datetime(2026, 10, 24, 7, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert times[0].astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=25)


def test_a_time_missing_on_spring_forward_day_fires_at_the_first_valid_minute_after_it():
    start = datetime(2026, 3, 28, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wall(fire_times("02:30", "Europe/Berlin", start, 3)) == [
        "2026-03-29 03:00 +0200",
        "2026-03-30 02:30 +0200",
        "2026-03-31 02:30 +0200",
    ]


def test_a_time_repeated_on_fall_back_day_fires_once():
    start = datetime(2026, 10, 24, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wall(fire_times("02:30", "Europe/Berlin", start, 3)) == [
        "2026-10-25 02:30 +0200",
        "2026-10-26 02:30 +0100",
        "2026-10-27 02:30 +0100",
    ]


def test_a_new_york_digest_skips_nothing_when_the_clocks_go_forward():
    start = datetime(2026, 3, 7, 12, tzinfo=ZoneInfo("America/New_York"))
    assert wall(fire_times("02:15", "America/New_York", start, 3)) == [
        "2026-03-08 03:00 -0400",
        "2026-03-09 02:15 -0400",
        "2026-03-10 02:15 -0400",
    ]


@pytest.mark.parametrize(
    ("zone", "expected_utc"),
    [
        ("Asia/Kolkata", "2026-01-15 02:00"),
        ("Australia/Sydney", "2026-01-14 20:30"),  # summer time (+11)
        ("America/Los_Angeles", "2026-01-15 15:30"),
        ("UTC", "2026-01-15 07:30"),
    ],
)
def test_each_zone_fires_at_its_own_0730(zone, expected_utc):
    fire = fire_time_on(digest_trigger("07:30", zone), date(2026, 1, 15))
    assert fire.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == expected_utc
    assert fire.astimezone(ZoneInfo(zone)).strftime("%H:%M") == "07:30"


def test_a_year_of_berlin_mornings_fires_once_every_local_day():
    start = datetime(2026, 1, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    times = fire_times("02:30", "Europe/Berlin", start, 365)
    days = [t.date() for t in times]
    assert days == [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    assert all(b > a for a, b in itertools.pairwise(times))
