"""The configuration file: one TOML file whose tables feed the typed settings; environment variables override it.

The file is `$BRIEFBOT_CONFIG` when set (it must exist), else `./briefbot.toml` when there is one. Each settings
class reads one table (`[briefbot]`, `[slack]`, `[discord]`, `[llm]`); `config/briefbot.example.toml` documents
every key. Precedence, highest first: values passed in code, environment variables, `.env`, the file, defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, ClassVar

from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from summaries.errors import BriefbotError

CONFIG_ENV = "BRIEFBOT_CONFIG"
DEFAULT_CONFIG = Path("briefbot.toml")
TABLES = ("briefbot", "slack", "discord", "llm")


class ConfigFileError(BriefbotError):
    """The configuration file is missing (when named) or is not valid TOML; the message names the file and line."""


def config_path() -> Path | None:
    """The configuration file in use, or None when there is none."""
    named = os.environ.get(CONFIG_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigFileError(f"{CONFIG_ENV} names {path}, which is not a file.")
        return path
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


def read_config() -> dict[str, Any]:
    """The whole file as TOML tables ({} without a file). Raises ConfigFileError when it cannot be read."""
    path = config_path()
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{path} is not valid TOML: {error}") from error
    except OSError as error:
        raise ConfigFileError(f"Cannot read {path}: {error.strerror}") from error


class TomlTable(PydanticBaseSettingsSource):
    """The values of one table of the configuration file, keyed by setting name."""

    def __init__(self, settings_cls: type[BaseSettings], table: str) -> None:
        super().__init__(settings_cls)
        self.table = table

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # __call__ reads the table whole

    def __call__(self) -> dict[str, Any]:
        section = read_config().get(self.table, {})
        if not isinstance(section, dict):
            raise ConfigFileError(f"[{self.table}] in the configuration file must be a table.")
        return {key: value for key, value in section.items() if key in self.settings_cls.model_fields}


class FileSettings(BaseSettings):
    """Settings that also read their table of the configuration file, below the environment and `.env`."""

    model_config = SettingsConfigDict(env_prefix="BRIEFBOT_", env_file=".env", extra="ignore", populate_by_name=True)
    config_table: ClassVar[str] = "briefbot"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        file_table = TomlTable(settings_cls, cls.config_table)
        return init_settings, env_settings, dotenv_settings, file_table, file_secret_settings


def unknown_keys() -> list[str]:
    """Tables and keys of the file that no setting reads (typos), as `table.key`."""
    from bot.llm_settings import LLMSettings
    from bot.settings import DiscordSettings, Settings, SlackSettings

    known: dict[str, type[BaseSettings]] = {
        "briefbot": Settings,
        "slack": SlackSettings,
        "discord": DiscordSettings,
        "llm": LLMSettings,
    }
    unknown = []
    for table, section in read_config().items():
        if table not in known:
            unknown.append(table)
        elif isinstance(section, dict):
            unknown.extend(f"{table}.{key}" for key in section if key not in known[table].model_fields)
    return unknown
