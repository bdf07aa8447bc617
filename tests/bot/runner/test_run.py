"""`briefbot run` as a child process against a fake Slack, a fake Discord and a feed on loopback: a slash command,
a mention and a due digest end to end; SIGTERM mid-digest and a restart lose and double nothing; JSON logs carry
one request id from the ack to the post and never a secret."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import aiohttp

from tests.bot.runner.conftest import DIGEST_CHANNEL, DISCORD_TOKEN, SIGNING_SECRET, SLACK_TOKEN, due_digest, env_for
from tests.bot.runner.process import BriefbotRun
from tests.bot.slack_app.conftest import SlackClient
from tests.fakes.discord_api import BOT_ID, BOT_USER, CHANNEL_ID, message
from tests.fakes.slack_api import FakeSlack

SECRETS = (SLACK_TOKEN, SIGNING_SECRET, DISCORD_TOKEN)


def digest_posts(fake: FakeSlack) -> list[dict]:
    return [c.body for c in fake.called("chat.postMessage") if c.body.get("channel") == DIGEST_CHANNEL.channel_id]


def story_urls(fake: FakeSlack, urls: list[str]) -> Counter[str]:
    """How many digest messages link each article."""
    counts: Counter[str] = Counter()
    for body in digest_posts(fake):
        text = json.dumps(body)
        counts.update(url for url in urls if url in text)
    return counts


def signed_client(port: int, session: aiohttp.ClientSession, fake: FakeSlack) -> SlackClient:
    return SlackClient(f"http://127.0.0.1:{port}/slack/events", session, fake)


async def slash(client: SlackClient, text: str, name: str) -> None:
    status, _, _ = await client.command(text, name=name, secret=SIGNING_SECRET)
    assert status == 200
    await client.fake.wait_for(lambda f: any(c.path.endswith(name) for c in f.called("response_url")))


async def test_run_serves_slack_discord_and_the_digest_and_a_sigterm_mid_digest_loses_and_doubles_nothing(
    tmp_path: Path, fake_slack, fake_discord, pages, cnndm_rows
):
    url = f"sqlite:///{tmp_path / 'briefbot.db'}"
    urls = await due_digest(url, pages, cnndm_rows)
    fake_slack.delays["chat.postMessage"] = 0.8  # each digest message in flight for a while
    env = env_for(url, fake_slack, fake_discord)
    first = await BriefbotRun(env, cwd=tmp_path).start()
    try:
        port = await first.slack_port()
        async with aiohttp.ClientSession() as session:
            client = signed_client(port, session, fake_slack)
            await slash(client, "help", "first-help")
            health = await session.get(f"http://127.0.0.1:{port}/healthz")
            assert health.status == 200
        await fake_discord.wait_until(lambda: fake_discord.identify is not None)
        mention = message("1900000000000000777", f"<@{BOT_ID}> help", mentions=[BOT_USER])
        await fake_discord.dispatch("MESSAGE_CREATE", mention)
        await fake_discord.wait_for_calls("POST", f"/channels/{CHANNEL_ID}/messages")
        await fake_slack.wait_for(lambda f: len(digest_posts(f)) >= 1, timeout=30)
        code, seconds = await first.terminate()  # a digest message is in flight, the rest not yet sent
    finally:
        await first.kill()
    assert code == 0 and seconds < 10
    posted_before_restart = len(digest_posts(fake_slack))
    stopping = first.messages().index("briefbot run: stopping")
    assert any(m.startswith("Posted to CDIGEST") for m in first.messages()[stopping:]), "the post in flight finished"

    second = await BriefbotRun(env, cwd=tmp_path).start()
    try:
        port = await second.slack_port()
        await second.started()
        async with aiohttp.ClientSession() as session:
            await slash(signed_client(port, session, fake_slack), "help", "second-help")
        await asyncio.sleep(1.0)  # the restart's catch-up sweep runs at start; give it time to (not) post
        code, _ = await second.terminate()
    finally:
        await second.kill()
    assert code == 0
    assert story_urls(fake_slack, urls) == dict.fromkeys(urls, 1), "each article in the digest exactly once"
    assert len(digest_posts(fake_slack)) == posted_before_restart

    records = first.records
    assert len(records) == len(first.lines), "every log line is one JSON object"
    [warned] = [r for r in records if "private and loopback addresses may be fetched" in r["message"]]
    assert warned["level"] == "WARNING", "the protection is off in this test's environment: said on every run"
    acked = [r for r in records if r["message"].startswith("Slack request acked")]
    command_ids = {r.get("request_id") for r in records if "/briefing in C1: Help" in r["message"]}
    assert len(command_ids) == 1 and None not in command_ids
    (request,) = command_ids
    assert any(r.get("request_id") == request for r in acked)
    assert any(r.get("request_id") == request and "response_url" in r["message"] for r in records)
    for line in [*first.lines, *first.stdout, *second.lines, *second.stdout]:
        assert not any(secret in line for secret in SECRETS), line


async def test_with_no_tokens_it_runs_the_console_channel_and_says_how_to_add_slack_or_discord(tmp_path: Path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}", "PORT": "0", "BRIEFBOT_HOST": "127.0.0.1"}
    run = await BriefbotRun(env, cwd=tmp_path).start()
    try:
        hint = await run.wait_for_log(lambda line: "only the console channel runs" in line)
        await run.started()
        code, seconds = await run.terminate()
    finally:
        await run.kill()
    assert "SLACK_BOT_TOKEN" in hint and "DISCORD_TOKEN" in hint
    assert code == 0 and seconds < 10


async def test_only_slack_without_its_tokens_stops_at_once_naming_them(tmp_path: Path):
    run = await BriefbotRun({"SLACK_BOT_TOKEN": "xoxb-1"}, "--only", "slack", cwd=tmp_path).start()
    assert run.proc is not None
    assert await asyncio.wait_for(run.proc.wait(), 20) == 1
    await run.kill()
    assert run.lines == ["briefbot run --only slack: SLACK_SIGNING_SECRET is not set"]
