"""The console channel of `briefbot run`: its digests print on stdout, and on a terminal each typed line is a command.

It is what runs with no chat tokens: `briefbot feeds add URL` subscribes the console, and the scheduler posts its
digest here at the channel's time. Lines are read in a daemon thread, so a quiet terminal never holds up a shutdown.
"""

from __future__ import annotations

import asyncio
import sys
import threading

from bot.channels import CONSOLE, ChannelRef
from bot.commands import parse_command
from bot.logs import start_request
from bot.replies import Reply
from bot.services import Runtime, Where, handle
from bot.terminal import render

PROMPT_HINT = "Type a command (help, a URL, subscribe URL, feeds, digest now), or Ctrl-C to stop."


async def post_to_console(_channel: ChannelRef, reply: Reply) -> str | None:
    print(render(reply), flush=True)
    return None


def register(runtime: Runtime) -> None:
    runtime.register_poster(CONSOLE.platform, post_to_console)


async def read_commands(runtime: Runtime) -> None:
    """Runs typed lines as commands in the console channel until stdin closes; returns at once off a terminal."""
    if not sys.stdin.isatty():
        return
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="console-input", daemon=True).start()
    print(PROMPT_HINT, flush=True)
    while (line := await lines.get()) is not None:
        if line.strip():
            start_request("console")
            await handle(
                runtime, parse_command(line.strip()), Where(CONSOLE), lambda reply: post_to_console(CONSOLE, reply)
            )
