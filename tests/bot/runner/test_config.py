"""The TOML file below the environment, DATABASE_URL, and `briefbot config check` (never printing a secret)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config_file import unknown_keys
from bot.runner.check import main as check
from bot.settings import Settings, SlackSettings

EXAMPLE = Path(__file__).resolve().parents[3] / "config" / "briefbot.example.toml"
CLEARED = ("DATABASE_URL", "BRIEFBOT_DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in (*CLEARED, "DISCORD_TOKEN", "BRIEFBOT_CONFIG", "BRIEFBOT_SENTENCES", "PORT"):
        monkeypatch.delenv(name, raising=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_sets_values_and_the_environment_overrides_them(monkeypatch, tmp_path):
    write(tmp_path / "briefbot.toml", '[briefbot]\nsentences = 3\nlog_format = "json"\n[slack]\nport = 8080\n')
    monkeypatch.setenv("BRIEFBOT_SENTENCES", "5")
    settings = Settings()
    assert (settings.sentences, settings.log_format) == (5, "json")
    assert SlackSettings().port == 8080


def test_database_url_is_read_and_briefbot_database_url_wins_over_it(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example.com/briefbot")
    assert Settings().database_url == "postgres://u:p@db.example.com/briefbot"
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", "sqlite:///x.db")
    assert Settings().database_url == "sqlite:///x.db"


def test_the_example_file_is_valid_and_every_key_in_it_is_a_setting(monkeypatch):
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(EXAMPLE))
    assert unknown_keys() == []
    assert Settings().sentences == 4


def test_every_setting_is_in_the_example():
    from bot.llm_settings import LLMSettings
    from bot.settings import DiscordSettings

    text = EXAMPLE.read_text(encoding="utf-8")
    for cls in (Settings, SlackSettings, DiscordSettings, LLMSettings):
        assert [name for name in cls.model_fields if f"{name} =" not in text] == [], cls.__name__


def test_every_key_of_the_example_is_documented_by_a_comment_above_it():
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if line and not line.startswith(("#", "[")):
            assert lines[n - 1].startswith("#"), f"undocumented: {line}"


def test_check_names_what_each_front_end_lacks_and_prints_no_secret(monkeypatch, capsys, tmp_path):
    write(tmp_path / "briefbot.toml", '[slack]\nbot_token = "xoxb-999-888-filesecretvalue"\n')
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert check(["check"]) == 1
    out = capsys.readouterr().out
    assert "slack: missing SLACK_SIGNING_SECRET" in out
    assert "discord: off; to turn it on, set DISCORD_TOKEN" in out
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "env-signing-secret-value")
    monkeypatch.setenv("DISCORD_TOKEN", "discord-token-value-123456")
    assert check(["check"]) == 0
    out = capsys.readouterr().out
    assert "slack: ready (HTTP on 0.0.0.0:3000)" in out and "discord: ready" in out
    for secret in ("filesecretvalue", "env-signing-secret-value", "discord-token-value"):
        assert secret not in out


def test_check_masks_the_database_password_and_says_when_it_does_not_answer(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://briefbot:hunter2pass@127.0.0.1:1/briefbot")
    assert check(["check"]) == 1
    out = capsys.readouterr().out
    assert "database: postgresql+psycopg://briefbot:***@127.0.0.1:1/briefbot does not answer" in out
    assert "hunter2pass" not in out


def test_a_bad_value_or_a_broken_file_is_named_without_its_value(monkeypatch, capsys, tmp_path):
    write(tmp_path / "briefbot.toml", "[briefbot]\nsentences = 'many-secret'\n")
    assert check(["check"]) == 1
    out = capsys.readouterr().out
    assert "[briefbot] sentences" in out and "many-secret" not in out
    write(tmp_path / "briefbot.toml", "[briefbot\n")
    assert check(["check"]) == 1
    assert "is not valid TOML" in capsys.readouterr().out
