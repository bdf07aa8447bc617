"""A feed replayed on loopback, snapshot after snapshot, as real feeds behave: items re-dated, re-GUIDed,
re-linked (tracking parameters, http for https, a trailing slash), retitled, dropped and brought back. After each
snapshot the scheduler polls and posts the day's digest: every new story exactly once, no baseline story ever."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from bot.channels import CONSOLE
from bot.scheduler.digests import DigestScheduler, Outcome
from tests.fakes.feeds import Item, rss2

RSS = [("Content-Type", "application/rss+xml; charset=utf-8")]
BERLIN = "Europe/Berlin"


def items_from(rows):
    """Full-text items (the article is in the feed), one a row, on https links with stable GUIDs."""
    made = {}
    for n, row in enumerate(rows):
        text = row["article"]
        title = " ".join(text.split()[:9])
        body = "".join(f"<p>{escape(p)}</p>" for p in text.split(". "))
        made[n] = Item(title, f"https://news.example.com/2026/story-{n}", f"guid-{n}", body_html=body)
    return made


async def test_every_new_story_is_posted_once_and_no_baseline_story_ever(runtime, pages, clock, recorder, cnndm_rows):
    it = items_from(cnndm_rows[:9])
    store = await runtime.store()
    store.subscribe(CONSOLE, pages.url("/rss"))
    store.update_channel(CONSOLE, digest_time="07:30", timezone=BERLIN)
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()

    def redated(item, day):
        return replace(item, date=f"{day} Mar 2026 06:00:00 GMT")

    snapshots = [
        # Day 1, the baseline: 0 and 1 were there when the channel subscribed.
        ("2026-03-27", [it[0], it[1]], set()),
        # 0 re-dated; 2 is new.
        ("2026-03-28", [redated(it[0], 28), it[1], it[2]], {2}),
        # Spring forward. 0 under a new GUID; 1 re-linked with tracking and http; 2 retitled; 3 new.
        (
            "2026-03-29",
            [
                replace(it[0], guid="urn:new:0"),
                replace(it[1], link="http://news.example.com/2026/story-1/?utm_source=rss&utm_medium=feed"),
                replace(it[2], title="UPDATED: " + it[2].title),
                it[3],
            ],
            {3},
        ),
        # 0 and 1 vanish; 4 is new, and 5 is new twice over (the same text under a second GUID and link).
        (
            "2026-03-30",
            [it[2], it[3], it[4], it[5], replace(it[5], guid="dup-5", link="https://news.example.com/amp/story-5/")],
            {4, 5},
        ),
        # 0 and 1 come back under their first GUIDs; 3 re-linked with a trailing slash and a new GUID; 6 new.
        ("2026-03-31", [it[0], it[1], it[2], replace(it[3], guid="g3b", link=it[3].link + "/"), it[6]], {6}),
    ]
    for day, items, expected in snapshots:
        pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
        before = len(recorder.urls())
        clock.set(day, "07:31", BERLIN)
        outcomes = await scheduler.sweep()
        assert set(outcomes.values()) == {Outcome.POSTED if expected else Outcome.EMPTY}, day
        got = {url.rsplit("-", 1)[1] for url in recorder.urls()[before:] if url}
        assert got == {str(n) for n in expected}, day
        again = await scheduler.sweep()  # the same local day: nothing more
        assert Outcome.POSTED not in again.values()

    urls = recorder.urls()
    assert len(urls) == len(set(urls)) == 5
    assert len(recorder.digests()) == 5  # one a local day: the empty first day says so in one line
    assert recorder.digests()[0].header == "Nothing new since the last digest."
