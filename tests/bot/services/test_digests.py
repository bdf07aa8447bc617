"""Digest delivery through the services: briefed before the claim, sent with an async send, never lost."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels import CONSOLE
from bot.fingerprints import content_hash
from bot.services import deliver, preview

FEED = "https://news.example.com/rss"


async def add_pending(runtime, articles):
    store = await runtime.store()
    store.subscribe(CONSOLE, FEED)
    feed = store.get_feed(FEED)
    for number, article in enumerate(articles):
        record, _ = store.save_article(article, content_hash=content_hash(article.text))
        store.record_entry(feed.id, entry_key=f"g-{number}", url=None, article_id=record.id, baseline=False)


async def test_a_digest_is_sent_once(runtime, seed):
    await add_pending(runtime, [seed])
    sent = []

    async def send(digest):
        sent.append(digest)

    first = await deliver(runtime, CONSOLE, send)
    assert [s.title for s in first.stories] == ["Biden allows Ukraine to use US arms to strike inside Russia"]
    assert first.stories[0].quote is not None and first.stories[0].quote.speaker
    assert (await deliver(runtime, CONSOLE, send)).stories == () and len(sent) == 1


@pytest.mark.parametrize("failure", [RuntimeError("chat is down"), asyncio.CancelledError()])
async def test_a_failed_or_cancelled_send_releases_the_claim(runtime, seed, failure):
    await add_pending(runtime, [seed])

    async def broken(_):
        raise failure

    with pytest.raises(type(failure)):
        await deliver(runtime, CONSOLE, broken)
    assert len((await preview(runtime, CONSOLE)).stories) == 1


async def test_stories_past_the_channels_limit_are_listed_as_headlines(runtime, seed, cnndm_rows):
    from summaries.article import read_article

    await add_pending(runtime, [seed, *(read_article(r["article"]) for r in cnndm_rows[:3])])
    store = await runtime.store()
    store.update_channel(CONSOLE, max_stories=2)
    digest = await preview(runtime, CONSOLE)
    assert len(digest.stories) == 2 and len(digest.more) == 2
    assert digest.header.endswith("4 new stories")
