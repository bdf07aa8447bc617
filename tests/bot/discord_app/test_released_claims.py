"""A mention whose work a shutdown stopped before it replied gives its claim back: the process that receives the
message next (another on the same shard, or this one's successor) answers it."""

from __future__ import annotations

import asyncio

from tests.fakes.discord_api import BOT_ID, BOT_USER, CHANNEL_ID, message

HTML = [("Content-Type", "text/html")]


async def test_a_mention_stopped_mid_work_is_answered_by_the_next_process(connect, pages, bbc_page):
    arrived = pages.hold("/news/burials")
    mention = message("1900000000000000099", f"<@{BOT_ID}> {pages.url('/news/burials')}", mentions=[BOT_USER])
    first = await connect()
    await first.fake.dispatch("MESSAGE_CREATE", mention)
    await asyncio.wait_for(arrived.wait(), 10)  # claimed, and fetching the page
    await first.client.drain(0)
    await first.client.close()
    assert not first.fake.find("POST", f"/channels/{CHANNEL_ID}/messages")

    pages.serve("/news/burials", headers=HTML, body=bbc_page)
    first.fake.identify = None  # the next client's session is a new one
    second = await connect()
    await second.fake.dispatch("MESSAGE_CREATE", mention)
    [reply] = await second.fake.wait_for_calls("POST", f"/channels/{CHANNEL_ID}/messages")
    assert reply.body["embeds"][0]["title"] == "New York ramps up mass burials amid virus outbreak"
