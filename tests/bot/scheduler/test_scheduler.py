"""The scheduler's behaviour, with the clock set by the test: jobs follow channel changes, catch-up within the
grace, older misses folded into the next digest, keyword filters, cross-feed merge, failures retried then paused."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape

from bot.channels import CONSOLE, ChannelRef
from bot.commands import ListFeeds
from bot.replies import FeedsReply
from bot.scheduler.digests import DigestScheduler, Outcome, job_id
from bot.services import Where, handle, list_feeds
from bot.services.polling import poll
from bot.services.runtime import PostFailed
from tests.fakes.feeds import Item, rss2

RSS = [("Content-Type", "application/rss+xml; charset=utf-8")]
SLACK = ChannelRef("slack", "C1", "T1")


def item(n, text, *, title=None, link=None):
    body = "".join(f"<p>{escape(p)}</p>" for p in text.split(". "))
    return Item(
        title or " ".join(text.split()[:8]), link or f"https://news.example.com/s-{n}", f"g-{n}", body_html=body
    )


async def setup_feed(runtime, pages, rows, channel=CONSOLE, *, path="/rss", at="07:30", zone="UTC", **subscribe):
    """A channel subscribed to a feed whose first poll was the baseline; then `rows` are new in it."""
    store = await runtime.store()
    store.subscribe(channel, pages.url(path), **subscribe)
    store.update_channel(channel, digest_time=at, timezone=zone)
    pages.serve(path, body=rss2([]).encode(), headers=RSS)
    await poll(runtime)
    pages.serve(path, body=rss2([item(n, r["article"]) for n, r in enumerate(rows)]).encode(), headers=RSS)


async def test_jobs_follow_new_changed_and_removed_channels(runtime, pages, clock):
    store = await runtime.store()
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    assert scheduler.scheduler.get_job(job_id(SLACK)) is None
    store.subscribe(SLACK, pages.url("/rss"))
    store.update_channel(SLACK, digest_time="07:30", timezone="Europe/Berlin")
    await scheduler.sync()
    trigger = scheduler.scheduler.get_job(job_id(SLACK)).trigger
    now = clock.set("2026-07-01", "12:00")
    assert trigger.get_next_fire_time(None, now).isoformat() == "2026-07-02T07:30:00+02:00"
    store.update_channel(SLACK, digest_time="06:15", timezone="Asia/Tokyo")
    await scheduler.sync()
    trigger = scheduler.scheduler.get_job(job_id(SLACK)).trigger
    assert trigger.get_next_fire_time(None, now).isoformat() == "2026-07-02T06:15:00+09:00"
    store.unsubscribe(SLACK, pages.url("/rss"))
    await scheduler.sync()
    assert scheduler.scheduler.get_job(job_id(SLACK)) is None


async def test_a_digest_missed_while_down_is_posted_on_start_within_the_grace(
    runtime, pages, clock, recorder, cnndm_rows
):
    await setup_feed(runtime, pages, cnndm_rows[:2], at="07:30", zone="America/New_York")
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "12:59", "America/New_York")  # 5 h 29 min late: within the 6 h grace
    assert await scheduler.sweep() == {CONSOLE: Outcome.POSTED}
    assert recorder.digests()[0].date == "2026-11-26" and len(recorder.urls()) == 2


async def test_older_misses_fold_into_the_next_digest(runtime, pages, clock, recorder, cnndm_rows):
    await setup_feed(runtime, pages, cnndm_rows[:2], at="07:30", zone="Europe/Berlin")
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "13:31", "Europe/Berlin")  # 6 h 1 min late: beyond the grace
    assert await scheduler.sweep() == {}
    assert await scheduler.run_digest(CONSOLE) == Outcome.MISSED
    pages.serve("/rss", body=rss2([item(n, r["article"]) for n, r in enumerate(cnndm_rows[:3])]).encode(), headers=RSS)
    clock.set("2026-11-27", "07:30", "Europe/Berlin")
    assert await scheduler.sweep() == {CONSOLE: Outcome.POSTED}
    assert len(recorder.digests()) == 1 and len(recorder.urls()) == 3


async def test_keyword_filters_choose_the_stories(runtime, pages, clock, recorder, cnndm_rows):
    rows = cnndm_rows[:6]  # "police" is in rows 1 and 2, "football" in row 3
    await setup_feed(runtime, pages, rows, include=["police"], exclude=["football"])
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "07:30")
    await scheduler.sweep()
    assert sorted(recorder.urls()) == ["https://news.example.com/s-1", "https://news.example.com/s-2"]


async def test_one_story_from_two_feeds_is_one_story_with_both_sources(runtime, pages, clock, recorder, cnndm_rows):
    text = cnndm_rows[7]["article"]
    edited = text.replace(". ", ". Officials confirmed this on Tuesday. ", 1)
    store = await runtime.store()
    for path in ("/a", "/b"):
        store.subscribe(CONSOLE, pages.url(path))
        pages.serve(path, body=rss2([]).encode(), headers=RSS)
    await poll(runtime)
    pages.serve("/a", body=rss2([item(1, text)]).encode(), headers=RSS)
    other = item(2, edited, title="Another outlet's headline", link="https://other.example.org/news/2")
    pages.serve("/b", body=rss2([other, item(3, cnndm_rows[8]["article"])]).encode(), headers=RSS)
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "08:00")
    await scheduler.sweep()
    [digest] = recorder.digests()
    merged = digest.stories[0]  # carried by two feeds: the most important
    assert {s.feed for s in merged.sources} == {pages.url("/a"), pages.url("/b")}
    assert {s.guid for s in merged.sources} == {"g-1", "g-2"}
    assert len(digest.stories) + len(digest.more) == 2


async def test_failed_posts_are_retried_with_backoff_then_the_digest_pauses_until_a_command_works(
    runtime, pages, clock, recorder, cnndm_rows
):
    await setup_feed(runtime, pages, cnndm_rows[:1])
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    recorder.fail = PostFailed("the channel was deleted or the bot was removed from it")
    start = clock.set("2026-11-26", "07:30")
    assert await scheduler.sweep() == {CONSOLE: Outcome.FAILED}
    outcomes = []
    for minutes in range(1, 20):  # the sweep runs every minute; retries come after 1, 2 and 4 minutes
        clock.now = start + timedelta(minutes=minutes)
        outcomes += [(minutes, o) for o in (await scheduler.sweep()).values()]
    assert outcomes == [(1, Outcome.FAILED), (3, Outcome.FAILED), (7, Outcome.PAUSED)]
    assert scheduler.scheduler.get_job(job_id(CONSOLE)) is None
    listing = await list_feeds(runtime, CONSOLE)
    assert "the channel was deleted or the bot was removed from it" in listing.summary
    assert "paused" in listing.summary

    recorder.fail = None
    replies = []

    async def post(reply):
        replies.append(reply)

    await handle(runtime, ListFeeds(), Where(CONSOLE), post)
    assert isinstance(replies[0], FeedsReply) and replies[0].paused
    assert (await list_feeds(runtime, CONSOLE)).paused is None
    await scheduler.sync()
    clock.set("2026-11-27", "07:30")
    assert await scheduler.sweep() == {CONSOLE: Outcome.POSTED}
    assert len(recorder.urls()) == 1  # the story that failed to post comes the next day


async def test_a_quiet_channel_gets_no_message_when_nothing_is_new(runtime, pages, clock, recorder):
    store = await runtime.store()
    await setup_feed(runtime, pages, [])
    store.update_channel(CONSOLE, quiet_when_empty=True)
    scheduler = DigestScheduler(runtime, clock=clock)
    await scheduler.sync()
    clock.set("2026-11-26", "07:30")
    assert await scheduler.sweep() == {CONSOLE: Outcome.EMPTY}
    assert recorder.posts == []


def test_the_console_digest_prints_json_with_real_sources(tmp_path, capsys, monkeypatch, seed):
    from bot.cli import main
    from bot.fingerprints import content_hash
    from bot.store import Store

    url = f"sqlite:///{tmp_path / 'briefbot.db'}"
    with Store.open(url) as store:
        store.subscribe(CONSOLE, "https://news.example.com/rss")
        feed = store.get_feed("https://news.example.com/rss")
        record, _ = store.save_article(seed, content_hash=content_hash(seed.text))
        store.record_entry(
            feed.id, entry_key="g-1", guid="g-1", url="https://news.example.com/a?utm_source=x", article_id=record.id,
            baseline=False,
        )  # fmt: skip
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    assert main(["digest", "--channel", "console", "--format", "json"]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(row) == {"title", "url", "sources", "briefing", "quote"}
    assert row["sources"] == [
        {"feed": "https://news.example.com/rss", "guid": "g-1", "link": "https://news.example.com/a"}
    ]
    assert row["briefing"] and row["quote"]["speaker"]
