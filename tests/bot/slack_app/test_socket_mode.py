"""Socket Mode wiring: the app opens a connection through apps.connections.open, then acks envelopes by id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.services import Runtime
from bot.slack_app.main import Running, start
from tests.bot.slack_app.conftest import settings_for, slack_settings
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID, FakeSlack


@pytest_asyncio.fixture
async def socket_app(tmp_path: Path, fake_slack: FakeSlack) -> AsyncIterator[Running]:
    async with Runtime(settings_for(tmp_path)) as runtime:
        app = await start(runtime, slack_settings(fake_slack, app_token="xapp-test"))
        try:
            yield app
        finally:
            await app.stop()


async def test_an_envelope_is_acked_with_its_id_and_the_mention_answered(socket_app, fake_slack):
    opened = fake_slack.called("apps.connections.open")
    assert opened and opened[0].headers["Authorization"] == "Bearer xapp-test"
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> help", "ts": "1.000001", "channel": "C9"}
    await fake_slack.send_envelope(
        {
            "envelope_id": "env-57d6c792",
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": {"team_id": TEAM_ID, "event": event, "type": "event_callback", "event_id": "EvSocket1"},
        }
    )
    await fake_slack.wait_for(lambda f: any(a.get("envelope_id") == "env-57d6c792" for a in f.acks))
    await fake_slack.wait_for(lambda f: f.called("chat.postEphemeral"))
    assert fake_slack.called("chat.postEphemeral")[0].body["channel"] == "C9"


async def test_a_slash_command_envelope_is_acked_and_answered_through_response_url(socket_app, fake_slack):
    payload = {
        "team_id": TEAM_ID,
        "channel_id": "C9",
        "user_id": "U1",
        "command": "/briefing",
        "text": "",
        "response_url": fake_slack.response_url("socket"),
        "trigger_id": "1.2.3",
    }
    await fake_slack.send_envelope(
        {"envelope_id": "env-cmd", "type": "slash_commands", "accepts_response_payload": True, "payload": payload}
    )
    await fake_slack.wait_for(lambda f: any(a.get("envelope_id") == "env-cmd" for a in f.acks))
    await fake_slack.wait_for(lambda f: f.posts())
    assert fake_slack.posts()[0].path == "/response/socket"


async def test_each_envelope_has_its_own_request_id_from_its_ack_to_its_post(socket_app, fake_slack, json_logs):
    mentioned = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> help",
        "ts": "1.000002",
        "channel": "C9",
    }
    command = {"team_id": TEAM_ID, "channel_id": "C8", "user_id": "U1", "command": "/briefing", "text": "help"}
    await fake_slack.send_envelope(
        {
            "envelope_id": "env-mention",
            "type": "events_api",
            "payload": {"team_id": TEAM_ID, "event": mentioned, "type": "event_callback", "event_id": "EvSocket2"},
        }
    )
    await fake_slack.send_envelope(
        {
            "envelope_id": "env-command",
            "type": "slash_commands",
            "payload": {**command, "response_url": fake_slack.response_url("socket-ids"), "trigger_id": "1.2.4"},
        }
    )
    await fake_slack.wait_for(lambda f: f.called("chat.postEphemeral") and f.called("response_url"))
    await socket_app.front.idle()
    lines = json_logs()
    for request, work, post in [
        ("slack-env-mention", "Slack app_mention EvSocket2 in C9", "Posted to C9 for U1 only"),
        ("slack-env-command", "Slack /briefing in C8: Help", "Posted a reply through response_url"),
    ]:
        mine = [line["message"] for line in lines if line.get("request_id") == request]
        assert any(m.startswith("Slack envelope acked") for m in mine), lines
        assert any(m.startswith(work) for m in mine) and any(m.startswith(post) for m in mine), mine
