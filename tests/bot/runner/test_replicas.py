"""Two `briefbot run` replicas on one PostgreSQL race for the same due digest and the same retried Slack event:
one post each."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from tests.bot.runner.conftest import SIGNING_SECRET, due_digest, env_for
from tests.bot.runner.process import BriefbotRun
from tests.bot.runner.test_run import digest_posts, signed_client, story_urls
from tests.fakes.slack_api import BOT_USER_ID


def mention(text: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": text, "ts": "1700000000.000100", "channel": "C1"}


async def test_two_replicas_post_a_due_digest_once_and_answer_a_retried_event_once(
    tmp_path: Path, postgres_url, fake_slack, pages, cnndm_rows
):
    urls = await due_digest(postgres_url, pages, cnndm_rows)
    env = env_for(postgres_url, fake_slack)
    replicas = [await BriefbotRun(env, cwd=tmp_path).start() for _ in range(2)]
    try:
        ports = [await replica.slack_port() for replica in replicas]
        await asyncio.gather(*(replica.started() for replica in replicas))
        async with aiohttp.ClientSession() as session:
            first, second = (signed_client(port, session, fake_slack) for port in ports)
            event = mention(f"<@{BOT_USER_ID}> help")
            assert (await first.event(event, event_id="EvRace", secret=SIGNING_SECRET))[0] == 200
            assert (await second.event(event, event_id="EvRace", retry=1, secret=SIGNING_SECRET))[0] == 200
        # whichever replica claims the event second (the first claims it after its ack) answers nothing
        handled = [
            replica.wait_for_log(lambda line: "EvRace" in line and "already handled" in line) for replica in replicas
        ]
        done, pending = await asyncio.wait(
            [asyncio.ensure_future(w) for w in handled], return_when=asyncio.FIRST_COMPLETED
        )
        for waiting in pending:
            waiting.cancel()
        done.pop().result()
        await fake_slack.wait_for(lambda f: story_urls(f, urls) == dict.fromkeys(urls, 1), timeout=30)
        await asyncio.sleep(1.0)  # both catch-up sweeps ran at start; the loser's claim was refused
        codes = await asyncio.gather(*(replica.terminate() for replica in replicas))
    finally:
        for replica in replicas:
            await replica.kill()
    assert [code for code, _ in codes] == [0, 0]
    replies = [c for c in fake_slack.called("chat.postMessage") if c.body.get("channel") == "C1"]
    replies += [c for c in fake_slack.called("chat.postEphemeral") if c.body.get("channel") == "C1"]
    assert len(replies) == 1
    assert story_urls(fake_slack, urls) == dict.fromkeys(urls, 1)
    assert len(digest_posts(fake_slack)) == 1
