"""`briefbot discord`: runs the Discord bot with DISCORD_TOKEN until stopped.

A missing or rejected token stops it at once with one line saying so (exit 1). `BRIEFBOT_DISCORD_API_URL` and
`BRIEFBOT_DISCORD_GATEWAY_URL` point discord.py elsewhere (a fake Discord on loopback, in tests and the bench).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

import discord
import yarl

from bot.discord_app.bot import BriefbotClient
from bot.logs import configure_logging, secrets_in
from bot.services import Runtime
from bot.settings import DiscordSettings, Settings, setting_warnings

log = logging.getLogger(__name__)

NO_TOKEN = "DISCORD_TOKEN is not set: create a bot at https://discord.com/developers/applications and set its token."
REJECTED_TOKEN = "Discord rejected DISCORD_TOKEN: check the bot token (Developer Portal > Bot > Reset Token)."


def main(argv: Sequence[str] = ()) -> int:
    argparse.ArgumentParser(prog="briefbot discord", description=__doc__.splitlines()[0]).parse_args(list(argv))
    settings = DiscordSettings()
    token = settings.token.get_secret_value().strip() if settings.token else ""
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 1
    core = Settings()
    configure_logging(core.log_format, core.log_level, secrets_in(core, settings), setting_warnings(core))
    point_discord_py_at(settings)
    try:
        asyncio.run(run(token, settings, core))
    except discord.LoginFailure:
        print(REJECTED_TOKEN, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def point_discord_py_at(settings: DiscordSettings) -> None:
    """discord.py reads its REST base and gateway from class attributes: set both from the settings."""
    discord.http.Route.BASE = settings.api_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
    for warning in ("warn_nacl", "warn_dave"):  # the bot has no voice: no warnings about voice libraries
        if hasattr(discord.VoiceClient, warning):
            setattr(discord.VoiceClient, warning, False)


async def run(token: str, discord_settings: DiscordSettings, settings: Settings) -> None:
    async with Runtime(settings, cpu_pool=True) as runtime, BriefbotClient(runtime, discord_settings) as client:
        await client.start(token)
