"""Logging in, the gateway handshake, intents, app command registration and sharding, on the fake Discord."""

from __future__ import annotations

import asyncio
import os
import sys

from tests.fakes.discord_api import APPLICATION_ID, GUILD_ID

MESSAGE_CONTENT_INTENT = 1 << 15
GUILD_MESSAGES, DIRECT_MESSAGES, GUILDS = 1 << 9, 1 << 12, 1 << 0


async def test_identifies_without_the_message_content_intent(bot):
    intents = bot.fake.identify["intents"]
    assert not intents & MESSAGE_CONTENT_INTENT
    assert intents & GUILDS and intents & GUILD_MESSAGES and intents & DIRECT_MESSAGES
    assert bot.fake.identify["token"] == bot.fake.token
    assert bot.fake.find("GET", "/gateway/bot"), "the shard count is asked of the configured API"


async def test_briefing_is_registered_globally_with_typed_described_options(bot):
    [sync] = bot.fake.find("PUT", f"/applications/{APPLICATION_ID}/commands")
    [command] = sync.body
    assert command["name"] == "briefing" and command["description"]
    subcommands = {o["name"]: o for o in command["options"]}
    assert set(subcommands) == {"url", "text", "ask", "subscribe", "unsubscribe", "feeds", "digest", "help"}
    assert subcommands["digest"]["type"] == 2 and subcommands["digest"]["options"][0]["name"] == "now"
    ask = {o["name"]: o for o in subcommands["ask"]["options"]}
    assert ask["question"]["type"] == 3 and ask["question"]["required"] and ask["question"]["description"]
    assert not ask["url"].get("required", False)
    assert "except" in {o["name"] for o in subcommands["subscribe"]["options"]}


async def test_briefing_is_registered_per_guild_when_configured(connect, fake):
    await connect(guild_ids=[int(GUILD_ID)])
    [sync] = fake.find("PUT", "/applications/")
    assert sync.path == f"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"
    assert sync.body[0]["name"] == "briefing"


async def test_a_process_running_other_shards_identifies_as_them_and_leaves_registration_to_shard_0(connect, fake):
    await connect(shard_count=2, shard_ids=[1])
    assert fake.identify["shard"] == [1, 2]
    assert not fake.find("PUT", "/applications/")
    assert not fake.find("GET", "/gateway/bot")


async def run_briefbot_discord(env: dict[str, str]) -> tuple[int, list[str]]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "discord",
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    lines = [line for line in err.decode().splitlines() if line and " INFO " not in line]
    return process.returncode or 0, lines


async def test_a_missing_token_stops_with_one_line(tmp_path):
    code, lines = await run_briefbot_discord(
        {"DISCORD_TOKEN": "", "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}
    )
    assert code == 1 and len(lines) == 1 and "DISCORD_TOKEN is not set" in lines[0]


async def test_a_rejected_token_stops_with_one_line(fake, tmp_path):
    env = {
        "DISCORD_TOKEN": "not-the-token",
        "BRIEFBOT_DISCORD_API_URL": fake.base_url,
        "BRIEFBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
        "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path}/b.db",
    }
    code, lines = await run_briefbot_discord(env)
    assert code == 1 and lines == [
        "Discord rejected DISCORD_TOKEN: check the bot token (Developer Portal > Bot > Reset Token)."
    ]
    assert [c.path for c in fake.calls] == ["/users/@me"]
    assert fake.calls[0].headers["Authorization"] == "Bot not-the-token"
