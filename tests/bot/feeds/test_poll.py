"""Polling real feeds and real pages served on 127.0.0.1 into a real SQLite file."""

from __future__ import annotations

import pytest

from bot.briefing import Briefer, cache_key
from bot.channels import ChannelRef
from bot.feeds.poll import FeedPoller, PollOptions
from bot.fingerprints import content_hash
from bot.sources import fetch_article
from bot.store import Store
from bot.web import FetchLimits
from summaries.engine import OfflineEngine
from tests.conftest import SHARED
from tests.fakes.feeds import Item, atom, broken_rss, rdf, rss2

PAGES = SHARED / "data" / "html-pages"
REAL_PAGES = ["bbc.com.52241221.html", "reuters.com.parasite.html", "edition.cnn.com-royal.html"]
HTML = [("Content-Type", "text/html; charset=utf-8")]
RSS = [("Content-Type", "application/rss+xml; charset=utf-8")]
LOCAL = FetchLimits(allow_private=True)


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'briefbot.db'}") as opened:
        yield opened


def page_bytes(name: str) -> bytes:
    if not PAGES.exists():
        pytest.skip("../shared/data is not beside the repository")
    return (PAGES / name).read_bytes()


def serve_pages(pages, names=REAL_PAGES):
    for name in names:
        pages.serve(f"/news/{name}", body=page_bytes(name), headers=HTML)
    return [Item(f"Story {name}", pages.url(f"/news/{name}"), f"guid-{name}") for name in names]


def poller(store, options=None):
    options = options or PollOptions()
    return FeedPoller(store, Briefer(OfflineEngine(), store), limits=LOCAL, options=options)


async def test_first_poll_is_a_baseline_and_later_items_are_new(pages, store):
    items = serve_pages(pages)
    pages.serve("/rss", body=rss2(items[:2]).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [first] = await poller(store).poll_all()
    assert (first.baseline, first.new, first.error) == (2, 0, None)
    assert store.pending_articles(ChannelRef("console", "console")) == []

    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    [second] = await poller(store).poll_all()
    assert (second.new, second.seen) == (1, 2)
    [pending] = store.pending_articles(ChannelRef("console", "console"))
    assert pending.url == pages.url("/news/edition.cnn.com-royal.html")
    assert pending.title and "royal" in pending.text.lower()


async def test_latest_n_on_first_poll_counts_as_new(pages, store):
    items = serve_pages(pages)
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=1)).poll_all()
    assert (outcome.new, outcome.baseline) == (1, 2)
    assert [a.url for a in store.pending_articles(ChannelRef("console", "console"))] == [items[0].link]


async def test_new_articles_are_briefed_into_the_cache(pages, store):
    items = serve_pages(pages, REAL_PAGES[:1])
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.add_feed(pages.url("/rss"))
    await poller(store, PollOptions(first_poll_latest=5, sentences=3)).poll_all()
    article = store.find_article(url=items[0].link)
    cached = store.cached_briefing(cache_key(OfflineEngine(), article.content_hash, 3))
    assert cached is not None and len(cached[0].sentences) == 3


async def test_redated_and_reguided_item_is_not_new(pages, store):
    items = serve_pages(pages, REAL_PAGES[:1])
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    await poller(store, PollOptions(first_poll_latest=5)).poll_all()
    pending = store.pending_articles(ChannelRef("console", "console"))
    assert len(store.claim_deliveries(ChannelRef("console", "console"), [a.id for a in pending])) == 1

    same = items[0]
    # The same story under a new GUID and date, and again under another URL carrying the same page.
    pages.serve("/news/copy.html", body=page_bytes(REAL_PAGES[0]), headers=HTML)
    redated = [
        Item(same.title, same.link + "?utm_source=twitter", "guid-new", date="Tue, 19 Nov 2024 09:30:00 GMT"),
        Item(same.title, pages.url("/news/copy.html"), "guid-newer", date="Wed, 20 Nov 2024 10:00:00 GMT"),
    ]
    pages.serve("/rss", body=rss2(redated).encode(), headers=RSS)
    [outcome] = await poller(store).poll_all()
    assert (outcome.new, outcome.seen) == (0, 1)  # one title and description: one story, listed twice
    assert store.pending_articles(ChannelRef("console", "console")) == []


async def test_conditional_get_uses_the_etag(pages, store):
    pages.serve("/rss", body=rss2([]).encode(), headers=[*RSS, ("ETag", '"v1"')])
    store.add_feed(pages.url("/rss"))
    await poller(store).poll_all()
    pages.serve("/rss", status=304, headers=[("ETag", '"v1"')])
    [outcome] = await poller(store).poll_all()
    assert outcome.not_modified
    assert pages.requests[-1].headers["if-none-match"] == '"v1"'


