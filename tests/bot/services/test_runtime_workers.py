"""The runtime's process pool: its workers never outlive the process that started it, even one killed with `kill -9`,
and run below the event loop's CPU priority."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

STARTS_A_POOL = """
import asyncio, json, multiprocessing.forkserver as fs, multiprocessing.resource_tracker as rt, sys, time
from bot.services import Runtime
from bot.settings import Settings

async def main():
    runtime = Runtime(Settings(database_url="sqlite://"))
    await asyncio.get_running_loop().run_in_executor(runtime.executor, sum, [1, 2])
    workers = list(runtime.executor._processes)
    print(json.dumps(workers + [fs._forkserver._forkserver_pid, rt._resource_tracker._pid]), flush=True)
    time.sleep(600)

asyncio.run(main())
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its parent's (or init's) reaping is left


def test_pool_workers_forkserver_and_tracker_exit_after_kill_9():
    proc = subprocess.Popen([sys.executable, "-c", STARTS_A_POOL], stdout=subprocess.PIPE, text=True)
    try:
        children = json.loads(proc.stdout.readline())
        assert children and all(_alive(pid) for pid in children)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in children if _alive(pid)] == []


async def test_warmed_pool_workers_run_below_the_event_loops_priority():
    import asyncio

    from bot.services import Runtime
    from bot.services.runtime import WORKER_NICENESS
    from bot.settings import Settings

    async with Runtime(Settings(database_url="sqlite://"), cpu_pool=True) as runtime:
        await runtime.warm_up()
        niceness = await asyncio.get_running_loop().run_in_executor(runtime.executor, os.nice, 0)
    assert niceness == min(19, os.nice(0) + WORKER_NICENESS)
