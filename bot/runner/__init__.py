"""`briefbot run`: every configured front end and the digest scheduler in one asyncio process.

The small-install default runs all of them; `--only slack|discord|scheduler` runs one (the Procfile's process
types, each of which may run as several replicas on one PostgreSQL). With no chat tokens it runs the console channel
and says how to add Slack or Discord. SIGTERM or Ctrl-C: stop taking work, let what is in flight finish for up to
`shutdown_drain` seconds (7 by default), cancel the rest (which releases its claims), exit 0 within 10 s. This is
the composition root of the long-running process, the one module that imports several front ends.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence

import discord
from aiohttp import web
from slack_sdk.errors import SlackApiError

from bot.config_file import CONFIG_ENV, ConfigFileError
from bot.discord_app.bot import BriefbotClient
from bot.discord_app.main import REJECTED_TOKEN, point_discord_py_at
from bot.health import HEALTH_PATH, add_health_route
from bot.logs import configure_logging, secrets_in
from bot.runner import console
from bot.runner.plan import DISCORD_HINT, PARTS, SLACK_HINT, ConfigInvalid, Configuration, load_configuration
from bot.scheduler.digests import DigestScheduler
from bot.services import Runtime
from bot.settings import setting_warnings
from bot.slack_app.app import PLATFORM as SLACK
from bot.slack_app.app import SlackFrontEnd
from bot.slack_app.main import Running as SlackRunning
from bot.slack_app.main import start as start_slack
from summaries.errors import BriefbotError

log = logging.getLogger(__name__)

NO_CHAT_HINT = (
    "briefbot run: no Slack or Discord tokens, so only the console channel runs: digests of feeds added with "
    f"`briefbot feeds add URL` print here. To add Slack, {SLACK_HINT}; to add Discord, {DISCORD_HINT}. "
    "`briefbot config check` says what is missing."
)

Stopper = Callable[[float], Awaitable[None]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbot run", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=PARTS, help="run this part alone (a Procfile process type)")
    parser.add_argument("--config", metavar="PATH", help=f"the TOML file (default ${CONFIG_ENV}, else ./briefbot.toml)")
    args = parser.parse_args(list(argv or []))
    if args.config:
        os.environ[CONFIG_ENV] = args.config
    try:
        config = load_configuration()
    except ConfigFileError as error:
        print(f"briefbot run: {error}", file=sys.stderr)
        return 1
    except ConfigInvalid as invalid:
        print(f"briefbot run: settings not valid: {invalid}", file=sys.stderr)
        return 1
    if args.only in ("slack", "discord") and not config.front_ends[args.only].ready:
        missing = " and ".join(config.front_ends[args.only].missing)
        print(f"briefbot run --only {args.only}: {missing} is not set", file=sys.stderr)
        return 1
    settings = config.settings
    secret_values = secrets_in(settings, config.slack, config.discord, config.llm)
    configure_logging(settings.log_format, settings.log_level, secret_values, setting_warnings(settings))
    return asyncio.run(serve(config, args.only))


class Process:
    """The parts one `briefbot run` started, and how to stop each: first taking work, then the rest."""

    def __init__(self, config: Configuration, only: str | None) -> None:
        self.config = config
        self.only = only
        self.drains: list[Stopper] = []
        self.closers: list[Callable[[], Awaitable[None]]] = []
        self.watched: list[asyncio.Task[None]] = []
        self.parts: list[str] = []

    def wants(self, part: str) -> bool:
        if part in ("slack", "discord"):
            ready = self.config.front_ends[part].ready
            return ready and self.only in (None, part)
        return self.only in (None, part)

    async def start(self, runtime: Runtime) -> None:
        if self.wants("slack"):
            await self._start_slack(runtime)
        elif self.only is None:
            await self._start_health(runtime)
        elif self.only == "scheduler" and self.config.front_ends["slack"].ready:
            self._slack_poster(runtime)
        if self.wants("discord"):
            await self._start_discord(runtime, gateway=True)
        elif self.only == "scheduler" and self.config.front_ends["discord"].ready:
            await self._start_discord(runtime, gateway=False)
        if self.only in (None, "scheduler"):
            console.register(runtime)
        if self.wants("scheduler"):
            await self._start_scheduler(runtime)

    async def _start_slack(self, runtime: Runtime) -> None:
        running: SlackRunning = await start_slack(runtime, self.config.slack)

        async def drain(timeout: float) -> None:
            if running.socket_mode is not None:
                await running.socket_mode.close_async()
            await running.runner.cleanup()
            await running.front.idle(timeout)

        self.drains.append(drain)
        self.closers.append(lambda: running.front.aclose(0))
        self.parts.append(f"slack ({self.config.front_ends['slack'].detail}, port {running.port})")

    def _slack_poster(self, runtime: Runtime) -> None:
        front = SlackFrontEnd(runtime, self.config.slack)
        runtime.register_poster(SLACK, front.post_to_channel)
        self.closers.append(lambda: front.aclose(0))
        self.parts.append("slack (posting only)")

    async def _start_health(self, runtime: Runtime) -> None:
        app = web.Application()
        add_health_route(app, runtime)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, self.config.slack.host, self.config.slack.port).start()
        port = runner.addresses[0][1]
        log.info("briefbot run: health on http://%s:%s%s", self.config.slack.host, port, HEALTH_PATH)
        self.closers.append(runner.cleanup)

    async def _start_discord(self, runtime: Runtime, *, gateway: bool) -> None:
        settings = self.config.discord
        assert settings.token is not None
        point_discord_py_at(settings)
        client = BriefbotClient(runtime, settings)
        await client.login(settings.token.get_secret_value().strip())
        self.closers.append(client.close)
        if not gateway:
            self.parts.append("discord (posting only)")
            return
        self.watched.append(asyncio.create_task(client.connect(), name="discord gateway"))
        self.drains.append(client.drain)
        self.parts.append("discord")

    async def _start_scheduler(self, runtime: Runtime) -> None:
        scheduler = DigestScheduler(runtime)
        await scheduler.start()
        self.drains.append(scheduler.drain)
        self.closers.insert(0, scheduler.stop)  # before the posters' sessions close
        self.parts.append("scheduler")

    async def stop(self) -> None:
        """Every part stops taking work and drains at once; then each closes (cancelling what is left)."""
        # In-flight work gets `shutdown_drain` seconds; closing takes the rest of the 10 s platforms allow.
        drain_for = self.config.settings.shutdown_drain
        await asyncio.gather(*(drain(drain_for) for drain in self.drains), return_exceptions=True)
        for close in self.closers:
            try:
                await close()
            except Exception:
                log.exception("Closing failed")
        for task in self.watched:
            task.cancel()
        await asyncio.gather(*self.watched, return_exceptions=True)


async def serve(config: Configuration, only: str | None) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with Runtime(config.settings, cpu_pool=True) as runtime:
        process = Process(config, only)
        try:
            await runtime.store()
            await runtime.warm_up()
            await process.start(runtime)
        except SlackApiError as error:
            print(f"briefbot run: Slack refused SLACK_BOT_TOKEN ({error.response.get('error')})", file=sys.stderr)
            await process.stop()
            return 1
        except discord.LoginFailure:
            print(REJECTED_TOKEN, file=sys.stderr)
            await process.stop()
            return 1
        except (BriefbotError, OSError) as error:
            print(f"briefbot run: cannot start: {error}", file=sys.stderr)
            await process.stop()
            return 1
        log.info("briefbot run: started %s", ", ".join(process.parts) or "nothing")
        if only is None and not config.chat_ready:
            print(NO_CHAT_HINT, file=sys.stderr, flush=True)
            process.watched.append(asyncio.create_task(console.read_commands(runtime), name="console"))
        stopped = asyncio.create_task(stop.wait())
        watched = [task for task in process.watched if task.get_name() != "console"]
        done, _ = await asyncio.wait([stopped, *watched], return_when=asyncio.FIRST_COMPLETED)
        failed = stopped not in done
        if failed:
            for task in done:
                with contextlib.suppress(asyncio.CancelledError):
                    if task.exception() is not None:
                        log.error("briefbot run: %s stopped: %s", task.get_name(), task.exception())
        log.info("briefbot run: stopping")
        stopped.cancel()
        await process.stop()
    log.info("briefbot run: stopped")
    return 1 if failed else 0