async def test_malformed_feed_is_reported_and_other_feeds_still_polled(pages, store):
    items = serve_pages(pages, REAL_PAGES[:1])
    pages.serve("/bad", body=b"<html><body>This is not a feed</body></html>", headers=HTML)
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.add_feed(pages.url("/bad"))
    store.add_feed(pages.url("/rss"))
    outcomes = {o.feed_url: o for o in await poller(store).poll_all()}
    assert "not a feed" in outcomes[pages.url("/bad")].error
    assert outcomes[pages.url("/rss")].baseline == 1


async def test_entry_that_fails_is_retried_next_poll_with_a_full_fetch(pages, store):
    pages.serve("/news/busy.html", status=503)
    feed = rss2([Item("Busy", pages.url("/news/busy.html"), "g-busy")]).encode()
    pages.serve("/rss", body=feed, headers=[*RSS, ("ETag", '"v1"')])
    store.add_feed(pages.url("/rss"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=1)).poll_all()
    assert outcome.failed == 1 and "503" in outcome.problems[0]
    assert not store.has_entry(store.list_feeds()[0].id, "g-busy")
    await poller(store).poll_all()
    assert "if-none-match" not in pages.requests[-2].headers  # the feed itself was fetched in full again


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        ("/news/gone.html", 404, b""),
        ("/news/js.html", 200, b"<html><body><p>Please enable JavaScript.</p></body></html>"),
    ],
)
async def test_entry_gone_for_good_is_skipped_once_not_fetched_every_poll(pages, store, path, status, body):
    pages.serve(path, status=status, body=body, headers=HTML)
    pages.serve("/rss", body=rss2([Item("Lost", pages.url(path), "g-lost")]).encode(), headers=RSS)
    store.add_feed(pages.url("/rss"))
    [first] = await poller(store, PollOptions(first_poll_latest=1)).poll_all()
    assert (first.skipped, first.failed) == (1, 0)
    [second] = await poller(store).poll_all()
    assert second.seen == 1
    assert [r.path for r in pages.requests].count(path) == 1


