"""Settings from the environment (prefix BRIEFBOT_), a `.env` file or the configuration file (`bot/config_file.py`,
environment first); every value has a working default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr

from bot.config_file import FileSettings, config_path
from summaries.errors import BriefbotError
from summaries.model import MAX_SENTENCES, MIN_SENTENCES

MAX_INPUT_BYTES = 2_000_000
"""Largest article file or paste read (2 MB): a long feature is ~50 KB of text, so anything bigger is not one."""


def default_database_url() -> str:
    """`sqlite:///$XDG_DATA_HOME/briefbot/briefbot.db` (`~/.local/share` without it); the store creates the folder."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(data_home).expanduser() / 'briefbot' / 'briefbot.db'}"


class Settings(FileSettings):
    config_table = "briefbot"

    sentences: int = Field(4, ge=MIN_SENTENCES, le=MAX_SENTENCES, description="Sentences in a briefing.")
    key_quotes: int = Field(4, ge=0, le=10, description="Quotes marked as key in the digest.")
    max_input_bytes: int = Field(MAX_INPUT_BYTES, gt=0, description="Refuse article files larger than this.")
    database_url: str = Field(
        default_factory=default_database_url,
        validation_alias=AliasChoices("BRIEFBOT_DATABASE_URL", "DATABASE_URL", "database_url"),
        description="SQLAlchemy URL (postgres:// is read as PostgreSQL); default a SQLite file in the XDG data dir.",
    )
    fetch_max_bytes: int = Field(5_000_000, gt=0, description="Largest web page or feed read, in bytes.")
    fetch_timeout: float = Field(20.0, gt=0, description="Seconds for a whole fetch, redirects included.")
    allow_private_addresses: bool = Field(False, description="Fetch from loopback/private networks (tests only).")
    poll_concurrency: int = Field(8, ge=1, le=64, description="Requests in flight while polling feeds.")
    poll_timeout: float = Field(
        120.0, gt=0, description="Seconds one feed's poll may take; unfinished entries are retried later."
    )
    claim_timeout: float = Field(
        900.0, gt=0, description="Seconds before a digest claim never confirmed sent (a crash) is offered again."
    )
    first_poll_latest: int = Field(0, ge=0, description="Newest entries treated as new on a feed's first poll.")
    poll_interval: float = Field(900.0, ge=10, description="Seconds between scheduled polls of every feed.")
    poll_jitter: float = Field(60.0, ge=0, description="Up to this many seconds added to each scheduled poll.")
    digest_grace: float = Field(
        6 * 3600.0, ge=0, description="Seconds after its time a missed digest is still posted (catch-up, retries)."
    )
    digest_retries: int = Field(4, ge=1, le=20, description="Failed posts of a digest before the channel is paused.")
    digest_retry_after: float = Field(60.0, gt=0, description="Seconds before the first retry; doubled each time.")
    digest_concurrency: int = Field(16, ge=1, le=256, description="Digests built at once (posting is outside it).")
    shutdown_drain: float = Field(
        7.0, ge=0, le=9, description="Seconds SIGTERM waits for work in flight before cancelling it (of the 10 s)."
    )
    log_format: Literal["text", "json"] = Field("text", description="`json`: one JSON object per log line.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Least severe level logged.")


SLACK_API_URL = "https://slack.com/api/"
DISCORD_API_URL = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


def _env(name: str) -> AliasChoices:
    """A platform's usual variable name, read as it is (no BRIEFBOT_ prefix)."""
    return AliasChoices(name, name.lower())


class SlackSettings(FileSettings):
    """`briefbot slack`: HTTP mode on $PORT by default, Socket Mode when SLACK_APP_TOKEN is set."""

    config_table = "slack"

    bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    signing_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    api_url: str = Field(SLACK_API_URL, validation_alias=_env("BRIEFBOT_SLACK_API_URL"))
    port: int = Field(3000, ge=0, le=65535, validation_alias=_env("PORT"), description="0: any free port.")
    host: str = Field("0.0.0.0", validation_alias=_env("BRIEFBOT_HOST"))


class DiscordSettings(FileSettings):
    """`briefbot discord`: the bot token, and where discord.py connects (a test points both at loopback)."""

    config_table = "discord"

    token: SecretStr | None = Field(None, validation_alias=_env("DISCORD_TOKEN"))
    api_url: str = Field(DISCORD_API_URL, validation_alias=_env("BRIEFBOT_DISCORD_API_URL"))
    gateway_url: str = Field(DISCORD_GATEWAY_URL, validation_alias=_env("BRIEFBOT_DISCORD_GATEWAY_URL"))
    guild_ids: list[int] = Field(
        default_factory=list,
        validation_alias=_env("BRIEFBOT_DISCORD_GUILD_IDS"),
        description="Register the app command in these guilds (instant); empty: globally.",
    )
    shard_count: int | None = Field(
        None,
        ge=1,
        validation_alias=_env("BRIEFBOT_DISCORD_SHARD_COUNT"),
        description="Total shards; none: ask Discord.",
    )
    shard_ids: list[int] | None = Field(
        None,
        validation_alias=_env("BRIEFBOT_DISCORD_SHARD_IDS"),
        description="The shards this process runs (with the shard count), so several processes share a large install.",
    )


def load_settings() -> Settings:
    """The settings: environment variables first, then a `.env` file in the current directory.

    Raises BriefbotError for a `.env` that is not UTF-8 text (a ValidationError for a wrong value).
    """
    try:
        return Settings()
    except UnicodeDecodeError as error:
        raise BriefbotError(f"the .env file in {Path.cwd()} is not UTF-8 text ({error.reason}).") from error


def setting_warnings(settings: Settings) -> list[str]:
    """What a person running the bot must know on every run: protections turned off, and where that came from."""
    if not settings.allow_private_addresses:
        return []
    in_env = any(name.upper() == "BRIEFBOT_ALLOW_PRIVATE_ADDRESSES" for name in os.environ)
    origin = "set in the environment" if in_env else f"set in {_env_file()}"
    env_file = Path(_env_file())
    if not in_env and not (env_file.is_file() and "ALLOW_PRIVATE" in env_file.read_text(errors="replace").upper()):
        origin = f"set in {config_path()}"
    return [f"private and loopback addresses may be fetched (BRIEFBOT_ALLOW_PRIVATE_ADDRESSES is on, {origin})."]


def _env_file() -> str:
    return str(Path.cwd() / ".env")
