"""A process killed between claim and send loses nothing: the claim is offered again after the claim timeout."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.channels import CONSOLE
from bot.services import Runtime, deliver, preview
from tests.bot.services.conftest import settings_for
from tests.bot.services.test_digests import add_pending

ROOT = Path(__file__).resolve().parents[3]


async def test_killed_between_claim_and_send_the_article_comes_back(tmp_path, seed):
    async with Runtime(settings_for(tmp_path, claim_timeout=1.0)) as runtime:
        await add_pending(runtime, [seed])
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.bot.services.digest_worker", runtime.settings.database_url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            line = await asyncio.to_thread(worker.stdout.readline)
            assert line.strip() == "sending 1"  # claimed, and in the middle of sending
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
        assert (await preview(runtime, CONSOLE)).stories == ()  # claimed by a process that may still send
        await asyncio.sleep(1.2)
        sent = []

        async def send(digest):
            sent.append(digest)

        delivered = await deliver(runtime, CONSOLE, send)
        assert [s.title for s in delivered.stories] == [seed.title] and len(sent) == 1
        assert (await deliver(runtime, CONSOLE, send)).stories == ()  # confirmed now: never again