async def test_first_poll_records_failed_entries_as_baseline_so_they_never_flood_in(pages, store):
    pages.serve("/rss", body=rss2([Item("Gone", pages.url("/news/missing.html"), "g-gone")]).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [first] = await poller(store).poll_all()
    assert (first.baseline, first.failed) == (1, 0)
    pages.serve("/news/missing.html", body=page_bytes(REAL_PAGES[0]), headers=HTML)
    [second] = await poller(store).poll_all()
    assert second.seen == 1
    assert store.pending_articles(ChannelRef("console", "console")) == []


async def test_article_briefed_by_hand_still_reaches_the_digest_when_a_feed_lists_it(pages, store):
    [item] = serve_pages(pages, REAL_PAGES[:1])
    pages.serve("/rss", body=rss2([]).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    await poller(store).poll_all()  # baseline: an empty feed
    known = await fetch_article(item.link, limits=LOCAL)
    store.save_article(known, content_hash=content_hash(known.text))  # what `briefbot brief URL` stores
    pages.serve("/rss", body=rss2([item]).encode(), headers=RSS)
    [outcome] = await poller(store).poll_all()
    assert outcome.new == 1
    assert [a.url for a in store.pending_articles(ChannelRef("console", "console"))] == [item.link]


async def test_one_story_in_two_feeds_reaches_channels_of_either_once(pages, store):
    [item] = serve_pages(pages, REAL_PAGES[:1])
    for path in ("/one", "/two"):
        pages.serve(path, body=rss2([]).encode(), headers=RSS)
    store.subscribe(ChannelRef("slack", "C1"), pages.url("/one"))
    store.subscribe(ChannelRef("slack", "C2"), pages.url("/two"))
    store.subscribe(ChannelRef("slack", "C2"), pages.url("/one"))
    await poller(store).poll_all()
    for path in ("/one", "/two"):
        pages.serve(path, body=rss2([item]).encode(), headers=RSS)
    await poller(store).poll_all()
    assert len(store.pending_articles(ChannelRef("slack", "C1"))) == 1
    assert len(store.pending_articles(ChannelRef("slack", "C2"))) == 1


@pytest.mark.parametrize(
    ("render", "content_type"),
    [
        (atom, "application/atom+xml"),
        (rdf, "application/rdf+xml"),
        (broken_rss, "text/xml; charset=utf-8"),  # declares iso-8859-1, unclosed tags, double-escaped titles
    ],
)
async def test_atom_rdf_and_broken_feeds_served_on_loopback(pages, store, render, content_type):
    items = serve_pages(pages, REAL_PAGES[:2])
    pages.serve("/feed", body=render(items).encode("utf-8"), headers=[("Content-Type", content_type)])
    store.subscribe(ChannelRef("console", "console"), pages.url("/feed"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=5)).poll_all()
    assert (outcome.new, outcome.error) == (2, None)
    assert {a.url for a in store.pending_articles(ChannelRef("console", "console"))} == {i.link for i in items}


async def test_feed_is_fetched_at_the_address_given_not_its_canonical_form(pages, store):
    pages.serve("/feed/?ref=home", body=rss2([]).encode(), headers=RSS)  # this site answers nothing else
    feed = store.add_feed(pages.url("/feed/?ref=home"))
    assert feed.url == pages.url("/feed")
    [outcome] = await poller(store).poll_all()
    assert outcome.error is None
    assert pages.requests[-1].path == "/feed/?ref=home"


async def test_first_poll_records_the_baseline_from_the_feed_alone(pages, store):
    items = serve_pages(pages)
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [outcome] = await poller(store).poll_all()
    assert outcome.baseline == 3
    assert [r.path for r in pages.requests] == ["/rss"]


async def test_one_item_listed_a_thousand_times_is_fetched_and_counted_once(pages, store):
    [item] = serve_pages(pages, REAL_PAGES[:1])
    pages.serve("/rss", body=rss2([item] * 1000).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=1000)).poll_all()
    assert (outcome.new, outcome.seen, outcome.baseline) == (1, 0, 0)
    assert len([r for r in pages.requests if r.path != "/rss"]) == 1


async def test_same_title_and_description_under_another_guid_and_link_is_not_new(pages, store):
    first, second = serve_pages(pages, REAL_PAGES[:2])
    teaser = "Officials said on Monday that the plan would go ahead despite the protests."
    story = Item("Plan goes ahead", first.link, "guid-1", teaser=teaser)
    pages.serve("/rss", body=rss2([story]).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    await poller(store, PollOptions(first_poll_latest=5)).poll_all()
    again = Item("Plan goes ahead", second.link, "guid-2", teaser=teaser)
    pages.serve("/rss", body=rss2([story, again]).encode(), headers=RSS)
    [outcome] = await poller(store).poll_all()
    assert (outcome.new, outcome.seen) == (0, 1)


async def test_entries_that_hang_end_with_the_feeds_time_bound_and_back_off(pages, store):
    import asyncio

    async def hang(request, writer):
        await asyncio.sleep(60)

    items = [Item(f"Story {n}", pages.url(f"/slow/{n}"), f"guid-{n}") for n in range(20)]
    for item in items:
        pages.handle(f"/slow/{item.guid.removeprefix('guid-')}", hang)
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    options = PollOptions(first_poll_latest=100, feed_timeout=1)
    start = asyncio.get_running_loop().time()
    [first] = await poller(store, options).poll_all()
    assert asyncio.get_running_loop().time() - start < 5
    assert first.failed == 20 and "not done within 1 seconds" in first.problems[0]
    fetched = len(pages.requests)
    [second] = await poller(store, options).poll_all()  # at once: every entry waits for its backoff
    assert (second.waiting, second.failed) == (20, 0)
    assert len(pages.requests) == fetched + 1  # the feed only


async def test_an_entry_without_a_web_link_is_skipped_for_good(pages, store):
    item = Item("Local file", "file:///etc/passwd", "guid-file")
    pages.serve("/rss", body=rss2([item]).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=5)).poll_all()
    assert (outcome.skipped, outcome.failed) == (1, 0)
    [again] = await poller(store).poll_all()
    assert (again.seen, again.failed) == (1, 0)


async def test_an_entry_in_a_language_the_engine_does_not_read_is_skipped_for_good_and_not_kept(pages, store):
    name = "de.cointelegraph.com-CME.html"
    items = serve_pages(pages, [name])
    pages.serve("/rss", body=rss2(items).encode(), headers=RSS)
    store.subscribe(ChannelRef("console", "console"), pages.url("/rss"))
    [outcome] = await poller(store, PollOptions(first_poll_latest=5)).poll_all()
    assert (outcome.skipped, outcome.new, outcome.failed) == (1, 0, 0)
    assert store.find_article(url=items[0].link) is None
