"""Run as a process: deliver the console digest with a send that announces itself and hangs, to be killed."""

from __future__ import annotations

import asyncio
import sys

from bot.channels import CONSOLE
from bot.replies import DigestReply
from bot.services import Runtime, deliver
from bot.settings import Settings


async def main() -> None:
    async def hang(digest: DigestReply) -> None:
        print(f"sending {len(digest.stories)}", flush=True)
        await asyncio.sleep(3600)

    async with Runtime(Settings(database_url=sys.argv[1])) as runtime:
        await deliver(runtime, CONSOLE, hang)


if __name__ == "__main__":
    asyncio.run(main())
