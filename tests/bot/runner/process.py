"""`briefbot run` as a child process: its environment, its log lines (JSON), and SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "PYTHONHASHSEED")
LISTENING = re.compile(r"listening on http://[^:]+:(\d+)/slack/events")


class BriefbotRun:
    """One `python -m bot run ...`; `lines` are its stderr lines, parsed as JSON where they are JSON."""

    def __init__(self, env: dict[str, str], *args: str, cwd: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if k in INHERITED} | {"PYTHONPATH": str(ROOT)} | env
        self.args = args
        self.cwd = cwd
        self.lines: list[str] = []
        self.stdout: list[str] = []
        self.proc: asyncio.subprocess.Process | None = None
        self._changed = asyncio.Condition()
        self._readers: list[asyncio.Task[None]] = []

    async def start(self) -> BriefbotRun:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", *self.args,
            cwd=self.cwd, env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its process pool is in its group: kill() ends them all
        )  # fmt: skip
        assert self.proc.stderr is not None and self.proc.stdout is not None
        self._readers = [
            asyncio.create_task(self._read(self.proc.stderr, self.lines)),
            asyncio.create_task(self._read(self.proc.stdout, self.stdout)),
        ]
        return self

    async def _read(self, stream: asyncio.StreamReader, into: list[str]) -> None:
        while line := await stream.readline():
            async with self._changed:
                into.append(line.decode(errors="replace").rstrip("\n"))
                self._changed.notify_all()
        async with self._changed:
            self._changed.notify_all()

    @property
    def records(self) -> list[dict[str, Any]]:
        parsed = []
        for line in self.lines:
            with contextlib.suppress(ValueError):
                parsed.append(json.loads(line))
        return parsed

    def messages(self) -> list[str]:
        return [r.get("message", "") for r in self.records]

    async def wait_for_log(self, check: Callable[[str], bool], timeout: float = 30.0) -> str:
        """The first stderr line passing `check`; fails early (with the log) when the process exits first."""

        def found() -> str | None:
            return next((line for line in self.lines if check(line)), None)

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None or self.exited), timeout)
            except TimeoutError:
                raise AssertionError("no such log line; stderr:\n" + "\n".join(self.lines[-40:])) from None
        line = found()
        assert line is not None, "exited first; stderr:\n" + "\n".join(self.lines[-40:])
        return line

    @property
    def exited(self) -> bool:
        return self.proc is not None and self.proc.returncode is not None

    async def slack_port(self) -> int:
        line = await self.wait_for_log(lambda text: LISTENING.search(text) is not None)
        match = LISTENING.search(line)
        assert match is not None
        return int(match.group(1))

    async def started(self) -> None:
        await self.wait_for_log(lambda text: "briefbot run: started" in text)

    async def terminate(self, timeout: float = 15.0) -> tuple[int, float]:
        """SIGTERM; the exit code and the seconds until exit."""
        assert self.proc is not None
        began = time.perf_counter()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
            raise
        await self._stop_reading()
        return code, time.perf_counter() - began

    async def kill(self) -> None:
        """Ends the process and whatever it started (the process pool), if still running."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        await self.proc.wait()
        await self._stop_reading()

    async def _stop_reading(self) -> None:
        """Reads to the end; a pipe a leftover child still holds is given up after a moment."""
        _, pending = await asyncio.wait(self._readers, timeout=5)
        for task in pending:
            task.cancel()
        await asyncio.gather(*self._readers, return_exceptions=True)
