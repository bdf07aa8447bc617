"""An event whose work ends before it replied (stopped by a shutdown, or refused by Slack) gives its claims back:
Slack's retry of it, to this process or another, is answered, and answered once. Each test runs on a SQLite file
and, when configured, on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

from bot.services import Runtime
from bot.settings import Settings
from bot.slack_app.main import Running, start
from tests.bot.slack_app.conftest import SlackClient, slack_settings
from tests.bot.slack_app.test_events import BOT, mention, message
from tests.fakes.slack_api import FakeSlack

HTML = [("Content-Type", "text/html")]


@asynccontextmanager
async def slack_process(url: str, fake: FakeSlack) -> AsyncIterator[tuple[Running, SlackClient]]:
    """One app with its own runtime (its own store connections) on the shared database: a process of its own."""
    settings = Settings(database_url=url, allow_private_addresses=True)  # type: ignore[call-arg]
    async with Runtime(settings) as runtime, aiohttp.ClientSession() as session:
        app = await start(runtime, slack_settings(fake))
        try:
            yield app, SlackClient(f"http://127.0.0.1:{app.port}/slack/events", session, fake)
        finally:
            await app.stop(0)  # whatever is still working is stopped, as at the end of a shutdown's grace


def replies(fake: FakeSlack, channel: str = "C1") -> list:
    return [c for c in fake.posts() if c.body.get("channel") == channel]


async def test_a_mention_stopped_mid_work_is_answered_once_when_slack_retries_it_elsewhere(
    database_url, fake_slack, pages, page_bytes
):
    """A channel mention raises app_mention and message events; the work of the first is stopped by a shutdown.
    The retry of either event, sent to a new process, is answered; the retry of the other is not answered again."""
    arrived = pages.hold("/news/burials")
    text = f"{BOT} <{pages.url('/news/burials')}>"
    async with slack_process(database_url, fake_slack) as (_, client):
        assert (await client.event(mention(text), event_id="EvMention"))[0] == 200
        await asyncio.wait_for(arrived.wait(), 10)  # its work claimed the post and is fetching the page
        assert (await client.event(message(text), event_id="EvMessage"))[0] == 200
    assert not fake_slack.posts()

    pages.serve("/news/burials", headers=HTML, body=page_bytes)
    async with slack_process(database_url, fake_slack) as (second, client):
        await client.event(message(text), event_id="EvMessage", retry=1)
        await second.front.idle()
        assert len(replies(fake_slack)) == 1, "the retry of the event that lost the post's claim answers it"
        await client.event(mention(text), event_id="EvMention", retry=1)
        await second.front.idle()
    [reply] = replies(fake_slack)
    assert reply.method == "chat.postMessage" and reply.body["thread_ts"] == "1700000000.000100"
    assert "mass burials" in reply.body["text"]


async def test_a_mention_whose_reply_slack_refused_is_answered_when_slack_retries_it(database_url, fake_slack):
    fake_slack.fail("chat.postEphemeral", times=2, status=200, error="fatal_error")  # the usage, then the apology
    async with slack_process(database_url, fake_slack) as (app, client):
        await client.event(mention(f"{BOT} help"), event_id="EvRefused")
        await app.front.idle()
        assert not fake_slack.posts()
        await client.event(mention(f"{BOT} help"), event_id="EvRefused", retry=1)
        await app.front.idle()
        await client.event(mention(f"{BOT} help"), event_id="EvRefused", retry=2)
        await app.front.idle()
    [reply] = fake_slack.posts()
    assert reply.method == "chat.postEphemeral" and reply.body["user"] == "U1"
