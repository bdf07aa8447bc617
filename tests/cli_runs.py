"""The terminal front end run in this process, as `python -m bot` would run it, for tests that need no process."""

from __future__ import annotations

import pytest

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`briefbot ARGV` here: its exit code, stdout and stderr (~0.5 s of start-up less than a process)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
