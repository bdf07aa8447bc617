"""What `briefbot run` would start with this configuration, and what each front end still lacks.

Read once at start (and by `briefbot config check`): the typed settings, which front ends have what they need, and
the problems in words that name settings, never their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import SecretStr, ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.config_file import config_path
from bot.llm_settings import LLMSettings
from bot.settings import DiscordSettings, Settings, SlackSettings

Part = Literal["slack", "discord", "scheduler"]
PARTS: tuple[Part, ...] = ("slack", "discord", "scheduler")
SLACK_REQUIRED = (("bot_token", "SLACK_BOT_TOKEN"), ("signing_secret", "SLACK_SIGNING_SECRET"))
SLACK_HINT = "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README, 'Slack')"
DISCORD_HINT = "set DISCORD_TOKEN (README, 'Discord')"


class ConfigInvalid(Exception):
    """Settings that do not validate; `problems` name the setting and what is wrong, never the value given."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class FrontEnd:
    name: str
    ready: bool
    missing: tuple[str, ...] = ()
    detail: str = ""

    @property
    def partial(self) -> bool:
        """Some of its settings are there but not all: a mistake rather than a front end left off."""
        return not self.ready and bool(self.detail)


@dataclass(frozen=True, slots=True)
class Configuration:
    settings: Settings
    slack: SlackSettings
    discord: DiscordSettings
    llm: LLMSettings
    front_ends: dict[str, FrontEnd] = field(default_factory=dict)

    @property
    def chat_ready(self) -> list[str]:
        return [name for name, front in self.front_ends.items() if front.ready]


def _set(value: SecretStr | None) -> bool:
    return value is not None and bool(value.get_secret_value().strip())


def _problems(error: ValidationError, prefix: str) -> list[str]:
    return [f"{prefix}{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors(include_input=False)]


def load_configuration() -> Configuration:
    """Reads the file and the environment once. Raises ConfigInvalid listing every setting that does not validate."""
    config_path()  # a named file that is missing fails here, with its own message
    loaded: dict[str, object] = {}
    problems: list[str] = []
    for name, cls in (("settings", Settings), ("slack", SlackSettings), ("discord", DiscordSettings)):
        try:
            loaded[name] = cls()
        except ValidationError as error:
            problems += _problems(error, f"[{cls.config_table}] ")
    try:
        loaded["llm"] = LLMSettings()
    except ValidationError as error:
        problems += _problems(error, "[llm] ")
    if problems:
        raise ConfigInvalid(problems)
    settings, slack, discord = loaded["settings"], loaded["slack"], loaded["discord"]
    assert isinstance(settings, Settings) and isinstance(slack, SlackSettings)
    assert isinstance(discord, DiscordSettings) and isinstance(loaded["llm"], LLMSettings)
    try:
        make_url(settings.database_url)
    except ArgumentError as error:
        raise ConfigInvalid(["[briefbot] database_url (DATABASE_URL): not a database URL"]) from error
    fronts = {"slack": slack_status(slack), "discord": discord_status(discord)}
    return Configuration(settings, slack, discord, loaded["llm"], fronts)


def slack_status(slack: SlackSettings) -> FrontEnd:
    missing = tuple(name for attr, name in SLACK_REQUIRED if not _set(getattr(slack, attr)))
    mode = "Socket Mode" if _set(slack.app_token) else f"HTTP on {slack.host}:{slack.port}"
    if not missing:
        return FrontEnd("slack", True, detail=mode)
    started = len(missing) < len(SLACK_REQUIRED) or _set(slack.app_token)
    return FrontEnd("slack", False, missing, detail=mode if started else "")


def discord_status(discord: DiscordSettings) -> FrontEnd:
    if _set(discord.token):
        guilds = f"guilds {discord.guild_ids}" if discord.guild_ids else "commands registered globally"
        return FrontEnd("discord", True, detail=guilds)
    return FrontEnd("discord", False, ("DISCORD_TOKEN",))


def database_label(url: str) -> str:
    """The database URL with any password masked (`postgres://` shown as the PostgreSQL it is read as)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(not a database URL)"
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=True)
