"""Run as a process: a digest scheduler on a shared database at a fixed 'now', posting by appending to a file.

`hang` makes the poster announce itself and hang (to be killed between the claim and the post).
Usage: scheduler_worker.py DATABASE_URL OUT_FILE NOW_ISO [hang]
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import datetime

from bot.channels import ChannelRef
from bot.replies import DigestReply, Reply
from bot.scheduler.digests import DigestScheduler
from bot.services import Runtime
from bot.settings import Settings


async def main(database_url: str, out: str, now: datetime, hang: bool) -> None:
    async def post(ref: ChannelRef, reply: Reply) -> None:
        assert isinstance(reply, DigestReply)
        if hang:
            print("posting", flush=True)
            await asyncio.sleep(3600)
        line = json.dumps({"channel": ref.channel_id, "urls": [s.url for s in (*reply.stories, *reply.more)]})
        with open(out, "a", encoding="utf-8") as file:  # one short append a post: atomic between processes
            file.write(line + "\n")

    settings = Settings(database_url=database_url, allow_private_addresses=True, first_poll_latest=0)
    async with Runtime(settings) as runtime:
        runtime.register_poster("slack", post)
        scheduler = DigestScheduler(runtime, clock=lambda: now)
        await scheduler.sync()
        outcomes = await scheduler.sweep()
        print(json.dumps({ref.channel_id: outcome for ref, outcome in outcomes.items()}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], datetime.fromisoformat(sys.argv[3]), sys.argv[4:] == ["hang"]))
