"""JSON log lines with the request id and masked secrets; /healthz asks the database."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.health import add_health_route
from bot.logs import JsonFormatter, Redactor, TextFormatter, start_request
from bot.services import Runtime
from bot.settings import Settings


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("bot.test", logging.INFO, __file__, 1, message, args, info)


def test_a_json_line_carries_the_request_id_set_where_the_request_arrived():
    async def work() -> str:
        return JsonFormatter(Redactor()).format(record("posted %s", "C1"))

    async def request() -> str:
        start_request("slack", "slack-abc")
        return await asyncio.create_task(work())  # a task started by the request inherits its id

    line = json.loads(asyncio.run(request()))
    assert line["message"] == "posted C1" and line["request_id"] == "slack-abc" and line["level"] == "INFO"


@pytest.mark.parametrize(
    "leak",
    [
        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
        "xapp-1-A0123-456-abcdef0123",
        "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
        "sk-proj-abcdefghijklmnop1234",
        "configured-secret-value",
    ],
)
def test_no_token_or_configured_secret_reaches_a_log_line(leak):
    redact = Redactor(["configured-secret-value"])
    try:
        raise RuntimeError(f"request failed with {leak}")
    except RuntimeError as error:
        lines = [
            JsonFormatter(redact).format(record("token %s and Bearer %s", leak, leak, exc=error)),
            TextFormatter(redact).format(record("url postgresql://u:%s@db/x", leak)),
        ]
    for line in lines:
        assert leak not in line and "[redacted]" in line


async def healthz(runtime: Runtime) -> int:
    app = web.Application()
    add_health_route(app, runtime)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
            return response.status
    finally:
        await runner.cleanup()


async def test_healthz_is_200_when_the_database_answers(tmp_path: Path):
    async with Runtime(Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}")) as runtime:  # type: ignore[call-arg]
        assert await healthz(runtime) == 200


async def test_healthz_is_503_when_the_database_does_not_answer():
    down = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=1"
    async with Runtime(Settings(database_url=down)) as runtime:  # type: ignore[call-arg]
        assert await healthz(runtime) == 503
