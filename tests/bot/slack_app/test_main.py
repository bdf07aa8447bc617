"""`briefbot slack` as users start it: settings checked first, then the server answers /healthz until SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.slack_app.main import main
from tests.fakes.slack_api import FakeSlack

SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "BRIEFBOT_SLACK_API_URL", "PORT")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    for name in SLACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("present", "named"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": " ", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_a_missing_setting_stops_the_start_with_one_line_naming_it(clean_env, capsys, present, named):
    for name, value in present.items():
        clean_env.setenv(name, value)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_briefbot_slack_serves_healthz_and_stops_on_sigterm(tmp_path: Path, fake_slack: FakeSlack):
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "BRIEFBOT_SLACK_API_URL": fake_slack.api_url,
        "PORT": str(port),
        "BRIEFBOT_HOST": "127.0.0.1",
        "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'briefbot.db'}",
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "slack", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    try:
        assert process.stderr is not None
        while b"listening on" not in (line := await asyncio.wait_for(process.stderr.readline(), 30)):
            assert line, "briefbot slack exited before it listened"
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
            assert response.status == 200
        assert fake_slack.called("auth.test")
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 15) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_the_manifest_declares_the_command_the_events_and_interactivity_the_app_listens_for():
    from bot.slack_app.app import COMMAND

    manifest = (Path(__file__).resolve().parents[3] / "config" / "slack-manifest.yml").read_text(encoding="utf-8")
    assert f"command: {COMMAND}" in manifest and "- app_mention" in manifest and "- message.im" in manifest
    assert manifest.count("url: https://briefbot.example.com/slack/events") == 3
    for scope in ("app_mentions:read", "chat:write", "commands", "im:history"):
        assert f"- {scope} " in manifest
