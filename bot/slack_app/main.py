"""`briefbot slack`: HTTP on $BRIEFBOT_HOST:$PORT (POST /slack/events, GET /healthz), or Socket Mode with an app token.

A missing SLACK_BOT_TOKEN or SLACK_SIGNING_SECRET stops the start with one line naming it (exit 1).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.health import add_health_route
from bot.logs import configure_logging, secrets_in, start_request
from bot.services import Runtime
from bot.settings import Settings, SlackSettings, load_settings, setting_warnings
from bot.slack_app.app import PLATFORM, SlackFrontEnd

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
REQUIRED = (("bot_token", "SLACK_BOT_TOKEN"), ("signing_secret", "SLACK_SIGNING_SECRET"))


def missing_setting(settings: SlackSettings) -> str | None:
    """The environment variable of the first required setting that is unset or empty."""
    for field, name in REQUIRED:
        value = getattr(settings, field)
        if value is None or not value.get_secret_value().strip():
            return name
    return None


class TracedSocketModeHandler(AsyncSocketModeHandler):
    """Socket Mode with a request id per envelope (`slack-<envelope_id>`), carried from its ack to the work's posts.

    The Socket Mode client handles each envelope in a task of its own, so the id set here is that envelope's alone.
    """

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        started = time.perf_counter()
        start_request("slack", f"slack-{req.envelope_id}" if req.envelope_id else None)
        await super().handle(client, req)
        log.info("Slack envelope acked: %s in %.1f ms", req.type, (time.perf_counter() - started) * 1000)


@dataclass
class Running:
    """A started app: its front end, the HTTP port it listens on, and how to stop it."""

    front: SlackFrontEnd
    port: int
    runner: web.AppRunner
    socket_mode: TracedSocketModeHandler | None = None

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop taking requests, then let the work already started finish (up to `timeout` seconds)."""
        if self.socket_mode is not None:
            await self.socket_mode.close_async()
        await self.runner.cleanup()
        await self.front.aclose(timeout)


async def start(runtime: Runtime, slack: SlackSettings) -> Running:
    """Open the store, check the token with Slack, then serve; /healthz answers 200 while the database answers.

    Raises SlackApiError when Slack refuses the bot token.
    """
    await runtime.store()
    await runtime.warm_up()  # the engine and HTTP client built before the first command, not by it
    front = SlackFrontEnd(runtime, slack)
    try:
        await front.client.auth_test()
    except BaseException:
        await front.aclose()
        raise
    runtime.register_poster(PLATFORM, front.post_to_channel)
    web_app = web.Application()

    async def events(request: web.Request) -> web.Response:
        started = time.perf_counter()
        start_request("slack", request.headers.get("X-Request-Id"))  # the work's tasks inherit it from here
        response = await front.app.async_dispatch(await to_bolt_request(request))
        log.info("Slack request acked: HTTP %s in %.1f ms", response.status, (time.perf_counter() - started) * 1000)
        return await to_aiohttp_response(response)

    socket_mode = slack.app_token is not None and bool(slack.app_token.get_secret_value().strip())
    if not socket_mode:
        web_app.router.add_post(EVENTS_PATH, events)
    add_health_route(web_app, runtime)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, slack.host, slack.port)
    await site.start()
    port = runner.addresses[0][1]
    running = Running(front, port, runner)
    if socket_mode and slack.app_token is not None:
        handler = TracedSocketModeHandler(front.app, slack.app_token.get_secret_value(), web_client=front.client)
        await handler.connect_async()
        running.socket_mode = handler
        log.info("briefbot slack: Socket Mode connected; health on port %s", port)
    else:
        log.info("briefbot slack: listening on http://%s:%s%s", slack.host, port, EVENTS_PATH)
    return running


async def serve(settings: Settings, slack: SlackSettings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    # Threads, not the process pool: measured with bench/slack.py, the pool's hand-offs cost more than they save
    # for chat commands whose fetches and briefings are shared (coalesced, cached); Discord's bench gains from it.
    async with Runtime(settings) as runtime:
        try:
            running = await start(runtime, slack)
        except SlackApiError as error:
            print(f"briefbot slack: Slack refused SLACK_BOT_TOKEN ({error.response.get('error')})", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"briefbot slack: cannot start: {error}", file=sys.stderr)
            return 1
        await stop.wait()
        await running.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="briefbot slack",
        description="Run the Slack app: HTTP on $BRIEFBOT_HOST:$PORT, or Socket Mode when SLACK_APP_TOKEN is set.",
    )
    parser.parse_args(list(argv or []))
    slack = SlackSettings()
    missing = missing_setting(slack)
    if missing:
        print(f"briefbot slack: {missing} is not set", file=sys.stderr)
        return 1
    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level, secrets_in(settings, slack), setting_warnings(settings))
    return asyncio.run(serve(settings, slack))
