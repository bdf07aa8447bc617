"""SIGTERM while a mention is being worked on: `briefbot run` exits in time and gives the mention's claims back, so
Slack's retry of it, delivered to the process started next, is answered, once. On SQLite and, when configured,
PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from tests.bot.runner.conftest import SIGNING_SECRET, env_for
from tests.bot.runner.process import BriefbotRun
from tests.bot.runner.test_run import signed_client
from tests.fakes.slack_api import BOT_USER_ID, FakeSlack

PAGE = "/news/burials"


def replies(fake: FakeSlack) -> list:
    return [c for c in fake.posts() if c.body.get("channel") == "C1"]


async def deliver(port: int, fake: FakeSlack, event: dict, retry: int | None = None) -> None:
    async with aiohttp.ClientSession() as session:
        client = signed_client(port, session, fake)
        status, _, _ = await client.event(event, event_id="EvSigterm", retry=retry, secret=SIGNING_SECRET)
    assert status == 200


async def test_a_mention_cut_short_by_sigterm_is_answered_once_when_slack_retries_it_to_a_new_process(
    tmp_path: Path, database_url, fake_slack, pages, page_bytes
):
    arrived = pages.hold(PAGE)
    event = {"type": "app_mention", "user": "U1", "ts": "1700000000.000100", "channel": "C1"}
    event["text"] = f"<@{BOT_USER_ID}> <{pages.url(PAGE)}>"
    env = env_for(database_url, fake_slack, BRIEFBOT_SHUTDOWN_DRAIN="1")  # the page never answers: a short wait
    first = await BriefbotRun(env, cwd=tmp_path).start()
    try:
        await deliver(await first.slack_port(), fake_slack, event)
        await asyncio.wait_for(arrived.wait(), 30)  # claimed, and fetching a page that does not answer
        code, seconds = await first.terminate()
    finally:
        await first.kill()
    assert code == 0 and seconds < 4  # the drain setting was used
    assert not replies(fake_slack)

    pages.serve(PAGE, headers=[("Content-Type", "text/html")], body=page_bytes)
    second = await BriefbotRun(env, cwd=tmp_path).start()
    try:
        port = await second.slack_port()
        await deliver(port, fake_slack, event, retry=1)
        await fake_slack.wait_for(lambda f: bool(replies(f)), timeout=30)
        await deliver(port, fake_slack, event, retry=2)
        await second.wait_for_log(lambda line: "EvSigterm" in line and "already handled" in line)
        code, _ = await second.terminate()
    finally:
        await second.kill()
    assert code == 0
    [reply] = replies(fake_slack)
    assert reply.body["thread_ts"] == "1700000000.000100" and "mass burials" in reply.body["text"]
